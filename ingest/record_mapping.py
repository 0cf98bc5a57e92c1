"""Mapping of a common-format record (ARCHITECTURE.md) to a ``Document``, and the pieces every
connector shares: the ``Connector`` protocol and careful file decoding.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from copilot.domain import Document, Kind, parse_timestamp
from copilot.errors import SourceFormatError
from ingest.errors import ItemError

log = logging.getLogger(__name__)

Item = Document | ItemError
MAX_FILE_BYTES = 200 * 1024 * 1024  # a whole export file (JSON, JSONL, CSV)
MAX_ITEM_BYTES = 8 * 1024 * 1024  # one document: a Markdown/HTML page, a JSON line, a CSV row
_C1_CONTROLS = re.compile("[\x80-\x9f]")

# The common formats (docs/formats.md). Timestamps and threads a replay needs ride in
# ``Document.extra`` beside the ground-truth labels.
RESOLVED_FIELDS = ("resolved_at", "solved_at", "closed_at")
THREAD_FIELDS = ("thread_id", "conversation_id", "parent_id")
LABEL_FIELDS = ("gold_article_ids", "gold_ticket_ids", "in_scope")
EXTRA_FIELDS = (*LABEL_FIELDS, *RESOLVED_FIELDS, *THREAD_FIELDS)
REQUIRED_FIELDS = ("id", "body")
TICKET_FIELDS = (
    "id",
    "subject",
    "body",
    "resolution",
    "created_at",
    "updated_at",
    "status",
    "tags",
    "lang",
    "customer_name",
    "url",
    "title",
    *EXTRA_FIELDS,
)
ARTICLE_FIELDS = (
    "id",
    "title",
    "body",
    "url",
    "lang",
    "created_at",
    "updated_at",
    "status",
    "tags",
)


class Connector(Protocol):
    """Reads one source path into documents; ``kind`` None lets the connector tell."""

    def read(self, path: Path, *, kind: Kind | None = None) -> Iterator[Item]:
        """Yield a ``Document`` or an ``ItemError`` for every item in ``path``."""
        ...


def read_text(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Decode a text file: UTF-8 (or UTF-16 with a BOM), else cp1252 or latin-1 where that
    decodes cleanly.

    Raises ``SourceFormatError`` for a file that is empty, too large, binary or undecodable.
    """
    size = path.stat().st_size
    if size > max_bytes:
        raise SourceFormatError(
            f"{path.name} is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit "
            "for one item: split it into smaller files."
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise SourceFormatError(f"{path.name} is empty: export it again or remove it.")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw[:8192]:
        raise SourceFormatError(f"{path.name} looks binary (NUL bytes): give a text export.")
    return decode_bytes(raw, name=path.name)


def decode_bytes(raw: bytes, *, name: str) -> str:
    """UTF-8, else cp1252, else latin-1 without C1 control characters."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _C1_CONTROLS.search(text):
            log.warning("%s is not UTF-8; read it as %s", name, encoding)
            return text
    raise SourceFormatError(f"{name} is not UTF-8, cp1252 or latin-1 text: re-export as UTF-8.")


def as_list(value: Any) -> tuple[str, ...]:
    """Tags from a list, a JSON list in a string, or a ``;``/``,``/``|`` separated string."""
    if value is None or value == "":
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    text = str(value).strip()
    if text.startswith("["):
        return tuple(str(v) for v in json.loads(text))
    return tuple(t.strip() for t in re.split(r"[;,|]", text) if t.strip())


def normalize_lang(value: Any) -> str | None:
    """``"en-US"``/``"en_us"``/``"EN"`` -> ``"en"``; empty -> None."""
    if not value:
        return None
    code = re.split(r"[-_]", str(value).strip().lower())[0]
    return code or None


def text_or_none(value: Any) -> str | None:
    """``str(value)`` stripped, or None when empty."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def document_from_record(record: dict[str, Any], *, kind: Kind, source: str) -> Document:
    """Map a common-format record (ARCHITECTURE.md) to a ``Document``.

    Raises ``ValueError``/``KeyError`` with a readable message for a bad record.
    """
    if not isinstance(record, dict):
        raise ValueError("record is not a JSON object")
    doc_id = str(record.get("id") or "").strip()
    body = record.get("body")
    missing = [
        name for name, value in (("id", doc_id), ("body", body)) if not str(value or "").strip()
    ]
    if missing:
        names = " and ".join(repr(m) for m in missing)
        raise KeyError(
            f"missing required field {names}: every {kind} needs {', '.join(REQUIRED_FIELDS)} "
            "(see docs/formats.md)"
        )
    title = str(record.get("title") or record.get("subject") or "").strip()
    extra: dict[str, object] = {
        key: _label(key, record[key])
        for key in EXTRA_FIELDS
        if key in record and record[key] not in (None, "")
    }
    people = person_names(record)
    if people[1:]:
        extra["person_names"] = people[1:]
    return Document(
        id=doc_id,
        kind=kind,
        title=title,
        body=str(body),
        url=text_or_none(record.get("url")),
        lang=normalize_lang(record.get("lang")),
        created_at=parse_timestamp(record.get("created_at")),
        updated_at=parse_timestamp(record.get("updated_at")),
        resolution=text_or_none(record.get("resolution")),
        status=text_or_none(record.get("status")),
        tags=as_list(record.get("tags")),
        customer_name=people[0] if people else None,
        source=source,
        extra=extra,
    )


# Fields that name a person (the requester first): their values are scrubbed from the text.
NAME_FIELDS = (
    "customer_name",
    "requester_name",
    "requester",
    "customer",
    "contact_name",
    "from_name",
    "agent_name",
    "assignee_name",
    "assignee",
)


def person_names(record: dict[str, Any]) -> list[str]:
    """Person names in a record's name fields (a string, or an object with ``name``)."""
    names: list[str] = []
    for key in NAME_FIELDS:
        value = record.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        name = text_or_none(value) if isinstance(value, str) else None
        if name and name not in names:
            names.append(name)
    return names


def _label(key: str, value: Any) -> object:
    """CSV cells are strings: lists and booleans are parsed back (JSONL values pass through)."""
    if not isinstance(value, str):
        return value
    if key in ("gold_article_ids", "gold_ticket_ids"):
        return list(as_list(value))
    if key == "in_scope":
        return value.strip().lower() in ("1", "true", "yes")
    return value


def unknown_columns(header: list[str], *, kind: Kind) -> list[str]:
    """Columns of a CSV header that the common format of ``kind`` does not know."""
    known = set((*TICKET_FIELDS, *NAME_FIELDS) if kind == "ticket" else ARTICLE_FIELDS)
    return [c for c in header if c and c.strip().lower() not in known]


def expected_columns(kind: Kind) -> str:
    """The column names of the common format of ``kind``, for messages."""
    return ", ".join(TICKET_FIELDS if kind == "ticket" else ARTICLE_FIELDS)


def describe(exc: BaseException) -> str:
    """A one-line reason for an item error."""
    if isinstance(exc, KeyError):
        return str(exc.args[0]) if exc.args else "missing field"
    if isinstance(exc, SourceFormatError):
        return exc.message
    return str(exc) or type(exc).__name__


def guess_record_kind(text_head: str) -> Kind:
    """Tickets when records carry a subject, resolution or ticket-only fields; else articles."""
    head = text_head.lower()
    ticket_keys = ('"subject"', '"resolution"', '"requester_id"', '"conversations"', '"comments"')
    if any(key in head for key in ticket_keys) or re.match(r"\ufeff?id,subject", head):
        return "ticket"
    return "article"
