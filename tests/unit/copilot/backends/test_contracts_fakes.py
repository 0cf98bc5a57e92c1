"""The in-repo fakes pass the same contract suites as the real adapters."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from copilot.backends.caching_embedder import CachingEmbedder
from copilot.backends.embedder import Embedder, FakeEmbedder
from copilot.backends.lexical_index import FakeLexicalIndex, LexicalIndex, SQLiteBM25Index
from copilot.backends.vector_index import FakeVectorIndex, VectorIndex
from tests.contracts import EmbedderContract, LexicalIndexContract, VectorIndexContract


class TestFakeEmbedder(EmbedderContract):
    @pytest.fixture
    def embedder(self) -> Embedder:
        return FakeEmbedder()


class TestFakeVectorIndex(VectorIndexContract):
    @pytest.fixture
    def embedder(self) -> Embedder:
        return FakeEmbedder()

    @pytest.fixture
    def index(self, embedder: Embedder) -> VectorIndex:
        return FakeVectorIndex(model_id=embedder.model_id, dimension=embedder.dimension)


class TestFakeLexicalIndex(LexicalIndexContract):
    @pytest.fixture
    def index(self) -> LexicalIndex:
        return FakeLexicalIndex()


class TestSQLiteBM25Index(LexicalIndexContract):
    """The real BM25 index is light enough to run with the unit tests."""

    @pytest.fixture
    def index(self, tmp_path: Path) -> LexicalIndex:
        """A fresh SQLite BM25 index in the test's folder."""
        return SQLiteBM25Index(tmp_path / "lexical.sqlite")


class TestCachingEmbedder(EmbedderContract):
    """The cache in front of an embedder must still behave like an embedder."""

    @pytest.fixture
    def embedder(self) -> Embedder:
        return CachingEmbedder(FakeEmbedder(), max_items=3)


def test_caching_embedder_serves_repeats_from_memory() -> None:
    """Texts embedded before must not reach the model again, or replays slow down."""
    cache = CachingEmbedder(FakeEmbedder(), max_items=10)
    first = cache.embed_documents(["a b", "c d"])
    again = cache.embed_documents(["c d", "a b", "e f"])
    assert (cache.hits, cache.misses) == (2, 3)
    assert np.array_equal(again[0], first[1])
    assert np.array_equal(again[1], first[0])


def test_caching_embedder_evicts_least_recently_used() -> None:
    """The cache stays bounded; evicted texts are embedded again correctly."""
    inner = FakeEmbedder()
    cache = CachingEmbedder(inner, max_items=2)
    cache.embed_documents(["one", "two", "three"])
    again = cache.embed_documents(["one"])
    assert cache.misses == 4
    assert np.allclose(again[0], inner.embed_query("one"))
