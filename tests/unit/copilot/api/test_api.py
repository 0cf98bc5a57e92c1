"""The HTTP API on fake backends: routes, shapes, errors, auth, limits, logs, metrics."""

from __future__ import annotations

import io
import json
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from copilot.api.observability import JsonFormatter, RequestContextFilter
from copilot.api.server import create_app
from copilot.domain import Chunk, Ticket
from copilot.errors import ConfigError
from copilot.records import Records
from copilot.services import Components
from copilot.settings import Settings

KEY = "test-key-0123456789abcdef"
OTHER_KEY = "other-key-0123456789abcdef"
ARTICLES = [
    (
        "a-password",
        "Reset your password",
        "To reset your password, open Settings and choose "
        "Reset password. We send you an email with a reset link that is valid for 24 hours.",
    ),
    (
        "a-invoice",
        "Download an invoice",
        "Invoices are under Billing, Invoices. Click the "
        "invoice number to download it as a PDF file for your records.",
    ),
    (
        "a-export",
        "Export your data",
        "To export your data, open Settings, Data and press "
        "Export. You receive a ZIP file with all projects as CSV files.",
    ),
    (
        "a-refund",
        "Refund policy",
        "Refunds are possible within 14 days of purchase. Our "
        "billing team handles every refund request personally.",
    ),
]
PASSWORD_TICKET = {
    "subject": "Cannot log in",
    "body": "I forgot my password. How can I reset my password?",
    "customer_name": "Annabelle Zimmer",
}


def seed(copilot: Components) -> None:
    """Index the four example articles into the copilot's (fake) indexes."""
    chunks = [
        Chunk(
            id=f"{doc_id}#0",
            doc_id=doc_id,
            kind="article",
            title=title,
            text=text,
            url=f"https://help.example.com/{doc_id}",
            lang="en",
        )
        for doc_id, title, text in ARTICLES
    ]
    vectors = copilot.embedder.embed_documents([f"{c.title}\n{c.text}" for c in chunks])
    copilot.vector_index.upsert(chunks, vectors)
    copilot.lexical_index.upsert(chunks)


def with_api(settings: Settings, **changes: Any) -> Settings:
    """``settings`` with some ``api`` keys changed."""
    return settings.model_copy(update={"api": settings.api.model_copy(update=changes)})


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def copilot(fake_copilot: Components) -> Components:
    seed(fake_copilot)
    return fake_copilot


@pytest.fixture
def client(fake_settings: Settings, copilot: Components) -> Iterator[TestClient]:
    with TestClient(create_app(fake_settings, copilot=copilot, environ={})) as c:
        yield c


@pytest.fixture
def keyed(fake_settings: Settings, copilot: Components) -> Iterator[TestClient]:
    env = {"COPILOT_API_KEYS": f"{KEY}, {OTHER_KEY}"}
    with TestClient(create_app(fake_settings, copilot=copilot, environ=env)) as c:
        yield c


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def error_of(resp: Any) -> dict[str, str]:
    body = resp.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    return dict(body["error"])


# --- drafts, search, feedback -------------------------------------------------------------


def test_draft_returns_text_citations_and_a_stored_draft_id(
    client: TestClient, fake_settings: Settings
) -> None:
    """POST /api/v1/drafts lost a field of the Draft shape, its citation, or its record."""
    resp = client.post("/api/v1/drafts", json=PASSWORD_TICKET)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert set(body) == {
        "draft_id",
        "text",
        "citations",
        "confidence",
        "escalate",
        "reasons",
        "lang",
        "internal_notes",
        "calibrated",
    }
    assert "a-password" in [c["doc_id"] for c in body["citations"]]
    assert body["text"].startswith("Hi Annabelle")
    records = Records.open(fake_settings.records, fake_settings.data_dir)
    assert records.counts()["drafts"] == 1


def test_search_returns_results_in_the_cli_shape(client: TestClient) -> None:
    """POST /api/v1/search no longer returns the `search --json` result shape."""
    resp = client.post("/api/v1/search", json={"query": "download invoice pdf", "k": 2})
    assert resp.status_code == 200
    results = resp.json()["results"]
    assert len(results) == 2
    assert results[0]["doc_id"] == "a-invoice"
    assert set(results[0]) == {"chunk_id", "doc_id", "kind", "title", "text", "score", "url"}


