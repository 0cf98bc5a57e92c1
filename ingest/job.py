"""The ingest job: source -> documents -> scrub -> chunks -> both indexes -> manifest.

Work goes in batches. For each batch the chunks are upserted into the vector and lexical
indexes, chunks a document no longer has are deleted, and only then the manifest records the
batch: a job killed at any point leaves indexes the next run completes without duplicates.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from copilot.backends.embedder import Embedder
from copilot.backends.lexical_index import LexicalIndex
from copilot.backends.vector_index import VectorIndex
from copilot.domain import Chunk, Document, Kind
from copilot.errors import SourceFormatError
from copilot.text import detect_language
from ingest.chunking import chunk_document, embedding_text
from ingest.connectors import CONNECTORS, detect_format, guess_kind
from ingest.errors import ItemError
from ingest.manifest import Manifest, ManifestEntry, content_hash
from ingest.pii import scrub

log = logging.getLogger(__name__)

Progress = Callable[[int, int | None], None]


@dataclass
class IngestReport:
    """Counts of one ingest run (the ``ingest --json`` shape)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    failed: int = 0
    chunks: int = 0
    seconds: float = 0.0
    errors: list[ItemError] = field(default_factory=list)
    format: str = ""
    kind: str = ""

    def as_json(self) -> dict[str, object]:
        """Counts, timings and per-item errors as plain JSON data."""
        data = dataclasses.asdict(self)
        data["errors"] = [e.as_json() for e in self.errors]
        data["seconds"] = round(self.seconds, 3)
        return data


@dataclass(frozen=True)
class IngestOptions:
    """How documents are prepared."""

    chunk_tokens: int = 200
    overlap_tokens: int = 32
    scrub_tickets: bool = True
    scrub_articles: bool = False
    batch_size: int = 64


@dataclass(frozen=True)
class IngestTarget:
    """Where documents go."""

    embedder: Embedder
    vector_index: VectorIndex
    lexical_index: LexicalIndex
    manifest: Manifest


def prepare_document(doc: Document, opts: IngestOptions) -> Document:
    """Fill in the language and scrub PII as configured for the document's kind."""
    lang = doc.lang or detect_language(f"{doc.title}\n{doc.body}")
    wants_scrub = opts.scrub_tickets if doc.kind == "ticket" else opts.scrub_articles
    if not wants_scrub:
        return dataclasses.replace(doc, lang=lang)
    names = [doc.customer_name] if doc.customer_name else []
    return dataclasses.replace(
        doc,
        lang=lang,
        title=scrub(doc.title, names=names),
        body=scrub(doc.body, names=names),
        resolution=scrub(doc.resolution, names=names) if doc.resolution else None,
        customer_name=None,
    )


def run_ingest(
    path: Path,
    *,
    target: IngestTarget,
    kind: Kind | None = None,
    fmt: str = "auto",
    sync: bool = False,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Index everything in ``path``; with ``sync``, delete documents no longer in the source."""
    started = time.perf_counter()
    opts = options or IngestOptions()
    fmt = detect_format(path) if fmt == "auto" else fmt
    if fmt not in CONNECTORS:
        raise SourceFormatError(f"Unknown format {fmt!r}: use one of {', '.join(CONNECTORS)}.")
    kind = kind or guess_kind(path, fmt)
    source = str(path.resolve())
    report = IngestReport(format=fmt, kind=kind)
    known = target.manifest.entries(source=source)
    seen: set[tuple[str, str]] = set()
    done = 0
    items = CONNECTORS[fmt].read(path, kind=kind)
    for batch in _batches(_docs(items, report, source), opts.batch_size):
        _index_batch(batch, known=known, target=target, opts=opts, report=report)
        seen.update((d.kind, d.id) for d in batch)
        done += len(batch)
        if progress:
            progress(done, None)
    if sync:
        _delete_missing(known, seen, target=target, report=report)
    report.seconds = time.perf_counter() - started
    return report


def _docs(
    items: Iterable[Document | ItemError], report: IngestReport, source: str
) -> Iterator[Document]:
    seen_ids: set[str] = set()
    for item in items:
        if isinstance(item, ItemError):
            report.failed += 1
            report.errors.append(item)
            log.warning("Skipped %s: %s", item.source, item.error)
        elif item.id in seen_ids:
            report.failed += 1
            report.errors.append(ItemError(f"{source} id {item.id}", "duplicate id, kept first"))
        else:
            seen_ids.add(item.id)
            yield dataclasses.replace(item, source=source)


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _index_batch(
    batch: list[Document],
    *,
    known: dict[tuple[str, str], ManifestEntry],
    target: IngestTarget,
    opts: IngestOptions,
    report: IngestReport,
) -> None:
    settings_key = f"{target.embedder.model_id}/{opts.chunk_tokens}/{opts.overlap_tokens}"
    settings_key += f"/{opts.scrub_tickets}/{opts.scrub_articles}"
    changed: list[tuple[Document, str, list[Chunk]]] = []
    for doc in batch:
        digest = content_hash(doc, settings_key=settings_key)
        entry = known.get((doc.kind, doc.id))
        if entry and entry.content_hash == digest:
            report.unchanged += 1
            continue
        ready = prepare_document(doc, opts)
        chunks = chunk_document(
            ready,
            max_tokens=min(opts.chunk_tokens, target.embedder.max_tokens),
            overlap_tokens=opts.overlap_tokens,
            count_tokens=target.embedder.count_tokens,
        )
        changed.append((doc, digest, chunks))
        if entry:
            report.updated += 1
        else:
            report.added += 1
    if not changed:
        return
    all_chunks = [c for _, _, chunks in changed for c in chunks]
    vectors = target.embedder.embed_documents([embedding_text(c) for c in all_chunks])
    target.vector_index.upsert(all_chunks, vectors)
    target.lexical_index.upsert(all_chunks)
    for doc, _, chunks in changed:
        fresh = {c.id for c in chunks}
        stale_vec = target.vector_index.ids_for_doc(doc.id) - fresh
        stale_lex = target.lexical_index.ids_for_doc(doc.id) - fresh
        _delete_kind(target, doc.kind, stale_vec, stale_lex)
    target.manifest.record(
        [
            ManifestEntry(doc.kind, doc.id, doc.source, digest, tuple(c.id for c in chunks))
            for doc, digest, chunks in changed
        ]
    )
    report.chunks += len(all_chunks)


def _delete_kind(target: IngestTarget, kind: str, vec_ids: set[str], lex_ids: set[str]) -> None:
    """Delete chunk ids of one kind (a ticket and an article may share a doc id)."""
    prefix = f"{kind}:"
    target.vector_index.delete(sorted(i for i in vec_ids if i.startswith(prefix)))
    target.lexical_index.delete(sorted(i for i in lex_ids if i.startswith(prefix)))


def _delete_missing(
    known: dict[tuple[str, str], ManifestEntry],
    seen: set[tuple[str, str]],
    *,
    target: IngestTarget,
    report: IngestReport,
) -> None:
    if report.failed:
        report.errors.append(
            ItemError("--sync", f"deletions skipped: {report.failed} item(s) could not be read")
        )
        return
    gone = [key for key in known if key not in seen]
    for kind, doc_id in gone:
        ids = target.vector_index.ids_for_doc(doc_id) | set(known[(kind, doc_id)].chunk_ids)
        _delete_kind(target, kind, ids, target.lexical_index.ids_for_doc(doc_id) | ids)
    target.manifest.remove(gone)
    report.deleted = len(gone)
