"""The HTTP API (FastAPI) and how to serve it."""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from copilot import __version__
from copilot.domain import Ticket
from copilot.errors import ConfigError, CopilotError
from copilot.retrieval import Mode
from copilot.services import Copilot
from copilot.settings import Settings

log = logging.getLogger(__name__)


class DraftRequest(BaseModel):
    subject: str | None = Field(default=None, max_length=500)
    body: str = Field(min_length=1, max_length=20000)
    customer_name: str | None = Field(default=None, max_length=200)
    lang: str | None = Field(default=None, max_length=8)
    ticket_id: str | None = Field(default=None, max_length=200)


class SearchRequest(BaseModel):
    query: str = Field(min_length=1, max_length=2000)
    k: int = Field(default=5, ge=1, le=100)
    mode: Mode | None = None


def create_app(settings: Settings, *, copilot: Copilot | None = None) -> FastAPI:
    """The API over one ``Copilot`` (built from ``settings`` unless given)."""
    app = FastAPI(title="Support copilot", version=__version__)
    service = copilot or Copilot(settings)

    @app.exception_handler(CopilotError)
    async def _copilot_error(_: Request, exc: CopilotError) -> JSONResponse:
        return JSONResponse(
            status_code=exc.status, content={"error": {"code": exc.code, "message": exc.message}}
        )

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.post("/api/v1/drafts")
    def create_draft(req: DraftRequest) -> dict[str, Any]:
        service.require_index()
        ticket = Ticket(
            body=req.body,
            subject=req.subject or "",
            customer_name=req.customer_name,
            lang=req.lang,
            id=req.ticket_id,
        )
        return service.drafter.draft(ticket).as_json()

    @app.post("/api/v1/search")
    def search(req: SearchRequest) -> dict[str, Any]:
        service.require_index()
        results = service.retriever.search(req.query, k=req.k, mode=req.mode)
        return {"results": [r.as_json() for r in results]}

    return app


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_server(settings: Settings, *, host: str | None, port: int | None, workers: int) -> None:
    """Serve with uvicorn; refuses a non-loopback bind when no API keys are configured."""
    import uvicorn

    bind = host or settings.api.host
    if not settings.api.keys and not _is_loopback(bind):
        raise ConfigError(
            f"Refusing to bind {bind} without API keys: set COPILOT_API__KEYS or bind 127.0.0.1."
        )
    if workers > 1 and settings.index.kind != "chroma-http":
        raise ConfigError(
            "Several workers need a shared Chroma server: start `chroma run --path DIR --port P` "
            'and set index.kind = "chroma-http" and index.url.'
        )
    uvicorn.run(create_app(settings), host=bind, port=port or settings.api.port, workers=1)
