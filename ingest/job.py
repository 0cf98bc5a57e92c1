"""The ingest job: source -> documents -> scrub -> chunks -> both indexes -> manifest.

Work goes in batches of documents. The main thread reads, scrubs, chunks and embeds a batch
(the embedder sorts a batch's chunks by length, so padding is small) while a writer thread
stores the batch before it. For each batch the writer upserts the chunks into the vector and
lexical indexes, deletes chunks a document no longer has, and only then records the batch in
the manifest: a job killed at any point leaves indexes that the next run completes without
duplicates (chunk ids are deterministic and upserts idempotent).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from copilot.backends.embedder import TokenStateEmbedder, Vectors
from copilot.backends.lexical_index import PassageVector, PassageVectorStore
from copilot.domain import Chunk, Document, Kind, heading_line
from copilot.passage_vectors import pooled_passage_vectors, pooled_sentence_vectors
from copilot.text import detect_language
from ingest.chunking import chunk_document, embedding_text
from ingest.connectors import read_items
from ingest.errors import ItemError
from ingest.manifest import ManifestEntry, content_hash
from ingest.pii import SCRUB_VERSION, scrub_document
from ingest.target import IngestTarget
from ingest.writer import BatchWriter, PreparedDoc

log = logging.getLogger(__name__)

PASSAGE_VECTORS_VERSION = "2"  # bump when passage vectors are pooled differently (2: sentences)
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
    deleted_ids: list[str] = field(default_factory=list)
    # The data dir's embedder and why it was chosen (``EmbedderChoice.as_json``), when known.
    embedder: dict[str, object] = field(default_factory=dict)
    # Documents indexed by this run (added or updated), per language.
    languages: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        """Counts, timings and per-item errors as plain JSON data."""
        data = dataclasses.asdict(self)
        data["errors"] = [e.as_json() for e in self.errors]
        data["seconds"] = round(self.seconds, 3)
        return data

    def fail(self, error: ItemError) -> None:
        """Record one item that could not be indexed."""
        self.failed += 1
        self.errors.append(error)
        log.warning("Skipped %s: %s", error.source, error.error)


@dataclass(frozen=True)
class IngestOptions:
    """How documents are prepared."""

    chunk_tokens: int = 200
    overlap_tokens: int = 32
    scrub_tickets: bool = True
    scrub_articles: bool = False
    batch_size: int = 64  # documents per write batch (and manifest transaction)
    overlap_writes: bool = True  # store batch N while batch N+1 is embedded
    # The drafter's ``drafting.max_sentences``: with an embedder that has token access, the
    # vectors of the passages it will cut are pooled from the chunks' pass (0: none).
    passage_sentences: int = 0

    def settings_key(self, model_id: str) -> str:
        """Everything besides the text that changes a document's chunks or vectors."""
        passages = f"/passages{PASSAGE_VECTORS_VERSION}:{self.passage_sentences}"
        return (
            f"{model_id}/{self.chunk_tokens}/{self.overlap_tokens}"
            f"/{self.scrub_tickets}/{self.scrub_articles}/scrub{SCRUB_VERSION}"
            + (passages if self.passage_sentences else "")
        )


def prepare_document(doc: Document, opts: IngestOptions) -> Document:
    """Fill in the language and scrub PII as configured for the document's kind."""
    lang = doc.lang or detect_language(f"{doc.title}\n{doc.body}")
    wants_scrub = opts.scrub_tickets if doc.kind == "ticket" else opts.scrub_articles
    if not wants_scrub:
        return dataclasses.replace(doc, lang=lang)
    return scrub_document(dataclasses.replace(doc, lang=lang))


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
    """Index everything in ``path``.

    A document whose content hash is in the manifest is skipped, whichever path it came from.
    With ``sync``, ``path`` is the complete source for the kinds it holds (or ``kind``):
    indexed documents of those kinds that it no longer has are deleted and reported.
    """
    started = time.perf_counter()
    opts = options or IngestOptions()
    fmt, items = read_items(path, fmt=fmt, kind=kind)
    source = str(path.resolve())
    report = IngestReport(format=fmt, kind=kind or "")
    known = target.manifest.entries()
    seen: set[tuple[str, str]] = set()
    docs = _docs(items, report, source)
    total = estimate_items(path, fmt) if progress else None
    writer = BatchWriter(target, threaded=opts.overlap_writes, progress=progress, total=total)
    with writer:
        for batch in _batches(docs, opts.batch_size):
            seen.update((d.kind, d.id) for d in batch)
            prepared = _prepare_batch(batch, known=known, target=target, opts=opts, report=report)
            writer.advance(len(batch) - len(prepared))
            if prepared:
                writer.submit(prepared, *embed_batch(prepared, target=target, opts=opts))
                if target.headings is not None:
                    lines = dict.fromkeys(heading_line(c) for p in prepared for c in p.chunks)
                    target.headings.embed_documents(list(lines))
    if sync:
        kinds = {k for k, _ in seen} | ({kind} if kind else set())
        _delete_missing(known, seen, kinds=kinds, target=target, report=report)
    report.kind = report.kind or ",".join(sorted({k for k, _ in seen}))
    report.seconds = time.perf_counter() - started
    return report