def test_feedback_is_stored_with_the_edit_distance(
    client: TestClient, fake_settings: Settings
) -> None:
    """Feedback is not stored, or the edit distance ignores the text actually sent."""
    draft = client.post("/api/v1/drafts", json=PASSWORD_TICKET).json()
    sent = draft["text"] + "\nP.S. The link expires after a day."
    resp = client.post(
        "/api/v1/feedback",
        json={"draft_id": draft["draft_id"], "verdict": "edited", "final_text": sent},
    )
    assert resp.status_code == 201, resp.text
    assert resp.json()["edit_distance"] == 7
    records = Records.open(fake_settings.records, fake_settings.data_dir)
    (example,) = records.labelled_examples(with_text=True)
    assert example["final_text"] == sent.replace("Annabelle", "[NAME]")  # stored scrubbed


def test_feedback_for_an_unknown_draft_is_404(client: TestClient) -> None:
    """Feedback on a draft id that was never issued is accepted or crashes."""
    resp = client.post("/api/v1/feedback", json={"draft_id": "f" * 32, "verdict": "accepted"})
    assert resp.status_code == 404
    assert error_of(resp)["code"] == "not_found"


def test_edited_feedback_without_text_is_422(client: TestClient) -> None:
    """An "edited" verdict without the sent text is stored with a made-up distance."""
    draft = client.post("/api/v1/drafts", json=PASSWORD_TICKET).json()
    resp = client.post(
        "/api/v1/feedback", json={"draft_id": draft["draft_id"], "verdict": "edited"}
    )
    assert resp.status_code == 422
    assert "final_text" in error_of(resp)["message"]


def test_draft_without_an_index_is_409_with_what_to_do(fake_settings: Settings) -> None:
    """Drafting before anything is ingested crashes instead of saying to run `copilot ingest`."""
    with TestClient(create_app(fake_settings, environ={})) as empty:
        resp = empty.post("/api/v1/drafts", json=PASSWORD_TICKET)
    assert resp.status_code == 409
    assert "copilot ingest" in error_of(resp)["message"]


