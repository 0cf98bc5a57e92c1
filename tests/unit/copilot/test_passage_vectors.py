"""Passage vectors pooled at ingest: stored for every candidate passage, used by the drafter
instead of embedding the passages per request, and deleted with their chunks."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from copilot.backends.embedder import Embedder, FakeEmbedder, TokenStates, Vectors
from copilot.backends.lexical_index import (
    FakeLexicalIndex,
    PassageVector,
    PassageVectorStore,
    SQLiteBM25Index,
)
from copilot.backends.vector_index import FakeVectorIndex
from copilot.domain import Chunk, Ticket
from copilot.drafting import RECHECK, ExtractiveDrafter
from copilot.passage_vectors import sentence_spans
from copilot.passages import Passage, passage_key, section_units, sections_of
from copilot.retrieval import Retriever
from copilot.settings import DraftingSettings
from ingest.chunking import embedding_text
from ingest.job import IngestOptions, run_ingest
from ingest.manifest import Manifest
from ingest.target import IngestTarget

_WORD = re.compile(r"\w+")
MAX_SENTENCES = 4
OPTS = IngestOptions(chunk_tokens=60, overlap_tokens=8, batch_size=2, passage_sentences=4)

ARTICLES = {
    "export": "## Export invoices\nOpen Reports. Choose Export and pick CSV. The file arrives by "
    "e-mail within minutes.\n## Export limits\nExports hold at most 10,000 rows. Larger "
    "exports are split into several files.",
    "vat": "## Add a VAT ID\n1. Open Settings.\n2. Click Billing.\n3. Enter the VAT ID and "
    "save.\n## Why VAT IDs fail\nVIES may be down for a few hours. Try again later.",
    "login": "## Reset your password\nClick Forgot password on the login page. We send a link "
    "that works for one hour. Check your spam folder if it does not arrive.",
}


class TokenFakeEmbedder(FakeEmbedder):
    """The fake embedder that also hands out token states (one hashed unit vector per word,
    two special tokens) and counts the texts it embeds."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded: list[str] = []
        self.queries: list[str] = []

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        self.embedded += list(texts)
        return super().embed_documents(texts)

    def embed_query(self, text: str) -> Vectors:
        self.queries.append(text)
        vector: Vectors = super().embed_documents([text])[0]
        return vector

    def embed_with_token_states(self, texts: Sequence[str]) -> tuple[Vectors, list[TokenStates]]:
        states = []
        for text in texts:
            spans = [(0, 0), *(m.span() for m in _WORD.finditer(text)), (0, 0)]
            words = ["[cls]", *_WORD.findall(text.lower()), "[sep]"]
            rows = super().embed_documents(words)
            states.append(TokenStates(np.array(spans, dtype=np.int32), rows))
        return super().embed_documents(texts), states


def write_articles(path: Path, bodies: dict[str, str]) -> Path:
    lines = [json.dumps({"id": i, "title": f"Guide {i}", "body": b}) for i, b in bodies.items()]
    path.write_text("\n".join(lines) + "\n")
    return path


def ingest(tmp_path: Path, embedder: FakeEmbedder, bodies: dict[str, str]) -> IngestTarget:
    target = IngestTarget(
        embedder=embedder,
        vector_index=FakeVectorIndex(model_id=embedder.model_id, dimension=embedder.dimension),
        lexical_index=FakeLexicalIndex(),
        manifest=Manifest.open(tmp_path / "data"),
    )
    run_ingest(write_articles(tmp_path / "a.jsonl", bodies), target=target, options=OPTS)
    return target


def lexical_of(target: IngestTarget) -> FakeLexicalIndex:
    """The fake lexical index the ingest wrote to (fails if it is another)."""
    store = target.lexical_index
    assert isinstance(store, FakeLexicalIndex)
    return store


def candidate_passages(store: FakeLexicalIndex, doc_id: str) -> list[Passage]:
    chunks = store.chunks_for_doc(doc_id)
    return [
        u
        for s in sections_of(chunks)
        if not s.internal
        for u in section_units(s, max_sentences=MAX_SENTENCES)
    ]


def stored(store: PassageVectorStore, units: Sequence[Passage], model_id: str) -> int:
    keys = [(u.chunk.id, passage_key(u)) for u in units]
    return len(store.passage_vectors(keys, model_id=model_id))


def test_ingest_stores_a_vector_for_every_candidate_passage(tmp_path: Path) -> None:
    """A passage the drafter can cut from an ingested article had no stored vector."""
    embedder = TokenFakeEmbedder()
    target = ingest(tmp_path, embedder, ARTICLES)
    store = lexical_of(target)
    for doc_id in ARTICLES:
        units = candidate_passages(store, doc_id)
        assert units
        assert stored(store, units, embedder.model_id) == len(units)


def test_an_embedder_without_token_states_stores_no_passage_vectors(tmp_path: Path) -> None:
    """Ingest with an embedder that has no token access stored passage vectors anyway."""
    embedder = FakeEmbedder()
    target = ingest(tmp_path, embedder, ARTICLES)
    store = lexical_of(target)
    units = [u for d in ARTICLES for u in candidate_passages(store, d)]
    assert units
    assert stored(store, units, embedder.model_id) == 0


def retriever_over(target: IngestTarget, embedder: Embedder) -> Retriever:
    """An English retriever over what ``target`` was ingested into."""
    return Retriever(
        embedder=embedder,
        vector_index=target.vector_index,
        lexical_index=target.lexical_index,
        dense_langs=("en",),
    )


def drafter_over(target: IngestTarget, embedder: FakeEmbedder) -> ExtractiveDrafter:
    return ExtractiveDrafter(
        retriever_over(target, embedder), settings=DraftingSettings(max_sentences=MAX_SENTENCES)
    )


