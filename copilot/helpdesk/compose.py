"""Builds the helpdesk integration from settings and the environment (composition root)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import httpx
from prometheus_client import CollectorRegistry

from copilot.domain import Draft, Ticket
from copilot.helpdesk.clients import FreshdeskClient, HelpdeskClient, ZendeskClient
from copilot.helpdesk.deliveries import DeliveryLog
from copilot.helpdesk.metrics import HelpdeskMetrics
from copilot.helpdesk.retry import RetryingSender, RetryPolicy
from copilot.helpdesk.service import HelpdeskDrafts
from copilot.records import Records
from copilot.settings import HelpdeskSettings


@dataclass(frozen=True)
class HelpdeskSetup:
    """The configured helpdesk, or why webhooks cannot work (``problem``)."""

    settings: HelpdeskSettings
    metrics: HelpdeskMetrics
    secret: str | None = None
    drafts: HelpdeskDrafts | None = None
    problem: str | None = None


def _problem(settings: HelpdeskSettings, environ: Mapping[str, str]) -> str | None:
    missing = []
    if not settings.url.startswith(("https://", "http://")):
        missing.append("helpdesk.url (the helpdesk's https:// base URL)")
    if settings.kind == "zendesk" and not settings.email:
        missing.append("helpdesk.email (the agent of the API token)")
    for env in (settings.token_env, settings.webhook_secret_env):
        if not environ.get(env):
            missing.append(f"the environment variable {env}")
    if not missing:
        return None
    return (
        f"The {settings.kind} webhook is not set up: set {', '.join(missing)} and restart the "
        "server (see docs/helpdesk.md)."
    )


def build_client(
    settings: HelpdeskSettings,
    *,
    token: str,
    metrics: HelpdeskMetrics | None,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] | None = None,
) -> HelpdeskClient:
    """The API client of ``settings.kind`` (zendesk or freshdesk) with the retry policy."""
    http = httpx.Client(timeout=settings.timeout_s, transport=transport, follow_redirects=False)
    policy = RetryPolicy(settings.max_attempts, settings.backoff_s, settings.max_backoff_s)
    sender = RetryingSender(
        http, policy, kind=settings.kind, metrics=metrics, sleep=sleep or time.sleep
    )
    if settings.kind == "zendesk":
        return ZendeskClient(settings.url, email=settings.email, token=token, sender=sender)
    return FreshdeskClient(settings.url, api_key=token, sender=sender)


def build_helpdesk(
    settings: HelpdeskSettings,
    *,
    environ: Mapping[str, str],
    records: Records,
    draft: Callable[[Ticket], Draft],
    drafter: str,
    registry: CollectorRegistry,
    scrub: Callable[[str], str] | None = None,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] | None = None,
) -> HelpdeskSetup:
    """The webhook service for ``settings.kind``; with kind ``none`` or missing secrets, a
    setup that says what is missing (the routes answer 503 with it)."""
    metrics = HelpdeskMetrics(registry)
    if settings.kind == "none":
        return HelpdeskSetup(settings, metrics)
    problem = _problem(settings, environ)
    if problem:
        return HelpdeskSetup(settings, metrics, problem=problem)
    client = build_client(
        settings,
        token=environ[settings.token_env],
        metrics=metrics,
        transport=transport,
        sleep=sleep,
    )
    drafts = HelpdeskDrafts(
        client,
        draft=draft,
        records=records,
        deliveries=DeliveryLog.open(records.url),
        drafter=drafter,
        scrub=scrub,
        metrics=metrics,
    )
    return HelpdeskSetup(
        settings, metrics, secret=environ[settings.webhook_secret_env], drafts=drafts
    )
