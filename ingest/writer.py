"""Stores embedded batches in both indexes and the manifest, optionally on a writer thread.

One batch is written in a fixed order: vector index upsert, lexical index upsert (with the
chunks' passage vectors), deletion of chunks each document no longer has, and only then the
manifest rows. The manifest is what
later runs trust, so a process killed anywhere in between is repaired by the next run, which
sees the documents as not yet indexed and writes the same deterministic chunk ids again.
With ``threaded=True`` batch N is written while the caller embeds batch N+1; batches are
still written one at a time, in order.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from copilot.backends.embedder import Vectors
from copilot.backends.lexical_index import PassageVector, PassageVectorStore
from copilot.domain import Chunk, Document
from ingest.manifest import ManifestEntry
from ingest.target import IngestTarget

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PreparedDoc:
    """A changed document with its new chunks (and what the manifest knew of it before)."""

    doc: Document
    digest: str
    chunks: list[Chunk]
    previous: ManifestEntry | None = None


Batch = tuple[list[PreparedDoc], Vectors, list[PassageVector]]
_DONE = None


class BatchWriter:
    """Writes batches in order; errors on the writer thread surface in the caller."""

    def __init__(
        self,
        target: IngestTarget,
        *,
        threaded: bool = True,
        progress: Callable[[int, int | None], None] | None = None,
        total: int | None = None,
    ) -> None:
        self._target = target
        self._progress = progress
        self._total = total
        self._done = 0
        self._lock = threading.Lock()
        self._error: BaseException | None = None
        self._queue: queue.Queue[Batch | None] = queue.Queue(maxsize=1)
        self._thread: threading.Thread | None = None
        if threaded:
            self._thread = threading.Thread(target=self._loop, name="ingest-writer", daemon=True)
            self._thread.start()

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def submit(
        self,
        prepared: list[PreparedDoc],
        vectors: Vectors,
        passages: list[PassageVector] | None = None,
    ) -> None:
        """Write one batch (now, or queued for the writer thread), with the vectors of its
        drafter passages where the embedder pooled them (``copilot.passage_vectors``)."""
        self._raise_pending()
        if self._thread is None:
            self._write(prepared, vectors, passages or [])
        else:
            self._queue.put((prepared, vectors, passages or []))

    def advance(self, documents: int) -> None:
        """Count documents that needed no writing (unchanged) towards the progress."""
        if documents:
            self._tick(documents)

    def close(self) -> None:
        """Wait until every queued batch is written; re-raise a writer error."""
        if self._thread is not None:
            self._queue.put(_DONE)
            self._thread.join()
            self._thread = None
        self._raise_pending()

    def _loop(self) -> None:
        while (batch := self._queue.get()) is not _DONE:
            if self._error is None:
                try:
                    self._write(*batch)
                except BaseException as exc:  # handed to the caller by _raise_pending
                    self._error = exc

    def _raise_pending(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _write(
        self, prepared: list[PreparedDoc], vectors: Vectors, passages: list[PassageVector]
    ) -> None:
        target = self._target
        chunks = [c for p in prepared for c in p.chunks]
        target.vector_index.upsert(chunks, vectors)
        target.lexical_index.upsert(chunks)  # drops the chunks' previous passage vectors
        if passages and isinstance(target.lexical_index, PassageVectorStore):
            target.lexical_index.put_passage_vectors(passages, model_id=target.embedder.model_id)
        for item in prepared:
            self._delete_stale(item)
        target.manifest.record(
            [
                ManifestEntry(
                    p.doc.kind, p.doc.id, p.doc.source, p.digest, tuple(c.id for c in p.chunks)
                )
                for p in prepared
            ]
        )
        self._tick(len(prepared))

    def _delete_stale(self, item: PreparedDoc) -> None:
        """Delete chunks of this document that the new version does not have."""
        fresh = {c.id for c in item.chunks}
        recorded = set(item.previous.chunk_ids) if item.previous else set()
        prefix = f"{item.doc.kind}:"  # a ticket and an article may share a doc id
        target = self._target
        for index in (target.vector_index, target.lexical_index):
            stale = (index.ids_for_doc(item.doc.id) | recorded) - fresh
            index.delete(sorted(i for i in stale if i.startswith(prefix)))

    def _tick(self, documents: int) -> None:
        with self._lock:
            self._done += documents
            if self._progress:
                self._progress(self._done, self._total)
