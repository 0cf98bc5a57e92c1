"""Contract suites: one set of behaviours every implementation of a protocol must show.

Each suite is a base class; a test module subclasses it and provides the ``make_*`` fixture
for the fake or the real adapter, so fakes and real backends pass the very same tests.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import numpy as np
import pytest

from copilot.backends.embedder import Embedder
from copilot.backends.lexical_index import LexicalIndex
from copilot.backends.vector_index import VectorIndex
from copilot.domain import Chunk, SearchFilters
from ingest.chunking import embedding_text

JAN = datetime(2026, 1, 1, tzinfo=UTC)
JUN = datetime(2026, 6, 1, tzinfo=UTC)

CHUNKS = [
    Chunk(
        id="article:a1:0",
        doc_id="a1",
        kind="article",
        title="Reset your password",
        text="Open Settings and choose Reset password to get a reset link by email.",
        lang="en",
        created_at=JAN,
        url="https://help.example/a1",
    ),
    Chunk(
        id="article:a2:0",
        doc_id="a2",
        kind="article",
        title="Passwort zurücksetzen",
        text="Öffnen Sie die Einstellungen und wählen Sie Passwort zurücksetzen.",
        lang="de",
        created_at=JUN,
    ),
    Chunk(
        id="ticket:t1:0",
        doc_id="t1",
        kind="ticket",
        title="Invoice VAT number",
        text="How do I add my VAT number to invoices? Resolution: Add it under Billing.",
        lang="en",
        created_at=JAN,
    ),
    Chunk(
        id="article:a3:0",
        doc_id="a3",
        kind="article",
        title="Export invoices",
        text="Export all invoices as CSV from Invoices, then Export.",
        lang="en",
    ),
    Chunk(
        id="article:a3:1",
        doc_id="a3",
        kind="article",
        title="Export invoices",
        text="Large exports arrive by email within ten minutes.",
        lang="en",
    ),
]


class EmbedderContract:
    """Behaviours of every ``Embedder``."""

    @pytest.fixture
    def embedder(self) -> Embedder:
        raise NotImplementedError

    def test_vectors_are_unit_length_with_declared_dimension(self, embedder: Embedder) -> None:
        """Vectors must be normalized and as long as ``dimension`` says."""
        vecs = embedder.embed_documents(["reset my password", "Rechnung exportieren", ""])
        assert vecs.shape == (3, embedder.dimension)
        assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)

    def test_same_text_gives_same_vector(self, embedder: Embedder) -> None:
        """Embedding must be deterministic in each role, alone or in a batch, or re-ingest
        would churn the index (a query and a passage may differ: e5 embeds them apart)."""
        text = "export invoices as CSV"
        assert np.allclose(embedder.embed_query(text), embedder.embed_query(text), atol=1e-5)
        alone = embedder.embed_documents([text])[0]
        batched = embedder.embed_documents(["Rechnung exportieren", text])[1]
        assert np.allclose(alone, batched, atol=1e-5)

    def test_query_lands_near_the_same_words_as_passage(self, embedder: Embedder) -> None:
        """Whatever the roles do, a question must stay closest to a passage of its own words."""
        q = embedder.embed_query("export invoices as CSV")
        same, other = embedder.embed_documents(["export invoices as CSV", "reset my password"])
        assert float(q @ same) > max(0.8, float(q @ other))

    def test_related_text_is_closer_than_unrelated(self, embedder: Embedder) -> None:
        """A query must land nearer a passage sharing its words than an unrelated one."""
        q = embedder.embed_query("how do I reset my password")
        near, far = embedder.embed_documents(
            ["To reset your password open the password page", "Invoices are exported monthly"]
        )
        assert float(q @ near) > float(q @ far)

    def test_empty_batch_gives_empty_matrix(self, embedder: Embedder) -> None:
        """An empty batch must not crash the ingest loop."""
        assert embedder.embed_documents([]).shape[0] == 0

    def test_count_tokens_grows_with_text(self, embedder: Embedder) -> None:
        """Token counts bound chunk sizes, so longer text must count more."""
        short, long = embedder.count_tokens(["one two", "one two three four five six"])
        assert 0 < short < long


class VectorIndexContract:
    """Behaviours of every ``VectorIndex``."""

    @pytest.fixture
    def index(self) -> VectorIndex:
        raise NotImplementedError

    @pytest.fixture
    def embedder(self) -> Embedder:
        raise NotImplementedError

    def _fill(self, index: VectorIndex, embedder: Embedder) -> None:
        index.upsert(CHUNKS, embedder.embed_documents([embedding_text(c) for c in CHUNKS]))

    def test_upsert_is_idempotent(self, index: VectorIndex, embedder: Embedder) -> None:
        """Upserting the same chunks twice must not duplicate them."""
        self._fill(index, embedder)
        self._fill(index, embedder)
        assert index.count() == len(CHUNKS)

    def test_upsert_replaces_text(self, index: VectorIndex, embedder: Embedder) -> None:
        """An upsert with a known id must replace the stored text."""
        self._fill(index, embedder)
        changed = dataclasses.replace(CHUNKS[3], text="Exports are now under Reports.")
        index.upsert([changed], embedder.embed_documents([embedding_text(changed)]))
        hits = index.query(embedder.embed_query("Exports are now under Reports"), k=5)
        assert any(h.chunk.text == "Exports are now under Reports." for h in hits)
        assert index.count() == len(CHUNKS)

    def test_delete_missing_id_is_a_no_op(self, index: VectorIndex, embedder: Embedder) -> None:
        """Deleting ids that are not there must neither fail nor remove others."""
        self._fill(index, embedder)
        index.delete(["nope:1", "article:a1:0"])
        assert index.count() == len(CHUNKS) - 1

    def test_ids_for_doc_lists_every_chunk(self, index: VectorIndex, embedder: Embedder) -> None:
        """Sync finds stale chunks through ids_for_doc."""
        self._fill(index, embedder)
        assert index.ids_for_doc("a3") == {"article:a3:0", "article:a3:1"}
        assert index.ids_for_doc("zzz") == set()

    def test_query_ranks_best_match_first(self, index: VectorIndex, embedder: Embedder) -> None:
        """Nearest neighbour must come first, with a cosine score at most 1."""
        self._fill(index, embedder)
        hits = index.query(embedder.embed_query("reset password link by email"), k=3)
        assert hits[0].chunk.doc_id == "a1"
        assert hits[0].score <= 1.0 + 1e-5
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)

    def test_filters_apply(self, index: VectorIndex, embedder: Embedder) -> None:
        """Kind, language, time and exclusion filters must all hold."""
        self._fill(index, embedder)
        q = embedder.embed_query("password invoices export")
        only_tickets = index.query(q, k=10, filters=SearchFilters(kinds=("ticket",)))
        assert {h.chunk.kind for h in only_tickets} == {"ticket"}
        german = index.query(q, k=10, filters=SearchFilters(lang="de"))
        assert {h.chunk.doc_id for h in german} == {"a2"}
        before_june = index.query(q, k=10, filters=SearchFilters(available_before=JUN.timestamp()))
        assert "a2" not in {h.chunk.doc_id for h in before_june}
        assert "a3" in {h.chunk.doc_id for h in before_june}  # unknown date: always existed
        excluded = index.query(q, k=10, filters=SearchFilters(exclude_doc_ids=frozenset({"a1"})))
        assert "a1" not in {h.chunk.doc_id for h in excluded}

    def test_round_trip_keeps_metadata(self, index: VectorIndex, embedder: Embedder) -> None:
        """Title, URL, language and dates must survive storage."""
        self._fill(index, embedder)
        hit = index.query(embedder.embed_query(embedding_text(CHUNKS[0])), k=1)[0]
        assert hit.chunk == CHUNKS[0]

    def test_inputs_are_not_mutated(self, index: VectorIndex, embedder: Embedder) -> None:
        """Callers reuse their batches; the index must not change them."""
        chunks = list(CHUNKS)
        vectors = embedder.embed_documents([embedding_text(c) for c in chunks])
        before = vectors.copy()
        index.upsert(chunks, vectors)
        assert chunks == CHUNKS
        assert np.array_equal(vectors, before)

    def test_language_samples_are_the_vectors_per_language(
        self, index: VectorIndex, embedder: Embedder
    ) -> None:
        """Multilingual retrieval centres scores on their mean, and a replay reads a
        cross-language support score against them: each holds its language's vectors."""
        vectors = embedder.embed_documents([embedding_text(c) for c in CHUNKS])
        index.upsert(CHUNKS, vectors)
        samples = index.language_samples(["en", "de", "fr"])  # type: ignore[attr-defined]
        langs = [c.lang for c in CHUNKS]
        assert set(samples) == {"en", "de"} & set(langs)
        for lang, rows in samples.items():
            mine = vectors[[i for i, x in enumerate(langs) if x == lang]]
            assert rows.shape == mine.shape
            assert np.allclose(rows.mean(axis=0), mine.mean(axis=0), atol=1e-5)

    def test_empty_index_query_returns_nothing(
        self, index: VectorIndex, embedder: Embedder
    ) -> None:
        """Searching before ingest must return no hits, not crash."""
        assert index.query(embedder.embed_query("anything"), k=3) == []


