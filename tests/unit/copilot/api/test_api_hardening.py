"""The API under faults and abuse: a failing index, damaged replay folders, key guessing,
bodies at the field limits, and the offline /docs page."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from copilot.api.schemas import max_request_bytes
from copilot.api.server import create_app
from copilot.backends.embedder import Vectors
from copilot.backends.vector_index import DelegatingVectorIndex
from copilot.domain import ScoredChunk, SearchFilters
from copilot.errors import IndexUnavailableError
from copilot.services import Components
from copilot.settings import Settings
from tests.unit.copilot.api.test_api import (
    KEY,
    OTHER_KEY,
    PASSWORD_TICKET,
    Clock,
    bearer,
    error_of,
    seed,
    with_api,
    write_run,
)


@pytest.fixture
def copilot(fake_copilot: Components) -> Components:
    """Fakes holding the four example articles."""
    seed(fake_copilot)
    return fake_copilot


@pytest.fixture
def client(fake_settings: Settings, copilot: Components) -> Iterator[TestClient]:
    """The app without API keys over the seeded fakes."""
    with TestClient(create_app(fake_settings, copilot=copilot, environ={})) as c:
        yield c


# --- index unavailable ----------------------------------------------------------------------


class SwitchableIndex(DelegatingVectorIndex):
    """A vector index whose backend can be switched off, failing as ``ChromaIndex`` does."""

    down = False

    def _check(self) -> None:
        if self.down:
            raise IndexUnavailableError(
                "The vector index at http://127.0.0.1:9 is unavailable (ConnectError): start "
                "or check the Chroma server at http://127.0.0.1:9."
            )

    def count(self) -> int:
        self._check()
        return super().count()

    def query(
        self, vector: Vectors, *, k: int, filters: SearchFilters | None = None
    ) -> list[ScoredChunk]:
        self._check()
        return super().query(vector, k=k, filters=filters)


def test_an_unavailable_index_is_503_and_recovers_without_restart(
    fake_settings: Settings, copilot: Components
) -> None:
    """A vector index that stops answering gives 500, or the app needs a restart after."""
    switch = SwitchableIndex(copilot.vector_index)
    copilot.__dict__["vector_index"] = switch
    copilot.retriever.vector_index = switch
    with TestClient(create_app(fake_settings, copilot=copilot, environ={})) as c:
        switch.down = True
        search = c.post("/api/v1/search", json={"query": "reset password"})
        draft = c.post("/api/v1/drafts", json=PASSWORD_TICKET)
        switch.down = False
        again = c.post("/api/v1/search", json={"query": "reset password"})
    assert (search.status_code, draft.status_code) == (503, 503)
    assert error_of(search)["code"] == error_of(draft)["code"] == "index_unavailable"
    assert "start or check the Chroma server" in error_of(search)["message"]
    assert again.status_code == 200


# --- malformed replay folders ---------------------------------------------------------------

BROKEN_REPORTS = {
    "truncated": b'{"tickets": 4',
    "not-an-object": b"[1, 2]",
    "binary": b"\xff\xfe\x00garbage",
    "deep": b"[" * 100_000 + b"]" * 100_000,
    "huge-number": b'{"tickets": 1e400, "deflection_rate": 1e400}',
}


@pytest.fixture
def replays(fake_settings: Settings) -> Path:
    """A replays folder with one good run and one of each kind of broken report.json."""
    root = fake_settings.data_dir / "replays"
    write_run(root / "good")
    for name, content in BROKEN_REPORTS.items():
        write_run(root / name)
        (root / name / "report.json").write_bytes(content)
    write_run(root / "no-report")
    (root / "no-report" / "report.json").unlink()
    return root


def test_malformed_replay_folders_are_skipped_in_the_list_with_a_warning(
    client: TestClient, replays: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """One broken report.json takes GET /api/v1/replays (and so /reports) down with 500."""
    with caplog.at_level(logging.WARNING, logger="copilot.api.replays"):
        resp = client.get("/api/v1/replays")
    assert resp.status_code == 200
    listed = {r["id"] for r in resp.json()["replays"]}
    assert "good" in listed
    assert not listed & {"truncated", "not-an-object", "binary", "deep", "no-report"}
    assert "Skipping replay folder" in caplog.text
    assert client.get("/reports").status_code == 200


@pytest.mark.parametrize("run_id", ["truncated", "not-an-object", "binary", "deep", "no-report"])
def test_a_malformed_replay_is_a_404_that_names_the_problem(
    client: TestClient, replays: Path, run_id: str
) -> None:
    """GET /api/v1/replays/{id} of a broken run is a 500 or a message that does not help."""
    resp = client.get(f"/api/v1/replays/{run_id}")
    assert resp.status_code == 404
    message = error_of(resp)["message"]
    assert run_id in message
    if run_id != "no-report":
        assert "report.json" in message


def test_non_finite_numbers_in_a_report_become_null(client: TestClient, replays: Path) -> None:
    """A report with an out-of-range number makes the list or its detail a 500."""
    listing = {r["id"]: r for r in client.get("/api/v1/replays").json()["replays"]}
    assert listing["huge-number"]["tickets"] is None
    assert client.get("/api/v1/replays/huge-number").status_code == 200


# --- failed keys are rate-limited per client ------------------------------------------------


def keyed_app(fake_settings: Settings, copilot: Components, *, failures: int) -> TestClient:
    settings = with_api(fake_settings, auth_failures_per_minute=failures)
    env = {"COPILOT_API_KEYS": f"{KEY},{OTHER_KEY}"}
    clock = Clock()
    app = create_app(settings, copilot=copilot, environ=env, clock=clock)
    app.state.clock = clock
    return TestClient(app, client=("203.0.113.7", 40000))


def test_repeated_wrong_keys_are_429_with_retry_after(
    fake_settings: Settings, copilot: Components
) -> None:
    """Wrong keys can be guessed at full speed, or the 429 does not say when to retry."""
    with keyed_app(fake_settings, copilot, failures=3) as c:
        wrong = [
            c.get("/api/v1/replays", headers=bearer("wrong-key-0123456789")).status_code
            for _ in range(3)
        ]
        blocked = c.get("/api/v1/replays", headers=bearer("wrong-key-0123456789"))
        right_but_blocked = c.get("/api/v1/replays", headers=bearer(KEY))
        c.app.state.clock.now += 20  # type: ignore[attr-defined]  # 3 per minute: one per 20 s
        after_wait = c.get("/api/v1/replays", headers=bearer(KEY))
    assert wrong == [401, 401, 401]
    assert blocked.status_code == 429
    assert blocked.headers["retry-after"] == "20"
    assert error_of(blocked)["code"] == "rate_limited"
    assert "failed API keys" in error_of(blocked)["message"]
    assert right_but_blocked.status_code == 429
    assert after_wait.status_code == 200


def test_failed_keys_of_one_client_do_not_block_another(
    fake_settings: Settings, copilot: Components
) -> None:
    """A client guessing keys locks out other clients that send a valid key."""
    with keyed_app(fake_settings, copilot, failures=2) as attacker:
        for _ in range(3):
            attacker.get("/api/v1/replays", headers=bearer("wrong-key-0123456789"))
        assert attacker.get("/api/v1/replays").status_code == 429
        other = TestClient(attacker.app, client=("198.51.100.9", 40001))
        assert other.get("/api/v1/replays", headers=bearer(OTHER_KEY)).status_code == 200


# --- body and field limits agree ------------------------------------------------------------


@pytest.mark.parametrize("escaped", [True, False], ids=["json-escaped", "raw-utf8"])
def test_a_body_of_emoji_within_the_field_limit_is_not_413(
    client: TestClient, escaped: bool
) -> None:
    """A 19,999-character body of emoji is refused by the byte limit under a 20,000 field limit."""
    payload = {**PASSWORD_TICKET, "body": "\U0001f600" * 19_999, "subject": "\U0001f600" * 500}
    content = json.dumps(payload, ensure_ascii=escaped).encode()
    assert len(content) > 65_536
    resp = client.post(
        "/api/v1/drafts", content=content, headers={"content-type": "application/json"}
    )
    assert resp.status_code == 200, resp.text


def test_one_character_over_the_field_limit_is_422_naming_the_field(client: TestClient) -> None:
    """Past the field limit the error is the body limit's 413, which names no field."""
    resp = client.post("/api/v1/drafts", json={"body": "\U0001f600" * 20_001})
    assert resp.status_code == 422
    assert "body" in error_of(resp)["message"]


