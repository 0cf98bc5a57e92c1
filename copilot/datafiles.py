"""The files of a data dir: what each holds, how to tell it is damaged, and how to fix it.

Backends call ``sqlite_failure`` to turn SQLite's errors into a ``DataFileError`` that names
the file and the repair; the CLI calls ``preflight`` before a command touches the data dir
(cheap: headers and sizes only); ``copilot doctor`` runs ``check_data_dir`` (full integrity
checks, index counts against the manifest, a write probe).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import make_url

from copilot.errors import (
    BackendUnavailableError,
    CopilotError,
    DataDirNotWritableError,
    DataFileError,
)
from copilot.settings import Settings

SQLITE_HEADER = b"SQLite format 3\x00"
WRITABLE_FIX = (
    "Make the data dir and its files writable (a read-only mount or wrong owner?), or copy the "
    "data dir somewhere writable and pass --data-dir COPY."
)


@dataclass(frozen=True)
class DataFile:
    """One SQLite file of a data dir: where it is, what it holds, and how to repair it."""

    path: Path
    role: str
    fix: str


def rebuild_fix(data_dir: Path) -> str:
    """How to rebuild the indexes of ``data_dir`` from the sources."""
    return (
        f"Rebuild the index: move {data_dir / 'chroma'}, {data_dir / 'lexical.sqlite'} and "
        f"{data_dir / 'manifest.sqlite'} aside and run `copilot ingest PATH` again for each source."
    )


def records_fix(path: Path) -> str:
    """How to repair the records database at ``path``."""
    return (
        f"Restore it from a backup, or recover what is left with `sqlite3 {path} .recover | "
        f"sqlite3 {path.with_suffix('.recovered.sqlite')}` and move the recovered file in its "
        "place; moving it aside starts an empty one (drafts, feedback and replay runs are lost)."
    )


def cache_fix(path: Path) -> str:
    """How to repair the embedding cache at ``path``."""
    return f"It is only a cache: delete {path}; it fills again as you ingest and draft."


def data_files(settings: Settings) -> list[DataFile]:
    """The SQLite files the configured backends keep in the data dir."""
    data_dir = settings.data_dir
    files = [
        DataFile(data_dir / "manifest.sqlite", "ingest manifest", rebuild_fix(data_dir)),
        DataFile(
            data_dir / "embeddings.sqlite",
            "embedding cache",
            cache_fix(data_dir / "embeddings.sqlite"),
        ),
    ]
    if settings.lexical.kind == "bm25":
        files.append(
            DataFile(data_dir / "lexical.sqlite", "lexical (BM25) index", rebuild_fix(data_dir))
        )
    if settings.index.kind == "chroma":
        chroma = data_dir / "chroma" / "chroma.sqlite3"
        files.append(DataFile(chroma, "Chroma vector index", rebuild_fix(data_dir)))
    records = records_path(settings)
    if records is not None:
        files.append(DataFile(records, "records database", records_fix(records)))
    return files


def records_path(settings: Settings) -> Path | None:
    """The records SQLite file, or None when records live in another database."""
    if not settings.records.url:
        return settings.data_dir / "records.sqlite"
    url = make_url(settings.records.url)
    if url.drivername.startswith("sqlite") and url.database and url.database != ":memory:":
        return Path(url.database)
    return None


def sqlite_failure(path: Path | str, exc: Exception, *, fix: str) -> CopilotError:
    """``exc`` (from SQLite, on ``path``) as the error to raise: unwritable, busy or damaged."""
    text = str(exc)
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered or isinstance(exc, OSError):
        problem = f"it cannot be written ({text})"
        return DataDirNotWritableError(str(path), problem=problem, fix=WRITABLE_FIX)
    if "locked" in lowered or "busy" in lowered:
        return BackendUnavailableError(
            f"{path} is locked by another process ({text}): retry in a moment."
        )
    return DataFileError(str(path), problem=text, fix=fix)


def sqlite_problem(path: Path, *, thorough: bool = False) -> str | None:
    """What is wrong with the SQLite file at ``path`` (None: it looks sound).

    Always: the header, whether the file holds as many pages as its header says (a truncated
    copy does not) and the schema. ``thorough`` adds ``PRAGMA integrity_check`` (every page).
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        return f"it cannot be opened ({exc.strerror or exc})"
    if not header or _hot_journal(path):
        # An empty file is an empty database to SQLite (a process killed before its first
        # write leaves one); a hot rollback journal means a write was cut short, which the
        # next read-write open rolls back (backends still report damage they meet then).
        return None
    if header[: len(SQLITE_HEADER)] != SQLITE_HEADER:
        return "it is not an SQLite database (wrong header: damaged or overwritten)"
    problem = _size_problem(header, path.stat().st_size)
    # A checkpoint cut short (a process killed, or one still writing) leaves a header that
    # counts pages still in the write-ahead log: only a page check tells that from damage.
    recheck = problem is not None and _has_log(path)
    if problem is not None and not recheck:
        return problem
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if recheck:
                return problem if _integrity(conn, quick=True) else None
            return _integrity(conn) if thorough else None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc):
            # Reading needs a recovery write first (a journal or log left by a killed
            # writer): the command's own read-write open does it; writability is checked apart.
            return None
        return str(exc)


