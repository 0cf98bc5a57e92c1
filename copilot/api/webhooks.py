"""Helpdesk webhooks: ``POST /api/v1/webhooks/zendesk`` and ``/api/v1/webhooks/freshdesk``.

No API key: Zendesk's signature (or Freshdesk's shared-secret header) authenticates the call.
Each answers 202 at once; the draft is made and posted as a private note in the background.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from typing import Any, Literal

from fastapi import APIRouter, BackgroundTasks, FastAPI, Request
from pydantic import BaseModel, Field

from copilot import pii
from copilot.api.context import ApiContext
from copilot.api.schemas import ErrorResponse
from copilot.domain import Draft, Ticket
from copilot.errors import (
    CopilotError,
    HelpdeskNotConfiguredError,
    InputError,
    WebhookDisabledError,
    WebhookSignatureError,
)
from copilot.helpdesk.clients import check_ticket_id
from copilot.helpdesk.compose import HelpdeskSetup, build_helpdesk
from copilot.helpdesk.service import HelpdeskDrafts
from copilot.helpdesk.signing import (
    SHARED_SECRET_HEADER,
    ZENDESK_SIGNATURE_HEADER,
    ZENDESK_TIMESTAMP_HEADER,
    verify_shared_secret,
    verify_zendesk_signature,
)

Kind = Literal["zendesk", "freshdesk"]


class WebhookAccepted(BaseModel):
    """The webhook is authentic; the note follows in the background."""

    status: Literal["accepted"] = "accepted"
    ticket_id: str = Field(description="The ticket the private note will be posted to.")


def _body_schema(description: str, example: dict[str, Any]) -> dict[str, Any]:
    schema = {
        "type": "object",
        "description": description,
        "properties": {"ticket_id": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
        "example": example,
    }
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorResponse} for status in statuses}


webhooks = APIRouter(
    prefix="/api/v1/webhooks", tags=["webhooks"], responses=_errors(401, 404, 413, 422, 503)
)


def _setup(request: Request, kind: Kind, *, headers: tuple[str, ...]) -> HelpdeskSetup:
    """The configured helpdesk for ``kind``. A call without the authentication ``headers`` is
    refused first (401), so unauthenticated callers learn nothing about the configuration."""
    setup = request.app.state.helpdesk
    assert isinstance(setup, HelpdeskSetup)
    if not all(request.headers.get(name) for name in headers):
        setup.metrics.webhooks.labels(kind=kind, outcome="refused").inc()
        raise WebhookSignatureError(
            f"Missing {' and '.join(headers)}: only the {kind} webhook set up as in "
            "docs/helpdesk.md may call this route."
        )
    if setup.settings.kind != kind:
        raise WebhookDisabledError(
            f"The {kind} webhook is off: helpdesk.kind is {setup.settings.kind!r}. Set "
            f"COPILOT_HELPDESK__KIND={kind} (or [helpdesk] kind in the config file); see "
            "docs/helpdesk.md."
        )
    if setup.problem or setup.drafts is None or setup.secret is None:
        raise HelpdeskNotConfiguredError(setup.problem or f"The {kind} webhook is not set up.")
    return setup


def find_ticket_id(body: bytes) -> str:
    """The ticket id of a webhook body: ``{"ticket_id"}``, Freshdesk's
    ``{"freshdesk_webhook": {"ticket_id"}}``, or a Zendesk event's ``{"detail": {"id"}}``."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError("The webhook body must be JSON with a ticket_id.") from exc
    if not isinstance(payload, dict):
        raise InputError('The webhook body must be a JSON object like {"ticket_id": 123}.')
    for outer, inner in (("freshdesk_webhook", "ticket_id"), ("detail", "id"), ("ticket", "id")):
        nested = payload.get(outer)
        if "ticket_id" not in payload and isinstance(nested, dict) and inner in nested:
            return check_ticket_id(nested[inner])
    return check_ticket_id(payload.get("ticket_id"))