def embed_batch(
    prepared: Sequence[PreparedDoc], *, target: IngestTarget, opts: IngestOptions
) -> tuple[Vectors, list[PassageVector]]:
    """The vectors of the documents' chunks and, when the embedder hands out token states
    and the lexical index keeps them, of the drafter's passages and the support finder's
    sentences (from the same pass)."""
    texts = [embedding_text(c) for p in prepared for c in p.chunks]
    embedder = target.embedder
    wanted = opts.passage_sentences > 0 and isinstance(target.lexical_index, PassageVectorStore)
    if not (wanted and isinstance(embedder, TokenStateEmbedder)):
        return embedder.embed_documents(texts), []
    vectors, states = embedder.embed_with_token_states(texts)
    passages: list[PassageVector] = []
    start = 0
    for item in prepared:
        end = start + len(item.chunks)
        passages += pooled_passage_vectors(
            item.chunks, states[start:end], max_sentences=opts.passage_sentences
        )
        passages += pooled_sentence_vectors(item.chunks, states[start:end])
        start = end
    return vectors, passages


def source_languages(
    path: Path, *, fmt: str = "auto", kind: Kind | None = None, limit: int = 2000
) -> list[str]:
    """The language of each of the first ``limit`` documents in ``path`` (a cheap pre-pass:
    read and detect, nothing chunked or embedded), for choosing the embedder."""
    _, items = read_items(path, fmt=fmt, kind=kind)
    langs: list[str] = []
    for item in items:
        if isinstance(item, Document):
            langs.append(item.lang or detect_language(f"{item.title}\n{item.body}"))
        if len(langs) >= limit:
            break
    return langs


def estimate_items(path: Path, fmt: str) -> int | None:
    """Items in a line-based file (for the progress bar); None when not cheap to tell."""
    if not path.is_file() or fmt not in ("jsonl", "csv"):
        return None
    with path.open("rb") as fh:
        lines = sum(1 for line in fh if line.strip())
    return max(0, lines - (fmt == "csv"))


def _docs(
    items: Iterable[Document | ItemError], report: IngestReport, source: str
) -> Iterator[Document]:
    seen_ids: set[tuple[str, str]] = set()
    for item in items:
        if isinstance(item, ItemError):
            report.fail(item)
        elif (item.kind, item.id) in seen_ids:
            report.fail(ItemError(f"{item.source} id {item.id}", "duplicate id, kept the first"))
        else:
            seen_ids.add((item.kind, item.id))
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


def _prepare_batch(
    batch: list[Document],
    *,
    known: dict[tuple[str, str], ManifestEntry],
    target: IngestTarget,
    opts: IngestOptions,
    report: IngestReport,
) -> list[PreparedDoc]:
    """Hash, scrub and chunk the documents that changed; count the unchanged ones."""
    settings_key = opts.settings_key(target.embedder.model_id)
    prepared: list[PreparedDoc] = []
    for doc in batch:
        digest = content_hash(doc, settings_key=settings_key)
        entry = known.get((doc.kind, doc.id))
        if entry and entry.content_hash == digest:
            report.unchanged += 1
            continue
        try:
            chunks = _chunks(doc, target=target, opts=opts)
        except Exception as exc:  # a job loop: one bad document must not stop the rest
            report.fail(ItemError(f"{doc.source} id {doc.id}", f"cannot be chunked: {exc}"))
            continue
        prepared.append(PreparedDoc(doc, digest, chunks, previous=entry))
        report.chunks += len(chunks)
        lang = chunks[0].lang if chunks else None
        if lang:
            report.languages[lang] = report.languages.get(lang, 0) + 1
        if entry:
            report.updated += 1
        else:
            report.added += 1
    return prepared


def _chunks(doc: Document, *, target: IngestTarget, opts: IngestOptions) -> list[Chunk]:
    return chunk_document(
        prepare_document(doc, opts),
        max_tokens=min(opts.chunk_tokens, target.embedder.max_tokens),
        overlap_tokens=opts.overlap_tokens,
        count_tokens=target.embedder.count_tokens,
    )


def _delete_missing(
    known: dict[tuple[str, str], ManifestEntry],
    seen: set[tuple[str, str]],
    *,
    kinds: set[str],
    target: IngestTarget,
    report: IngestReport,
) -> None:
    if report.failed:
        report.errors.append(
            ItemError("--sync", f"deletions skipped: {report.failed} item(s) could not be read")
        )
        return
    gone = sorted(key for key in known if key[0] in kinds and key not in seen)
    for kind, doc_id in gone:
        recorded = set(known[(kind, doc_id)].chunk_ids)
        vec_ids = target.vector_index.ids_for_doc(doc_id) | recorded
        lex_ids = target.lexical_index.ids_for_doc(doc_id) | recorded
        prefix = f"{kind}:"  # a ticket and an article may share a doc id
        target.vector_index.delete(sorted(i for i in vec_ids if i.startswith(prefix)))
        target.lexical_index.delete(sorted(i for i in lex_ids if i.startswith(prefix)))
    target.manifest.remove(gone)
    report.deleted = len(gone)
    report.deleted_ids = [doc_id for _, doc_id in gone]
