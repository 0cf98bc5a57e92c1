"""Lexical (BM25) indexes with English and German stemming.

``SQLiteBM25Index`` keeps chunks in SQLite (durable, shared between processes) and scores with
``bm25s`` in memory; the in-memory model is rebuilt lazily when another write bumped the
index generation. ``FakeLexicalIndex`` scores by stemmed term overlap, with the same filters.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple, Protocol, runtime_checkable

import numpy as np

from copilot.backends.embedder import Vectors
from copilot.backends.registry import Registry
from copilot.backends.vector_index import chunk_from_metadata, chunk_metadata
from copilot.datafiles import rebuild_fix, sqlite_failure
from copilot.domain import Chunk, ScoredChunk, SearchFilters
from copilot.settings import LexicalSettings
from copilot.text import Decompounder, detect_language, tokenize, words


@runtime_checkable
class LexicalIndex(Protocol):
    """Keyword search over chunks."""

    def upsert(self, chunks: Sequence[Chunk]) -> None:
        """Insert or replace chunks by id (idempotent)."""
        ...

    def delete(self, ids: Sequence[str]) -> None:
        """Remove chunks by id; ids that are not there are ignored."""
        ...

    def ids_for_doc(self, doc_id: str) -> set[str]:
        """Ids of every chunk stored for ``doc_id``."""
        ...

    def query(
        self, text: str, *, k: int, filters: SearchFilters | None = None
    ) -> list[ScoredChunk]:
        """Up to ``k`` chunks by BM25 score (higher first); chunks scoring 0 are left out."""
        ...

    def count(self) -> int:
        """Number of stored chunks."""
        ...


@runtime_checkable
class TermStatistics(Protocol):
    """A lexical index that can say how many documents hold a term (for IDF weights)."""

    def document_frequencies(
        self, terms: Sequence[str], *, filters: SearchFilters | None = None
    ) -> tuple[dict[str, int], int]:
        """For each stemmed term, the number of documents passing ``filters`` whose chunks
        hold it; and the number of such documents."""
        ...


@runtime_checkable
class ChunkStore(Protocol):
    """An index that can hand back a document's chunks (a drafter reassembles sections)."""

    def chunks_for_doc(self, doc_id: str) -> list[Chunk]:
        """Every chunk stored for ``doc_id``, in position order."""
        ...


class PassageVector(NamedTuple):
    """A candidate passage's vector, keyed by its chunk's id and ``passages.passage_key``."""

    chunk_id: str
    key: bytes
    vector: Vectors


@runtime_checkable
class PassageVectorStore(Protocol):
    """An index that keeps passage vectors beside its chunks (computed at ingest, see
    ``copilot.passage_vectors``) and deletes them with their chunk, or when the chunk is
    written again."""

    def put_passage_vectors(self, rows: Sequence[PassageVector], *, model_id: str) -> None:
        """Store ``rows`` (vectors of model ``model_id``) for chunks already stored."""
        ...

    def passage_vectors(
        self, keys: Sequence[tuple[str, bytes]], *, model_id: str
    ) -> dict[tuple[str, bytes], Vectors]:
        """The stored vectors of model ``model_id`` among ``(chunk_id, key)`` pairs."""
        ...


LEXICAL_INDEXES: Registry[LexicalIndex] = Registry("lexical")


def index_text(chunk: Chunk) -> str:
    """What the lexical index sees of a chunk: title and heading count as text too."""
    return f"{chunk.title}\n{chunk.heading}\n{chunk.text}"


def title_text(chunk: Chunk) -> str:
    """The title field: the article title and the section heading."""
    return f"{chunk.title}\n{chunk.heading}"


def query_terms(text: str, *, langs: set[str], compounds: Decompounder | None) -> list[str]:
    """Query tokens: stemmed in the query's language, plus the other stemming when the index
    holds other languages too (a German question can match an English article's "Export")."""
    lang = detect_language(text)
    terms = tokenize(text, lang, compounds=compounds)
    for other in sorted(langs - {lang}):
        terms += tokenize(text, other, compounds=compounds)
    return list(dict.fromkeys(terms))


