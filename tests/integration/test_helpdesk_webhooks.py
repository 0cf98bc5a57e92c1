"""Helpdesk webhooks end to end: the real copilot app (real MiniLM, Chroma, BM25, extractive
drafter) over demo articles, and fake Zendesk and Freshdesk APIs served over real HTTP on
loopback that answer with the vendors' shapes and record what they receive."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from prometheus_client import CollectorRegistry

from copilot.api.server import create_app
from copilot.cli import cli
from copilot.domain import Draft, Ticket
from copilot.helpdesk.compose import build_helpdesk
from copilot.helpdesk.signing import zendesk_signature
from copilot.services import Components
from copilot.settings import Settings, load_settings
from tests.conftest import DEMO_DATA
from tests.helpdesk_fakes import FakeFreshdesk, FakeZendesk, serve_on_loopback
from tests.integration.test_agent_page import Server

pytestmark = pytest.mark.integration

SECRET = "zendesk-signing-secret-for-tests"
TOKEN = "helpdesk-api-token"
ENV = {"COPILOT_HELPDESK_TOKEN": TOKEN, "COPILOT_HELPDESK_WEBHOOK_SECRET": SECRET}
QUESTION = (
    "Hi, I forgot my password and can't log in to Quillbox anymore. How do I reset it? Thanks"
)
PRIVATE = "Internal: customer 4711 is on the Business plan, escalate billing issues"
# The reset-link procedure of kb-001 "Reset your password": the drafter quotes it whole.
RESET_STEPS = (
    "Quillbox login page",
    "Forgot password?",
    "Send reset link",
    "Choose a new password",
)


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with the first 12 demo articles ingested (real model, Chroma, BM25)."""
    data = tmp_path_factory.mktemp("helpdesk-index")
    lines = (DEMO_DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:12]
    source = data.parent / "helpdesk-articles.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["--data-dir", str(data), "ingest", str(source), "--kind", "articles", "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 12
    return data


@pytest.fixture(scope="module")
def demo_copilot(demo_data: Path) -> Components:
    """One copilot over the demo index for the module (the model loads once)."""
    return Components(load_settings(data_dir=demo_data))


def client_for(demo_copilot: Components, *, kind: str, url: str) -> TestClient:
    """The real app configured for one helpdesk at ``url`` (secrets from ``ENV``)."""
    settings = load_settings(
        data_dir=demo_copilot.settings.data_dir,
        helpdesk={"kind": kind, "url": url, "email": "copilot@acme.example", "backoff_s": 0.1},
    )
    return TestClient(create_app(settings, copilot=demo_copilot, environ=ENV))


def signed(body: bytes, *, secret: str = SECRET) -> dict[str, str]:
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "Content-Type": "application/json",
        "X-Zendesk-Webhook-Signature": zendesk_signature(secret, timestamp=stamp, body=body),
        "X-Zendesk-Webhook-Signature-Timestamp": stamp,
    }


@pytest.fixture
def zendesk() -> Iterator[tuple[FakeZendesk, str]]:
    fake = FakeZendesk(email="copilot@acme.example", token=TOKEN)
    fake.add_ticket(
        101, subject="Forgot my password", comments=[(QUESTION, True), (PRIVATE, False)]
    )
    with serve_on_loopback(fake) as url:
        yield fake, url


def test_zendesk_signed_webhook_posts_one_private_note_with_the_reset_steps(
    demo_copilot: Components, zendesk: tuple[FakeZendesk, str]
) -> None:
    """Signed webhook -> one private comment answering the forgotten password from kb-001;
    wrong signature -> 401, nothing; redelivery -> nothing new; a 429 once -> retried."""
    fake, url = zendesk
    body = b'{"ticket_id": "{{ticket.id}}"}'.replace(b"{{ticket.id}}", b"101")
    with client_for(demo_copilot, kind="zendesk", url=url) as client:
        wrong = client.post(
            "/api/v1/webhooks/zendesk", content=body, headers=signed(body, secret="not-it")
        )
        assert wrong.status_code == 401
        assert fake.received == []  # refused before any helpdesk call

        fake.failures = [(429, "1")]  # Zendesk's rate limit, once
        resp = client.post("/api/v1/webhooks/zendesk", content=body, headers=signed(body))
        assert resp.status_code == 202
        (note,) = fake.private_notes(101)
        for step in RESET_STEPS:
            assert step in note, note
        assert "Reset your password (kb-001)" in note
        assert "Confidence:" in note
        assert "4711" not in note  # the private comment stayed out
        assert "Business plan" not in note
        gets = [
            r for r in fake.received if r.path == "/api/v2/tickets/101.json" and r.method == "GET"
        ]
        assert len(gets) == 2  # the 429 and its retry

        for _ in range(2):  # Zendesk redelivers; our own note also changed the ticket
            again = client.post("/api/v1/webhooks/zendesk", content=body, headers=signed(body))
            assert again.status_code == 202
        assert len(fake.private_notes(101)) == 1
        assert [w.method for w in fake.writes()] == ["PUT"]
        put = fake.writes()[0]
        assert put.body["ticket"]["comment"]["public"] is False


