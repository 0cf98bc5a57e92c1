"""Connectors: read source files into ``Document``s, reporting bad items instead of failing.

Each connector yields ``Document`` or ``ItemError`` per item, so one broken line never loses the
good ones. ``detect_format`` picks a connector from the file type and content.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from copilot.domain import Document, Kind, parse_timestamp
from copilot.errors import SourceFormatError
from ingest.errors import ItemError

Item = Document | ItemError
MAX_FILE_BYTES = 200 * 1024 * 1024


class Connector(Protocol):
    """Reads one source path into documents of one kind."""

    def read(self, path: Path, *, kind: Kind) -> Iterator[Item]:
        """Yield a ``Document`` or an ``ItemError`` for every item in ``path``."""
        ...


def read_text(path: Path) -> str:
    """Decode a text file: UTF-8, else cp1252 or latin-1 where that decodes cleanly.

    Raises ``SourceFormatError`` for binary content.
    """
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise SourceFormatError(f"{path} looks binary (NUL bytes): give a text export.")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceFormatError(f"{path} is not UTF-8, cp1252 or latin-1 text.")  # pragma: no cover


def _as_list(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    text = str(value).strip()
    if text.startswith("["):
        return tuple(str(v) for v in json.loads(text))
    return tuple(t.strip() for t in re.split(r"[;,|]", text) if t.strip())


def document_from_record(record: dict[str, Any], *, kind: Kind, source: str) -> Document:
    """Map a common-format record (ARCHITECTURE.md) to a ``Document``.

    Raises ``ValueError``/``KeyError`` with a readable message for a bad record.
    """
    if not isinstance(record, dict):
        raise ValueError("record is not a JSON object")
    doc_id = str(record.get("id") or "").strip()
    if not doc_id:
        raise KeyError("missing required field 'id'")
    body = record.get("body")
    if body is None or str(body).strip() == "":
        raise KeyError("missing required field 'body'")
    title = str(record.get("title") or record.get("subject") or "").strip()
    extra: dict[str, object] = {
        key: record[key]
        for key in ("gold_article_ids", "gold_ticket_ids", "in_scope")
        if key in record and record[key] not in (None, "")
    }
    return Document(
        id=doc_id,
        kind=kind,
        title=title,
        body=str(body),
        url=(str(record["url"]) if record.get("url") else None),
        lang=(str(record["lang"]) if record.get("lang") else None),
        created_at=parse_timestamp(record.get("created_at")),
        updated_at=parse_timestamp(record.get("updated_at")),
        resolution=(str(record["resolution"]) if record.get("resolution") else None),
        status=(str(record["status"]) if record.get("status") else None),
        tags=_as_list(record.get("tags")),
        customer_name=(str(record["customer_name"]) if record.get("customer_name") else None),
        source=source,
        extra=extra,
    )


class JsonlConnector:
    """One JSON object per line in the common format."""

    def read(self, path: Path, *, kind: Kind) -> Iterator[Item]:
        for lineno, line in enumerate(read_text(path).splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                yield document_from_record(json.loads(line), kind=kind, source=str(path))
            except (ValueError, KeyError, TypeError) as exc:
                yield ItemError(where, _describe(exc))


class CsvConnector:
    """A CSV with a header row in the common format."""

    def read(self, path: Path, *, kind: Kind) -> Iterator[Item]:
        reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
        for rowno, row in enumerate(reader, start=2):
            where = f"{path}:{rowno}"
            if None in row or any(v is None for v in row.values()):
                yield ItemError(where, "row has a different number of columns than the header")
                continue
            try:
                yield document_from_record(dict(row), kind=kind, source=str(path))
            except (ValueError, KeyError, TypeError) as exc:
                yield ItemError(where, _describe(exc))


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split simple ``key: value`` YAML front matter from a Markdown body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip()] = value.strip().strip("\"'")
    return meta, text[match.end() :]


class MarkdownConnector:
    """A Markdown file or a folder of them; front matter gives id, title, dates, language."""

    def read(self, path: Path, *, kind: Kind) -> Iterator[Item]:
        files = sorted(path.rglob("*.md")) if path.is_dir() else [path]
        for file in files:
            try:
                yield self._document(file, root=path, kind=kind)
            except (ValueError, KeyError, SourceFormatError) as exc:
                yield ItemError(str(file), _describe(exc))

    def _document(self, file: Path, *, root: Path, kind: Kind) -> Document:
        meta, body = parse_front_matter(read_text(file))
        heading = re.search(r"^#\s+(.+)$", body, re.MULTILINE)
        rel = file.relative_to(root).with_suffix("").as_posix() if root.is_dir() else file.stem
        record: dict[str, Any] = {
            **meta,
            "id": meta.get("id") or rel,
            "title": meta.get("title") or (heading.group(1).strip() if heading else file.stem),
            "body": body,
        }
        return document_from_record(record, kind=kind, source=str(root))


CONNECTORS: dict[str, Connector] = {
    "jsonl": JsonlConnector(),
    "csv": CsvConnector(),
    "markdown": MarkdownConnector(),
}


def detect_format(path: Path) -> str:
    """Pick a connector name from the path's type and content."""
    if not path.exists():
        raise SourceFormatError(f"{path} does not exist: check the path.")
    if path.is_dir():
        if any(path.rglob("*.md")):
            return "markdown"
        raise SourceFormatError(f"{path} holds no .md files: give a file or a Markdown folder.")
    suffix = path.suffix.lower()
    by_suffix = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".md": "markdown"}
    if suffix in by_suffix:
        return by_suffix[suffix]
    head = path.read_bytes()[:2048].lstrip()
    if head.startswith(b"{"):
        return "jsonl"
    raise SourceFormatError(
        f"Cannot tell the format of {path}: pass --format (one of {', '.join(CONNECTORS)})."
    )


def guess_kind(path: Path, fmt: str) -> Kind:
    """Tickets when records carry a subject or resolution; wiki for Markdown; else articles."""
    if fmt == "markdown":
        return "wiki"
    if path.is_file():
        head = path.read_bytes()[:4096].decode("utf-8", errors="ignore").lower()
        if '"subject"' in head or '"resolution"' in head or head.startswith("id,subject"):
            return "ticket"
    return "article"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return str(exc.args[0]) if exc.args else "missing field"
    return str(exc) or type(exc).__name__
