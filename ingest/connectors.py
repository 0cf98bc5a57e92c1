"""Connectors: read source files into ``Document``s, reporting bad items instead of failing.

Each connector yields ``Document`` or ``ItemError`` per item, so one broken line never loses the
good ones. ``detect_format`` picks a connector from the file type and content:

===========  ==============================================================================
jsonl, csv   the common formats of ARCHITECTURE.md (a ``.json`` list of records works too)
zendesk      Zendesk ticket export with comments, or Help Center articles (``ingest.vendors``)
freshdesk    Freshdesk tickets with conversations, or solution articles
markdown     a Markdown file or folder (front matter, headings kept)
html         an HTML file or folder
confluence   a Confluence HTML space export folder
folder       any other folder: every file is detected on its own; unknown or binary files
             are reported as failed items
===========  ==============================================================================
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

from copilot.domain import Document, Kind
from copilot.errors import SourceFormatError
from ingest.errors import ItemError
from ingest.record_mapping import (
    MAX_ITEM_BYTES,
    Connector,
    Item,
    describe,
    document_from_record,
    expected_columns,
    guess_record_kind,
    read_text,
    unknown_columns,
)
from ingest.vendors import VendorConnector, record_list, sniff_vendor
from ingest.wiki import (
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    ConfluenceConnector,
    HtmlConnector,
    MarkdownConnector,
    is_confluence_export,
    parse_front_matter,
)

log = logging.getLogger(__name__)

__all__ = [
    "CONNECTORS",
    "Connector",
    "Item",
    "detect_format",
    "document_from_record",
    "guess_kind",
    "parse_front_matter",
    "read_items",
    "read_text",
    "read_tickets",
]


class JsonlConnector:
    """One JSON object per line in the common format (or one JSON list of such objects)."""

    def read(self, path: Path, *, kind: Kind | None = None) -> Iterator[Item]:
        try:
            text = read_text(path)
        except (SourceFormatError, OSError) as exc:
            yield ItemError(str(path), describe(exc))
            return
        record_kind = kind or guess_record_kind(text[:4096])
        if _whole_file_json(text):
            yield from self._array(path, text, record_kind)
            return
        for lineno, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield self._record(f"{path}:{lineno}", line, record_kind, str(path))

    def _record(self, where: str, line: str, kind: Kind, source: str) -> Item:
        if len(line) > MAX_ITEM_BYTES:
            return ItemError(where, "line is over the 8 MB limit for one item: split it")
        try:
            return document_from_record(json.loads(line), kind=kind, source=source)
        except json.JSONDecodeError as exc:
            return ItemError(where, f"not valid JSON: {exc}")
        except (ValueError, KeyError, TypeError) as exc:
            return ItemError(where, describe(exc))

    def _array(self, path: Path, text: str, kind: Kind) -> Iterator[Item]:
        try:
            records = record_list(json.loads(text))
        except (json.JSONDecodeError, SourceFormatError) as exc:
            yield ItemError(
                str(path),
                describe(exc) if isinstance(exc, SourceFormatError) else f"not valid JSON: {exc}",
            )
            return
        for i, record in enumerate(records):
            try:
                yield document_from_record(record, kind=kind, source=str(path))
            except (ValueError, KeyError, TypeError) as exc:
                yield ItemError(f"{path}#{i}", describe(exc))


def _whole_file_json(text: str) -> bool:
    """A JSON list, or one pretty-printed JSON object, rather than one object per line."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        return True
    if _parses(stripped.split("\n", 1)[0]):
        return False
    return stripped.startswith("{") and _parses(stripped)


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


class CsvConnector:
    """A CSV with a header row in the common format."""

    def read(self, path: Path, *, kind: Kind | None = None) -> Iterator[Item]:
        try:
            text = read_text(path)
        except (SourceFormatError, OSError) as exc:
            yield ItemError(str(path), describe(exc))
            return
        record_kind = kind or guess_record_kind(text[:4096])
        reader = csv.DictReader(io.StringIO(text, newline=""))
        unknown = unknown_columns(list(reader.fieldnames or []), kind=record_kind)
        if unknown:
            names = ", ".join(repr(c) for c in unknown)
            yield ItemError(
                f"{path}:1",
                f"unknown column{'s' if len(unknown) > 1 else ''} {names}; expected: "
                f"{expected_columns(record_kind)} (see docs/formats.md)",
            )
        try:
            for rowno, row in enumerate(reader, start=2):
                yield self._row(f"{path}:{rowno}", row, record_kind, str(path))
        except csv.Error as exc:
            yield ItemError(f"{path}:{reader.line_num}", f"CSV cannot be parsed further: {exc}")

    def _row(self, where: str, row: dict[str | None, str | None], kind: Kind, source: str) -> Item:
        if None in row or any(v is None for v in row.values()):
            return ItemError(where, "row has a different number of columns than the header")
        try:
            record = {str(k): v for k, v in row.items()}
            return document_from_record(record, kind=kind, source=source)
        except (ValueError, KeyError, TypeError) as exc:
            return ItemError(where, describe(exc))


