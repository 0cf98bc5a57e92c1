"""Helpdesk API clients: fetch a ticket's conversation, post a private note.

``HelpdeskClient`` is the small protocol the webhook service needs; ``ZendeskClient`` and
``FreshdeskClient`` speak the vendors' REST APIs (v2) through httpx with retries.

Zendesk: ``GET /api/v2/tickets/{id}.json``, ``GET /api/v2/tickets/{id}/comments.json``
(comments carry ``public``, ``body``, ``author_id``), ``PUT /api/v2/tickets/{id}.json`` with
``{"ticket": {"comment": {"body", "public": false}}}``; Basic auth ``{email}/token:{token}``.
Freshdesk: ``GET /api/v2/tickets/{id}?include=conversations`` (conversations carry
``private``, ``incoming``, ``body_text``), ``POST /api/v2/tickets/{id}/notes`` with
``{"body": HTML, "private": true}``; Basic auth ``{api_key}:X``.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from copilot.errors import HelpdeskError, InputError
from copilot.helpdesk.retry import RetryingSender

TICKET_ID = re.compile(r"^[0-9]{1,20}$")
# Zendesk pages comments 100 at a time; a conversation longer than this is cut (newest kept).
MAX_COMMENT_PAGES = 10


@dataclass(frozen=True)
class Message:
    """One message of a ticket's conversation."""

    text: str
    public: bool
    from_requester: bool


@dataclass(frozen=True)
class HelpdeskTicket:
    """A ticket as the helpdesk holds it: subject and conversation, oldest message first."""

    id: str
    subject: str
    messages: tuple[Message, ...]


@dataclass(frozen=True)
class Note:
    """A private note: plain text (Zendesk ``body``) and HTML (Freshdesk ``body``)."""

    text: str
    html: str


class HelpdeskClient(Protocol):
    """What the webhook service needs from a helpdesk."""

    kind: str

    def fetch_ticket(self, ticket_id: str) -> HelpdeskTicket:
        """The ticket's subject and whole conversation, private messages marked."""
        ...

    def post_private_note(self, ticket_id: str, note: Note) -> None:
        """Add ``note`` to the ticket, visible to agents only."""
        ...


def check_ticket_id(value: object) -> str:
    """The ticket id as digits (Zendesk and Freshdesk ids are numbers); ``InputError`` else."""
    text = str(value).strip() if isinstance(value, str | int) else ""
    if isinstance(value, bool) or not TICKET_ID.match(text):
        raise InputError(
            "ticket_id must be a ticket number: set the webhook body to "
            '{"ticket_id": "{{ticket.id}}"} (see docs/helpdesk.md).'
        )
    return text


class _RestClient:
    """JSON calls with Basic auth through a ``RetryingSender``."""

    kind = "helpdesk"

    def __init__(self, base_url: str, *, user: str, password: str, sender: RetryingSender) -> None:
        self.base_url = base_url.rstrip("/")
        pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        self._authorization = f"Basic {pair}"
        self._sender = sender

    def _call(self, method: str, url: str, *, op: str, json: object = None) -> dict[str, Any]:
        request = self._sender.client.build_request(method, url, json=json)
        request.headers["Authorization"] = self._authorization
        return _json(self._sender.send(request, op=op), op=op, kind=self.kind)


def _json(response: httpx.Response, *, op: str, kind: str) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError as exc:
        raise HelpdeskError(
            f"The {kind} API answered {op} with something that is not JSON."
        ) from exc
    if not isinstance(data, dict):
        raise HelpdeskError(f"The {kind} API answered {op} with an unexpected shape.")
    return data


class ZendeskClient(_RestClient):
    """Zendesk Support API v2 with an API token."""

    kind = "zendesk"

    def __init__(self, base_url: str, *, email: str, token: str, sender: RetryingSender) -> None:
        super().__init__(base_url, user=f"{email}/token", password=token, sender=sender)

    def fetch_ticket(self, ticket_id: str) -> HelpdeskTicket:
        """``GET tickets/{id}.json`` and every page of ``tickets/{id}/comments.json``."""
        ticket_id = check_ticket_id(ticket_id)
        ticket = (
            self._call(
                "GET", f"{self.base_url}/api/v2/tickets/{ticket_id}.json", op="get_ticket"
            ).get("ticket")
            or {}
        )
        requester = ticket.get("requester_id")
        comments: list[dict[str, Any]] = []
        url: str | None = f"{self.base_url}/api/v2/tickets/{ticket_id}/comments.json"
        for _ in range(MAX_COMMENT_PAGES):
            if not url:
                break
            page = self._call("GET", url, op="get_comments")
            comments.extend(c for c in page.get("comments") or [] if isinstance(c, dict))
            url = _same_site(page.get("next_page"), self.base_url)
        messages = tuple(
            Message(
                text=str(c.get("body") or ""),
                public=c.get("public") is True,
                from_requester=requester is not None and c.get("author_id") == requester,
            )
            for c in comments
        )
        return HelpdeskTicket(
            id=ticket_id, subject=str(ticket.get("subject") or ""), messages=messages
        )

    def post_private_note(self, ticket_id: str, note: Note) -> None:
        """``PUT tickets/{id}.json`` with a comment that is not public."""
        ticket_id = check_ticket_id(ticket_id)
        body = {"ticket": {"comment": {"body": note.text, "public": False}}}
        self._call(
            "PUT", f"{self.base_url}/api/v2/tickets/{ticket_id}.json", op="post_note", json=body
        )


def _same_site(url: object, base_url: str) -> str | None:
    """Follow a pagination link only to the configured helpdesk (it gets our credentials)."""
    if isinstance(url, str) and url.startswith(base_url + "/"):
        return url
    return None


class FreshdeskClient(_RestClient):
    """Freshdesk API v2 with an API key."""

    kind = "freshdesk"

    def __init__(self, base_url: str, *, api_key: str, sender: RetryingSender) -> None:
        super().__init__(base_url, user=api_key, password="X", sender=sender)

    def fetch_ticket(self, ticket_id: str) -> HelpdeskTicket:
        """``GET tickets/{id}?include=conversations``: the description and the conversations."""
        ticket_id = check_ticket_id(ticket_id)
        url = f"{self.base_url}/api/v2/tickets/{ticket_id}?include=conversations"
        ticket = self._call("GET", url, op="get_ticket")
        requester = ticket.get("requester_id")
        first = Message(
            text=str(ticket.get("description_text") or ""), public=True, from_requester=True
        )
        rest = tuple(
            Message(
                text=str(c.get("body_text") or ""),
                public=c.get("private") is False,
                from_requester=c.get("incoming") is True
                or (requester is not None and c.get("user_id") == requester),
            )
            for c in ticket.get("conversations") or []
            if isinstance(c, dict)
        )
        return HelpdeskTicket(
            id=ticket_id, subject=str(ticket.get("subject") or ""), messages=(first, *rest)
        )

    def post_private_note(self, ticket_id: str, note: Note) -> None:
        """``POST tickets/{id}/notes`` with ``{"body": HTML, "private": true}``."""
        ticket_id = check_ticket_id(ticket_id)
        body = {"body": note.html, "private": True}
        self._call(
            "POST", f"{self.base_url}/api/v2/tickets/{ticket_id}/notes", op="post_note", json=body
        )
