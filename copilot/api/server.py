"""The HTTP API (FastAPI): ``create_app`` composes it, ``run_server`` serves it with uvicorn.

``create_app(settings)`` is the composition root of a server process. With one worker the CLI
builds the app itself; with several, uvicorn imports ``app_from_env`` in each worker, which
reads the same settings back from the config file and ``COPILOT_*`` environment.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from copilot import __version__
from copilot.api.context import ApiContext
from copilot.api.observability import Metrics, ObservabilityMiddleware, logging_config
from copilot.api.pages import pages, static_files, swagger_ui_files
from copilot.api.replays import ReplayStore
from copilot.api.routes import api, ops
from copilot.api.schemas import max_request_bytes
from copilot.api.security import (
    ApiKeys,
    BodyLimitMiddleware,
    RateLimiter,
    RetryLaterError,
    configured_keys,
    failed_auth_limiter,
    is_loopback,
)
from copilot.api.webhooks import install_webhooks
from copilot.errors import AuthError, ConfigError, CopilotError, IndexUnavailableError
from copilot.records import Records
from copilot.services import Components
from copilot.settings import DEFAULT_CONFIG, Settings, load_settings

log = logging.getLogger(__name__)

ENV_CONFIG = "COPILOT_SERVE_CONFIG"
ENV_REQUIRE_KEYS = "COPILOT_SERVE_REQUIRE_KEYS"
DESCRIPTION = """Drafts replies to support tickets from your knowledge base, with sources.

Send `Authorization: Bearer KEY` when the server has API keys. Errors are
`{"error": {"code", "message"}}`; the message says what to do."""


def create_app(
    settings: Settings,
    *,
    copilot: Components | None = None,
    records: Records | None = None,
    environ: Mapping[str, str] | None = None,
    clock: Callable[[], float] = time.monotonic,
    scrub: Callable[[str], str] | None = None,
) -> FastAPI:
    """The API and pages over one ``Components`` and one records database (built from
    ``settings`` unless given); ``environ`` supplies ``COPILOT_API_KEYS`` and the helpdesk
    secrets; ``scrub`` replaces ``copilot.pii.scrub`` for ticket text the helpdesk webhooks
    read."""
    env = os.environ if environ is None else environ
    keys = configured_keys(settings.api, env)
    store = records or Records.open(settings.records, settings.data_dir)
    ctx = ApiContext(
        settings=settings,
        copilot=copilot or Components(settings),
        records=store,
        keys=ApiKeys(keys),
        limiter=RateLimiter(settings.api.rate_limit_per_minute, clock=clock),
        auth_failures=failed_auth_limiter(settings.api.auth_failures_per_minute, clock=clock),
        metrics=Metrics(),
        replays=ReplayStore(settings.data_dir / "replays", recorded=store.replay_runs),
    )
    app = FastAPI(
        title="Support copilot",
        version=__version__,
        description=DESCRIPTION,
        lifespan=_lifespan(ctx),
        docs_url=None,  # /docs is served from local assets by the pages router
        redoc_url=None,
    )
    app.state.ctx = ctx
    _install_error_handlers(app)
    app.include_router(api)
    app.include_router(ops)
    install_webhooks(app, ctx, environ=env, scrub=scrub)
    app.include_router(pages)
    app.mount("/static", static_files(), name="static")
    app.mount("/docs-assets", swagger_ui_files(), name="docs-assets")
    if settings.api.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.api.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
        )
    app.add_middleware(BodyLimitMiddleware, max_bytes=body_limit(settings))
    app.add_middleware(ObservabilityMiddleware, metrics=ctx.metrics)  # added last: outermost
    return app


def body_limit(settings: Settings) -> int:
    """``api.max_body_bytes``, or when 0 the size of the largest valid request."""
    return settings.api.max_body_bytes or max_request_bytes()


def _lifespan(ctx: ApiContext) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(ctx.warm_up)
        yield

    return lifespan


def _error(exc: CopilotError) -> JSONResponse:
    headers: dict[str, str] = {}
    if isinstance(exc, AuthError):
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(exc, RetryLaterError):
        headers["Retry-After"] = str(exc.retry_after_s)
    return JSONResponse(
        status_code=exc.status,
        content={"error": {"code": exc.code, "message": exc.message}},
        headers=headers,
    )


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CopilotError)
    async def copilot_error(_: Request, exc: CopilotError) -> JSONResponse:
        if exc.status >= 500:
            log.warning("%s: %s", exc.code, exc.message, extra={"error_code": exc.code})
        return _error(exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        # Only where and what: pydantic's error also carries the input, which may be PII.
        parts = [
            f"{'.'.join(str(p) for p in err['loc'] if p != 'body') or 'body'}: {err['msg']}"
            for err in exc.errors()
        ]
        message = "Invalid request: " + "; ".join(parts[:10]) + ". See /docs for the schema."
        body = {"error": {"code": "invalid_input", "message": message}}
        return JSONResponse(status_code=422, content=body)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed"}
        message = str(exc.detail)
        if exc.status_code == 400:  # FastAPI's "error parsing the body": not UTF-8 JSON
            message = "Invalid request: the body is not JSON in UTF-8. See /docs for the schema."
            body = {"error": {"code": "invalid_input", "message": message}}
            return JSONResponse(status_code=422, content=body)
        if exc.status_code == 404:
            message = f"No such page or route: {request.url.path}. The API is listed at /docs."
        body = {"error": {"code": codes.get(exc.status_code, "http_error"), "message": message}}
        return JSONResponse(status_code=exc.status_code, content=body, headers=exc.headers)


def app_from_env() -> FastAPI:
    """The app of one uvicorn worker: settings from ``COPILOT_SERVE_CONFIG`` (a config file),
    ``COPILOT_DATA_DIR`` and the rest of the ``COPILOT_*`` environment."""
    config = os.environ.get(ENV_CONFIG)
    settings = load_settings(Path(config) if config else None)
    if os.environ.get(ENV_REQUIRE_KEYS) and not configured_keys(settings.api, os.environ):
        raise ConfigError("This worker binds beyond loopback but found no API keys.")
    return create_app(settings)


def run_server(
    settings: Settings,
    *,
    host: str | None,
    port: int | None,
    workers: int,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Serve with uvicorn. Refuses a non-loopback bind without API keys, and several workers
    without a reachable Chroma server (each worker would otherwise see its own index)."""
    import uvicorn

    bind = host or settings.api.host
    chosen_port = port or settings.api.port
    keys = configured_keys(settings.api, os.environ)
    if not keys and not is_loopback(bind):
        raise ConfigError(
            f"Refusing to bind {bind} without API keys: set COPILOT_API_KEYS=KEY1,KEY2 "
            "(at least 16 characters each) or bind 127.0.0.1."
        )
    say = announce or log.info
    auth = "API keys required" if keys else "no API keys (loopback only)"
    if workers == 1:
        app = create_app(settings)
        say(f"Serving the copilot on http://{bind}:{chosen_port} with 1 worker; {auth}.")
        uvicorn.run(
            app,
            host=bind,
            port=chosen_port,
            log_config=logging_config(settings.api),
            access_log=False,
        )
        return
    check_shared_index(settings)
    Records.open(settings.records, settings.data_dir).close()  # tables exist before workers race
    _export_settings(settings, require_keys=not is_loopback(bind))
    say(
        f"Serving the copilot on http://{bind}:{chosen_port} with {workers} workers sharing the "
        f"Chroma server at {settings.index.url}; {auth}."
    )
    uvicorn.run(
        "copilot.api.server:app_from_env",
        factory=True,
        workers=workers,
        host=bind,
        port=chosen_port,
        log_config=logging_config(settings.api),
        access_log=False,
    )