def test_a_draft_embeds_the_question_and_at_most_the_rechecked_passages(tmp_path: Path) -> None:
    """A draft over an index with pooled passage vectors embedded every candidate passage."""
    embedder = TokenFakeEmbedder()
    target = ingest(tmp_path, embedder, ARTICLES)
    drafter = drafter_over(target, embedder)
    embedder.embedded.clear()
    draft = drafter.draft(Ticket(body="How do I export my invoices as CSV?"))
    assert draft.citations
    assert set(embedder.queries) == {"How do I export my invoices as CSV?"}
    store = lexical_of(target)
    candidates = {u.embedding_text() for d in ARTICLES for u in candidate_passages(store, d)}
    passages = [t for t in embedder.embedded if t in candidates]
    assert 0 < len(passages) <= RECHECK + 1 < len(candidates)


def test_without_passage_vectors_the_same_draft_embeds_every_candidate(tmp_path: Path) -> None:
    """The drafter's fallback (no stored vectors) did not embed the candidates itself."""
    embedder = TokenFakeEmbedder()
    target = ingest(tmp_path, FakeEmbedder(), ARTICLES)  # no token states: nothing stored
    drafter = drafter_over(target, embedder)
    draft = drafter.draft(Ticket(body="How do I export my invoices as CSV?"))
    assert draft.citations
    store = lexical_of(target)
    candidates = {u.embedding_text() for d in ARTICLES for u in candidate_passages(store, d)}
    assert len([t for t in embedder.embedded if t in candidates]) > RECHECK + 1


def test_sync_deletes_the_passage_vectors_of_a_removed_document(tmp_path: Path) -> None:
    """A document deleted by a sync left its passage vectors behind."""
    embedder = TokenFakeEmbedder()
    target = ingest(tmp_path, embedder, ARTICLES)
    store = lexical_of(target)
    gone = candidate_passages(store, "vat")
    kept = candidate_passages(store, "login")
    source = write_articles(tmp_path / "a.jsonl", {k: v for k, v in ARTICLES.items() if k != "vat"})
    run_ingest(source, target=target, options=OPTS, sync=True)
    assert stored(store, gone, embedder.model_id) == 0
    assert stored(store, kept, embedder.model_id) == len(kept)


def test_an_edited_document_keeps_only_the_vectors_of_its_new_passages(tmp_path: Path) -> None:
    """Re-ingesting an edited document kept vectors of passages it no longer has."""
    embedder = TokenFakeEmbedder()
    target = ingest(tmp_path, embedder, ARTICLES)
    store = lexical_of(target)
    old = candidate_passages(store, "login")
    edited = {**ARTICLES, "login": "## Reset your password\nUse the reset link in the app."}
    run_ingest(write_articles(tmp_path / "a.jsonl", edited), target=target, options=OPTS)
    new = candidate_passages(store, "login")
    assert stored(store, old, embedder.model_id) == 0
    assert stored(store, new, embedder.model_id) == len(new)


def chunk(text: str, *, heading: str = "Billing") -> Chunk:
    return Chunk(
        id="article:a:0", doc_id="a", kind="article", title="Guide", heading=heading, text=text
    )


@pytest.mark.parametrize(
    "text",
    [
        "Open Reports. Choose Export and pick CSV.\n1. Open Settings.\n2. Click **Billing**.",
        "- First item here.\n- Second [item](https://example.com/x) here.\nA closing line.",
        "One sentence only",
    ],
)
def test_each_sentence_span_points_at_its_text_in_the_embedding_text(text: str) -> None:
    """A located sentence's character span held other text than the sentence."""
    c = chunk(text)
    full = embedding_text(c)
    spans = list(sentence_spans(c))
    assert spans
    for sentence, start, end in spans:
        words = _WORD.findall(sentence)
        assert _WORD.findall(full[start:end])[: len(words)][:1] == words[:1]
        assert start >= len("Guide - Billing\n")


def sqlite_store_with(chunks: Sequence[Chunk]) -> SQLiteBM25Index:
    store = SQLiteBM25Index(":memory:")
    store.upsert(chunks)
    return store


def test_sqlite_store_returns_vectors_only_for_their_model() -> None:
    """A passage vector came back for another model, or not at all for its own."""
    store = sqlite_store_with([chunk("Open Reports.")])
    vector = np.full(4, 0.5, dtype=np.float32)
    store.put_passage_vectors([PassageVector("article:a:0", b"k", vector)], model_id="m1")
    found = store.passage_vectors([("article:a:0", b"k")], model_id="m1")
    assert np.allclose(found[("article:a:0", b"k")], vector, atol=1e-3)
    assert store.passage_vectors([("article:a:0", b"k")], model_id="m2") == {}


def test_sqlite_store_drops_vectors_when_their_chunk_is_deleted_or_rewritten() -> None:
    """A passage vector survived the deletion or the rewrite of its chunk."""
    store = sqlite_store_with([chunk("Open Reports.")])
    row = PassageVector("article:a:0", b"k", np.ones(4, dtype=np.float32))
    store.put_passage_vectors([row], model_id="m")
    store.upsert([chunk("Open Reports and export.")])
    assert store.passage_vectors([("article:a:0", b"k")], model_id="m") == {}
    store.put_passage_vectors([row], model_id="m")
    store.delete(["article:a:0"])
    assert store.passage_vectors([("article:a:0", b"k")], model_id="m") == {}
    store.put_passage_vectors([row], model_id="m")  # its chunk is gone: not stored
    store.upsert([chunk("Open Reports.")])
    assert store.passage_vectors([("article:a:0", b"k")], model_id="m") == {}