class BlockedDrafter:
    """A drafter that hangs like an LLM endpoint that does not answer."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def draft(self, ticket: Ticket, **_: Any) -> None:
        self.release.wait(10)
        raise RuntimeError("released")


def test_draft_past_the_deadline_is_504_with_a_clear_message(
    fake_settings: Settings, copilot: Components
) -> None:
    """A hanging drafter hangs the request instead of answering 504 after api.draft_timeout_s."""
    blocked = BlockedDrafter()
    copilot.__dict__["drafter"] = blocked  # replaces the cached drafter
    settings = with_api(fake_settings, draft_timeout_s=0.2)
    try:
        with TestClient(create_app(settings, copilot=copilot, environ={})) as c:
            resp = c.post("/api/v1/drafts", json=PASSWORD_TICKET)
    finally:
        blocked.release.set()
    assert resp.status_code == 504
    error = error_of(resp)
    assert error["code"] == "llm_timeout"
    assert "did not answer within 0.2 s" in error["message"]


# --- validation and limits ----------------------------------------------------------------


def test_a_1mb_body_is_413(client: TestClient) -> None:
    """A 1 MB request body is read and parsed instead of refused with 413."""
    payload = json.dumps({"body": "x" * 1_000_000})
    resp = client.post(
        "/api/v1/drafts", content=payload, headers={"content-type": "application/json"}
    )
    assert resp.status_code == 413
    assert error_of(resp)["code"] == "payload_too_large"


def test_a_streamed_body_over_the_limit_is_413(client: TestClient) -> None:
    """A chunked body without Content-Length slips past the body limit."""

    def chunks() -> Iterator[bytes]:
        yield b'{"body": "'
        for _ in range(300):  # 300 kB: over the limit derived from the field limits
            yield b"x" * 1000
        yield b'"}'

    resp = client.post(
        "/api/v1/drafts", content=chunks(), headers={"content-type": "application/json"}
    )
    assert resp.status_code == 413


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": "x" * 20_001}, "body"),
        ({"body": "hi", "subject": "s" * 501}, "subject"),
        ({"body": "hi", "customer_name": "n" * 201}, "customer_name"),
        ({"body": "   "}, "body"),
        ({"body": "hi", "bogus": 1}, "bogus"),
        ({"subject": "no body"}, "body"),
    ],
)
def test_bad_draft_fields_are_422_naming_the_field(
    client: TestClient, payload: dict[str, Any], field: str
) -> None:
    """An over-long, blank, unknown or missing field is accepted or not named in the error."""
    resp = client.post("/api/v1/drafts", json=payload)
    assert resp.status_code == 422
    error = error_of(resp)
    assert error["code"] == "invalid_input"
    assert field in error["message"]


def test_lone_surrogates_are_422_not_500(client: TestClient) -> None:
    """Text that is not valid Unicode reaches the database or model and crashes."""
    raw = b'{"body": "broken \\ud800 text"}'
    resp = client.post("/api/v1/drafts", content=raw, headers={"content-type": "application/json"})
    assert resp.status_code == 422


def test_validation_errors_do_not_echo_the_input(client: TestClient) -> None:
    """A 422 message repeats the (possibly personal) text the caller sent."""
    resp = client.post("/api/v1/drafts", json={"body": "call me at 0176 1234567", "lang": "xx-yyy"})
    assert resp.status_code == 422
    assert "0176" not in resp.text


# --- auth and rate limit ------------------------------------------------------------------


def test_without_a_key_the_api_is_401_when_keys_are_set(keyed: TestClient) -> None:
    """With keys configured, a request without a key is served."""
    resp = keyed.post("/api/v1/drafts", json=PASSWORD_TICKET)
    assert resp.status_code == 401
    assert resp.headers["www-authenticate"] == "Bearer"
    assert error_of(resp)["code"] == "unauthorized"


def test_a_wrong_key_is_401_and_a_right_key_passes(keyed: TestClient) -> None:
    """A wrong key is accepted, or a configured key from COPILOT_API_KEYS is refused."""
    assert keyed.get("/api/v1/replays", headers=bearer("wrong-key-0123456789")).status_code == 401
    assert keyed.get("/api/v1/replays", headers={"Authorization": KEY}).status_code == 401
    assert keyed.get("/api/v1/replays", headers=bearer(KEY)).status_code == 200
    assert keyed.get("/api/v1/replays", headers=bearer(OTHER_KEY)).status_code == 200


def test_health_and_pages_need_no_key(keyed: TestClient) -> None:
    """Liveness probes or the page shell demand an API key (the page asks for it itself)."""
    assert keyed.get("/healthz").status_code == 200
    assert keyed.get("/").status_code == 200


def test_short_keys_are_refused_at_startup(fake_settings: Settings) -> None:
    """A guessable API key is accepted."""
    with pytest.raises(ConfigError, match="at least 16"):
        create_app(fake_settings, environ={"COPILOT_API_KEYS": "secret"})


def test_past_the_rate_limit_is_429_until_tokens_refill(
    fake_settings: Settings, copilot: Components
) -> None:
    """The per-key rate limit does not refuse, does not say when to retry, or never recovers."""
    clock = Clock()
    settings = with_api(fake_settings, rate_limit_per_minute=3)
    app = create_app(settings, copilot=copilot, environ={"COPILOT_API_KEYS": KEY}, clock=clock)
    with TestClient(app) as c:
        statuses = [c.get("/api/v1/replays", headers=bearer(KEY)).status_code for _ in range(3)]
        refused = c.get("/api/v1/replays", headers=bearer(KEY))
        clock.now += 20  # 3 per minute: one token every 20 s
        again = c.get("/api/v1/replays", headers=bearer(KEY))
    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "20"
    assert "retry in 20 s" in error_of(refused)["message"]
    assert error_of(refused)["code"] == "rate_limited"
    assert again.status_code == 200


def test_rate_limit_is_per_key(fake_settings: Settings, copilot: Components) -> None:
    """One key's traffic uses up another key's allowance."""
    settings = with_api(fake_settings, rate_limit_per_minute=2)
    env = {"COPILOT_API_KEYS": f"{KEY},{OTHER_KEY}"}
    with TestClient(create_app(settings, copilot=copilot, environ=env, clock=Clock())) as c:
        first = [c.get("/api/v1/replays", headers=bearer(KEY)).status_code for _ in range(3)]
        other = c.get("/api/v1/replays", headers=bearer(OTHER_KEY)).status_code
    assert first == [200, 200, 429]
    assert other == 200


def test_cors_is_off_unless_configured(fake_settings: Settings, copilot: Components) -> None:
    """Cross-origin browsers may call the API although no origin was configured (or vice versa)."""
    preflight = {
        "Origin": "https://helpdesk.example.com",
        "Access-Control-Request-Method": "POST",
    }
    with TestClient(create_app(fake_settings, copilot=copilot, environ={})) as c:
        off = c.options("/api/v1/drafts", headers=preflight)
    allowed = with_api(fake_settings, cors_origins=["https://helpdesk.example.com"])
    with TestClient(create_app(allowed, copilot=copilot, environ={})) as c:
        on = c.options("/api/v1/drafts", headers=preflight)
    assert "access-control-allow-origin" not in off.headers
    assert on.headers["access-control-allow-origin"] == "https://helpdesk.example.com"


# --- errors, logs, request ids, metrics ---------------------------------------------------


class CrashingDrafter:
    def draft(self, ticket: Ticket, **_: Any) -> None:
        raise RuntimeError(f"could not parse {ticket.body!r}")


@pytest.fixture
def json_logs() -> Iterator[io.StringIO]:
    """Everything logged at INFO and above, formatted as the server formats it."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield buffer
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def test_a_crash_is_a_500_error_object_without_the_exception_text(
    fake_settings: Settings, copilot: Components, json_logs: io.StringIO
) -> None:
    """An unexpected exception leaks a traceback, or its message (with ticket text) is logged."""
    copilot.__dict__["drafter"] = CrashingDrafter()
    with TestClient(create_app(fake_settings, copilot=copilot, environ={})) as c:
        resp = c.post("/api/v1/drafts", json=PASSWORD_TICKET, headers={"X-Request-ID": "req-42"})
    assert resp.status_code == 500
    assert error_of(resp)["code"] == "internal_error"
    assert "forgot my password" not in resp.text
    logged = json_logs.getvalue()
    assert "RuntimeError" in logged
    assert "req-42" in logged
    assert "forgot my password" not in logged


