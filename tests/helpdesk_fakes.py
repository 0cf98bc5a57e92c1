"""Fake Zendesk and Freshdesk APIs that answer with the vendors' shapes and record requests.

Each fake is an ``httpx`` handler (``httpx.MockTransport(fake.handle)`` in unit tests) and can
be served on loopback by ``serve_on_loopback`` for tests that need real HTTP.
"""

from __future__ import annotations

import base64
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

import httpx

from tests.loopback import serve_handler

AGENT_ID = 900
REQUESTER_ID = 501


@dataclass
class Received:
    """One request a fake got."""

    method: str
    path: str
    query: str
    authorization: str | None
    body: Any


@dataclass
class FakeHelpdesk:
    """Shared behaviour: auth check, scripted failures, a request log."""

    authorization: str
    received: list[Received] = field(default_factory=list)
    # Status codes (with Retry-After seconds) answered before the next real answers.
    failures: list[tuple[int, str | None]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(self, request: httpx.Request) -> httpx.Response:
        """Answer one API request like the vendor does."""
        body = json.loads(request.content) if request.content else None
        auth = request.headers.get("authorization")
        with self.lock:
            self.received.append(
                Received(request.method, request.url.path, request.url.query.decode(), auth, body)
            )
            if auth != self.authorization:
                return httpx.Response(401, json={"error": "Couldn't authenticate you"})
            if self.failures:
                status, retry_after = self.failures.pop(0)
                headers = {"Retry-After": retry_after} if retry_after else {}
                return httpx.Response(status, json={"error": "try later"}, headers=headers)
            return self.route(request.method, request.url.path, body)

    def route(self, method: str, path: str, body: Any) -> httpx.Response:
        raise NotImplementedError

    def writes(self) -> list[Received]:
        """Requests that change something (PUT, POST) and succeeded or not."""
        return [r for r in self.received if r.method in {"PUT", "POST"}]


def basic(user: str, password: str) -> str:
    """An ``Authorization: Basic`` header value."""
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class FakeZendesk(FakeHelpdesk):
    """Tickets with comments; ``PUT tickets/{id}.json`` adds a comment."""

    def __init__(self, *, email: str, token: str) -> None:
        super().__init__(authorization=basic(f"{email}/token", token))
        self.tickets: dict[int, dict[str, Any]] = {}
        self.comments: dict[int, list[dict[str, Any]]] = {}

    def add_ticket(self, ticket_id: int, *, subject: str, comments: list[tuple[str, bool]]) -> None:
        """A ticket whose comments are ``(body, public)``; public ones by the requester."""
        self.tickets[ticket_id] = {
            "id": ticket_id,
            "url": f"https://example.zendesk.com/api/v2/tickets/{ticket_id}.json",
            "subject": subject,
            "description": comments[0][0],
            "status": "open",
            "requester_id": REQUESTER_ID,
            "submitter_id": REQUESTER_ID,
            "tags": [],
        }
        self.comments[ticket_id] = []
        for text, public in comments:
            self._comment(
                ticket_id, text, public=public, author=REQUESTER_ID if public else AGENT_ID
            )

    def _comment(self, ticket_id: int, text: str, *, public: bool, author: int) -> dict[str, Any]:
        comment = {
            "id": 1000 + sum(len(c) for c in self.comments.values()),
            "type": "Comment",
            "author_id": author,
            "body": text,
            "html_body": f'<div class="zd-comment"><p>{text}</p></div>',
            "plain_body": text,
            "public": public,
            "attachments": [],
            "created_at": "2026-12-02T10:00:00Z",
        }
        self.comments[ticket_id].append(comment)
        return comment

    def route(self, method: str, path: str, body: Any) -> httpx.Response:
        found = re.fullmatch(r"/api/v2/tickets/(\d+)(/comments)?\.json", path)
        if not found or int(found.group(1)) not in self.tickets:
            return httpx.Response(404, json={"error": "RecordNotFound"})
        ticket_id = int(found.group(1))
        if method == "GET" and found.group(2):
            comments = self.comments[ticket_id]
            page = {"comments": comments, "next_page": None, "previous_page": None}
            return httpx.Response(200, json={**page, "count": len(comments)})
        if method == "GET":
            return httpx.Response(200, json={"ticket": self.tickets[ticket_id]})
        if method == "PUT" and not found.group(2):
            comment = body["ticket"]["comment"]
            self._comment(ticket_id, comment["body"], public=comment["public"], author=AGENT_ID)
            return httpx.Response(200, json={"ticket": self.tickets[ticket_id], "audit": {}})
        return httpx.Response(405, json={"error": "MethodNotAllowed"})

    def private_notes(self, ticket_id: int) -> list[str]:
        """Bodies of the private comments the copilot posted (by the API user)."""
        return [
            c["body"]
            for c in self.comments[ticket_id]
            if not c["public"] and c["author_id"] == AGENT_ID and c["body"].startswith("Draft")
        ]


class FakeFreshdesk(FakeHelpdesk):
    """Tickets with conversations; ``POST tickets/{id}/notes`` adds a note."""

    def __init__(self, *, api_key: str) -> None:
        super().__init__(authorization=basic(api_key, "X"))
        self.tickets: dict[int, dict[str, Any]] = {}

    def add_ticket(
        self,
        ticket_id: int,
        *,
        subject: str,
        description: str,
        conversations: list[tuple[str, bool]],
    ) -> None:
        """A ticket with a description and ``(body_text, private)`` conversations."""
        self.tickets[ticket_id] = {
            "id": ticket_id,
            "subject": subject,
            "description": f"<div>{description}</div>",
            "description_text": description,
            "requester_id": REQUESTER_ID,
            "status": 2,
            "priority": 1,
            "conversations": [],
        }
        for text, private in conversations:
            self._note(ticket_id, text, private=private, incoming=not private)

    def _note(self, ticket_id: int, text: str, *, private: bool, incoming: bool) -> dict[str, Any]:
        conversations = self.tickets[ticket_id]["conversations"]
        note = {
            "id": 2000 + len(conversations),
            "body": text if private and not incoming else f"<div>{text}</div>",
            "body_text": re.sub(r"<[^>]+>", " ", text),
            "incoming": incoming,
            "private": private,
            "user_id": REQUESTER_ID if incoming else AGENT_ID,
            "ticket_id": ticket_id,
            "source": 2,
            "created_at": "2026-12-02T10:00:00Z",
        }
        conversations.append(note)
        return note

    def route(self, method: str, path: str, body: Any) -> httpx.Response:
        found = re.fullmatch(r"/api/v2/tickets/(\d+)(/notes)?", path)
        if not found or int(found.group(1)) not in self.tickets:
            return httpx.Response(404, json={"code": "not_found"})
        ticket_id = int(found.group(1))
        if method == "GET" and not found.group(2):
            return httpx.Response(200, json=self.tickets[ticket_id])
        if method == "POST" and found.group(2):
            note = self._note(ticket_id, body["body"], private=body["private"], incoming=False)
            return httpx.Response(201, json=note)
        return httpx.Response(405, json={"code": "method_not_allowed"})

    def private_notes(self, ticket_id: int) -> list[str]:
        """HTML bodies of the private notes the copilot posted."""
        return [
            c["body"]
            for c in self.tickets[ticket_id]["conversations"]
            if c["private"] and not c["incoming"] and "support copilot" in c["body"]
        ]


@contextmanager
def serve_on_loopback(fake: FakeHelpdesk) -> Iterator[str]:
    """Serve ``fake`` over real HTTP on a free loopback port; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            request = httpx.Request(
                self.command,
                f"http://{self.headers.get('host')}{self.path}",
                headers=dict(self.headers.items()),
                content=self.rfile.read(length),
            )
            response = fake.handle(request)
            self.send_response(response.status_code)
            for name, value in response.headers.items():
                if name.lower() not in {"content-length", "transfer-encoding"}:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.content)))
            self.end_headers()
            self.wfile.write(response.content)

        do_GET = do_PUT = do_POST = _any  # noqa: N815 (http.server's naming)

        def log_message(self, *_: Any) -> None:  # keep test output quiet
            return

    with serve_handler(Handler) as url:
        yield url
