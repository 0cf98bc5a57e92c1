"""Schemathesis fuzzes every operation of the OpenAPI document: no input makes a 500."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from copilot.api.server import create_app
from copilot.services import Copilot
from copilot.settings import Settings
from tests.unit.test_api import KEY, seed, with_api, write_run

EXAMPLES_PER_OPERATION = 30


@pytest.fixture
def api_schema(fake_settings: Settings) -> Any:
    """The app's own OpenAPI document, over seeded fake backends and one replay run."""
    copilot = Copilot(fake_settings)
    seed(copilot)
    write_run(fake_settings.data_dir / "replays" / "run-1")
    app_settings = with_api(fake_settings, rate_limit_per_minute=100_000)
    app = create_app(app_settings, copilot=copilot, environ={"COPILOT_API_KEYS": KEY})
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_input_makes_a_server_error(api_schema: Any, mode: GenerationMode) -> None:
    """Some input that fits (positive) or breaks (negative) the schema makes the server 5xx."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 7
    strategy = st.one_of([op.as_strategy(generation_mode=mode) for op in operations])

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES_PER_OPERATION * len(operations),
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        response = case.call(headers={"Authorization": f"Bearer {KEY}"})
        case.validate_response(response, checks=[not_a_server_error])
        assert response.status_code < 500, (case.method, case.path, response.text)

    call()
