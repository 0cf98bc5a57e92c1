"""The webhook routes on fake backends: authentication, 202 then one private note, redelivery,
disabled and half-configured helpdesks, payload shapes, OpenAPI and settings."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from copilot.api.server import create_app
from copilot.errors import ConfigError
from copilot.helpdesk.compose import build_helpdesk
from copilot.helpdesk.signing import zendesk_signature
from copilot.services import Components
from copilot.settings import Settings, load_settings
from tests.helpdesk_fakes import FakeFreshdesk, FakeZendesk
from tests.unit.copilot.api.test_api import KEY, seed

SECRET = "webhook-signing-secret-0123"
ENV = {"COPILOT_HELPDESK_TOKEN": "tok", "COPILOT_HELPDESK_WEBHOOK_SECRET": SECRET}
QUESTION = "Hello, I forgot my password. How can I reset my password?"


def helpdesk_settings(settings: Settings, kind: str) -> Settings:
    helpdesk = settings.helpdesk.model_copy(
        update={"kind": kind, "url": "https://acme.example.com", "email": "agent@example.com"}
    )
    return settings.model_copy(update={"helpdesk": helpdesk})


def app_with(
    settings: Settings,
    fake: FakeZendesk | FakeFreshdesk,
    kind: str,
    *,
    env: dict[str, str] = ENV,
) -> FastAPI:
    """The real app on fake backends, its helpdesk client wired to ``fake`` in-process."""
    copilot = Components(settings)
    seed(copilot)
    app = create_app(helpdesk_settings(settings, kind), copilot=copilot, environ=env)
    setup = app.state.helpdesk
    assert setup.drafts is not None  # composed from the settings and ENV
    ctx = app.state.ctx
    app.state.helpdesk = build_helpdesk(
        ctx.settings.helpdesk,
        environ=ENV,
        records=ctx.records,
        draft=setup.drafts._draft,
        drafter="extractive",
        scrub=setup.drafts._scrub,  # what create_app composed (copilot.pii.scrub)
        registry=ctx.metrics.registry.__class__(),
        transport=httpx.MockTransport(fake.handle),
        sleep=lambda _: None,
    )
    return app


@pytest.fixture
def zendesk() -> FakeZendesk:
    fake = FakeZendesk(email="agent@example.com", token="tok")
    fake.add_ticket(
        42, subject="Cannot log in", comments=[(QUESTION, True), ("Internal: VIP customer", False)]
    )
    return fake


@pytest.fixture
def zendesk_api(fake_settings: Settings, zendesk: FakeZendesk) -> Iterator[TestClient]:
    with TestClient(app_with(fake_settings, zendesk, "zendesk")) as client:
        yield client


def signed(body: bytes, *, at: float | None = None, secret: str = SECRET) -> dict[str, str]:
    stamp = datetime.fromtimestamp(at or time.time(), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "X-Zendesk-Webhook-Signature": zendesk_signature(secret, timestamp=stamp, body=body),
        "X-Zendesk-Webhook-Signature-Timestamp": stamp,
        "Content-Type": "application/json",
    }


BODY = b'{"ticket_id": "42"}'


def test_a_signed_zendesk_webhook_answers_202_and_posts_one_private_note(
    zendesk_api: TestClient, zendesk: FakeZendesk
) -> None:
    """The main promise: a signed call ends as one private comment answering the ticket."""
    resp = zendesk_api.post("/api/v1/webhooks/zendesk", content=BODY, headers=signed(BODY))
    assert resp.status_code == 202
    assert resp.json() == {"status": "accepted", "ticket_id": "42"}
    (note,) = zendesk.private_notes(42)
    assert "Reset your password" in note
    assert "Confidence:" in note
    assert "VIP" not in note


def test_a_redelivery_posts_nothing_new(zendesk_api: TestClient, zendesk: FakeZendesk) -> None:
    """Zendesk retries webhooks: the same question must get exactly one note."""
    for _ in range(3):
        resp = zendesk_api.post("/api/v1/webhooks/zendesk", content=BODY, headers=signed(BODY))
        assert resp.status_code == 202
    assert len(zendesk.private_notes(42)) == 1
    webhooks = zendesk_api.app.state.helpdesk.metrics.webhooks  # type: ignore[attr-defined]
    assert webhooks.labels(kind="zendesk", outcome="duplicate")._value.get() == 2


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Zendesk-Webhook-Signature": "AAAA", "X-Zendesk-Webhook-Signature-Timestamp": "1"},
        signed(BODY, secret="another-secret"),
        signed(BODY, at=time.time() - 3600),
    ],
    ids=["missing", "garbage", "wrong-secret", "stale"],
)
def test_unsigned_wrong_or_stale_zendesk_calls_are_401_and_post_nothing(
    zendesk_api: TestClient, zendesk: FakeZendesk, headers: dict[str, str]
) -> None:
    """Only Zendesk may trigger notes: anything else is refused before any helpdesk call."""
    resp = zendesk_api.post("/api/v1/webhooks/zendesk", content=BODY, headers=headers)
    assert resp.status_code == 401
    assert resp.json()["error"]["code"] == "invalid_signature"
    assert zendesk.received == []
    webhooks = zendesk_api.app.state.helpdesk.metrics.webhooks  # type: ignore[attr-defined]
    assert webhooks.labels(kind="zendesk", outcome="refused")._value.get() == 1


def test_a_signed_body_that_is_not_a_ticket_id_is_422(zendesk_api: TestClient) -> None:
    """A misconfigured trigger body gets a message that shows the right one."""
    body = b'{"ticket_id": "../users/1"}'
    resp = zendesk_api.post("/api/v1/webhooks/zendesk", content=body, headers=signed(body))
    assert resp.status_code == 422
    assert "{{ticket.id}}" in resp.json()["error"]["message"]


def test_the_webhook_needs_no_api_key_even_when_keys_are_configured(
    fake_settings: Settings, zendesk: FakeZendesk
) -> None:
    """Zendesk cannot send our bearer key: the signature is the authentication."""
    env = {**ENV, "COPILOT_API_KEYS": KEY}
    app = app_with(fake_settings, zendesk, "zendesk", env=env)
    with TestClient(app) as client:
        assert client.post("/api/v1/drafts", json={"body": QUESTION}).status_code == 401
        resp = client.post("/api/v1/webhooks/zendesk", content=BODY, headers=signed(BODY))
    assert resp.status_code == 202
    assert len(zendesk.private_notes(42)) == 1


def test_a_webhook_for_another_helpdesk_kind_is_404_with_the_setting_to_change(
    fake_settings: Settings,
) -> None:
    """With helpdesk.kind none, a signed call learns the webhook is off and how to turn it on;
    an unsigned one only gets 401."""
    with TestClient(create_app(fake_settings, environ=ENV)) as client:
        unsigned = client.post("/api/v1/webhooks/zendesk", content=BODY)
        resp = client.post("/api/v1/webhooks/zendesk", content=BODY, headers=signed(BODY))
    assert unsigned.status_code == 401
    assert resp.status_code == 404
    assert resp.json()["error"]["code"] == "webhook_disabled"
    assert "COPILOT_HELPDESK__KIND=zendesk" in resp.json()["error"]["message"]


def test_missing_secrets_are_503_naming_the_environment_variables(fake_settings: Settings) -> None:
    """A half-configured helpdesk must say which secret is missing."""
    settings = helpdesk_settings(fake_settings, "freshdesk")
    with TestClient(create_app(settings, environ={})) as client:
        headers = {"X-Copilot-Webhook-Secret": "whatever"}
        resp = client.post("/api/v1/webhooks/freshdesk", json={"ticket_id": 7}, headers=headers)
    assert resp.status_code == 503
    message = resp.json()["error"]["message"]
    assert "COPILOT_HELPDESK_TOKEN" in message
    assert "COPILOT_HELPDESK_WEBHOOK_SECRET" in message


@pytest.fixture
def freshdesk() -> FakeFreshdesk:
    fake = FakeFreshdesk(api_key="tok")
    fake.add_ticket(
        7,
        subject="Cannot log in",
        description=QUESTION,
        conversations=[("VIP <b>customer</b>", True)],
    )
    return fake


@pytest.mark.parametrize(
    "payload", [{"ticket_id": 7}, {"ticket_id": "7"}, {"freshdesk_webhook": {"ticket_id": "7"}}]
)
def test_freshdesk_webhook_accepts_both_payload_shapes_and_posts_a_private_html_note(
    fake_settings: Settings, freshdesk: FakeFreshdesk, payload: dict[str, object]
) -> None:
    """Freshdesk's automation sends either shape; the note is private HTML, posted once."""
    app = app_with(fake_settings, freshdesk, "freshdesk")
    with TestClient(app) as client:
        headers = {"X-Copilot-Webhook-Secret": SECRET}
        for _ in range(2):
            resp = client.post("/api/v1/webhooks/freshdesk", json=payload, headers=headers)
            assert resp.status_code == 202
    (note,) = freshdesk.private_notes(7)
    assert note.startswith("<p><b>Draft reply")
    assert "Reset your password" in note
    assert "VIP" not in note
    assert freshdesk.writes()[-1].body["private"] is True