@pytest.fixture
def freshdesk() -> Iterator[tuple[FakeFreshdesk, str]]:
    fake = FakeFreshdesk(api_key=TOKEN)
    fake.add_ticket(
        202, subject="Forgot my password", description=QUESTION, conversations=[(PRIVATE, True)]
    )
    with serve_on_loopback(fake) as url:
        yield fake, url


def test_freshdesk_webhook_posts_one_private_html_note_with_the_reset_steps(
    demo_copilot: Components, freshdesk: tuple[FakeFreshdesk, str]
) -> None:
    """The same promises for Freshdesk: shared secret, one private HTML note, no duplicates,
    a 429 retried."""
    fake, url = freshdesk
    payload = {"freshdesk_webhook": {"ticket_id": "202"}}
    with client_for(demo_copilot, kind="freshdesk", url=url) as client:
        wrong = client.post(
            "/api/v1/webhooks/freshdesk", json=payload, headers={"X-Copilot-Webhook-Secret": "no"}
        )
        assert wrong.status_code == 401
        assert fake.received == []

        fake.failures = [(429, "1")]
        headers = {"X-Copilot-Webhook-Secret": SECRET}
        resp = client.post("/api/v1/webhooks/freshdesk", json=payload, headers=headers)
        assert resp.status_code == 202
        (note,) = fake.private_notes(202)
        for step in RESET_STEPS:
            assert step in note
        assert "<script" not in note
        assert "4711" not in note
        gets = [r for r in fake.received if r.method == "GET"]
        assert len(gets) == 2
        assert gets[0].query == "include=conversations"

        again = client.post("/api/v1/webhooks/freshdesk", json={"ticket_id": 202}, headers=headers)
        assert again.status_code == 202
        assert len(fake.private_notes(202)) == 1
        (post,) = fake.writes()
        assert (post.path, post.body["private"]) == ("/api/v2/tickets/202/notes", True)


def test_zendesk_gets_202_before_the_draft_is_made(fake_settings: Settings) -> None:
    """The webhook must answer at once (Zendesk gives up after a few seconds): over a real
    uvicorn server the 202 arrives while the drafter is still blocked, and the note follows."""
    fake = FakeZendesk(email="copilot@acme.example", token=TOKEN)
    fake.add_ticket(7, subject="Forgot my password", comments=[(QUESTION, True)])
    release = threading.Event()

    def blocked_draft(ticket: Ticket) -> Draft:
        release.wait(timeout=60)
        return Draft("Hello, click Forgot password?.", (), 0.9, False, (), "en")

    settings = load_settings(
        data_dir=fake_settings.data_dir,
        embedder={"kind": "fake"},
        index={"kind": "memory"},
        lexical={"kind": "memory"},
        helpdesk={
            "kind": "zendesk",
            "url": "https://acme.zendesk.com",
            "email": "copilot@acme.example",
        },
    )
    app = create_app(settings, environ=ENV)
    ctx = app.state.ctx
    app.state.helpdesk = build_helpdesk(
        settings.helpdesk,
        environ=ENV,
        records=ctx.records,
        draft=blocked_draft,
        drafter="blocked",
        registry=CollectorRegistry(),
        transport=httpx.MockTransport(fake.handle),
    )
    body = b'{"ticket_id": 7}'
    with Server(app) as server:
        resp = httpx.post(
            server.url + "/api/v1/webhooks/zendesk", content=body, headers=signed(body)
        )
        assert resp.status_code == 202
        assert fake.private_notes(7) == []  # answered while the drafter still waits
        release.set()
        webhooks = app.state.helpdesk.metrics.webhooks.labels(kind="zendesk", outcome="posted")
        deadline = time.monotonic() + 60
        while webhooks._value.get() < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
    assert len(fake.private_notes(7)) == 1
