"""The JSON API under ``/api/v1`` plus ``/healthz`` and ``/metrics``: parse, call, render."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Security
from fastapi.responses import HTMLResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from copilot import __version__
from copilot.api.context import ApiContext, context
from copilot.api.observability import key_id_var
from copilot.api.schemas import (
    DraftRequest,
    DraftResponse,
    ErrorResponse,
    FeedbackRequest,
    FeedbackResponse,
    Health,
    ReplayDetail,
    ReplayList,
    SearchRequest,
    SearchResponse,
)
from copilot.domain import Ticket
from copilot.pii import scrub_ticket

log = logging.getLogger("copilot.api")

bearer = HTTPBearer(
    auto_error=False,
    description="An API key from COPILOT_API_KEYS (needed when the server has keys configured).",
)
Ctx = Annotated[ApiContext, Depends(context)]


def client_of(request: Request) -> str:
    """The caller's address (the bucket of its failed keys)."""
    return request.client.host if request.client else "unknown"


async def authorized(
    request: Request,
    ctx: Ctx,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
) -> str:
    """The caller's key id after the key check and the rate limits (401 / 429 otherwise)."""
    header = f"{credentials.scheme} {credentials.credentials}" if credentials else None
    ident = ctx.identify(header, client=client_of(request))
    key_id_var.set(ident)
    ctx.limiter.check(ident)
    return ident


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorResponse} for status in statuses}


def _json_errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """Error responses of a route whose success is not JSON (FastAPI would document its
    ``model`` under the route's media type, but errors are always JSON)."""
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}
    return {status: {"description": "Error", "content": content} for status in statuses}


# Every API route: a key problem, body limits, bad fields, rate limits, and 503 when a
# backend (records database, index, a data file) cannot be used.
COMMON = _errors(401, 413, 422, 429, 503)
api = APIRouter(prefix="/api/v1", dependencies=[Depends(authorized)], responses=COMMON)
ops = APIRouter()


@api.post(
    "/drafts",
    response_model=DraftResponse,
    tags=["drafts"],
    responses=_errors(409, 503, 504),
    summary="Draft a reply to a ticket",
)
async def create_draft(req: DraftRequest, ctx: Ctx) -> dict[str, Any]:
    """A reply built from the indexed knowledge, with citations, a confidence and the decision
    to escalate. Keep the returned ``draft_id`` to send feedback."""
    ticket = Ticket(
        body=req.body,
        subject=req.subject or "",
        customer_name=req.customer_name,
        lang=req.lang,
        id=req.ticket_id,
    )
    # The drafter (and an LLM endpoint behind it) sees the text scrubbed of PII; the records
    # database keeps what records.store_text says.
    draft = await ctx.draft(scrub_ticket(ticket))
    draft_id = await run_in_threadpool(
        ctx.records.add_draft, draft, ticket=ticket, drafter=ctx.settings.llm.kind
    )
    ctx.metrics.observe_draft(draft)
    log.info(
        "draft %s",
        draft_id,
        extra={
            "draft_id": draft_id,
            "confidence": draft.confidence,
            "escalate": draft.escalate,
            "reasons": list(draft.reasons),
            "lang": draft.lang,
        },
    )
    return {"draft_id": draft_id, **draft.as_json()}


@api.post("/search", response_model=SearchResponse, tags=["search"], responses=_errors(409, 503))
def search(req: SearchRequest, ctx: Ctx) -> dict[str, Any]:
    """The indexed chunks closest to ``query`` (dense, lexical or hybrid)."""
    ctx.copilot.require_index()
    results = ctx.copilot.retriever.search(req.query, k=req.k, mode=req.mode)
    return {"results": [r.as_json() for r in results]}


@api.post(
    "/feedback",
    response_model=FeedbackResponse,
    status_code=201,
    tags=["feedback"],
    responses=_errors(404, 503),
)
def create_feedback(req: FeedbackRequest, ctx: Ctx) -> dict[str, object]:
    """Record what the agent did with a draft and the text actually sent."""
    record = ctx.records.add_feedback(req.draft_id, verdict=req.verdict, final_text=req.final_text)
    ctx.metrics.observe_feedback(record.verdict, record.edit_ratio)
    log.info(
        "feedback %s",
        req.draft_id,
        extra={
            "draft_id": req.draft_id,
            "verdict": record.verdict,
            "edit_ratio": record.edit_ratio,
        },
    )
    return record.as_json()


REPORT_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
RunId = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")]


@api.get("/replays", response_model=ReplayList, tags=["replays"])
def list_replays(ctx: Ctx) -> dict[str, Any]:
    """Replay runs, newest first."""
    return {"replays": ctx.replays.summaries()}


@api.get("/replays/{run_id}", response_model=ReplayDetail, tags=["replays"], responses=_errors(404))
def get_replay(run_id: RunId, ctx: Ctx) -> dict[str, Any]:
    """One replay run: summary, full report, manifest (secrets removed) and knowledge gaps."""
    return ctx.replays.detail(run_id)


@api.get(
    "/replays/{run_id}/report.html",
    response_class=HTMLResponse,
    tags=["replays"],
    responses=_json_errors(401, 404, 413, 422, 429, 503),
)
def get_replay_html(run_id: RunId, ctx: Ctx) -> HTMLResponse:
    """The run's self-contained HTML report (served sandboxed: no scripts run)."""
    html = ctx.replays.report_html(run_id)
    return HTMLResponse(html, headers={"content-security-policy": REPORT_CSP})


@ops.get("/healthz", response_model=Health, tags=["ops"])
def healthz() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok", "version": __version__}


@ops.get(
    "/metrics",
    tags=["ops"],
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}}, **_errors(401, 429)},
)
async def metrics(request: Request, ctx: Ctx) -> Response:
    """Prometheus metrics: requests, latencies, draft confidence, escalations, feedback."""
    if not ctx.settings.api.metrics_public:
        auth = request.headers.get("authorization")
        key_id_var.set(ctx.identify(auth, client=client_of(request)))
    body, content_type = ctx.metrics.render()
    return Response(body, media_type=content_type)
