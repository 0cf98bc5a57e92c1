"""Chroma's post-filtered queries give exactly what a filtered query gives."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

import copilot.backends.vector_index as vector_index
from copilot.backends.vector_index import ChromaIndex, FakeVectorIndex, _chroma_settings
from copilot.domain import Chunk, SearchFilters


def _index(n: int = 400) -> tuple[FakeVectorIndex, ChromaIndex]:
    """The same chunks in the reference fake (exact filters) and in embedded Chroma."""
    import chromadb

    rng = np.random.default_rng(1)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    chunks = [
        Chunk(
            id=f"c{i}",
            doc_id=f"d{i // 2}",
            kind="ticket" if i % 3 == 0 else "article",
            title="t",
            text="x",
            created_at=start + timedelta(days=i % 300),
        )
        for i in range(n)
    ]
    vectors = rng.normal(size=(n, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = FakeVectorIndex(model_id="m", dimension=16)
    index.upsert(chunks, vectors)
    client = chromadb.EphemeralClient(settings=_chroma_settings())
    chroma = ChromaIndex(
        client, collection=f"pf-{uuid.uuid4().hex}", model_id="m", dimension=16, where="memory"
    )
    chroma.upsert(chunks, vectors)
    return index, chroma


@pytest.mark.parametrize("day", [3, 40, 150, 299])
def test_post_filtered_results_equal_the_filtered_query(day: int) -> None:
    """If this fails, the speed-up changes what a ticket could see (or leaks)."""
    reference, chroma = _index()
    moment = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=day)
    rng = random.Random(day)
    filters = SearchFilters(
        kinds=("article",),
        available_before=moment.timestamp(),
        exclude_doc_ids=frozenset(f"d{rng.randrange(200)}" for _ in range(20)),
    )
    query = np.full(16, 0.25, dtype=np.float32)
    expected = [h.chunk.id for h in reference.query(query, k=10, filters=filters)]
    assert [h.chunk.id for h in chroma.query(query, k=10, filters=filters)] == expected


def test_early_tickets_fall_back_to_the_filtered_query(monkeypatch: pytest.MonkeyPatch) -> None:
    """If this fails, a ticket that sees little knowledge gets fewer results than it should."""
    monkeypatch.setattr(vector_index, "POSTFILTER_MINIMUM", 20)
    reference, chroma = _index()
    filters = SearchFilters(available_before=datetime(2025, 1, 4, tzinfo=UTC).timestamp())
    query = np.full(16, 0.25, dtype=np.float32)
    got = chroma.query(query, k=5, filters=filters)
    assert [h.chunk.id for h in got] == [
        h.chunk.id for h in reference.query(query, k=5, filters=filters)
    ]
    assert len(got) == 5
    assert chroma.fallbacks == 1


def test_a_short_neighbour_list_read_to_the_end_is_the_answer() -> None:
    """If this fails, a small index pays for the store-side filter on every draft."""
    reference, chroma = _index(30)
    filters = SearchFilters(kinds=("article", "ticket"))
    query = np.full(16, 0.25, dtype=np.float32)
    got = chroma.query(query, k=100, filters=filters)
    assert [h.chunk.id for h in got] == [
        h.chunk.id for h in reference.query(query, k=100, filters=filters)
    ]
    assert len(got) == 30
    assert chroma.fallbacks == 0


def test_a_second_filter_on_the_same_question_sees_fresh_writes() -> None:
    """If this fails, the neighbours remembered between a draft's two searches go stale."""
    reference, chroma = _index()
    query = np.full(16, 0.25, dtype=np.float32)
    for kinds in (("article",), ("ticket",), ("article",)):
        filters = SearchFilters(kinds=kinds)
        expected = [h.chunk.id for h in reference.query(query, k=10, filters=filters)]
        assert [h.chunk.id for h in chroma.query(query, k=10, filters=filters)] == expected
    new = Chunk(id="fresh", doc_id="dnew", kind="article", title="t", text="x")
    chroma.upsert([new], query[None, :])
    got = chroma.query(query, k=10, filters=SearchFilters(kinds=("article",)))
    assert got[0].chunk.id == "fresh"