def german_vocabulary(chunks: Sequence[Chunk]) -> set[str]:
    """Words of the German chunks: what the decompounder may split compounds into."""
    vocab: set[str] = set()
    for c in chunks:
        if c.lang == "de":
            vocab.update(words(index_text(c)))
    return vocab


class FakeLexicalIndex:
    """Term-overlap scoring in memory; same filter semantics as the real index."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[Chunk, frozenset[str]]] = {}
        self._compounds: Decompounder | None = None
        self._passages: dict[str, dict[tuple[str, bytes], Vectors]] = {}

    def upsert(self, chunks: Sequence[Chunk]) -> None:
        for c in chunks:
            self._rows[c.id] = (c, frozenset(tokenize(index_text(c), c.lang)))
            self._passages.pop(c.id, None)
        self._retokenize()

    def put_passage_vectors(self, rows: Sequence[PassageVector], *, model_id: str) -> None:
        for row in rows:
            if row.chunk_id in self._rows:
                kept = self._passages.setdefault(row.chunk_id, {})
                kept[(model_id, row.key)] = np.asarray(row.vector, dtype=np.float32)

    def passage_vectors(
        self, keys: Sequence[tuple[str, bytes]], *, model_id: str
    ) -> dict[tuple[str, bytes], Vectors]:
        found = {
            (chunk_id, key): self._passages.get(chunk_id, {}).get((model_id, key))
            for chunk_id, key in keys
        }
        return {k: v for k, v in found.items() if v is not None}

    def _retokenize(self) -> None:
        # The German vocabulary grows with every upsert: re-split every German chunk.
        compounds = Decompounder(german_vocabulary([c for c, _ in self._rows.values()]))
        for cid, (c, _) in list(self._rows.items()):
            toks = tokenize(index_text(c), c.lang, compounds=compounds)
            self._rows[cid] = (c, frozenset(toks))
        self._compounds = compounds

    def delete(self, ids: Sequence[str]) -> None:
        for chunk_id in ids:
            self._rows.pop(chunk_id, None)
            self._passages.pop(chunk_id, None)

    def ids_for_doc(self, doc_id: str) -> set[str]:
        return {cid for cid, (c, _) in self._rows.items() if c.doc_id == doc_id}

    def chunks_for_doc(self, doc_id: str) -> list[Chunk]:
        found = [c for c, _ in self._rows.values() if c.doc_id == doc_id]
        return sorted(found, key=lambda c: (c.position, c.id))

    def query(
        self, text: str, *, k: int, filters: SearchFilters | None = None
    ) -> list[ScoredChunk]:
        flt = filters or SearchFilters()
        langs = {c.lang or "en" for c, _ in self._rows.values()}
        terms = set(query_terms(text, langs=langs, compounds=self._compounds))
        scored = [
            ScoredChunk(c, float(len(terms & toks)))
            for c, toks in self._rows.values()
            if flt.accepts(c) and terms & toks
        ]
        scored.sort(key=lambda s: (-s.score, s.chunk.id))
        return scored[:k]

    def count(self) -> int:
        return len(self._rows)

    def document_frequencies(
        self, terms: Sequence[str], *, filters: SearchFilters | None = None
    ) -> tuple[dict[str, int], int]:
        flt = filters or SearchFilters()
        holders: dict[str, set[str]] = {t: set() for t in terms}
        docs: set[str] = set()
        for c, toks in self._rows.values():
            if not flt.accepts(c):
                continue
            docs.add(c.doc_id)
            for t in terms:
                if t in toks:
                    holders[t].add(c.doc_id)
        return {t: len(d) for t, d in holders.items()}, len(docs)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, text TEXT NOT NULL, meta TEXT NOT NULL,
    kind TEXT NOT NULL, lang TEXT, available_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS passage_vectors (
    chunk_id TEXT NOT NULL, key BLOB NOT NULL, model TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (chunk_id, key, model)
) WITHOUT ROWID;
INSERT OR IGNORE INTO state VALUES ('generation', 0);
"""


_DELETE_PASSAGES = "DELETE FROM passage_vectors WHERE chunk_id = ?"


