"""Post-filtering for replay: fetch more neighbours unfiltered, apply the as-of filters here.

A replayed ticket's filters (``available_before``, a list of excluded ids) change with every
ticket, and a vector store evaluates such a ``where`` clause by scanning metadata, which costs
far more than the nearest-neighbour search itself on a large index (measured: ~280 ms against
a few ms per query on 100k chunks). Most of the nearest neighbours pass the filters anyway, so
this wrapper asks for ``overfetch`` times as many unfiltered neighbours and filters them with
``SearchFilters.accepts`` (the reference semantics every index implements). When fewer than
``k`` pass, it falls back to the filtered query, so results are the same either way: the best
``k`` accepted chunks among a superset of candidates are the best ``k`` accepted overall.
"""

from __future__ import annotations

from collections.abc import Sequence

from copilot.backends.embedder import Vectors
from copilot.backends.vector_index import VectorIndex
from copilot.domain import Chunk, ScoredChunk, SearchFilters


class PostFilteringVectorIndex:
    """A ``VectorIndex`` whose filtered queries over-fetch unfiltered, then filter locally."""

    def __init__(self, inner: VectorIndex, *, overfetch: int = 4, minimum: int = 200) -> None:
        self.inner = inner
        self.overfetch = overfetch
        self.minimum = minimum
        self.fallbacks = 0

    def upsert(self, chunks: Sequence[Chunk], vectors: Vectors) -> None:
        self.inner.upsert(chunks, vectors)

    def delete(self, ids: Sequence[str]) -> None:
        self.inner.delete(ids)

    def ids_for_doc(self, doc_id: str) -> set[str]:
        return self.inner.ids_for_doc(doc_id)

    def count(self) -> int:
        return self.inner.count()

    def query(
        self, vector: Vectors, *, k: int, filters: SearchFilters | None = None
    ) -> list[ScoredChunk]:
        if filters is None:
            return self.inner.query(vector, k=k)
        wide = self.inner.query(vector, k=max(k * self.overfetch, self.minimum))
        kept = [hit for hit in wide if filters.accepts(hit.chunk)]
        if len(kept) >= k or len(wide) < max(k * self.overfetch, self.minimum):
            return kept[:k]  # enough passed, or the whole index was fetched
        self.fallbacks += 1
        return self.inner.query(vector, k=k, filters=filters)
