"""Schemathesis fuzzes every operation of the OpenAPI document (pages, replays, feedback,
search, drafts, healthz, metrics) with a right key, a wrong key and none, and validates every
response against the schema: status codes, content types, headers and bodies (all checks).

Deterministic and bounded: hypothesis runs derandomized without an example database.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from copilot.api.server import create_app
from copilot.services import Components
from copilot.settings import Settings
from tests.unit.copilot.api.test_api import KEY, seed, with_api, write_run

# Examples per operation: enough to reach every status of each route, small enough for CI
# on two cores (about a minute for the whole file).
EXAMPLES = {"right": 15, "wrong": 4, "none": 4}
HEADERS = {
    "right": {"Authorization": f"Bearer {KEY}"},
    "wrong": {"Authorization": "Bearer wrong-key-0123456789abcdef"},
    "none": {},
}
REFUSED = (401, 413, 422)
OPEN_PATHS = ("/healthz", "/metrics", "/", "/reports", "/reports/{run_id}")


@pytest.fixture
def api_schema(fake_settings: Settings) -> Any:
    """The app's own OpenAPI document, over seeded fake backends and one replay run."""
    copilot = Components(fake_settings)
    seed(copilot)
    write_run(fake_settings.data_dir / "replays" / "run-1")
    app_settings = with_api(
        fake_settings, rate_limit_per_minute=100_000, auth_failures_per_minute=100_000
    )
    app = create_app(app_settings, copilot=copilot, environ={"COPILOT_API_KEYS": KEY})
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_the_schema_covers_pages_replays_and_ops(api_schema: Any) -> None:
    """A route is missing from the OpenAPI document, so the fuzzer never calls it."""
    paths = {result.ok().path for result in api_schema.get_all_operations()}
    assert {
        "/api/v1/drafts",
        "/api/v1/search",
        "/api/v1/feedback",
        "/api/v1/replays",
        "/api/v1/replays/{run_id}",
        "/api/v1/replays/{run_id}/report.html",
        "/healthz",
        "/metrics",
        "/",
        "/reports",
        "/reports/{run_id}",
    } <= paths


@pytest.mark.parametrize("auth", sorted(EXAMPLES))
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_response_matches_the_schema(
    api_schema: Any, mode: GenerationMode, auth: str
) -> None:
    """Some input makes a 5xx, a status, header or body the schema does not declare, or a
    wrong or missing key gets an answer from the API."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    strategy = st.one_of([op.as_strategy(generation_mode=mode) for op in operations])
    headers = HEADERS[auth]

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES[auth] * len(operations),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        response = case.call(headers=headers)
        case.validate_response(response, headers=headers)
        assert response.status_code < 500, (case.method, case.path, response.text)
        if auth != "right" and case.path not in OPEN_PATHS:
            # FastAPI reads a body before the key check: unparsable JSON is 422 even then.
            assert response.status_code in REFUSED, (case.method, case.path, response.text)

    call()