class LexicalIndexContract:
    """Behaviours of every ``LexicalIndex``."""

    @pytest.fixture
    def index(self) -> LexicalIndex:
        raise NotImplementedError

    def test_upsert_is_idempotent(self, index: LexicalIndex) -> None:
        """Upserting the same chunks twice must not duplicate them."""
        index.upsert(CHUNKS)
        index.upsert(CHUNKS)
        assert index.count() == len(CHUNKS)

    def test_stemmed_match_ranks_first(self, index: LexicalIndex) -> None:
        """'exporting invoice' must find the chunks about 'Export invoices' via stemming."""
        index.upsert(CHUNKS)
        hits = index.query("exporting invoice", k=3)
        assert hits
        assert hits[0].chunk.doc_id == "a3"

    def test_german_stemming(self, index: LexicalIndex) -> None:
        """A German query must match German text through the German stemmer."""
        index.upsert(CHUNKS)
        hits = index.query("Wie kann ich mein Passwort zurücksetzen?", k=3)
        assert hits
        assert hits[0].chunk.doc_id == "a2"

    def test_delete_and_missing_ids(self, index: LexicalIndex) -> None:
        """Deleted chunks must not be found; unknown ids are ignored."""
        index.upsert(CHUNKS)
        index.delete(["article:a3:0", "article:a3:1", "nope"])
        assert index.ids_for_doc("a3") == set()
        assert all(h.chunk.doc_id != "a3" for h in index.query("export invoices", k=5))

    def test_filters_apply(self, index: LexicalIndex) -> None:
        """The same filters as the vector index must hold."""
        index.upsert(CHUNKS)
        hits = index.query(
            "password invoice export",
            k=10,
            filters=SearchFilters(kinds=("article",), exclude_doc_ids=frozenset({"a3"})),
        )
        assert hits
        assert {h.chunk.kind for h in hits} == {"article"}
        assert "a3" not in {h.chunk.doc_id for h in hits}

    def test_round_trip_keeps_metadata(self, index: LexicalIndex) -> None:
        """Stored chunks come back equal to what went in."""
        index.upsert(CHUNKS)
        hit = index.query("reset password link email settings", k=1)[0]
        assert hit.chunk == CHUNKS[0]

    def test_no_match_returns_nothing(self, index: LexicalIndex) -> None:
        """Unrelated words must give no hits rather than random ones."""
        index.upsert(CHUNKS)
        assert index.query("zebra giraffe", k=3) == []
