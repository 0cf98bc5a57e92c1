"""Retrieval on fakes: modes, filters in both indexes, grouping, language-aware fusion."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from copilot.backends.embedder import FakeEmbedder
from copilot.backends.lexical_index import FakeLexicalIndex, SQLiteBM25Index
from copilot.backends.vector_index import FakeVectorIndex
from copilot.domain import Chunk, Document, Kind, SearchFilters
from copilot.errors import InputError
from copilot.retrieval import MODES, FusionWeights, Mode, Retriever
from copilot.settings import Settings
from ingest.chunking import chunk_document, embedding_text


def doc(
    doc_id: str,
    title: str,
    body: str,
    *,
    kind: Kind = "article",
    lang: str = "en",
    created: str | None = None,
) -> Document:
    return Document(
        id=doc_id,
        kind=kind,
        title=title,
        body=body,
        lang=lang,
        created_at=datetime.fromisoformat(created).replace(tzinfo=UTC) if created else None,
    )


DOCS = [
    doc("pw", "Reset your password", "## Reset link\nClick Forgot password on the login page."),
    doc("inv", "Create an invoice", "## Send\nOpen Invoices and click New invoice to send it."),
    doc(
        "vat",
        "VAT ID",
        "## Add\nEnter your VAT ID under Settings and Billing.",
        created="2025-06-01",
    ),
    doc(
        "t1",
        "Password email missing",
        "The reset email never came.\nResolution: Check the spam folder first.",
        kind="ticket",
        created="2025-01-01",
    ),
    doc(
        "de-rech",
        "Rechnungsadresse ändern",
        "## Adresse\nDie Adresse auf Rechnungen ändern Sie unter Einstellungen.",
        lang="de",
    ),
]


def chunks_of(docs: list[Document]) -> list[Chunk]:
    embedder = FakeEmbedder()
    return [
        c
        for d in docs
        for c in chunk_document(
            d, max_tokens=64, overlap_tokens=0, count_tokens=embedder.count_tokens
        )
    ]


def build(
    docs: list[Document] = DOCS, *, lexical: str = "fake", foreign_dense: float = 0.0
) -> Retriever:
    embedder = FakeEmbedder()
    vectors = FakeVectorIndex(model_id=embedder.model_id, dimension=embedder.dimension)
    lex = FakeLexicalIndex() if lexical == "fake" else SQLiteBM25Index(":memory:")
    chunks = chunks_of(docs)
    vectors.upsert(chunks, embedder.embed_documents([embedding_text(c) for c in chunks]))
    lex.upsert(chunks)
    return Retriever(
        embedder=embedder,
        vector_index=vectors,
        lexical_index=lex,
        mode="hybrid",
        candidates=50,
        foreign_dense=foreign_dense,
    )


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lexical", ["fake", "bm25"])
def test_every_mode_finds_the_matching_article(mode: Mode, lexical: str) -> None:
    """Each mode must rank the article that shares the question's words first."""
    retriever = build(lexical=lexical)
    groups = retriever.search_documents("how do I reset my password", k=3, mode=mode)
    assert groups[0].doc_id in {"pw", "t1"}
    assert "pw" in [g.doc_id for g in groups]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lexical", ["fake", "bm25"])
def test_filters_apply_in_both_indexes(mode: Mode, lexical: str) -> None:
    """Replay must never see a ticket itself, later knowledge, or another kind when filtered."""
    retriever = build(lexical=lexical)
    cutoff = datetime(2025, 3, 1, tzinfo=UTC).timestamp()
    filters = SearchFilters(
        kinds=("article",), available_before=cutoff, exclude_doc_ids=frozenset({"inv"})
    )
    found = {
        r.chunk.doc_id
        for r in retriever.search(
            "password invoice VAT reset email", k=20, mode=mode, filters=filters
        )
    }
    assert found
    assert found.isdisjoint({"t1", "vat", "inv"})
    german = retriever.search("Adresse Rechnung", k=20, mode=mode, filters=SearchFilters(lang="de"))
    assert {r.chunk.doc_id for r in german} == {"de-rech"}


def test_documents_are_grouped_with_their_best_passages_first() -> None:
    """A long article must appear once, with up to three passages, best first."""
    long_doc = doc(
        "long",
        "Password help",
        "\n\n".join(f"## Part {i}\nPassword reset step {i} explained here." for i in range(6)),
    )
    retriever = build([*DOCS, long_doc])
    groups = retriever.search_documents("password reset", k=5)
    ids = [g.doc_id for g in groups]
    assert len(ids) == len(set(ids))
    for group in groups:
        assert 1 <= len(group.passages) <= 3
        scores = [p.score for p in group.passages]
        assert scores == sorted(scores, reverse=True)
        assert all(p.chunk.doc_id == group.doc_id for p in group.passages)


def test_hybrid_for_a_language_the_embedder_cannot_read_follows_lexical() -> None:
    """With an English-only embedder, German tickets must not be worse than lexical alone."""
    retriever = build(foreign_dense=0.0)
    query = "Wo ändere ich die Adresse auf meinen Rechnungen?"
    hybrid = [g.doc_id for g in retriever.search_documents(query, k=5, mode="hybrid")]
    lexical = [g.doc_id for g in retriever.search_documents(query, k=5, mode="lexical")]
    assert hybrid[0] == lexical[0] == "de-rech"
    assert not retriever.reads("de")
    assert retriever.reads("en")


def test_hybrid_carries_the_signals_confidence_needs() -> None:
    """The drafter's agreement signal needs both modes' ranks of each document."""
    retriever = build()
    best = retriever.search_documents("reset password login page", k=3)[0]
    assert best.signals.dense_rank is not None
    assert best.signals.lexical_rank is not None
    assert best.signals.dense is not None
    assert best.signals.dense > 0


def test_heading_weight_lifts_the_article_whose_section_names_the_topic() -> None:
    """A question naming a section heading should find that article even with few shared words."""
    docs = [
        doc("a", "Billing", "## Change your payment method\nGo to the billing page."),
        doc("b", "Payments", "## Overview\nPayment method payment method cards accepted."),
    ]
    retriever = build(docs)
    retriever.weights = FusionWeights(dense=0.0, lexical=0.0, heading=1.0)
    assert retriever.search_documents("change payment method", k=2)[0].doc_id == "a"


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_is_refused(query: str) -> None:
    """An empty search would return arbitrary chunks; the caller must be told."""
    with pytest.raises(InputError):
        build().search(query)


def test_an_unknown_mode_is_refused_with_the_valid_ones() -> None:
    """A typo in --mode must name the valid modes."""
    with pytest.raises(InputError, match="dense, lexical, hybrid"):
        build().search("password", mode="fuzzy")  # type: ignore[arg-type]


def test_a_multilingual_embedder_is_trusted_for_the_languages_config_names(
    fake_settings: Settings,
) -> None:
    """Dropping in a multilingual model is config: dense_langs decides where dense counts."""
    from copilot.services import Components

    retrieval = fake_settings.retrieval.model_copy(update={"dense_langs": ["en", "de"]})
    settings = fake_settings.model_copy(update={"retrieval": retrieval})
    retriever = Components(settings).retriever
    assert retriever.reads("de")
    assert (
        retriever._weights_for("Wo ändere ich die Adresse auf der Rechnung?") == retriever.weights
    )
    english_only = Components(fake_settings).retriever
    assert english_only._weights_for("Wo ändere ich die Adresse auf der Rechnung?").dense == 0.0