def test_the_derived_body_limit_fits_every_field_at_its_limit_escaped() -> None:
    """The derived byte limit is smaller than the largest valid request."""
    worst = json.dumps(
        {
            "subject": "\U0001f600" * 500,
            "body": "\U0001f600" * 20_000,
            "customer_name": "\U0001f600" * 200,
            "lang": "de-DE",
            "ticket_id": "\U0001f600" * 200,
        }
    )
    assert len(worst.encode()) < max_request_bytes()


def test_a_configured_body_limit_is_named_in_the_413(
    fake_settings: Settings, copilot: Components
) -> None:
    """A 413 leaves the caller guessing which limit refused the request."""
    settings = with_api(fake_settings, max_body_bytes=4096)
    with TestClient(create_app(settings, copilot=copilot, environ={})) as c:
        resp = c.post("/api/v1/drafts", json={"body": "x" * 5000})
    assert resp.status_code == 413
    message = error_of(resp)["message"]
    assert "4096 bytes" in message
    assert "api.max_body_bytes" in message


# --- /docs offline --------------------------------------------------------------------------


def local_assets(html: str) -> Sequence[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


def test_docs_loads_only_local_assets_that_the_app_serves(client: TestClient) -> None:
    """/docs loads Swagger UI from a CDN (blocked by the CSP, so blank) or an asset is missing."""
    page = client.get("/docs")
    assert page.status_code == 200
    assert "<script>" not in page.text  # the CSP forbids inline scripts
    assets = [a for a in local_assets(page.text) if not a.startswith("data:")]
    assert assets
    assert all(a.startswith("/") and not a.startswith("//") for a in assets), assets
    for asset in assets:
        resp = client.get(asset)
        assert resp.status_code == 200, asset
        assert len(resp.content) > 100, asset
    bundle = client.get("/docs-assets/swagger-ui-bundle.js").text
    assert "SwaggerUIBundle" in bundle
    assert "/openapi.json" in client.get("/static/docs.js").text
    assert (
        "script-src" not in page.headers["content-security-policy"]
        or "'self'" in (page.headers["content-security-policy"])
    )
