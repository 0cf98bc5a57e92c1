"""Vector indexes: Chroma (embedded or server) and an in-memory fake with the same behaviour.

Every index records the embedder's model id and dimension when it is created and refuses to
open with a different embedder, since mixing vector spaces silently ruins retrieval.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, runtime_checkable
from urllib.parse import urlparse

import numpy as np

from copilot.backends.embedder import Vectors
from copilot.backends.registry import Registry
from copilot.domain import Chunk, ScoredChunk, SearchFilters, epoch
from copilot.errors import ConfigError, IndexMismatchError, IndexUnavailableError
from copilot.settings import IndexSettings

log = logging.getLogger(__name__)


@runtime_checkable
class VectorIndex(Protocol):
    """Stores chunk vectors; answers nearest-neighbour queries under filters."""

    def upsert(self, chunks: Sequence[Chunk], vectors: Vectors) -> None:
        """Insert or replace chunks by id (idempotent)."""
        ...

    def delete(self, ids: Sequence[str]) -> None:
        """Remove chunks by id; ids that are not there are ignored."""
        ...

    def ids_for_doc(self, doc_id: str) -> set[str]:
        """Ids of every chunk stored for ``doc_id``."""
        ...

    def query(
        self, vector: Vectors, *, k: int, filters: SearchFilters | None = None
    ) -> list[ScoredChunk]:
        """Up to ``k`` chunks by cosine similarity (higher first)."""
        ...

    def count(self) -> int:
        """Number of stored chunks."""
        ...


VECTOR_INDEXES: Registry[VectorIndex] = Registry("index")
# Passages per language that stand for that language (``language_samples``): their mean vector
# is its centroid, their spread the background a score is read against.
CENTROID_SAMPLE = 2000


def check_embedder(
    recorded: dict[str, Any] | None, *, model_id: str, dimension: int, where: str
) -> None:
    """Raise ``IndexMismatchError`` when the index was built with another embedder."""
    if not recorded or "embedder" not in recorded:
        return
    if recorded["embedder"] != model_id or int(recorded.get("dimension", 0)) != dimension:
        raise IndexMismatchError(
            f"The index in {where} was built with embedder {recorded['embedder']!r} "
            f"(dimension {recorded.get('dimension')}), but the configured embedder is "
            f"{model_id!r} (dimension {dimension}). Set embedder.model_path back, or use a new "
            "--data-dir (or index.collection) and run `copilot ingest` again."
        )


class FakeVectorIndex:
    """Brute-force in-memory index with Chroma's semantics; the reference for contract tests."""

    def __init__(self, *, model_id: str, dimension: int, recorded: dict[str, Any] | None = None):
        check_embedder(recorded, model_id=model_id, dimension=dimension, where="memory")
        self.meta: dict[str, Any] = {"embedder": model_id, "dimension": dimension}
        self._rows: dict[str, tuple[Chunk, Vectors]] = {}

    def upsert(self, chunks: Sequence[Chunk], vectors: Vectors) -> None:
        _check_batch(chunks, vectors, int(self.meta["dimension"]))
        for chunk, vector in zip(chunks, vectors, strict=True):
            self._rows[chunk.id] = (chunk, np.array(vector, dtype=np.float32))

    def delete(self, ids: Sequence[str]) -> None:
        for chunk_id in ids:
            self._rows.pop(chunk_id, None)

    def ids_for_doc(self, doc_id: str) -> set[str]:
        return {cid for cid, (chunk, _) in self._rows.items() if chunk.doc_id == doc_id}

    def query(
        self, vector: Vectors, *, k: int, filters: SearchFilters | None = None
    ) -> list[ScoredChunk]:
        flt = filters or SearchFilters()
        scored = [
            ScoredChunk(chunk, float(np.dot(vec, vector)))
            for chunk, vec in self._rows.values()
            if flt.accepts(chunk)
        ]
        scored.sort(key=lambda s: (-s.score, s.chunk.id))
        return scored[:k]

    def count(self) -> int:
        return len(self._rows)

    def language_samples(
        self, langs: Sequence[str], *, sample: int = CENTROID_SAMPLE
    ) -> dict[str, Vectors]:
        by_lang: dict[str, list[Vectors]] = {}
        for chunk, vector in self._rows.values():
            lang = chunk.lang or ""
            if lang in langs and len(by_lang.setdefault(lang, [])) < sample:
                by_lang[lang].append(vector)
        return {lang: np.stack(vs) for lang, vs in by_lang.items()}


