"""Wiki sources: folders of Markdown (front matter, headings kept) or HTML, and a Confluence
HTML space export (``index.html`` plus one ``Title_12345.html`` file per page, the page text in
``<div id="main-content">``, the date in ``<div class="page-metadata">``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from copilot.domain import Document, Kind
from copilot.errors import SourceFormatError
from ingest.errors import ItemError
from ingest.html_text import parse_html
from ingest.record_mapping import MAX_ITEM_BYTES, Item, describe, document_from_record, read_text

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")


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


def page_files(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files under ``root`` (or ``root`` itself) with one of ``suffixes``, hidden ones skipped."""
    if root.is_file():
        return [root]
    return sorted(
        f
        for f in root.rglob("*")
        if f.is_file()
        and f.suffix.lower() in suffixes
        and not any(p.startswith(".") for p in f.relative_to(root).parts)
    )


def page_id(file: Path, root: Path) -> str:
    """The page's path below the folder, without suffix (the file stem for a single file)."""
    return file.relative_to(root).with_suffix("").as_posix() if root.is_dir() else file.stem


class _PageConnector:
    """One document per file; a bad file becomes an ``ItemError`` and the rest carry on."""

    suffixes: tuple[str, ...] = ()

    def files(self, path: Path) -> list[Path]:
        """The files that hold pages."""
        return page_files(path, self.suffixes)

    def read(self, path: Path, *, kind: Kind | None = None) -> Iterator[Item]:
        for file in self.files(path):
            try:
                yield self.document(file, root=path, kind=kind or "wiki")
            except (ValueError, KeyError, SourceFormatError, OSError) as exc:
                yield ItemError(str(file), describe(exc))

    def document(self, file: Path, *, root: Path, kind: Kind) -> Document:
        raise NotImplementedError


class MarkdownConnector(_PageConnector):
    """A Markdown file or a folder of them; front matter gives id, title, dates, language."""

    suffixes = MARKDOWN_SUFFIXES

    def document(self, file: Path, *, root: Path, kind: Kind) -> Document:
        meta, body = parse_front_matter(read_text(file, max_bytes=MAX_ITEM_BYTES))
        heading = re.search(r"^#\s+(.+)$", body, re.MULTILINE)
        record: dict[str, Any] = {
            **meta,
            "id": meta.get("id") or page_id(file, root),
            "title": meta.get("title") or (heading.group(1).strip() if heading else file.stem),
            "body": body,
        }
        return document_from_record(record, kind=kind, source=str(root))


class HtmlConnector(_PageConnector):
    """An HTML file or a folder of them: ``<title>``/``<h1>``, ``<html lang>``, meta dates."""

    suffixes = HTML_SUFFIXES

    def document(self, file: Path, *, root: Path, kind: Kind) -> Document:
        page = parse_html(read_text(file, max_bytes=MAX_ITEM_BYTES))
        heading = re.search(r"^# (.+)$", page.text, re.MULTILINE)
        record: dict[str, Any] = {
            "id": page.meta.get("id") or page_id(file, root),
            "title": page.title or (heading.group(1) if heading else file.stem),
            "body": page.text,
            "lang": page.lang or page.meta.get("language"),
            "url": page.meta.get("url"),
            "created_at": page.meta.get("created") or page.meta.get("date"),
            "updated_at": page.meta.get("updated") or page.meta.get("last-modified"),
        }
        return document_from_record(record, kind=kind, source=str(root))


_CONFLUENCE_ID = re.compile(r"_(\d+)$|^(\d+)$")
_MODIFIED = re.compile(r"last (?:modified|updated)(?: by .*?)? on ([A-Z][a-z]{2} \d{1,2}, \d{4})")
_CREATED = re.compile(r"Created by [^,]*? on ([A-Z][a-z]{2} \d{1,2}, \d{4})")


class ConfluenceConnector(_PageConnector):
    """A Confluence HTML space export folder; ``index.html`` (the space overview) is skipped."""

    suffixes = HTML_SUFFIXES

    def files(self, path: Path) -> list[Path]:
        return [
            f
            for f in page_files(path, self.suffixes)
            if f.name != "index.html" and "attachments" not in f.relative_to(path).parts
        ]

    def document(self, file: Path, *, root: Path, kind: Kind) -> Document:
        html = read_text(file, max_bytes=MAX_ITEM_BYTES)
        page = parse_html(html, root_id="main-content")
        title = _title_text(html) or page.title
        space, sep, rest = title.partition(" : ")
        match = _CONFLUENCE_ID.search(file.stem)
        plain = parse_html(html, root_id="content").text
        return document_from_record(
            {
                "id": (match.group(1) or match.group(2)) if match else page_id(file, root),
                "title": rest if sep else title,
                "body": page.text,
                "lang": page.lang,
                "created_at": _confluence_date(_CREATED.search(plain)),
                "updated_at": _confluence_date(_MODIFIED.search(plain)),
                "tags": [space] if sep else [],
            },
            kind=kind,
            source=str(root),
        )


def _title_text(html: str) -> str:
    match = re.search(r'<span id="title-text">\s*(.*?)\s*</span>', html, re.DOTALL)
    return parse_html(match.group(1)).text if match else ""


def _confluence_date(match: re.Match[str] | None) -> str | None:
    if not match:
        return None
    return datetime.strptime(match.group(1), "%b %d, %Y").replace(tzinfo=UTC).isoformat()


def is_confluence_export(folder: Path) -> bool:
    """True for a folder with ``index.html`` and pages that Confluence generated."""
    if not (folder / "index.html").is_file():
        return False
    for file in page_files(folder, HTML_SUFFIXES)[:5]:
        head = file.read_bytes()[:65536]
        if b'id="main-content"' in head or b"generated by Confluence" in head:
            return True
    return False
