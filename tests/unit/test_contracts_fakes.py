"""The in-repo fakes pass the same contract suites as the real adapters."""

from __future__ import annotations

import pytest

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
    def index(self, tmp_path) -> LexicalIndex:  # type: ignore[no-untyped-def]
        return SQLiteBM25Index(tmp_path / "lexical.sqlite")
