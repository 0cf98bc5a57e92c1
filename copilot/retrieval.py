"""Retrieval: dense, lexical or hybrid (reciprocal-rank fusion), with the same filters."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from copilot.backends.embedder import Embedder
from copilot.backends.lexical_index import LexicalIndex
from copilot.backends.vector_index import VectorIndex
from copilot.domain import ScoredChunk, SearchFilters, SearchResult
from copilot.errors import InputError

Mode = Literal["dense", "lexical", "hybrid"]
MODES: tuple[Mode, ...] = ("dense", "lexical", "hybrid")
RRF_K = 60


@dataclass(frozen=True)
class DocumentHits:
    """One document with its best passages, best first."""

    doc_id: str
    score: float
    passages: tuple[SearchResult, ...]


class Retriever:
    """Finds passages for a query in the vector index, the lexical index, or both."""

    def __init__(
        self,
        *,
        embedder: Embedder,
        vector_index: VectorIndex,
        lexical_index: LexicalIndex,
        mode: Mode = "dense",
        candidates: int = 40,
    ) -> None:
        self.embedder = embedder
        self.vector_index = vector_index
        self.lexical_index = lexical_index
        self.mode = mode
        self.candidates = candidates

    def search(
        self,
        query: str,
        *,
        k: int = 8,
        mode: Mode | None = None,
        filters: SearchFilters | None = None,
    ) -> list[SearchResult]:
        """Top ``k`` chunks for ``query``; scores are cosine (dense), BM25 (lexical) or RRF."""
        chosen = mode or self.mode
        if chosen not in MODES:
            raise InputError(f"Unknown search mode {chosen!r}: use one of {', '.join(MODES)}.")
        if not query.strip():
            raise InputError("The query is empty: give some text to search for.")
        depth = max(k, self.candidates)
        if chosen == "dense":
            return _results(self._dense(query, depth, filters)[:k])
        if chosen == "lexical":
            return _results(self.lexical_index.query(query, k=k, filters=filters))
        fused = reciprocal_rank_fusion(
            [
                self._dense(query, depth, filters),
                self.lexical_index.query(query, k=depth, filters=filters),
            ]
        )
        return _results(fused[:k])

    def search_documents(
        self,
        query: str,
        *,
        k: int = 5,
        mode: Mode | None = None,
        filters: SearchFilters | None = None,
    ) -> list[DocumentHits]:
        """Top ``k`` documents, each with its best passages (a document ranks by its best chunk)."""
        hits = self.search(query, k=max(self.candidates, k * 4), mode=mode, filters=filters)
        return group_by_document(hits)[:k]

    def _dense(self, query: str, depth: int, filters: SearchFilters | None) -> list[ScoredChunk]:
        vector = self.embedder.embed_query(query)
        return self.vector_index.query(vector, k=depth, filters=filters)


def reciprocal_rank_fusion(
    rankings: list[list[ScoredChunk]], *, k: int = RRF_K
) -> list[ScoredChunk]:
    """Fuse rankings: each chunk scores the sum of 1 / (k + rank) over the rankings it is in."""
    scores: dict[str, float] = defaultdict(float)
    chunks = {}
    for ranking in rankings:
        for rank, hit in enumerate(ranking, start=1):
            scores[hit.chunk.id] += 1.0 / (k + rank)
            chunks[hit.chunk.id] = hit.chunk
    ordered = sorted(scores, key=lambda cid: (-scores[cid], cid))
    return [ScoredChunk(chunks[cid], scores[cid]) for cid in ordered]


def group_by_document(hits: list[SearchResult]) -> list[DocumentHits]:
    """Group chunk hits per document, keeping rank order of each document's best chunk."""
    groups: dict[str, list[SearchResult]] = {}
    for hit in hits:
        groups.setdefault(hit.chunk.doc_id, []).append(hit)
    return [
        DocumentHits(doc_id, passages[0].score, tuple(passages))
        for doc_id, passages in groups.items()
    ]


def _results(hits: list[ScoredChunk]) -> list[SearchResult]:
    return [SearchResult(h.chunk, h.score) for h in hits]