def check_shared_index(settings: Settings) -> None:
    """Several workers need ``index.kind = "chroma-http"`` and a Chroma server answering."""
    url = settings.index.url.rstrip("/")
    if settings.index.kind != "chroma-http":
        raise ConfigError(
            f"`copilot serve --workers N` with N > 1 needs a Chroma server shared by the "
            f"workers, and none is configured (index.kind is {settings.index.kind!r}). Start "
            "one with `chroma run --path DIR --port 8001`, set COPILOT_INDEX__KIND=chroma-http "
            "and COPILOT_INDEX__URL=http://127.0.0.1:8001 (or [index] in your config file), "
            "and ingest into it; or serve with --workers 1."
        )
    try:
        with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=5) as resp:
            resp.read()
    except (urllib.error.URLError, OSError) as exc:
        raise IndexUnavailableError(
            f"No Chroma server answers at {url} ({exc}): start it with "
            "`chroma run --path DIR --port PORT` or fix index.url."
        ) from exc


def _export_settings(settings: Settings, *, require_keys: bool) -> None:
    """Put what workers need to rebuild ``settings`` into the environment they inherit."""
    extra = [f for f in type(settings).config_files() if f != DEFAULT_CONFIG]
    if extra:
        os.environ[ENV_CONFIG] = str(extra[-1].resolve())
    os.environ["COPILOT_DATA_DIR"] = str(settings.data_dir.resolve())
    if require_keys:
        os.environ[ENV_REQUIRE_KEYS] = "1"
    # Workers write metrics to files here so /metrics shows every worker's counts.
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        metrics_dir = tempfile.mkdtemp(prefix="copilot-metrics-")
        atexit.register(shutil.rmtree, metrics_dir, ignore_errors=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    config = os.environ.get(ENV_CONFIG)
    rebuilt = load_settings(Path(config) if config else None)
    if rebuilt.model_dump(exclude={"data_dir"}) != settings.model_dump(exclude={"data_dir"}):
        raise ConfigError(
            "Several workers read their settings from the config file and COPILOT_* "
            "environment, and these differ from the settings given: pass them with --config "
            "or environment variables."
        )
