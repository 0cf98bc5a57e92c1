"""Sync state: which documents are indexed, from which source, with which content hash.

Stored in SQLite through SQLAlchemy (``manifest.sqlite`` in the data dir). The manifest row of
a document is written only after its chunks are in both indexes, so a job killed midway leaves
rows that the next run redoes; chunk ids are deterministic and upserts idempotent.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, String, Text, create_engine, delete, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from copilot.datafiles import rebuild_fix, sqlite_failure
from copilot.domain import Document


class _Base(DeclarativeBase):
    pass


class ManifestRow(_Base):
    __tablename__ = "documents"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(512), primary_key=True)
    source: Mapped[str] = mapped_column(Text, index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    chunk_ids: Mapped[str] = mapped_column(Text)
    indexed_at: Mapped[str] = mapped_column(String(40))


@dataclass(frozen=True)
class ManifestEntry:
    """What the manifest knows of one indexed document."""

    kind: str
    doc_id: str
    source: str
    content_hash: str
    chunk_ids: tuple[str, ...]


def content_hash(doc: Document, *, settings_key: str = "") -> str:
    """Hash of everything that ends up in a document's chunks (and the chunking settings)."""
    payload = json.dumps(
        [
            doc.title,
            doc.body,
            doc.resolution,
            doc.url,
            doc.lang,
            doc.created_at.isoformat() if doc.created_at else None,
            doc.updated_at.isoformat() if doc.updated_at else None,
            doc.customer_name,  # scrubbing replaces it: a new name means new chunk text
            settings_key,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


class Manifest:
    """Read and write sync state. Database errors become ``DataFileError`` naming the file
    and how to rebuild it."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        with self._guard():
            _Base.metadata.create_all(engine)

    @classmethod
    def open(cls, data_dir: Path) -> Manifest:
        """The manifest in ``data_dir`` (created when missing)."""
        path = data_dir / "manifest.sqlite"
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise sqlite_failure(path, exc, fix=rebuild_fix(data_dir)) from exc
        return cls(create_engine(f"sqlite:///{path}"))

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as exc:
            path = Path(self._engine.url.database or "manifest.sqlite")
            cause = getattr(exc, "orig", None) or exc
            raise sqlite_failure(path, cause, fix=rebuild_fix(path.parent)) from exc

    def entries(self, *, source: str | None = None) -> dict[tuple[str, str], ManifestEntry]:
        """Every entry, or those of one source, keyed by ``(kind, doc_id)``."""
        stmt = select(ManifestRow)
        if source is not None:
            stmt = stmt.where(ManifestRow.source == source)
        with self._guard(), Session(self._engine) as session:
            return {(r.kind, r.doc_id): _entry(r) for r in session.scalars(stmt)}

    def record(self, entries: list[ManifestEntry]) -> None:
        """Insert or replace entries in one transaction."""
        if not entries:
            return
        now = datetime.now(UTC).isoformat()
        rows = [
            {
                "kind": e.kind,
                "doc_id": e.doc_id,
                "source": e.source,
                "content_hash": e.content_hash,
                "chunk_ids": json.dumps(list(e.chunk_ids)),
                "indexed_at": now,
            }
            for e in entries
        ]
        stmt = sqlite_insert(ManifestRow)
        stmt = stmt.on_conflict_do_update(
            index_elements=["kind", "doc_id"],
            set_={
                k: stmt.excluded[k] for k in ("source", "content_hash", "chunk_ids", "indexed_at")
            },
        )
        with self._guard(), Session(self._engine) as session, session.begin():
            session.execute(stmt, rows)

    def remove(self, keys: list[tuple[str, str]]) -> None:
        """Forget documents (after their chunks left the indexes)."""
        with self._guard(), Session(self._engine) as session, session.begin():
            for kind, doc_id in keys:
                session.execute(
                    delete(ManifestRow).where(
                        ManifestRow.kind == kind, ManifestRow.doc_id == doc_id
                    )
                )

    def count(self) -> int:
        """Number of indexed documents."""
        with self._guard(), Session(self._engine) as session:
            return int(session.scalar(select(func.count()).select_from(ManifestRow)) or 0)

    def chunk_count(self) -> int:
        """Number of chunks the indexed documents should have in each index."""
        with self._guard(), Session(self._engine) as session:
            return sum(
                len(json.loads(ids)) for ids in session.scalars(select(ManifestRow.chunk_ids))
            )


def _entry(row: ManifestRow) -> ManifestEntry:
    return ManifestEntry(
        kind=row.kind,
        doc_id=row.doc_id,
        source=row.source,
        content_hash=row.content_hash,
        chunk_ids=tuple(json.loads(row.chunk_ids)),
    )