def _accept(setup: HelpdeskSetup, body: bytes, background: BackgroundTasks) -> dict[str, str]:
    ticket_id = find_ticket_id(body)
    drafts = setup.drafts
    assert isinstance(drafts, HelpdeskDrafts)
    background.add_task(drafts.run, ticket_id)
    return {"status": "accepted", "ticket_id": ticket_id}


def _refused(setup: HelpdeskSetup, kind: Kind, check: Callable[[], None]) -> None:
    try:
        check()
    except CopilotError:
        setup.metrics.webhooks.labels(kind=kind, outcome="refused").inc()
        raise


@webhooks.post(
    "/zendesk",
    status_code=202,
    response_model=WebhookAccepted,
    summary="Zendesk webhook: post a draft as a private comment",
    openapi_extra=_body_schema(
        "What the Zendesk trigger's webhook sends; signed with the webhook's signing secret "
        f"({ZENDESK_SIGNATURE_HEADER}, {ZENDESK_TIMESTAMP_HEADER}).",
        {"ticket_id": "{{ticket.id}}"},
    ),
)
async def zendesk_webhook(request: Request, background: BackgroundTasks) -> dict[str, str]:
    """Verify Zendesk's signature (401 when missing, wrong or stale), answer 202, then fetch the
    ticket and its comments, draft from the public ones and post one private comment."""
    setup = _setup(request, "zendesk", headers=(ZENDESK_SIGNATURE_HEADER, ZENDESK_TIMESTAMP_HEADER))
    body = await request.body()
    secret = str(setup.secret)

    def check() -> None:
        verify_zendesk_signature(
            secret,
            signature=request.headers.get(ZENDESK_SIGNATURE_HEADER),
            timestamp=request.headers.get(ZENDESK_TIMESTAMP_HEADER),
            body=body,
            now=time.time(),
            max_skew_s=setup.settings.max_timestamp_skew_s,
        )

    _refused(setup, "zendesk", check)
    return _accept(setup, body, background)


@webhooks.post(
    "/freshdesk",
    status_code=202,
    response_model=WebhookAccepted,
    summary="Freshdesk webhook: post a draft as a private note",
    openapi_extra=_body_schema(
        "What the Freshdesk automation rule's webhook sends, with the header "
        f"{SHARED_SECRET_HEADER}: the copilot's webhook secret.",
        {"freshdesk_webhook": {"ticket_id": "{{ticket.id}}"}},
    ),
)
async def freshdesk_webhook(request: Request, background: BackgroundTasks) -> dict[str, str]:
    """Check the shared secret header (401 when missing or wrong), answer 202, then fetch the
    ticket with its conversations, draft from the public ones and post one private note."""
    setup = _setup(request, "freshdesk", headers=(SHARED_SECRET_HEADER,))
    body = await request.body()
    presented = request.headers.get(SHARED_SECRET_HEADER)
    secret = str(setup.secret)
    _refused(setup, "freshdesk", lambda: verify_shared_secret(secret, presented=presented))
    return _accept(setup, body, background)


def _draft_with(ctx: ApiContext) -> Callable[[Ticket], Draft]:
    def draft(ticket: Ticket) -> Draft:
        ctx.copilot.require_index()
        result = ctx.copilot.drafter.draft(ticket)
        ctx.metrics.observe_draft(result)
        return result

    return draft


def install_webhooks(
    app: FastAPI,
    ctx: ApiContext,
    *,
    environ: Mapping[str, str],
    scrub: Callable[[str], str] | None = None,
) -> None:
    """Compose the helpdesk integration of ``ctx`` and mount the webhook routes on ``app``.
    Ticket text is scrubbed of PII (``copilot.pii.scrub`` unless ``scrub`` is given) before
    the drafter or the records see it."""
    app.state.helpdesk = build_helpdesk(
        ctx.settings.helpdesk,
        environ=environ,
        records=ctx.records,
        draft=_draft_with(ctx),
        drafter=ctx.settings.llm.kind,
        registry=ctx.metrics.registry,
        scrub=scrub or pii.scrub,
    )
    app.include_router(webhooks)
