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
        (errors.IndexUnavailableError, 503, "index_unavailable"),
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


@pytest.mark.parametrize(
    ("cls", "code"),
    [
        (errors.DataFileError, "data_file_unreadable"),
        (errors.DataDirNotWritableError, "data_dir_not_writable"),
    ],
)
def test_data_file_errors_name_the_file_the_problem_and_the_fix(
    cls: type[errors.DataFileError], code: str
) -> None:
    """A data-file error loses the file, the problem, the repair or its stable code."""
    err = cls("/data/lexical.sqlite", problem="it is truncated", fix="Rebuild the index.")
    assert (err.status, err.code) == (503, code)
    assert err.message.startswith("/data/lexical.sqlite cannot be used: it is truncated.")
    assert "Rebuild the index." in err.message
    assert "copilot doctor" in err.message


def test_the_drawn_hierarchy_lists_every_error() -> None:
    """An error class is missing from the hierarchy drawn in the module docstring."""
    doc = errors.__doc__ or ""
    for name in dir(errors):
        obj = getattr(errors, name)
        if isinstance(obj, type) and issubclass(obj, errors.CopilotError):
            assert f"{name} ({obj.status}, {obj.code})" in doc, name
