"""One error hierarchy for the whole project.

Every error carries an HTTP status and a stable machine-readable ``code``. The CLI prints the
message and exits 1; the HTTP API renders ``{"error": {"code", "message"}}`` with the status.
Messages say what to do next.

::

    CopilotError (500, internal_error)
    ├── ConfigError (500, config_error)
    │   └── UnknownBackendError (500, unknown_backend)
    ├── InputError (422, invalid_input)
    │   └── SourceFormatError (422, unsupported_format)
    ├── NotFoundError (404, not_found)
    │   └── NoIndexError (409, no_index)
    ├── IndexMismatchError (409, index_mismatch)
    ├── BackendUnavailableError (503, backend_unavailable)
    │   ├── IndexUnavailableError (503, index_unavailable)
    │   └── LLMTimeoutError (504, llm_timeout)
    ├── DataFileError (503, data_file_unreadable)
    │   └── DataDirNotWritableError (503, data_dir_not_writable)
    ├── AuthError (401, unauthorized)
    └── RateLimitError (429, rate_limited)
"""

from __future__ import annotations


class CopilotError(Exception):
    """Root of all errors the copilot raises on purpose."""

    status: int = 500
    code: str = "internal_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(CopilotError):
    """Settings are invalid or inconsistent."""

    code = "config_error"


class UnknownBackendError(ConfigError):
    """A backend kind named in config is not registered."""

    code = "unknown_backend"

    def __init__(self, role: str, name: str, valid: list[str]) -> None:
        super().__init__(
            f"Unknown {role} backend {name!r}. Valid names: {', '.join(sorted(valid))}. "
            f"Fix the `kind` of the {role} section in your config file."
        )
        self.valid = sorted(valid)


class InputError(CopilotError):
    """The caller sent something we cannot use."""

    status = 422
    code = "invalid_input"


class SourceFormatError(InputError):
    """An ingest source has a format we cannot read."""

    code = "unsupported_format"


class NotFoundError(CopilotError):
    """A named thing does not exist."""

    status = 404
    code = "not_found"


class NoIndexError(NotFoundError):
    """Nothing has been ingested into the data dir yet."""

    status = 409
    code = "no_index"

    def __init__(self, data_dir: str) -> None:
        super().__init__(f"No index in {data_dir}: run `copilot ingest PATH` first.")


class IndexMismatchError(CopilotError):
    """The index was built with another embedder than the configured one."""

    status = 409
    code = "index_mismatch"


class BackendUnavailableError(CopilotError):
    """A backend (Chroma server, LLM endpoint) cannot be reached."""

    status = 503
    code = "backend_unavailable"


class IndexUnavailableError(BackendUnavailableError):
    """The vector index (a Chroma server, or Chroma's files) does not answer; retrying after
    the cause is fixed works without restarting anything."""

    code = "index_unavailable"


class LLMTimeoutError(BackendUnavailableError):
    """The LLM endpoint did not answer in time."""

    status = 504
    code = "llm_timeout"


class DataFileError(CopilotError):
    """A file in the data dir is damaged or unreadable; the message names it and the fix."""

    status = 503
    code = "data_file_unreadable"

    def __init__(self, path: str, *, problem: str, fix: str) -> None:
        super().__init__(
            f"{path} cannot be used: {problem}. {fix} (`copilot doctor` checks the whole data dir.)"
        )
        self.path = path


class DataDirNotWritableError(DataFileError):
    """The data dir (or a file in it) cannot be written."""

    code = "data_dir_not_writable"


class AuthError(CopilotError):
    """Missing or wrong API key."""

    status = 401
    code = "unauthorized"


class RateLimitError(CopilotError):
    """Too many requests for this key, or too many failed keys from this client."""

    status = 429
    code = "rate_limited"
