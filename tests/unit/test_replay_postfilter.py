"""Post-filtering gives exactly what the filtered query gives."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from copilot.backends.vector_index import FakeVectorIndex
from copilot.domain import Chunk, SearchFilters
from eval.postfilter import PostFilteringVectorIndex


def _index(n: int = 400) -> FakeVectorIndex:
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
    return index


@pytest.mark.parametrize("day", [3, 40, 150, 299])
def test_post_filtered_results_equal_the_filtered_query(day: int) -> None:
    """If this fails, the replay speed-up changes what a ticket could see (or leaks)."""
    inner = _index()
    wrapped = PostFilteringVectorIndex(inner, overfetch=2, minimum=20)
    moment = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=day)
    rng = random.Random(day)
    filters = SearchFilters(
        kinds=("article",),
        available_before=moment.timestamp(),
        exclude_doc_ids=frozenset(f"d{rng.randrange(200)}" for _ in range(20)),
    )
    query = np.ones(16, dtype=np.float32) / 4
    expected = [h.chunk.id for h in inner.query(query, k=10, filters=filters)]
    assert [h.chunk.id for h in wrapped.query(query, k=10, filters=filters)] == expected


def test_early_tickets_fall_back_to_the_filtered_query() -> None:
    """If this fails, a ticket that sees little knowledge gets fewer results than it should."""
    inner = _index()
    wrapped = PostFilteringVectorIndex(inner, overfetch=2, minimum=20)
    filters = SearchFilters(available_before=datetime(2025, 1, 4, tzinfo=UTC).timestamp())
    got = wrapped.query(np.ones(16, dtype=np.float32) / 4, k=5, filters=filters)
    assert len(got) == 5
    assert wrapped.fallbacks == 1
