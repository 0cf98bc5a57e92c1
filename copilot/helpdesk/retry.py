"""Calls to a helpdesk API with retries: 429, 5xx and network errors are retried with a
doubling backoff, and a ``Retry-After`` header (seconds or an HTTP date) sets the wait."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime

import httpx

from copilot.errors import HelpdeskError
from copilot.helpdesk.metrics import HelpdeskMetrics

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry one helpdesk call."""

    max_attempts: int = 4
    backoff_s: float = 1.0
    max_backoff_s: float = 60.0

    def wait_s(self, attempt: int, *, retry_after: str | None, now: float) -> float:
        """Seconds to wait before attempt ``attempt + 1``: ``Retry-After`` when given, else the
        doubling backoff; never more than ``max_backoff_s``."""
        wait = self.backoff_s * float(1 << max(attempt - 1, 0))
        if retry_after:
            wait = _retry_after_s(retry_after, now=now, default=wait)
        return max(0.0, min(wait, self.max_backoff_s))


def _retry_after_s(value: str, *, now: float, default: float) -> float:
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return default
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return when.timestamp() - now


@dataclass
class RetryingSender:
    """Sends requests through ``client`` under ``policy``; counts calls and retries."""

    client: httpx.Client
    policy: RetryPolicy
    kind: str
    metrics: HelpdeskMetrics | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time

    def send(self, request: httpx.Request, *, op: str) -> httpx.Response:
        """The first non-retryable response; ``HelpdeskError`` once the attempts are spent or
        the helpdesk answers another 4xx. Logs carry the operation and status, never text."""
        for attempt in range(1, self.policy.max_attempts + 1):
            retry_after: str | None = None
            try:
                response = self.client.send(request)
            except httpx.TransportError as exc:
                self._count(op, "network_error")
                reason = type(exc).__name__
            else:
                self._count(op, str(response.status_code))
                if response.status_code not in RETRY_STATUSES:
                    return self._checked(response, op=op)
                reason = str(response.status_code)
                retry_after = response.headers.get("retry-after")
            if attempt == self.policy.max_attempts:
                break
            wait = self.policy.wait_s(attempt, retry_after=retry_after, now=self.clock())
            log.warning(
                "helpdesk %s %s: %s, retry %d in %.1f s", self.kind, op, reason, attempt, wait
            )
            if self.metrics:
                self.metrics.retries.labels(kind=self.kind, op=op, reason=reason).inc()
            self.sleep(wait)
        raise HelpdeskError(
            f"The {self.kind} API kept failing on {op} ({reason}) after "
            f"{self.policy.max_attempts} attempts: check helpdesk.url and the helpdesk's status; "
            "the next webhook delivery tries again."
        )

    def _checked(self, response: httpx.Response, *, op: str) -> httpx.Response:
        if response.is_success:
            return response
        hint = {
            401: "check the API token (helpdesk.token_env) and helpdesk.email",
            403: "the token's user needs agent rights on this ticket",
            404: "the ticket does not exist (or helpdesk.url points at another account)",
        }.get(response.status_code, "see the helpdesk's API documentation")
        raise HelpdeskError(f"The {self.kind} API answered {response.status_code} on {op}: {hint}.")

    def _count(self, op: str, status: str) -> None:
        if self.metrics:
            self.metrics.api_calls.labels(kind=self.kind, op=op, status=status).inc()