def test_info_logs_carry_request_ids_but_no_ticket_text_or_names(
    client: TestClient, json_logs: io.StringIO
) -> None:
    """Ticket text or a customer's name is written to the logs at INFO, or request ids are not."""
    draft = client.post("/api/v1/drafts", json=PASSWORD_TICKET, headers={"X-Request-ID": "abc-1"})
    client.post(
        "/api/v1/feedback", json={"draft_id": draft.json()["draft_id"], "verdict": "accepted"}
    )
    lines = [json.loads(line) for line in json_logs.getvalue().splitlines()]
    assert any(
        line["request_id"] == "abc-1" and line.get("route") == "/api/v1/drafts" for line in lines
    )
    assert any(line.get("draft_id") == draft.json()["draft_id"] for line in lines)
    text = json_logs.getvalue()
    for secret in ("Annabelle", "Zimmer", "forgot my password", "reset link"):
        assert secret not in text


def test_responses_carry_a_request_id(client: TestClient) -> None:
    """Responses lack X-Request-ID, or a malformed incoming id is passed through."""
    given = client.get("/healthz", headers={"X-Request-ID": "trace-7"})
    bad = client.get("/healthz", headers={"X-Request-ID": "x" * 200})
    assert given.headers["x-request-id"] == "trace-7"
    assert len(bad.headers["x-request-id"]) == 32


def test_metrics_count_requests_confidence_escalations_and_feedback(client: TestClient) -> None:
    """/metrics misses request, confidence, escalation or feedback-verdict series."""
    ok = client.post("/api/v1/drafts", json=PASSWORD_TICKET).json()
    client.post("/api/v1/feedback", json={"draft_id": ok["draft_id"], "verdict": "accepted"})
    refund = client.post(
        "/api/v1/drafts", json={"body": "I was charged twice, I want a refund of my money."}
    ).json()
    assert refund["escalate"] is True
    text = client.get("/metrics").text
    assert (
        'copilot_http_requests_total{method="POST",route="/api/v1/drafts",status="200"} 2.0' in text
    )
    assert "copilot_http_request_duration_seconds_bucket" in text
    assert "copilot_draft_confidence_count 2.0" in text
    assert 'copilot_escalations_total{reason="needs_account_action"} 1.0' in text
    assert 'copilot_feedback_total{verdict="accepted"} 1.0' in text


def test_metrics_can_require_a_key(fake_settings: Settings, copilot: Components) -> None:
    """With api.metrics_public off, /metrics is served without a key."""
    settings = with_api(fake_settings, metrics_public=False)
    with TestClient(create_app(settings, copilot=copilot, environ={"COPILOT_API_KEYS": KEY})) as c:
        assert c.get("/metrics").status_code == 401
        assert c.get("/metrics", headers=bearer(KEY)).status_code == 200


def test_unknown_routes_are_404_error_objects(client: TestClient) -> None:
    """Unknown routes or methods answer in FastAPI's default shape, not the error object."""
    assert error_of(client.get("/api/v1/nothing"))["code"] == "not_found"
    assert error_of(client.get("/api/v1/drafts"))["code"] == "method_not_allowed"