def test_freshdesk_webhook_without_the_secret_header_is_401(
    fake_settings: Settings, freshdesk: FakeFreshdesk
) -> None:
    """The shared secret is Freshdesk's only authentication: no header, no note."""
    app = app_with(fake_settings, freshdesk, "freshdesk")
    with TestClient(app) as client:
        for headers in ({}, {"X-Copilot-Webhook-Secret": "wrong"}):
            resp = client.post("/api/v1/webhooks/freshdesk", json={"ticket_id": 7}, headers=headers)
            assert resp.status_code == 401
    assert freshdesk.received == []


def test_a_helpdesk_that_fails_is_counted_and_posts_nothing(
    fake_settings: Settings, freshdesk: FakeFreshdesk
) -> None:
    """After the retries, the failure is in the metrics; the webhook was already answered."""
    freshdesk.failures = [(503, "0")] * 10
    app = app_with(fake_settings, freshdesk, "freshdesk")
    with TestClient(app) as client:
        headers = {"X-Copilot-Webhook-Secret": SECRET}
        resp = client.post("/api/v1/webhooks/freshdesk", json={"ticket_id": 7}, headers=headers)
        assert resp.status_code == 202
    assert freshdesk.private_notes(7) == []
    assert len(freshdesk.received) == fake_settings.helpdesk.max_attempts
    counter = app.state.helpdesk.metrics.webhooks.labels(kind="freshdesk", outcome="failed")
    assert counter._value.get() == 1


