"""The error hierarchy: every error has a status and a stable code."""

from __future__ import annotations

import pytest

from copilot import errors


@pytest.mark.parametrize(
    ("cls", "status", "code"),
    [
        (errors.CopilotError, 500, "internal_error"),
        (errors.ConfigError, 500, "config_error"),
        (errors.InputError, 422, "invalid_input"),
        (errors.SourceFormatError, 422, "unsupported_format"),
        (errors.NotFoundError, 404, "not_found"),
        (errors.IndexMismatchError, 409, "index_mismatch"),
        (errors.BackendUnavailableError, 503, "backend_unavailable"),
        (errors.LLMTimeoutError, 504, "llm_timeout"),
        (errors.AuthError, 401, "unauthorized"),
        (errors.RateLimitError, 429, "rate_limited"),
    ],
)
def test_status_and_code(cls: type[errors.CopilotError], status: int, code: str) -> None:
    """Clients script against these codes; changing one breaks them."""
    err = cls("x")
    assert (err.status, err.code) == (status, code)
    assert isinstance(err, errors.CopilotError)


def test_no_index_error_says_what_to_do() -> None:
    """The message must tell the user to run ingest."""
    err = errors.NoIndexError(".copilot")
    assert "copilot ingest PATH" in err.message
    assert err.status == 409
