"""A retriever over a few documents, built only from fakes and an in-memory BM25 index."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from copilot.backends.embedder import Embedder, FakeEmbedder
from copilot.backends.lexical_index import SQLiteBM25Index
from copilot.backends.vector_index import FakeVectorIndex
from copilot.domain import Document
from copilot.retrieval import Retriever
from ingest.chunking import chunk_document, embedding_text


def fake_retriever(
    docs: Sequence[Document],
    *,
    max_tokens: int,
    overlap_tokens: int = 0,
    embedder: Embedder | None = None,
    count_tokens: Callable[[Sequence[str]], list[int]] | None = None,
    dense_langs: Sequence[str] = ("en",),
) -> Retriever:
    """``docs`` chunked (by ``count_tokens``, else the embedder's) and indexed in a fake
    vector index and an in-memory SQLite BM25 index; ``embedder`` defaults to the fake."""
    embedder = embedder or FakeEmbedder()
    count = count_tokens or embedder.count_tokens
    chunks = [
        c
        for d in docs
        for c in chunk_document(
            d, max_tokens=max_tokens, overlap_tokens=overlap_tokens, count_tokens=count
        )
    ]
    vectors = FakeVectorIndex(model_id=embedder.model_id, dimension=embedder.dimension)
    vectors.upsert(chunks, embedder.embed_documents([embedding_text(c) for c in chunks]))
    lexical = SQLiteBM25Index(":memory:")
    lexical.upsert(chunks)
    return Retriever(
        embedder=embedder, vector_index=vectors, lexical_index=lexical, dense_langs=dense_langs
    )