class FolderConnector:
    """A folder of mixed exports: each file is detected and read on its own."""

    def read(self, path: Path, *, kind: Kind | None = None) -> Iterator[Item]:
        for file in _visible_files(path):
            try:
                fmt = detect_file_format(file)
            except (SourceFormatError, OSError) as exc:
                yield ItemError(str(file), describe(exc))
                continue
            log.info("%s: detected format %s", file, fmt)
            connector = CONNECTORS[fmt]
            if isinstance(connector, MarkdownConnector | HtmlConnector):
                yield from self._page(connector, file, root=path, kind=kind)
            else:
                yield from connector.read(file, kind=kind)

    def _page(
        self,
        connector: MarkdownConnector | HtmlConnector,
        file: Path,
        *,
        root: Path,
        kind: Kind | None,
    ) -> Iterator[Item]:
        try:
            yield connector.document(file, root=root, kind=kind or "wiki")
        except (ValueError, KeyError, SourceFormatError, OSError) as exc:
            yield ItemError(str(file), describe(exc))


def _visible_files(root: Path) -> list[Path]:
    return sorted(
        f
        for f in root.rglob("*")
        if f.is_file() and not any(p.startswith(".") for p in f.relative_to(root).parts)
    )


CONNECTORS: dict[str, Connector] = {
    "jsonl": JsonlConnector(),
    "csv": CsvConnector(),
    "zendesk": VendorConnector("zendesk"),
    "freshdesk": VendorConnector("freshdesk"),
    "markdown": MarkdownConnector(),
    "html": HtmlConnector(),
    "confluence": ConfluenceConnector(),
    "folder": FolderConnector(),
}
_BY_SUFFIX = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}
_BY_SUFFIX |= {s: "markdown" for s in MARKDOWN_SUFFIXES} | {s: "html" for s in HTML_SUFFIXES}


def detect_format(path: Path) -> str:
    """Pick a connector name from the path's type and content."""
    if not path.exists():
        raise SourceFormatError(f"{path} does not exist: check the path.")
    if path.is_file():
        return detect_file_format(path)
    if is_confluence_export(path):
        return "confluence"
    suffixes = {f.suffix.lower() for f in _visible_files(path)}
    if not suffixes:
        raise SourceFormatError(f"{path} is an empty folder: give a file or a folder of exports.")
    if suffixes <= set(MARKDOWN_SUFFIXES):
        return "markdown"
    if suffixes <= set(HTML_SUFFIXES):
        return "html"
    return "folder"


def detect_file_format(path: Path) -> str:
    """The format of one file, from its suffix and its first bytes."""
    head_bytes = path.read_bytes()[:16384]
    if b"\x00" in head_bytes and not head_bytes.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceFormatError(f"{path.name} looks binary (NUL bytes): give a text export.")
    head = head_bytes.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    fmt = _BY_SUFFIX.get(path.suffix.lower()) or _sniff_text(head)
    if fmt == "jsonl":
        fmt = sniff_vendor(head) or "jsonl"
    if fmt:
        return fmt
    names = ", ".join(n for n in CONNECTORS if n != "folder")
    raise SourceFormatError(
        f"Cannot tell the format of {path.name} (suffix {path.suffix or 'none'!r}): "
        f"pass --format (one of {names})."
    )


def _sniff_text(head: str) -> str:
    if not head:
        return ""
    if head[0] in "{[":
        return "jsonl"
    if head.startswith(("---", "#")):
        return "markdown"
    if head.startswith("<"):
        return "html"
    first = head.splitlines()[0].lower()
    return "csv" if first.startswith("id,") else ""


TICKET_FORMATS = ("jsonl", "csv", "zendesk", "freshdesk")


def read_items(
    path: Path, *, fmt: str = "auto", kind: Kind | None = None
) -> tuple[str, Iterator[Item]]:
    """The format of ``path`` (detected for ``auto``) and its items: the one way every job
    (ingest, replay) reads a source."""
    fmt = detect_format(path) if fmt == "auto" else fmt
    if fmt not in CONNECTORS:
        raise SourceFormatError(f"Unknown format {fmt!r}: use one of {', '.join(CONNECTORS)}.")
    log.info("Reading %s as %s", path, fmt)
    return fmt, CONNECTORS[fmt].read(path, kind=kind)


def read_tickets(path: Path, *, fmt: str = "auto") -> tuple[str, list[Document], list[ItemError]]:
    """Every ticket of a ticket export in any format ingest reads (common JSONL/CSV, Zendesk,
    Freshdesk), and the items that could not be read. Private notes never reach a ticket:
    the vendor mappings drop them (``ingest.vendors``)."""
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt not in TICKET_FORMATS:
        raise SourceFormatError(
            f"{path}: tickets are read from {', '.join(TICKET_FORMATS)} exports, not {fmt}: "
            "pass --format with the export's format (see docs/formats.md)."
        )
    # Vendor records tell their own shape; an article in a ticket export is reported, not
    # turned into a ticket.
    _, items = read_items(path, fmt=fmt, kind="ticket" if fmt in ("jsonl", "csv") else None)
    docs: list[Document] = []
    errors: list[ItemError] = []
    for item in items:
        if isinstance(item, ItemError):
            errors.append(item)
        elif item.kind != "ticket":
            errors.append(ItemError(f"{path} id {item.id}", f"is an {item.kind}, not a ticket"))
        else:
            docs.append(item)
    return fmt, docs, errors


def guess_kind(path: Path, fmt: str) -> Kind | None:
    """Wiki for page formats; tickets or articles from a record file's first bytes; None for
    a folder (each file tells)."""
    if fmt in ("markdown", "html", "confluence"):
        return "wiki"
    if path.is_file():
        return guess_record_kind(path.read_bytes()[:4096].decode("utf-8", errors="ignore"))
    return None
