"""Prometheus metrics, request ids and structured logs for the server.

Logs never carry ticket text or names at INFO: the access line holds method, route, status,
latency, key id and request id; the draft line holds ids, confidence and reasons only.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import traceback
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client import multiprocess as prom_multiprocess
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from copilot.domain import Draft
from copilot.settings import ApiSettings

log = logging.getLogger("copilot.api.access")
error_log = logging.getLogger("copilot.api.errors")

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
key_id_var: ContextVar[str] = ContextVar("key_id", default="-")

_GOOD_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
CONFIDENCE_BUCKETS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
# Security headers on every response; the pages need inline styles only in report iframes.
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        b"frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    ),
]
# Extra fields a log line may carry; anything else passed in ``extra`` is dropped.
LOG_FIELDS = (
    "method",
    "route",
    "status",
    "ms",
    "draft_id",
    "confidence",
    "escalate",
    "reasons",
    "lang",
    "verdict",
    "edit_ratio",
    "error_code",
    "exc_type",
)


class Metrics:
    """The server's Prometheus metrics in their own registry (one per app)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        reg = self.registry
        self.requests = Counter(
            "copilot_http_requests", "HTTP requests", ["method", "route", "status"], registry=reg
        )
        self.latency = Histogram(
            "copilot_http_request_duration_seconds",
            "HTTP request latency",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=reg,
        )
        self.confidence = Histogram(
            "copilot_draft_confidence",
            "Confidence of returned drafts",
            buckets=CONFIDENCE_BUCKETS,
            registry=reg,
        )
        self.drafts = Counter("copilot_drafts", "Drafts returned", ["escalate"], registry=reg)
        self.escalations = Counter(
            "copilot_escalations", "Escalated drafts by reason", ["reason"], registry=reg
        )
        self.feedback = Counter(
            "copilot_feedback", "Agent feedback by verdict", ["verdict"], registry=reg
        )
        self.edit_ratio = Histogram(
            "copilot_feedback_edit_ratio",
            "Share of a draft's words the agent changed before sending",
            buckets=(0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0),
            registry=reg,
        )

    def observe_draft(self, draft: Draft) -> None:
        """Count a returned draft, its confidence and its escalation reasons."""
        self.confidence.observe(draft.confidence)
        self.drafts.labels(escalate=str(draft.escalate).lower()).inc()
        if draft.escalate:
            for reason in draft.reasons or ("unspecified",):
                self.escalations.labels(reason=reason).inc()

    def observe_feedback(self, verdict: str, edit_ratio: float) -> None:
        """Count one feedback verdict."""
        self.feedback.labels(verdict=verdict).inc()
        self.edit_ratio.observe(edit_ratio)

    def render(self) -> tuple[bytes, str]:
        """Prometheus text; with several workers (``PROMETHEUS_MULTIPROC_DIR``) all of them."""
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            registry = CollectorRegistry()
            prom_multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
            return generate_latest(registry), CONTENT_TYPE_LATEST
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


def _route_label(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    return "/static" if str(scope.get("path", "")).startswith("/static/") else "unmatched"


class ObservabilityMiddleware:
    """Request ids, security headers, the access log line, request metrics, and a JSON 500
    (logged without the exception's message, which may quote ticket text) for crashes."""

    def __init__(self, app: ASGIApp, *, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        rid = incoming if _GOOD_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(rid)
        key_token = key_id_var.set("-")
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = int(message["status"])
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(b"x-request-id", rid.encode())]
                headers += [(n, v) for n, v in SECURITY_HEADERS if n not in present]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            error_log.error(
                "unhandled %s\n%s",
                type(exc).__name__,
                "".join(traceback.format_tb(exc.__traceback__)),
                extra={"exc_type": type(exc).__name__},
            )
            if response_started:
                raise
            await _internal_error(send_with_headers)
        finally:
            self._record(scope, status, time.perf_counter() - started)
            key_id_var.reset(key_token)
            request_id_var.reset(token)

    def _record(self, scope: Scope, status: int, seconds: float) -> None:
        method, route = str(scope.get("method", "")), _route_label(scope)
        self.metrics.requests.labels(method=method, route=route, status=str(status)).inc()
        self.metrics.latency.labels(method=method, route=route).observe(seconds)
        log.info(
            "%s %s %d",
            method,
            route,
            status,
            extra={"method": method, "route": route, "status": status, "ms": seconds * 1000},
        )


async def _internal_error(send: Send) -> None:
    body = json.dumps(
        {
            "error": {
                "code": "internal_error",
                "message": "Internal error: it was logged with this request's X-Request-ID; "
                "report that id to your admin.",
            }
        }
    ).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": 500, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class RequestContextFilter(logging.Filter):
    """Stamps each record with the request and key id when it is emitted (inside the request),
    so handlers that format later still show them."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.key_id = key_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request and key id, extras.

    Exceptions are logged as their type and stack frames only: an exception's message may
    quote the ticket it failed on.
    """

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id_var.get(),
            "key_id": getattr(record, "key_id", None) or key_id_var.get(),
        }
        for name in LOG_FIELDS:
            value = record.__dict__.get(name)
            if value is not None:
                data[name] = round(value, 2) if isinstance(value, float) else value
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            data["exc_type"] = type(exc).__name__
            data["traceback"] = "".join(traceback.format_tb(exc.__traceback__))
        return json.dumps(data, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Plain lines with the request id, for people reading a terminal."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        record.request_id = getattr(record, "request_id", None) or request_id_var.get()
        exc_info, record.exc_info, record.exc_text = record.exc_info, None, None
        try:
            line = super().format(record)
        finally:
            record.exc_info = exc_info
        if exc_info and exc_info[1] is not None:
            exc = exc_info[1]
            line += f"\n{type(exc).__name__}\n" + "".join(traceback.format_tb(exc.__traceback__))
        return line


NOISY_LOGGERS = ("chromadb", "httpx", "httpcore", "sentence_transformers", "urllib3", "bm25s")


def logging_config(api: ApiSettings) -> dict[str, Any]:
    """``logging.config.dictConfig`` data for uvicorn and every worker: one stderr handler
    with the configured formatter; uvicorn's own access log is off (ours replaces it)."""
    formatter = "copilot.api.observability.JsonFormatter"
    if api.log_format == "text":
        formatter = "copilot.api.observability.TextFormatter"
    quiet = {name: {"level": "WARNING"} for name in NOISY_LOGGERS}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": {"()": formatter}},
        "filters": {"request": {"()": "copilot.api.observability.RequestContextFilter"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["request"],
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["stderr"], "level": api.log_level},
        "loggers": {
            "uvicorn": {"level": "INFO"},
            "uvicorn.access": {"level": "WARNING", "propagate": False, "handlers": []},
            **quiet,
        },
    }