def _check_batch(chunks: Sequence[Chunk], vectors: Vectors, dimension: int) -> None:
    if len(chunks) != len(vectors):
        raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
    if len(vectors) and vectors.shape[1] != dimension:
        raise IndexMismatchError(
            f"Vectors have dimension {vectors.shape[1]}, the index expects {dimension}."
        )


def chunk_metadata(chunk: Chunk) -> dict[str, str | int | float]:
    """Flat metadata for stores that take no nulls (Chroma)."""
    meta: dict[str, str | int | float] = {
        "doc_id": chunk.doc_id,
        "kind": chunk.kind,
        "title": chunk.title,
        "position": chunk.position,
        "heading": chunk.heading,
        "available_at": chunk.available_at,
        "updated_at": epoch(chunk.updated_at),
    }
    if chunk.url:
        meta["url"] = chunk.url
    if chunk.lang:
        meta["lang"] = chunk.lang
    return meta


def chunk_from_metadata(chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    """Inverse of ``chunk_metadata``."""
    created = float(meta.get("available_at") or 0.0)
    updated = float(meta.get("updated_at") or 0.0)
    return Chunk(
        id=chunk_id,
        doc_id=str(meta["doc_id"]),
        kind=meta["kind"],
        title=str(meta.get("title", "")),
        text=text,
        position=int(meta.get("position", 0)),
        url=meta.get("url"),
        lang=meta.get("lang"),
        heading=str(meta.get("heading", "")),
        created_at=datetime.fromtimestamp(created, tz=UTC) if created else None,
        updated_at=datetime.fromtimestamp(updated, tz=UTC) if updated else None,
    )


def chroma_where(filters: SearchFilters | None) -> dict[str, Any] | None:
    """Translate ``SearchFilters`` into a Chroma ``where`` clause."""
    if filters is None:
        return None
    clauses: list[dict[str, Any]] = []
    if filters.kinds is not None:
        clauses.append({"kind": {"$in": list(filters.kinds)}})
    if filters.lang is not None:
        clauses.append({"lang": {"$eq": filters.lang}})
    if filters.available_before is not None:
        clauses.append({"available_at": {"$lt": float(filters.available_before)}})
    if filters.exclude_doc_ids:
        clauses.append({"doc_id": {"$nin": sorted(filters.exclude_doc_ids)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


POSTFILTER_OVERFETCH = 4
POSTFILTER_MINIMUM = 200
PREFETCH_QUERIES = 64  # query vectors per Chroma request of ``ChromaIndex.prefetch``
PREFETCH_READ = 2000  # chunk ids per Chroma read of ``ChromaIndex.prefetch``


def vendor_errors() -> tuple[type[Exception], ...]:
    """What Chroma raises when its server or its files fail: connection errors (httpx),
    Chroma's own errors (an unreadable ``chroma.sqlite3`` among them) and SQLite's."""
    import httpx
    from chromadb.errors import ChromaError

    return (httpx.HTTPError, ChromaError, sqlite3.Error, OSError)


def open_errors() -> tuple[type[Exception], ...]:
    """``vendor_errors`` and ValueError, which Chroma's clients raise for "Could not connect"."""
    return (*vendor_errors(), ValueError)


def server_remedy(url: str) -> str:
    """What to do when the Chroma server at ``url`` does not answer."""
    port = urlparse(url).port or 8000
    return (
        f"start or check the Chroma server at {url} (`chroma run --path DIR --port {port}`) "
        "or fix index.url, then retry: the copilot reconnects by itself"
    )


def files_remedy(path: Path) -> str:
    """What to do when Chroma's files under ``path`` cannot be read."""
    data_dir = path.parent
    return (
        f"the files under {path} may be damaged: run `copilot --data-dir {data_dir} doctor`; to "
        f"rebuild, move {path}, {data_dir / 'lexical.sqlite'} and "
        f"{data_dir / 'manifest.sqlite'} aside and run `copilot ingest PATH` for each source"
    )


class ChromaIndex:
    """A Chroma collection with cosine distance and our own embeddings (no Chroma embedder).

    Every call turns Chroma's failures into ``IndexUnavailableError`` (503) whose message is
    ``remedy``; the next call tries again, so a restarted server is used without a restart.
    """

    def __init__(
        self,
        client: Any,
        *,
        collection: str,
        model_id: str,
        dimension: int,
        where: str,
        remedy: str = "check the Chroma index, then retry",
    ):
        if len(collection) < 3:
            raise ConfigError("index.collection needs at least 3 characters (a Chroma rule).")
        self._dimension = dimension
        self._where = where
        self._remedy = remedy
        with self._guard():
            self._coll = client.get_or_create_collection(
                name=collection,
                embedding_function=None,
                metadata={"hnsw:space": "cosine", "embedder": model_id, "dimension": dimension},
            )
        check_embedder(self._coll.metadata, model_id=model_id, dimension=dimension, where=where)
        self.fallbacks = 0  # filtered queries that needed the store's `where` (see query)
        self._writes = 0  # bumped by upsert and delete: invalidates remembered neighbours
        self._recent = threading.local()
        # Neighbours asked for ahead by ``prefetch`` (a replay's block of tickets), and the
        # chunks read for them: valid while this index is not written to.
        self._batch: _Prefetched | None = None
        self.prefetch_hits = 0

    def prefetch(self, groups: Sequence[tuple[int, Vectors]]) -> None:
        """Ask Chroma at once for the unfiltered neighbours of many query vectors, each group
        for a later ``query(vector, k=K)`` (a replay's block of tickets). Such a filtered query
        then starts from these instead of a round trip, and the chunks read for one serve
        all. Results are exactly those of one-by-one queries (the same request per vector)."""
        found: dict[tuple[bytes, int], tuple[list[str], list[float]]] = {}
        first_pages: set[str] = set()
        with self._guard():
            for k, vectors in groups:
                rows = np.asarray(vectors, dtype=np.float32).reshape(-1, self._dimension)
                wide_k = max(k * POSTFILTER_OVERFETCH, POSTFILTER_MINIMUM)
                for start in range(0, len(rows), PREFETCH_QUERIES):
                    part = rows[start : start + PREFETCH_QUERIES]
                    res = self._coll.query(
                        query_embeddings=list(part), n_results=wide_k, include=["distances"]
                    )
                    for row, ids, dists in zip(part, res["ids"], res["distances"], strict=True):
                        found[(row.tobytes(), wide_k)] = (list(ids), [float(d) for d in dists])
                        first_pages.update(ids[: max(k, 50)])  # what each query reads first
            chunks = self._read_chunks(sorted(first_pages))
        self._batch = _Prefetched(writes=self._writes, neighbours=found, chunks=chunks)

    def _read_chunks(self, ids: list[str]) -> dict[str, Chunk]:
        """The chunks with these ids, read in few requests."""
        out: dict[str, Chunk] = {}
        for start in range(0, len(ids), PREFETCH_READ):
            got = self._coll.get(
                ids=ids[start : start + PREFETCH_READ], include=["documents", "metadatas"]
            )
            for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                out[i] = chunk_from_metadata(i, d, dict(m))
        return out

    def upsert(self, chunks: Sequence[Chunk], vectors: Vectors) -> None:
        _check_batch(chunks, vectors, self._dimension)
        if not chunks:
            return
        self._writes += 1
        with self._guard():
            self._coll.upsert(
                ids=[c.id for c in chunks],
                embeddings=np.asarray(vectors, dtype=np.float32),
                documents=[c.text for c in chunks],
                metadatas=[chunk_metadata(c) for c in chunks],
            )

    def delete(self, ids: Sequence[str]) -> None:
        if ids:
            self._writes += 1
            with self._guard():
                self._coll.delete(ids=list(ids))

    def ids_for_doc(self, doc_id: str) -> set[str]:
        with self._guard():
            got = self._coll.get(where={"doc_id": doc_id}, include=[])
        return set(got["ids"])

    def language_samples(
        self, langs: Sequence[str], *, sample: int = CENTROID_SAMPLE
    ) -> dict[str, Vectors]:
        """Per language in ``langs`` that has chunks, the vectors of up to ``sample`` of them
        (one row each): their mean is the language's centroid (``query @ centroid`` is the
        query's mean cosine to that language), their spread the background for a z-score."""
        out: dict[str, Vectors] = {}
        for lang in langs:
            with self._guard():
                got = self._coll.get(where={"lang": lang}, limit=sample, include=["embeddings"])
            vectors = got.get("embeddings")
            if vectors is not None and len(vectors):
                out[lang] = np.asarray(vectors, dtype=np.float32)
        return out

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Chroma's failures as ``IndexUnavailableError`` naming the index and the fix."""
        try:
            yield
        except vendor_errors() as exc:
            raise IndexUnavailableError(
                f"The vector index at {self._where} is unavailable ({type(exc).__name__}): "
                f"{self._remedy}."
            ) from exc

    def query(
        self, vector: Vectors, *, k: int, filters: SearchFilters | None = None
    ) -> list[ScoredChunk]:
        """Nearest chunks that pass ``filters``.

        Chroma evaluates a broad ``where`` clause by collecting every matching id first, which
        costs far more than the search itself on a large index (measured on 100k chunks:
        ~450 ms for "kind in (article, wiki)" against ~10 ms for this). So a filtered query
        asks for ``POSTFILTER_OVERFETCH`` times as many unfiltered neighbours (distances
        only), reads their metadata page by page and keeps those ``filters.accepts``, the
        reference semantics. When too few pass (a selective filter, which the store answers
        fast), it falls back to the ``where`` query: the result is the same either way.
        """
        with self._guard():
            return self._query(np.asarray(vector, dtype=np.float32), k=k, filters=filters)

    def _query(
        self, query: np.ndarray[Any, Any], *, k: int, filters: SearchFilters | None
    ) -> list[ScoredChunk]:
        if filters is None or chroma_where(filters) is None:
            return self._query_where(query, k=k, where=None)
        wide_k = max(k * POSTFILTER_OVERFETCH, POSTFILTER_MINIMUM)
        ids, dists, known = self._neighbours(query, wide_k)
        kept: list[ScoredChunk] = []
        page = max(k, 50)
        for start in range(0, len(ids), page):
            wanted = ids[start : start + page]
            missing = [i for i in wanted if i not in known]
            if missing:
                got = self._coll.get(ids=missing, include=["documents", "metadatas"])
                for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                    known[i] = chunk_from_metadata(i, d, dict(m))
            for chunk_id, dist in zip(wanted, dists[start : start + page], strict=True):
                chunk = known.get(chunk_id)  # None: deleted between the two calls
                if chunk is not None and filters.accepts(chunk):
                    kept.append(ScoredChunk(chunk, 1.0 - float(dist)))
            if len(kept) >= k:
                return kept[:k]
            read = min(start + page, len(ids))
            if read < len(ids) and len(kept) * len(ids) < k * read / 2:
                break  # at this pass rate the rest cannot fill k: a selective filter, cheap
        else:
            if len(ids) < wide_k:
                return kept  # the store had no more neighbours to give
        self.fallbacks += 1
        return self._query_where(query, k=k, where=chroma_where(filters))

    def _neighbours(
        self, query: np.ndarray[Any, Any], wide_k: int
    ) -> tuple[list[str], list[float], dict[str, Chunk]]:
        """Unfiltered neighbours (ids, distances) and the chunks read for them so far.

        A draft searches knowledge and past tickets with the same question, one filter each:
        the last answer of this thread is reused while this index has not been written to.
        """
        key = (query.tobytes(), wide_k, self._writes)
        recent = getattr(self._recent, "value", None)
        if recent is not None and recent[0] == key:
            return recent[1], recent[2], recent[3]
        batch = self._batch
        if batch is not None and batch.writes == self._writes:
            ahead = batch.neighbours.get((key[0], wide_k))
            if ahead is not None:
                self.prefetch_hits += 1
                self._recent.value = (key, ahead[0], ahead[1], batch.chunks)
                return ahead[0], ahead[1], batch.chunks
        res = self._coll.query(query_embeddings=[query], n_results=wide_k, include=["distances"])
        ids, dists = list(res["ids"][0]), [float(d) for d in res["distances"][0]]
        known: dict[str, Chunk] = {}
        self._recent.value = (key, ids, dists, known)
        return ids, dists, known

    def _query_where(
        self, query: np.ndarray[Any, Any], *, k: int, where: dict[str, Any] | None
    ) -> list[ScoredChunk]:
        # An empty collection answers with no ids (no count() round trip per query).
        res = self._coll.query(
            query_embeddings=[query],
            n_results=k,
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        ids, docs = res["ids"][0], res["documents"][0]
        metas, dists = res["metadatas"][0], res["distances"][0]
        return [
            ScoredChunk(chunk_from_metadata(i, d, dict(m)), 1.0 - float(dist))
            for i, d, m, dist in zip(ids, docs, metas, dists, strict=True)
        ]

    def count(self) -> int:
        with self._guard():
            return int(self._coll.count())


@dataclass
class _Prefetched:
    """Neighbours fetched ahead for a block of query vectors, and the chunks read since."""

    writes: int
    neighbours: dict[tuple[bytes, int], tuple[list[str], list[float]]]
    chunks: dict[str, Chunk]


class DelegatingVectorIndex:
    """A ``VectorIndex`` that passes every call to ``inner``; subclasses override some."""

    def __init__(self, inner: VectorIndex) -> None:
        self.inner = inner

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
        return self.inner.query(vector, k=k, filters=filters)


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


@VECTOR_INDEXES.register("chroma")
def _embedded(cfg: IndexSettings, data_dir: Path, *, model_id: str, dimension: int) -> ChromaIndex:
    import chromadb

    path = data_dir / "chroma"
    remedy = files_remedy(path)
    try:
        client = chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
    except open_errors() as exc:
        raise IndexUnavailableError(
            f"Cannot open the Chroma index at {path} ({type(exc).__name__}): {remedy}."
        ) from exc
    return ChromaIndex(
        client,
        collection=cfg.collection,
        model_id=model_id,
        dimension=dimension,
        where=str(path),
        remedy=remedy,
    )


@VECTOR_INDEXES.register("chroma-http")
def _server(cfg: IndexSettings, data_dir: Path, *, model_id: str, dimension: int) -> ChromaIndex:
    import chromadb

    url = urlparse(cfg.url)
    remedy = server_remedy(cfg.url)
    try:
        client = chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or 8000,
            ssl=url.scheme == "https",
            settings=_chroma_settings(),
        )
    except open_errors() as exc:
        raise IndexUnavailableError(
            f"Cannot reach the Chroma server at {cfg.url} ({type(exc).__name__}): {remedy}."
        ) from exc
    return ChromaIndex(
        client,
        collection=cfg.collection,
        model_id=model_id,
        dimension=dimension,
        where=cfg.url,
        remedy=remedy,
    )


def read_embedded_chroma(
    data_dir: Path, query: str, params: tuple[object, ...] = ()
) -> list[tuple[Any, ...]] | None:
    """The rows of a read-only ``query`` on the embedded Chroma index's SQLite file, read
    without loading chromadb or the embedder; None when the file is missing or cannot be read
    that way (a hot journal that needs a write first, another schema)."""
    path = data_dir / "chroma" / "chroma.sqlite3"
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return list(conn.execute(query, params).fetchall())
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def embedded_chroma_count(data_dir: Path, collection: str) -> int | None:
    """Chunks in the embedded Chroma collection, read from its SQLite file (``copilot
    doctor``); 0 without the collection, None when the file cannot be read that way (then
    ask Chroma)."""
    query = (
        "SELECT (SELECT count(*) FROM collections WHERE name = ?), count(*) FROM embeddings e "
        "JOIN segments s ON e.segment_id = s.id JOIN collections c ON s.collection = c.id "
        "WHERE c.name = ? AND s.scope = 'METADATA'"
    )
    rows = read_embedded_chroma(data_dir, query, (collection, collection))
    if rows is None:
        return None
    exists, count = rows[0]
    return int(count) if exists else 0


@VECTOR_INDEXES.register("memory")
def _memory(cfg: IndexSettings, data_dir: Path, *, model_id: str, dimension: int) -> VectorIndex:
    return FakeVectorIndex(model_id=model_id, dimension=dimension)


def build_vector_index(
    cfg: IndexSettings, data_dir: Path, *, model_id: str, dimension: int
) -> VectorIndex:
    """Build the vector index named by ``cfg.kind`` ("chroma", "chroma-http" or "memory")."""
    return VECTOR_INDEXES.build(cfg.kind, cfg, data_dir, model_id=model_id, dimension=dimension)