def _hot_journal(path: Path) -> bool:
    journal = Path(f"{path}-journal")
    return journal.exists() and journal.stat().st_size > 0


def _has_log(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def _size_problem(header: bytes, actual: int) -> str | None:
    """A file shorter than the page count in its header (valid while the header's
    version-valid-for number equals its change counter; it counts checkpointed pages only,
    so a write-ahead log beside the file does not matter)."""
    if len(header) < 100:
        return f"it is truncated ({actual} bytes on disk)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[92:96] == header[24:28]
    if valid and actual < pages * page_size:
        return f"it is truncated ({actual} bytes on disk, {pages * page_size} expected)"
    return None


def _integrity(conn: sqlite3.Connection, *, quick: bool = False) -> str | None:
    pragma = "quick_check" if quick else "integrity_check"
    rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}(5)").fetchall()]
    return None if rows == ["ok"] else "integrity check failed: " + "; ".join(rows)


def writable_problem(data_dir: Path) -> str | None:
    """Why nothing can be written in ``data_dir``, or in the folder that would hold it when
    it does not exist yet (None: a file was created and removed there)."""
    target = data_dir
    while not target.exists() and target.parent != target:
        target = target.parent
    if not target.is_dir():
        return "it is not a directory" if target == data_dir else f"{target} is not a directory"
    try:
        with tempfile.NamedTemporaryFile(dir=target, prefix=".copilot-write-probe-"):
            pass
    except OSError as exc:
        where = "" if target == data_dir else f" ({target} is not writable)"
        return f"it is not writable{where}: {exc.strerror or exc}"
    return None


def preflight(settings: Settings) -> None:
    """Raise ``DataFileError`` for a data dir that is not writable or holds a damaged SQLite
    file (cheap checks only; a data dir that does not exist yet passes)."""
    data_dir = settings.data_dir
    problem = writable_problem(data_dir)
    if problem is not None:
        raise DataDirNotWritableError(f"The data dir {data_dir}", problem=problem, fix=WRITABLE_FIX)
    for item in data_files(settings):
        if item.path.exists():
            problem = sqlite_problem(item.path)
            if problem is not None:
                raise DataFileError(f"The {item.role} {item.path}", problem=problem, fix=item.fix)


@dataclass(frozen=True)
class Check:
    """One finding of ``check_data_dir``: what was checked, and what to do if it failed."""

    name: str
    path: str
    ok: bool
    detail: str
    fix: str = ""

    def as_json(self) -> dict[str, object]:
        """The ``copilot doctor --json`` shape of one check."""
        return {
            "check": self.name,
            "path": self.path,
            "ok": self.ok,
            "detail": self.detail,
            "fix": "" if self.ok else self.fix,
        }


def check_data_dir(
    settings: Settings, *, counts: Callable[[], dict[str, int]] | None = None
) -> list[Check]:
    """Check every file of the data dir (integrity included), that it is writable, and that
    the chunk ``counts`` (``manifest``, ``vector``, ``lexical``) agree when given."""
    data_dir = settings.data_dir
    if not data_dir.exists():
        return [Check("data dir", str(data_dir), False, "it does not exist", _NO_DATA_FIX)]
    problem = writable_problem(data_dir)
    checks = [
        Check("data dir", str(data_dir), problem is None, problem or "writable", WRITABLE_FIX)
    ]
    files = data_files(settings)
    for item in files:
        checks.append(_file_check(item))
    if counts is not None and all(c.ok for c in checks):
        checks.append(_counts_check(data_dir, counts))
    return checks


_NO_DATA_FIX = "Run `copilot ingest PATH` to create it, or pass the right --data-dir."


def _file_check(item: DataFile) -> Check:
    if not item.path.exists():
        return Check(item.role, str(item.path), True, "not created yet")
    problem = sqlite_problem(item.path, thorough=True)
    if problem is None and not os.access(item.path, os.W_OK):
        problem = "it is read-only"
    return Check(item.role, str(item.path), problem is None, problem or "ok", item.fix)


def _counts_check(data_dir: Path, counts: Callable[[], dict[str, int]]) -> Check:
    try:
        found = counts()
    except CopilotError as exc:
        return Check("index counts", str(data_dir), False, exc.message, rebuild_fix(data_dir))
    detail = ", ".join(f"{name} {n}" for name, n in found.items()) + " chunks"
    agree = len(set(found.values())) <= 1
    if not agree:
        detail += ": the indexes disagree with the manifest (an interrupted ingest?)"
    fix = "Run the same `copilot ingest PATH` again; if they still disagree: " + rebuild_fix(
        data_dir
    )
    return Check("index counts", str(data_dir), agree, detail, fix)
