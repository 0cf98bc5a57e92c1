"""A persistent cache of text embeddings in SQLite, shared by the processes of one data dir.

Retrieval compares each question with the "title - heading" lines of the candidate documents,
and the extractive drafter with the candidate answer sentences. Embedding those per request
was most of a draft's latency (measured on a 100k-chunk index: ~80 ms of headings and ~100 ms
of sentences against ~25 ms for the query), yet they are the same few texts again and again.
Ingest fills this cache with every heading line, and drafts add the sentences they embed, so a
server (or any of its workers, or a replay) embeds each of them once.

It is only a cache: a missing, locked or unreadable file costs time, never correctness, and
nothing is created in a data dir that does not exist yet.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from copilot.backends.embedder import Vectors

log = logging.getLogger(__name__)

CACHE_FILE = "embeddings.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    model TEXT NOT NULL,
    key BLOB NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, key)
) WITHOUT ROWID
"""
_BATCH = 500  # SQLite's limit on host parameters is far above this


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class VectorCache:
    """Vectors of one model by text, in ``data_dir/embeddings.sqlite``. Thread-safe."""

    def __init__(self, data_dir: Path, *, model_id: str, dimension: int) -> None:
        self.path = data_dir / CACHE_FILE
        self.model_id = model_id
        self.dimension = dimension
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def get_many(self, texts: Sequence[str]) -> dict[str, Vectors]:
        """The cached vectors among ``texts`` (texts without one are left out)."""
        if not texts:
            return {}
        keys = {_key(t): t for t in texts}
        found: dict[str, Vectors] = {}
        with self._lock:
            conn = self._connect(create=False)
            if conn is None:
                return {}
            items = list(keys)
            try:
                for start in range(0, len(items), _BATCH):
                    part = items[start : start + _BATCH]
                    marks = ",".join("?" * len(part))
                    rows = conn.execute(
                        f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({marks})",
                        [self.model_id, *part],
                    ).fetchall()
                    for key, blob in rows:
                        vector = np.frombuffer(blob, dtype=np.float32)
                        if vector.shape == (self.dimension,):
                            found[keys[key]] = vector
            except sqlite3.Error as exc:
                log.warning(
                    "Embedding cache %s unreadable (%s); embedding instead. It is only a "
                    "cache: delete the file to rebuild it.",
                    self.path,
                    exc,
                )
        return found

    def put_many(self, texts: Sequence[str], vectors: Vectors) -> None:
        """Remember ``vectors`` (one row per text); silently skipped when the file is busy."""
        if not texts:
            return
        rows = [
            (self.model_id, _key(t), np.asarray(v, dtype=np.float32).tobytes())
            for t, v in zip(texts, vectors, strict=True)
        ]
        with self._lock:
            conn = self._connect(create=True)
            if conn is None:
                return
            try:
                with conn:
                    conn.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
            except sqlite3.Error as exc:
                log.debug("Embedding cache %s not written (%s)", self.path, exc)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _connect(self, *, create: bool) -> sqlite3.Connection | None:
        if self._conn is not None:
            return self._conn
        if not self.path.exists() and not (create and self.path.parent.is_dir()):
            return None
        try:
            conn = sqlite3.connect(self.path, timeout=2.0, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(_SCHEMA)
        except sqlite3.Error as exc:
            log.warning(
                "Embedding cache %s unavailable (%s): delete it to rebuild it.", self.path, exc
            )
            return None
        self._conn = conn
        return conn