# --- replays and pages --------------------------------------------------------------------


def write_run(folder: Path, *, tickets: int = 40, rate: float = 0.45) -> None:
    """A replay report folder as `copilot replay` writes it."""
    folder.mkdir(parents=True)
    gap = {
        "id": "g1",
        "label": "export to excel",
        "size": 3,
        "ticket_ids": ["t1", "t2", "t3"],
        "example_questions": ["Can I export to Excel?"],
        "draft_article": "# Export to Excel\n\nTODO",
    }
    report = {
        "tickets": tickets,
        "deflection_rate": rate,
        "ci_low": 0.3,
        "ci_high": 0.6,
        "threshold": 0.5,
        "gaps": [gap],
    }
    (folder / "report.json").write_text(json.dumps(report))
    (folder / "gaps.json").write_text(json.dumps({"gaps": [gap]}))
    (folder / "manifest.json").write_text(json.dumps({"tickets": tickets, "settings": {}}))
    (folder / "report.html").write_text("<html><body><h1>Replay report</h1></body></html>")


def test_replays_lists_runs_and_serves_report_and_gaps(
    client: TestClient, fake_settings: Settings
) -> None:
    """A replay folder in DATA_DIR/replays is missing from the list or its detail lacks the gaps."""
    write_run(fake_settings.data_dir / "replays" / "2026-05-run")
    (fake_settings.data_dir / "replays" / "half-written").mkdir()
    listing = client.get("/api/v1/replays").json()["replays"]
    assert [r["id"] for r in listing] == ["2026-05-run"]
    assert listing[0]["deflection_rate"] == 0.45
    assert listing[0]["gaps"] == 1
    detail = client.get("/api/v1/replays/2026-05-run").json()
    assert detail["gaps"][0]["label"] == "export to excel"
    assert detail["manifest"]["tickets"] == 40
    html = client.get("/api/v1/replays/2026-05-run/report.html")
    assert "Replay report" in html.text
    assert "sandbox" in html.headers["content-security-policy"]


def test_replays_recorded_in_the_database_are_listed(
    client: TestClient, fake_settings: Settings, tmp_path: Path
) -> None:
    """A replay run recorded in the records database (folder elsewhere) is not listed."""
    from datetime import UTC, datetime

    from copilot.records import ReplayRun

    write_run(tmp_path / "elsewhere")
    records = Records.open(fake_settings.records, fake_settings.data_dir)
    records.record_replay_run(
        ReplayRun(
            "nightly-7", str(tmp_path / "elsewhere"), datetime.now(UTC), 40, 0.45, 0.3, 0.6, 0.5
        )
    )
    assert [r["id"] for r in client.get("/api/v1/replays").json()["replays"]] == ["nightly-7"]
    assert client.get("/api/v1/replays/nightly-7").status_code == 200


@pytest.mark.parametrize("run_id", ["missing", "..", "%2E%2E%2Fsecrets", "a/../../etc"])
def test_unknown_or_escaping_replay_ids_are_refused(client: TestClient, run_id: str) -> None:
    """A replay id that is unknown or tries to leave the replays folder reads a file."""
    resp = client.get(f"/api/v1/replays/{run_id}")
    assert resp.status_code in (404, 422)
    assert set(resp.json()) == {"error"}


def test_pages_load_only_local_assets(client: TestClient) -> None:
    """The agent or report page misses its form, or loads a script or style from elsewhere."""
    import re

    for path, marker in (("/", 'id="ticket-form"'), ("/reports", 'id="runs"')):
        page = client.get(path)
        assert page.status_code == 200
        assert marker in page.text
        assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        local = [a for a in assets if a.startswith("/static/")]
        assert local
        assert not [a for a in assets if a.startswith(("http:", "https:", "//"))]
        for asset in local:
            assert client.get(asset).status_code == 200, asset


def test_openapi_documents_routes_auth_and_errors(client: TestClient) -> None:
    """The OpenAPI document misses a route, the bearer scheme or the documented error shape."""
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/api/v1/drafts",
        "/api/v1/search",
        "/api/v1/feedback",
        "/api/v1/replays",
        "/api/v1/replays/{run_id}",
        "/healthz",
        "/metrics",
    ):
        assert path in paths
    drafts = paths["/api/v1/drafts"]["post"]
    assert {"401", "413", "422", "429", "504"} <= set(drafts["responses"])
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
    assert "ErrorResponse" in spec["components"]["schemas"]
