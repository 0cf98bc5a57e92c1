"""Retrieval: dense, lexical or hybrid, with the same filters in both indexes.

Hybrid fuses three signals per document, each scaled by its best value among the candidates:
the best dense passage (cosine), the best lexical passage (BM25 over text, title and heading)
and how close the question is to one of the document's section headings (the embedded
"title - heading" line). Weighted score fusion measured better than reciprocal-rank fusion on
doc2dial (see ``FusionWeights``), and it is language-aware: for a ticket in a language the
embedder cannot read (``dense_langs``), the dense signals are scaled by ``foreign_dense``, so
hybrid falls back towards lexical instead of being dragged down by a blind embedder.

A multilingual embedder (one that reads more than one language) places a question closer to
every passage in its own language than to any in another: a German question over German and
English articles ranked unrelated German articles above the English one that answers it. So
its dense scores are centred per passage language before ranking (``language_shifts``): each
language's typical score for this question is subtracted. The typical score is the question's
mean cosine to that language's passages, ``question @ centroid`` with the mean vector of up to
2,000 indexed passages per language (``VectorIndex.language_samples``, refreshed when the
index grew or shrank). Like BM25's IDF it is a statistic of the
whole index, not of the as-of knowledge: a mean direction, no passage's content. An index
without centroids falls back to the mean of the language's ten best candidates. Hybrid
centres the heading similarities by the same shifts (a heading is in its document's
language). Measured with multilingual-e5-small against the ten-best centring (2026-12-02,
`copilot eval retrieval DIR --mode all`): on the German set hybrid recall@1 0.718 -> 0.747,
recall@5 0.908 -> 0.925, MRR 0.802 -> 0.825; on the demo's labelled tickets hybrid recall@1 0.730
-> 0.773, MRR 0.809 -> 0.843, recall@5 0.923 -> 0.919; dense recall@1 0.724 -> 0.741 and
0.721 -> 0.747 (uncentred 0.586 and 0.601). Reported scores stay cosines; only the order uses
the centred values.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from copilot.backends.embedder import (
    Embedder,
    Vectors,
    comparable_cosine,
    cosine_scale,
    cross_language_scale,
)
from copilot.backends.lexical_index import LexicalIndex, TermStatistics
from copilot.backends.vector_index import VectorIndex
from copilot.confidence import TermWeights
from copilot.domain import Chunk, Kind, ScoredChunk, SearchFilters, SearchResult, heading_line
from copilot.errors import InputError
from copilot.text import detect_language

Mode = Literal["dense", "lexical", "hybrid"]
MODES: tuple[Mode, ...] = ("dense", "lexical", "hybrid")
RRF_K = 60
KNOWLEDGE: tuple[Kind, ...] = ("article", "wiki")
PASSAGES_PER_DOC = 3
LANGUAGE_POOL = 10  # best candidates per language whose mean is that language's shift


@dataclass(frozen=True)
class FusionWeights:
    """Weights of the hybrid signals (tuned on doc2dial, see the module docstring)."""

    dense: float = 0.2
    lexical: float = 0.4
    heading: float = 0.3


@dataclass(frozen=True)
class Signals:
    """Per-document evidence behind a hybrid score (``None``: that mode did not see it)."""

    dense: float | None = None
    lexical: float | None = None
    heading: float | None = None
    dense_rank: int | None = None
    lexical_rank: int | None = None


@dataclass(frozen=True)
class DocumentHits:
    """One document with its best passages, best first."""

    doc_id: str
    score: float
    passages: tuple[SearchResult, ...]
    signals: Signals = field(default_factory=Signals)


@dataclass
class _Doc:
    dense: float = 0.0  # centred when the retriever centres languages (ranking only)
    dense_cosine: float = 0.0
    lexical: float = 0.0
    heading: float = 0.0
    seen_dense: bool = False
    seen_lexical: bool = False
    chunks: dict[str, tuple[Chunk, float]] = field(default_factory=dict)


class Retriever:
    """Finds passages for a query in the vector index, the lexical index, or both."""

    def __init__(
        self,
        *,
        embedder: Embedder,
        vector_index: VectorIndex,
        lexical_index: LexicalIndex,
        mode: Mode = "hybrid",
        candidates: int = 100,
        weights: FusionWeights | None = None,
        dense_langs: Sequence[str] = ("en",),
        foreign_dense: float = 0.0,
        heading_docs: int = 30,
    ) -> None:
        self.embedder = embedder
        self.vector_index = vector_index
        self.lexical_index = lexical_index
        self.mode = mode
        self.candidates = candidates
        self.weights = weights or FusionWeights()
        self.dense_langs = tuple(dense_langs)
        self.foreign_dense = foreign_dense
        self.heading_docs = heading_docs
        # Only a multilingual embedder's scores carry a per-language offset worth removing.
        self.center_languages = len(set(self.dense_langs)) > 1
        self._centroids = _CentroidCache(vector_index, langs=self.dense_langs)

    def language_sample(self, lang: str) -> Vectors | None:
        """Vectors of up to 2,000 indexed passages in ``lang`` (one row each; None when the
        index cannot give them or ``lang`` is not one the embedder reads)."""
        return self._centroids.samples().get(lang)

    def term_weights(
        self, terms: Iterable[str], *, filters: SearchFilters | None = None
    ) -> TermWeights | None:
        """Document frequencies of ``terms`` in the knowledge (articles and wiki pages) that
        passes ``filters``; None when the lexical index cannot count them."""
        if not isinstance(self.lexical_index, TermStatistics):
            return None
        base = filters or SearchFilters()
        kinds = tuple(k for k in (base.kinds or KNOWLEDGE) if k in KNOWLEDGE) or KNOWLEDGE
        df, docs = self.lexical_index.document_frequencies(
            sorted(set(terms)), filters=dataclasses.replace(base, kinds=kinds)
        )
        return TermWeights(df=df, docs=docs)

    def may_hold(self, kind: Kind) -> bool:
        """False only when the lexical index can tell that no chunk of ``kind`` is indexed
        (ingest writes both indexes alike, so a search limited to it would find nothing)."""
        kinds = getattr(self.lexical_index, "kinds", None)
        return True if kinds is None else kind in kinds()

    def comparable(self, cosine: float, *, across: bool = False) -> float:
        """A dense cosine of this retriever's embedder on the reference (MiniLM) scale, where
        the confidence features and similarity thresholds are set; ``across``: the two texts
        are in different languages (read through the embedder's cross-language anchors)."""
        scale = cross_language_scale(self.embedder) if across else cosine_scale(self.embedder)
        return comparable_cosine(cosine, scale)

    def reads(self, lang: str) -> bool:
        """True when the embedder understands ``lang`` (dense scores mean something)."""
        return lang in self.dense_langs

    def search(
        self,
        query: str,
        *,
        k: int = 8,
        mode: Mode | None = None,
        filters: SearchFilters | None = None,
    ) -> list[SearchResult]:
        """Top ``k`` chunks; scores are cosine (dense), BM25 (lexical) or fused (hybrid)."""
        chosen = self._check(query, mode)
        depth = max(k, self.candidates)
        if chosen == "dense":
            return _results(self._dense(query, depth, filters)[:k])
        if chosen == "lexical":
            return _results(self.lexical_index.query(query, k=k, filters=filters))
        docs = self._hybrid_docs(query, depth, filters)
        fused = [SearchResult(chunk, score) for doc in docs for chunk, score in doc.passages_scored]
        fused.sort(key=lambda r: (-r.score, r.chunk.id))
        return fused[:k]

    def search_documents(
        self,
        query: str,
        *,
        k: int = 5,
        mode: Mode | None = None,
        filters: SearchFilters | None = None,
        candidates: int | None = None,
    ) -> list[DocumentHits]:
        """Top ``k`` documents, each with its best passages (up to three), from
        ``candidates`` chunks per index (default: the retriever's)."""
        chosen = self._check(query, mode)
        depth = self.document_depth(k, candidates=candidates)
        if chosen == "hybrid":
            return [d.hits for d in self._hybrid_docs(query, depth, filters)[:k]]
        if chosen == "dense":
            hits = self._dense(query, depth, filters)
        else:
            hits = self.lexical_index.query(query, k=depth, filters=filters)
        groups = group_by_document(_results(hits))[:k]
        return [_with_rank(g, rank, chosen) for rank, g in enumerate(groups, start=1)]

    def document_depth(self, k: int, *, candidates: int | None = None) -> int:
        """Chunks asked of each index by ``search_documents(k=k, candidates=candidates)``."""
        return max(candidates or self.candidates, k * 4)

    def prefetch(self, queries: Sequence[tuple[str, int]]) -> int:
        """Prepare the dense side of many searches at once: each ``(query, depth)`` is
        embedded (into the embedder's cache) and the vector index, when it can, fetches
        their neighbours in few requests. The searches then return exactly what they would
        have; returns how many queries were prefetched (0 for lexical mode or an index
        without ``prefetch``)."""
        ahead = getattr(self.vector_index, "prefetch", None)
        wanted = [(q, depth) for q, depth in dict.fromkeys(queries) if q.strip()]
        if ahead is None or self.mode == "lexical" or not wanted:
            return 0
        groups: dict[int, list[Vectors]] = defaultdict(list)
        for query, depth in wanted:
            groups[depth].append(self._embed_query(query))
        ahead([(depth, np.stack(vectors)) for depth, vectors in groups.items()])
        return len(wanted)

    def _check(self, query: str, mode: Mode | None) -> Mode:
        chosen = mode or self.mode
        if chosen not in MODES:
            raise InputError(f"Unknown search mode {chosen!r}: use one of {', '.join(MODES)}.")
        if not query.strip():
            raise InputError("The query is empty: give some text to search for.")
        return chosen

    def _embed_query(self, query: str) -> Vectors:
        """The query vector (a ``CachingEmbedder`` makes repeated queries free)."""
        return self.embedder.embed_query(query)

    def _dense(self, query: str, depth: int, filters: SearchFilters | None) -> list[ScoredChunk]:
        vector = self._embed_query(query)
        hits = self.vector_index.query(vector, k=depth, filters=filters)
        if not self.center_languages:
            return hits
        shifts = self._shifts(vector, hits)
        return sorted(
            hits, key=lambda h: (-(h.score - shifts.get(h.chunk.lang or "", 0.0)), h.chunk.id)
        )

    def _shifts(self, vector: Vectors, hits: Sequence[ScoredChunk]) -> dict[str, float]:
        """Each candidate language's typical score for the query ``vector``: its mean cosine
        to the language's passages when the index has their centroids, else the mean of the
        language's best candidates (``language_shifts``)."""
        langs = {h.chunk.lang or "" for h in hits}
        if len(langs) < 2:
            return {}
        centroids = self._centroids.get()
        if not langs <= centroids.keys():
            return language_shifts(hits)
        return {lang: float(np.dot(vector, centroids[lang])) for lang in langs}

    def _hybrid_docs(
        self, query: str, depth: int, filters: SearchFilters | None
    ) -> list[_RankedDoc]:
        vector = self._embed_query(query)
        raw = self.vector_index.query(vector, k=depth, filters=filters)
        shifts = self._shifts(vector, raw) if self.center_languages else {}
        dense = [ScoredChunk(h.chunk, h.score - shifts.get(h.chunk.lang or "", 0.0)) for h in raw]
        lexical = self.lexical_index.query(query, k=depth, filters=filters)
        docs: dict[str, _Doc] = defaultdict(_Doc)
        for hit, cosine in zip(dense, raw, strict=True):
            doc = docs[hit.chunk.doc_id]
            doc.dense = max(doc.dense, hit.score) if doc.seen_dense else hit.score
            doc.dense_cosine, doc.seen_dense = max(doc.dense_cosine, cosine.score), True
        for hit in lexical:
            doc = docs[hit.chunk.doc_id]
            doc.lexical, doc.seen_lexical = max(doc.lexical, hit.score), True
        weights = self._weights_for(query)
        # Heading lines come from the embedding cache (ingest embeds them) or are embedded
        # now: only those of the documents that can still reach the top on the other signals.
        contenders = _contenders(docs, weights, self.heading_docs)
        heading_sims = self._heading_similarity(
            vector, [h.chunk for h in dense + lexical if h.chunk.doc_id in contenders]
        )
        if shifts:  # a heading line is in its document's language, biased alike
            langs = {heading_line(h.chunk): h.chunk.lang or "" for h in dense + lexical}
            heading_sims = {
                line: sim - shifts.get(langs.get(line, ""), 0.0)
                for line, sim in heading_sims.items()
            }
        for hit in dense + lexical:
            doc = docs[hit.chunk.doc_id]
            doc.heading = max(doc.heading, heading_sims.get(heading_line(hit.chunk), 0.0))
        chunk_scores = _chunk_scores(dense, lexical, heading_sims, weights)
        for hit in dense + lexical:
            docs[hit.chunk.doc_id].chunks[hit.chunk.id] = (hit.chunk, chunk_scores[hit.chunk.id])
        return _rank_docs(docs, weights)

    def _weights_for(self, query: str) -> FusionWeights:
        if self.reads(detect_language(query)):
            return self.weights
        w = self.weights
        return FusionWeights(
            w.dense * self.foreign_dense, w.lexical, w.heading * self.foreign_dense
        )

    def _heading_similarity(self, query: Vectors, chunks: Sequence[Chunk]) -> dict[str, float]:
        """Cosine of the query to each distinct "title - heading" line."""
        texts = list(dict.fromkeys(heading_line(c) for c in chunks))
        vectors = self.embedder.embed_documents(texts)
        return {t: float(np.dot(v, query)) for t, v in zip(texts, vectors, strict=True)}


@dataclass(frozen=True)
class _RankedDoc:
    hits: DocumentHits
    passages_scored: tuple[tuple[Chunk, float], ...]


def _scaled(values: dict[str, float]) -> dict[str, float]:
    """Divide by the best value (negative values count as 0): each signal lands in [0, 1]."""
    top = max(values.values(), default=0.0)
    return {key: max(0.0, v) / top if top > 0 else 0.0 for key, v in values.items()}


def _chunk_scores(
    dense: list[ScoredChunk],
    lexical: list[ScoredChunk],
    headings: dict[str, float],
    weights: FusionWeights,
) -> dict[str, float]:
    d = _scaled({h.chunk.id: h.score for h in dense})
    lex = _scaled({h.chunk.id: h.score for h in lexical})
    chunks = {h.chunk.id: h.chunk for h in dense + lexical}
    head = _scaled({cid: headings.get(heading_line(c), 0.0) for cid, c in chunks.items()})
    return {
        cid: weights.dense * d.get(cid, 0.0)
        + weights.lexical * lex.get(cid, 0.0)
        + weights.heading * head[cid]
        for cid in chunks
    }


def _contenders(docs: dict[str, _Doc], weights: FusionWeights, limit: int) -> set[str]:
    """The ``limit`` best documents on the dense and lexical signals alone.

    A document further down would need nearly the whole heading weight to overtake the
    leaders, so its heading line is not worth embedding for this query.
    """
    dense = _scaled({i: d.dense for i, d in docs.items()})
    lexical = _scaled({i: d.lexical for i, d in docs.items()})
    ranked = sorted(
        docs, key=lambda i: (-(weights.dense * dense[i] + weights.lexical * lexical[i]), i)
    )
    return set(ranked[:limit])


def _rank_docs(docs: dict[str, _Doc], weights: FusionWeights) -> list[_RankedDoc]:
    dense = _scaled({i: d.dense for i, d in docs.items()})
    lexical = _scaled({i: d.lexical for i, d in docs.items()})
    heading = _scaled({i: d.heading for i, d in docs.items()})
    score = {
        i: weights.dense * dense[i] + weights.lexical * lexical[i] + weights.heading * heading[i]
        for i in docs
    }
    dense_rank = _ranks({i: d.dense for i, d in docs.items() if d.seen_dense})
    lexical_rank = _ranks({i: d.lexical for i, d in docs.items() if d.seen_lexical})
    out = []
    for doc_id in sorted(docs, key=lambda i: (-score[i], i)):
        doc = docs[doc_id]
        passages = sorted(doc.chunks.values(), key=lambda cs: (-cs[1], cs[0].id))
        passages = passages[:PASSAGES_PER_DOC]
        signals = Signals(
            dense=doc.dense_cosine if doc.seen_dense else None,
            lexical=doc.lexical if doc.seen_lexical else None,
            heading=doc.heading,
            dense_rank=dense_rank.get(doc_id),
            lexical_rank=lexical_rank.get(doc_id),
        )
        hits = DocumentHits(
            doc_id, score[doc_id], tuple(SearchResult(c, s) for c, s in passages), signals
        )
        out.append(_RankedDoc(hits, tuple(passages)))
    return out


class _CentroidCache:
    """The vector index's per-language passage samples and their centroids, re-read whenever
    its size changed; empty when the index cannot give them."""

    def __init__(self, index: VectorIndex, *, langs: Sequence[str]):
        self.index, self.langs = index, tuple(langs)
        self._samples: dict[str, Vectors] = {}
        self._value: dict[str, Vectors] = {}
        self._count = -1

    def get(self) -> dict[str, Vectors]:
        """Per language, the mean vector of its sampled passages."""
        self._refresh()
        return self._value

    def samples(self) -> dict[str, Vectors]:
        """Per language, its sampled passage vectors (one row each)."""
        self._refresh()
        return self._samples

    def _refresh(self) -> None:
        read = getattr(self.index, "language_samples", None)
        if read is None:
            return
        count = self.index.count()
        if count != self._count:
            self._samples, self._count = read(self.langs), count
            self._value = {lang: m.mean(axis=0) for lang, m in self._samples.items()}


def language_shifts(hits: Sequence[ScoredChunk], *, pool: int = LANGUAGE_POOL) -> dict[str, float]:
    """Per passage language, the mean of its ``pool`` best scores among ``hits``.

    A language with fewer candidates is padded with the lowest score of all: its other
    passages score no higher than that. Hits in one language only need no shift.
    """
    by_lang: dict[str, list[float]] = defaultdict(list)
    for hit in hits:
        by_lang[hit.chunk.lang or ""].append(hit.score)
    if len(by_lang) < 2:
        return {}
    floor = min(h.score for h in hits)
    shifts = {}
    for lang, scores in by_lang.items():
        best = sorted(scores, reverse=True)[:pool]
        shifts[lang] = float(np.mean(best + [floor] * (pool - len(best))))
    return shifts


def _ranks(scores: dict[str, float]) -> dict[str, int]:
    ordered = sorted(scores, key=lambda i: (-scores[i], i))
    return {doc_id: rank for rank, doc_id in enumerate(ordered, start=1)}


def _with_rank(group: DocumentHits, rank: int, mode: Mode) -> DocumentHits:
    if mode == "dense":
        signals = Signals(dense=group.score, dense_rank=rank)
    else:
        signals = Signals(lexical=group.score, lexical_rank=rank)
    return DocumentHits(group.doc_id, group.score, group.passages[:PASSAGES_PER_DOC], signals)


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
