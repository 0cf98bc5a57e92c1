"""The real adapters (MiniLM, Chroma embedded, Chroma server) pass the contract suites."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from copilot.backends.embedder import Embedder, SentenceTransformerEmbedder
from copilot.backends.vector_index import VectorIndex, build_vector_index
from copilot.settings import IndexSettings
from tests.contracts import EmbedderContract, VectorIndexContract

pytestmark = pytest.mark.integration


class TestSentenceTransformerEmbedder(EmbedderContract):
    @pytest.fixture
    def embedder(self, real_embedder: SentenceTransformerEmbedder) -> Embedder:
        return real_embedder


class TestChromaEmbedded(VectorIndexContract):
    @pytest.fixture
    def embedder(self, real_embedder: SentenceTransformerEmbedder) -> Embedder:
        return real_embedder

    @pytest.fixture
    def index(self, embedder: Embedder, tmp_path: Path) -> VectorIndex:
        return build_vector_index(
            IndexSettings(kind="chroma"),
            tmp_path,
            model_id=embedder.model_id,
            dimension=embedder.dimension,
        )


class TestChromaServer(VectorIndexContract):
    @pytest.fixture
    def embedder(self, real_embedder: SentenceTransformerEmbedder) -> Embedder:
        return real_embedder

    @pytest.fixture
    def index(self, embedder: Embedder, chroma_server: str, tmp_path: Path) -> VectorIndex:
        collection = f"contract-{uuid.uuid4().hex[:8]}"
        return build_vector_index(
            IndexSettings(kind="chroma-http", url=chroma_server, collection=collection),
            tmp_path,
            model_id=embedder.model_id,
            dimension=embedder.dimension,
        )