def test_openapi_declares_the_webhooks_with_202_401_and_their_bodies(
    fake_settings: Settings,
) -> None:
    """Integrators read the OpenAPI document: routes, statuses and body shapes must be there."""
    schema = create_app(fake_settings, environ={}).openapi()
    for kind in ("zendesk", "freshdesk"):
        op = schema["paths"][f"/api/v1/webhooks/{kind}"]["post"]
        assert {"202", "401", "404", "422", "503"} <= set(op["responses"])
        assert "ticket_id" in str(op["requestBody"])
        assert "security" not in op


def test_helpdesk_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """COPILOT_HELPDESK__KIND works like every section; unknown keys and kinds fail."""
    monkeypatch.setenv("COPILOT_HELPDESK__KIND", "freshdesk")
    monkeypatch.setenv("COPILOT_HELPDESK__URL", "https://acme.freshdesk.com")
    settings = load_settings()
    assert (settings.helpdesk.kind, settings.helpdesk.url) == (
        "freshdesk",
        "https://acme.freshdesk.com",
    )
    assert settings.helpdesk.token_env == "COPILOT_HELPDESK_TOKEN"
    with pytest.raises(ConfigError, match=r"helpdesk\.tokn_env"):
        load_settings(helpdesk={"tokn_env": "X"})
    monkeypatch.setenv("COPILOT_HELPDESK__KIND", "servicenow")
    with pytest.raises(ConfigError, match=r"helpdesk\.kind"):
        load_settings()


def test_ticket_text_is_scrubbed_before_the_drafter_and_the_records_see_it(
    fake_settings: Settings,
) -> None:
    """Emails and IBANs in a ticket must not reach the note or records.sqlite (placeholders)."""
    fake = FakeZendesk(email="agent@example.com", token="tok")
    secret_bits = ("anna.schmidt@example.org", "DE89370400440532013000")
    question = f"{QUESTION} Write to {secret_bits[0]}, my IBAN is {secret_bits[1]}."
    fake.add_ticket(9, subject="Password", comments=[(question, True)])
    app = app_with(fake_settings, fake, "zendesk")
    body = b'{"ticket_id": 9}'
    with TestClient(app) as client:
        resp = client.post("/api/v1/webhooks/zendesk", content=body, headers=signed(body))
        assert resp.status_code == 202
    (note,) = fake.private_notes(9)
    with sqlite3.connect(fake_settings.data_dir / "records.sqlite") as db:
        stored = " ".join(
            str(v) for row in db.execute("SELECT subject, body FROM drafts") for v in row
        )
    assert "[EMAIL]" in stored
    for bit in secret_bits:
        assert bit not in note
        assert bit not in stored