class SQLiteBM25Index:
    """BM25 over chunks stored in SQLite; safe to share between processes. SQLite's errors
    become ``DataFileError`` naming the file and how to rebuild it."""

    def __init__(
        self, path: Path | str, *, title_weight: float = 1.0, german_compounds: bool = True
    ) -> None:
        self._path = str(path)
        self._title_weight = title_weight
        self._german_compounds = german_compounds
        self._lock = threading.Lock()
        self._model: _BM25Model | None = None
        with self._guard():
            if self._path != ":memory:":
                Path(self._path).parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self._path, check_same_thread=False, timeout=30)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.executescript(_SCHEMA)

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except (sqlite3.Error, OSError) as exc:
            fix = rebuild_fix(Path(self._path).parent)
            raise sqlite_failure(self._path, exc, fix=fix) from exc

    def upsert(self, chunks: Sequence[Chunk]) -> None:
        rows = [
            (c.id, c.doc_id, c.text, json.dumps(chunk_metadata(c)), c.kind, c.lang, c.available_at)
            for c in chunks
        ]
        with self._lock, self._guard(), self._conn:
            self._conn.executemany("INSERT OR REPLACE INTO chunks VALUES (?,?,?,?,?,?,?)", rows)
            self._conn.executemany(_DELETE_PASSAGES, [(c.id,) for c in chunks])
            self._bump()

    def delete(self, ids: Sequence[str]) -> None:
        with self._lock, self._guard(), self._conn:
            self._conn.executemany("DELETE FROM chunks WHERE id = ?", [(i,) for i in ids])
            self._conn.executemany(_DELETE_PASSAGES, [(i,) for i in ids])
            self._bump()

    def put_passage_vectors(self, rows: Sequence[PassageVector], *, model_id: str) -> None:
        """Stored as float16 (half the size; cosines move by less than 1e-3)."""
        values = [
            (r.chunk_id, r.key, model_id, np.asarray(r.vector, dtype=np.float16).tobytes())
            for r in rows
        ]
        with self._lock, self._guard(), self._conn:
            self._conn.executemany(
                "INSERT OR REPLACE INTO passage_vectors SELECT ?, ?, ?, ? "
                "WHERE EXISTS (SELECT 1 FROM chunks WHERE id = ?1)",
                values,
            )

    def passage_vectors(
        self, keys: Sequence[tuple[str, bytes]], *, model_id: str
    ) -> dict[tuple[str, bytes], Vectors]:
        wanted = set(keys)
        chunk_ids = sorted({chunk_id for chunk_id, _ in wanted})
        found: dict[tuple[str, bytes], Vectors] = {}
        with self._lock, self._guard():
            for start in range(0, len(chunk_ids), 500):
                part = chunk_ids[start : start + 500]
                rows = self._conn.execute(
                    "SELECT chunk_id, key, vector FROM passage_vectors "
                    f"WHERE model = ? AND chunk_id IN ({','.join('?' * len(part))})",
                    [model_id, *part],
                ).fetchall()
                for chunk_id, key, blob in rows:
                    if (chunk_id, key) in wanted:
                        found[(chunk_id, key)] = np.frombuffer(blob, dtype=np.float16).astype(
                            np.float32
                        )
        return found

    def ids_for_doc(self, doc_id: str) -> set[str]:
        with self._lock, self._guard():
            cur = self._conn.execute("SELECT id FROM chunks WHERE doc_id = ?", (doc_id,))
            return {row[0] for row in cur}

    def chunks_for_doc(self, doc_id: str) -> list[Chunk]:
        with self._lock, self._guard():
            rows = self._conn.execute(
                "SELECT id, text, meta FROM chunks WHERE doc_id = ?", (doc_id,)
            ).fetchall()
        found = [chunk_from_metadata(i, t, json.loads(m)) for i, t, m in rows]
        return sorted(found, key=lambda c: (c.position, c.id))

    def count(self) -> int:
        with self._lock, self._guard():
            return int(self._conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])

    def is_empty(self) -> bool:
        """True when no chunk is indexed (one row read)."""
        with self._lock, self._guard():
            return self._conn.execute("SELECT 1 FROM chunks LIMIT 1").fetchone() is None

    def kinds(self) -> frozenset[str]:
        """The kinds of the indexed chunks (as of the index's current generation, which
        follows writes of every process)."""
        return frozenset(self._current_model().kind_names)

    def query(
        self, text: str, *, k: int, filters: SearchFilters | None = None
    ) -> list[ScoredChunk]:
        model = self._current_model()
        if model.size == 0:
            return []
        scores = model.scores(text)
        candidates = np.flatnonzero(scores > 0)
        candidates = candidates[model.accepts(filters, candidates)]
        if candidates.size == 0:
            return []
        if candidates.size > k:  # the best k in any order, then sorted (ties by position)
            best = np.argpartition(-scores[candidates], k - 1)[:k]
            threshold = scores[candidates[best]].min()
            candidates = candidates[scores[candidates] >= threshold]
        top = candidates[np.argsort(-scores[candidates], kind="stable")[:k]]
        return [ScoredChunk(model.chunks[i], float(scores[i])) for i in top]

    def document_frequencies(
        self, terms: Sequence[str], *, filters: SearchFilters | None = None
    ) -> tuple[dict[str, int], int]:
        return self._current_model().document_frequencies(terms, filters)

    def _bump(self) -> None:
        self._conn.execute("UPDATE state SET value = value + 1 WHERE key = 'generation'")

    def _generation(self) -> int:
        row = self._conn.execute("SELECT value FROM state WHERE key = 'generation'").fetchone()
        return int(row[0])

    def _current_model(self) -> _BM25Model:
        with self._lock, self._guard():
            generation = self._generation()
            if self._model is None or self._model.generation != generation:
                rows = self._conn.execute(
                    "SELECT id, text, meta FROM chunks ORDER BY id"
                ).fetchall()
                self._model = _BM25Model(
                    rows,
                    generation,
                    title_weight=self._title_weight,
                    german_compounds=self._german_compounds,
                )
            return self._model


