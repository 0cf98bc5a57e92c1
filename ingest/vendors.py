"""Zendesk and Freshdesk exports, mapped field by field from the vendors' API documentation.

- Zendesk tickets (``GET /api/v2/tickets`` with ``comments`` per ticket, optionally
  side-loaded ``users``): public comments of the requester (or of end users) form the body,
  public comments of agents the resolution; internal notes (``public: false``) are dropped, so
  nothing an agent wrote for colleagues can reach a customer through a draft.
- Zendesk Help Center articles (``GET /api/v2/help_center/articles``): ``title``, HTML
  ``body``, ``html_url``, ``locale``, ``draft``, ``label_names``.
- Freshdesk tickets with ``conversations`` (``GET /api/v2/tickets/{id}?include=conversations``):
  ``incoming`` conversations are the customer's, outgoing ones the agents' replies; ``private``
  notes are dropped.
- Freshdesk solution articles (``GET /api/v2/solutions/articles/{id}``): ``description``
  (HTML) or ``description_text``, ``status`` 1 draft / 2 published.

A file holds a JSON object with a list under ``tickets``/``articles``/``results``, a JSON list,
or one JSON object per line (optionally wrapped as ``{"ticket": {...}}``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from copilot.domain import Document, Kind, parse_timestamp
from copilot.errors import SourceFormatError
from ingest.errors import ItemError
from ingest.html_text import html_to_text
from ingest.record_mapping import (
    MAX_ITEM_BYTES,
    Item,
    as_list,
    describe,
    normalize_lang,
    read_text,
    text_or_none,
)

Record = dict[str, Any]
_LIST_KEYS = ("tickets", "articles", "results", "items")
_WRAPPER_KEYS = ("ticket", "article")
FRESHDESK_TICKET_STATUS = {2: "open", 3: "pending", 4: "resolved", 5: "closed"}
FRESHDESK_ARTICLE_STATUS = {1: "draft", 2: "published"}


def load_records(path: Path) -> Iterator[tuple[str, Record | ItemError, Record]]:
    """``(where, record or error, side-loaded data)`` for every record in a vendor export."""
    text = read_text(path)
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and _is_single_json(stripped)):
        data = json.loads(stripped)
        side = data if isinstance(data, dict) else {}
        for i, rec in enumerate(record_list(data)):
            yield f"{path}#{i}", _unwrap(rec), side
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        where = f"{path}:{lineno}"
        if not line.strip():
            continue
        if len(line) > MAX_ITEM_BYTES:
            yield where, ItemError(where, "line is over the 8 MB limit for one item"), {}
            continue
        try:
            yield where, _unwrap(json.loads(line)), {}
        except ValueError as exc:
            yield where, ItemError(where, f"not valid JSON: {exc}"), {}


def _is_single_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def record_list(data: Any) -> list[Any]:
    """The records of a parsed export: a list, or the list under a known key of an object."""
    if isinstance(data, list):
        return data
    for key in _LIST_KEYS:
        if isinstance(data.get(key), list):
            return list(data[key])
    if any(key in data for key in _WRAPPER_KEYS) or "id" in data:
        return [data]
    raise SourceFormatError(
        f"JSON object has none of the list keys {', '.join(_LIST_KEYS)}: give the export file."
    )


def _unwrap(rec: Any) -> Record:
    if not isinstance(rec, dict):
        raise SourceFormatError("record is not a JSON object")
    for key in _WRAPPER_KEYS:
        if isinstance(rec.get(key), dict) and "id" not in rec:
            return dict(rec[key])
    return rec


def record_shape(rec: Record) -> str:
    """The vendor shape of a record: ``zendesk-ticket``, ``freshdesk-article``, ... or ""."""
    keys = set(rec)
    if "conversations" in keys or {"description_text", "requester_id"} <= keys:
        return "freshdesk-ticket"
    if "comments" in keys or {"requester_id", "via"} <= keys or "raw_subject" in keys:
        return "zendesk-ticket"
    if "folder_id" in keys or "category_id" in keys or "description_text" in keys:
        return "freshdesk-article"
    if "html_url" in keys or "section_id" in keys or "locale" in keys:
        return "zendesk-article"
    return ""


def _users(side: Record) -> dict[str, Record]:
    return {str(u.get("id")): u for u in side.get("users") or [] if isinstance(u, dict)}


def _require_id(rec: Record, what: str) -> str:
    value = rec.get("id")
    if value is None or str(value).strip() == "":
        raise KeyError(f"{what} has no 'id'")
    return str(value).strip()


def _joined(parts: list[str]) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def zendesk_ticket(rec: Record, *, users: dict[str, Record], kind: Kind, source: str) -> Document:
    """A Zendesk ticket with its comment thread; internal notes are left out."""
    ticket_id = _require_id(rec, "ticket")
    requester = str(rec.get("requester_id"))
    customer: list[str] = []
    agent: list[str] = []
    authors: list[str] = []  # their names are scrubbed from the text (agents' signatures)
    for comment in rec.get("comments") or []:
        if not comment.get("public", True):
            continue  # internal note: never part of anything a customer could see
        text = comment.get("plain_body") or comment.get("body") or ""
        text = text or html_to_text(comment.get("html_body") or "")
        author = str(comment.get("author_id"))
        if text_or_none(users.get(author, {}).get("name")):
            authors.append(str(users[author]["name"]).strip())
        role = str(users.get(author, {}).get("role") or "")
        is_customer = role == "end-user" or (not role and author == requester)
        (customer if is_customer else agent).append(text)
    body = _joined(customer) or str(rec.get("description") or "").strip()
    if not body:
        raise KeyError(f"ticket {ticket_id} has no description and no customer comment")
    return Document(
        id=ticket_id,
        kind=kind,
        title=str(rec.get("subject") or rec.get("raw_subject") or "").strip(),
        body=body,
        url=_zendesk_agent_url(rec.get("url"), ticket_id),
        lang=normalize_lang(users.get(requester, {}).get("locale")),
        created_at=parse_timestamp(rec.get("created_at")),
        updated_at=parse_timestamp(rec.get("updated_at")),
        resolution=_joined(agent) or None,
        status=text_or_none(rec.get("status")),
        tags=as_list(rec.get("tags")),
        customer_name=_zendesk_requester_name(rec, users.get(requester, {})),
        source=source,
        extra={"person_names": list(dict.fromkeys(authors))} if authors else {},
    )


def _zendesk_agent_url(api_url: Any, ticket_id: str) -> str | None:
    match = re.match(r"(https?://[^/]+)/api/v2/tickets/", str(api_url or ""))
    return f"{match.group(1)}/agent/tickets/{ticket_id}" if match else text_or_none(api_url)


def _zendesk_requester_name(rec: Record, user: Record) -> str | None:
    embedded = _mapping(rec.get("requester"))
    via_from = _mapping(_mapping(_mapping(rec.get("via")).get("source")).get("from"))
    for candidate in (user.get("name"), embedded.get("name"), via_from.get("name")):
        if text_or_none(candidate):
            return str(candidate).strip()
    return None


def zendesk_article(rec: Record, *, kind: Kind, source: str) -> Document:
    """A Zendesk Help Center article (HTML body, headings kept)."""
    article_id = _require_id(rec, "article")
    body = html_to_text(str(rec.get("body") or ""))
    if not body:
        raise KeyError(f"article {article_id} has an empty body")
    return Document(
        id=article_id,
        kind=kind,
        title=str(rec.get("title") or rec.get("name") or "").strip(),
        body=body,
        url=text_or_none(rec.get("html_url") or rec.get("url")),
        lang=normalize_lang(rec.get("locale") or rec.get("source_locale")),
        created_at=parse_timestamp(rec.get("created_at")),
        updated_at=parse_timestamp(rec.get("edited_at") or rec.get("updated_at")),
        status="draft" if rec.get("draft") else "published",
        tags=as_list(rec.get("label_names")),
        source=source,
    )


def freshdesk_ticket(rec: Record, *, kind: Kind, source: str) -> Document:
    """A Freshdesk ticket with its conversations; private notes are left out."""
    ticket_id = _require_id(rec, "ticket")
    first = rec.get("description_text") or html_to_text(str(rec.get("description") or ""))
    customer: list[str] = [first]
    agent: list[str] = []
    for conv in rec.get("conversations") or []:
        if conv.get("private"):
            continue  # private note: never part of anything a customer could see
        text = conv.get("body_text") or html_to_text(str(conv.get("body") or ""))
        (customer if conv.get("incoming") else agent).append(text)
    body = _joined(customer)
    if not body:
        raise KeyError(f"ticket {ticket_id} has no description_text")
    requester = _mapping(rec.get("requester"))
    stats = _mapping(rec.get("stats"))  # include=stats
    resolved = stats.get("resolved_at") or stats.get("closed_at")
    return Document(
        id=ticket_id,
        kind=kind,
        title=str(rec.get("subject") or "").strip(),
        body=body,
        url=text_or_none(rec.get("url")),
        lang=normalize_lang(rec.get("language") or requester.get("language")),
        created_at=parse_timestamp(rec.get("created_at")),
        updated_at=parse_timestamp(rec.get("updated_at")),
        resolution=_joined(agent) or None,
        status=_status(rec.get("status"), FRESHDESK_TICKET_STATUS),
        tags=as_list(rec.get("tags")),
        customer_name=text_or_none(requester.get("name") or rec.get("name")),
        source=source,
        extra={"resolved_at": resolved} if resolved else {},
    )


def freshdesk_article(rec: Record, *, kind: Kind, source: str) -> Document:
    """A Freshdesk solution article (HTML description preferred: it keeps the headings)."""
    article_id = _require_id(rec, "article")
    body = html_to_text(str(rec.get("description") or "")) or str(rec.get("description_text") or "")
    if not body.strip():
        raise KeyError(f"article {article_id} has an empty description")
    return Document(
        id=article_id,
        kind=kind,
        title=str(rec.get("title") or "").strip(),
        body=body,
        url=text_or_none(rec.get("url")),
        lang=normalize_lang(rec.get("language") or rec.get("lang")),
        created_at=parse_timestamp(rec.get("created_at")),
        updated_at=parse_timestamp(rec.get("updated_at")),
        status=_status(rec.get("status"), FRESHDESK_ARTICLE_STATUS),
        tags=as_list(rec.get("tags")),
        source=source,
    )


class VendorConnector:
    """Zendesk or Freshdesk export: each record is mapped by its shape (ticket or article)."""

    def __init__(self, vendor: str) -> None:
        self.vendor = vendor

    def read(self, path: Path, *, kind: Kind | None = None) -> Iterator[Item]:
        try:
            for where, rec, side in load_records(path):
                if isinstance(rec, ItemError):
                    yield rec
                    continue
                yield self._document(where, rec, side, kind=kind, source=str(path))
        except (SourceFormatError, ValueError, OSError) as exc:
            yield ItemError(str(path), describe(exc))

    def _document(
        self, where: str, rec: Record, side: Record, *, kind: Kind | None, source: str
    ) -> Item:
        shape = record_shape(rec)
        if not shape.startswith(self.vendor):
            return ItemError(where, f"not a {self.vendor} ticket or article (fields: {_keys(rec)})")
        try:
            build = _BUILDERS[shape]
            return build(rec, users=_users(side), kind=kind or _SHAPE_KIND[shape], source=source)
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            return ItemError(where, describe(exc))


def _mapping(value: Any) -> Record:
    return value if isinstance(value, dict) else {}


def _status(value: Any, names: dict[int, str]) -> str | None:
    if isinstance(value, int) and value in names:
        return names[value]
    return text_or_none(value)


def _keys(rec: Record) -> str:
    return ", ".join(sorted(rec)[:8])


_SHAPE_KIND: dict[str, Kind] = {
    "zendesk-ticket": "ticket",
    "zendesk-article": "article",
    "freshdesk-ticket": "ticket",
    "freshdesk-article": "article",
}
_BUILDERS: dict[str, Callable[..., Document]] = {
    "zendesk-ticket": zendesk_ticket,
    "zendesk-article": lambda rec, users, **kw: zendesk_article(rec, **kw),
    "freshdesk-ticket": lambda rec, users, **kw: freshdesk_ticket(rec, **kw),
    "freshdesk-article": lambda rec, users, **kw: freshdesk_article(rec, **kw),
}


def sniff_vendor(head: str) -> str:
    """``zendesk``, ``freshdesk`` or "" from the first part of a JSON/JSONL file."""
    text = head.lower()
    if '"conversations"' in text or '"description_text"' in text or '"folder_id"' in text:
        return "freshdesk"
    zendesk_keys = ('"comments"', '"html_url"', '"raw_subject"', '"section_id"', '"via"')
    if any(key in text for key in zendesk_keys):
        return "zendesk"
    return ""