class _BM25Model:
    """An immutable BM25 snapshot of the chunk table with numpy arrays for filtering.

    Two fields: the whole chunk (title, heading, text) and the title field (title and
    heading) on its own, added with ``title_weight``: a question that names an article's
    topic should find it even when the passage words differ.
    """

    def __init__(
        self,
        rows: list[tuple[str, str, str]],
        generation: int,
        *,
        title_weight: float,
        german_compounds: bool,
    ) -> None:
        self.generation = generation
        self.chunks = [chunk_from_metadata(i, t, json.loads(m)) for i, t, m in rows]
        self.size = len(self.chunks)
        self._kind_names = sorted({c.kind for c in self.chunks})
        self.kind_names = tuple(self._kind_names)
        codes = {kind: n for n, kind in enumerate(self._kind_names)}
        self._kinds = np.array([codes[c.kind] for c in self.chunks], dtype=np.int16)
        self._langs = np.array([c.lang or "" for c in self.chunks], dtype=object)
        self._available = np.array([c.available_at for c in self.chunks], dtype=np.float64)
        self._doc_ids = np.array([c.doc_id for c in self.chunks], dtype=object)
        # Each chunk's document as a small integer: counting distinct documents and excluding
        # some stay in integer arrays (sorting 100k id strings per draft cost ~200 ms).
        self._doc_number: dict[str, int] = {}
        for c in self.chunks:
            self._doc_number.setdefault(c.doc_id, len(self._doc_number))
        self._doc_codes = np.fromiter(
            (self._doc_number[c.doc_id] for c in self.chunks), dtype=np.intp, count=self.size
        )
        self.langs = {c.lang or "en" for c in self.chunks}
        vocab = german_vocabulary(self.chunks) if german_compounds else set()
        self.compounds = Decompounder(vocab) if vocab else None
        self._title_weight = title_weight
        self._postings: dict[str, np.ndarray[Any, np.dtype[np.intp]]] | None = None
        self._body = self._fit(index_text) if self.size else None
        self._title = self._fit(title_text) if self.size and title_weight else None

    def _fit(self, field: Callable[[Chunk], str]) -> Any:
        import bm25s

        # bm25s sets its logger to DEBUG on import, which would print on every index rebuild.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        corpus = [
            tokenize(field(c), c.lang, compounds=self.compounds) or ["\u2205"] for c in self.chunks
        ]
        model = bm25s.BM25()
        model.index(corpus, show_progress=False)
        return model

    def scores(self, text: str) -> np.ndarray[Any, np.dtype[np.float64]]:
        """BM25 of every chunk for ``text`` (0 where no query term occurs)."""
        terms = query_terms(text, langs=self.langs, compounds=self.compounds)
        total = _field_scores(self._body, terms, self.size)
        if self._title is not None:
            total += self._title_weight * _field_scores(self._title, terms, self.size)
        return total

    def document_frequencies(
        self, terms: Sequence[str], filters: SearchFilters | None
    ) -> tuple[dict[str, int], int]:
        """Documents passing ``filters`` that hold each term, and how many pass."""
        if self._postings is None:
            self._postings = self._build_postings()
        everything = np.arange(self.size)
        docs = self._distinct_docs(everything[self.accepts(filters, everything)])
        out = {}
        for term in terms:
            rows = self._postings.get(term)
            if rows is None or rows.size == 0:
                out[term] = 0
                continue
            out[term] = self._distinct_docs(rows[self.accepts(filters, rows)])
        return out, docs

    def _distinct_docs(self, rows: np.ndarray[Any, np.dtype[np.intp]]) -> int:
        """How many documents the chunks at ``rows`` belong to."""
        seen = np.zeros(len(self._doc_number), dtype=bool)
        seen[self._doc_codes[rows]] = True
        return int(np.count_nonzero(seen))

    def _build_postings(self) -> dict[str, np.ndarray[Any, np.dtype[np.intp]]]:
        lists: dict[str, list[int]] = {}
        for row, chunk in enumerate(self.chunks):
            toks = tokenize(index_text(chunk), chunk.lang, compounds=self.compounds)
            for term in set(toks):
                lists.setdefault(term, []).append(row)
        return {t: np.asarray(r, dtype=np.intp) for t, r in lists.items()}

    def accepts(
        self, filters: SearchFilters | None, rows: np.ndarray[Any, np.dtype[np.intp]]
    ) -> np.ndarray[Any, np.dtype[np.bool_]]:
        """Which of the chunks at ``rows`` pass ``filters`` (only the rows a query matched
        are checked: filtering the whole index per query cost more than scoring it)."""
        keep = np.ones(rows.size, dtype=bool)
        if filters is None or rows.size == 0:
            return keep
        if filters.kinds is not None:
            wanted = [n for n, kind in enumerate(self._kind_names) if kind in filters.kinds]
            keep &= np.isin(self._kinds[rows], wanted)
        if filters.lang is not None:
            keep &= self._langs[rows] == filters.lang
        if filters.available_before is not None:
            keep &= self._available[rows] < filters.available_before
        if filters.exclude_doc_ids:
            known = self._doc_number
            excluded = [known[d] for d in filters.exclude_doc_ids if d in known]
            if excluded:
                keep &= ~np.isin(self._doc_codes[rows], excluded)
        return keep


def _field_scores(model: Any, terms: list[str], size: int) -> np.ndarray[Any, np.dtype[np.float64]]:
    known = [t for t in terms if model is not None and t in model.vocab_dict]
    if not known:
        return np.zeros(size)
    return np.asarray(model.get_scores(known), dtype=np.float64)


@LEXICAL_INDEXES.register("bm25")
def _bm25(cfg: LexicalSettings, data_dir: Path) -> LexicalIndex:
    return SQLiteBM25Index(
        data_dir / "lexical.sqlite",
        title_weight=cfg.title_weight,
        german_compounds=cfg.german_compounds,
    )


@LEXICAL_INDEXES.register("memory")
def _memory(cfg: LexicalSettings, data_dir: Path) -> LexicalIndex:
    return FakeLexicalIndex()


def build_lexical_index(cfg: LexicalSettings, data_dir: Path) -> LexicalIndex:
    """Build the lexical index named by ``cfg.kind`` ("bm25" or "memory")."""
    return LEXICAL_INDEXES.build(cfg.kind, cfg, data_dir)
