"""The agent page (``/``), the report pages (``/reports``) and the API docs (``/docs``): static
files served by the app, no CDN, so they work offline and under the app's CSP. The pages call
the JSON API with the key the user enters; ``/docs`` is Swagger UI from the ``fastapi-offline``
package's copy of its assets, started by a script file (the CSP forbids inline scripts)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().parent / "static"

pages = APIRouter(include_in_schema=False)


@pages.get("/")
def agent_page() -> FileResponse:
    """The page support agents work in."""
    return FileResponse(STATIC_DIR / "index.html")


@pages.get("/reports")
@pages.get("/reports/{run_id}")
def report_pages(run_id: str | None = None) -> FileResponse:
    """Replay runs, one run's report and its knowledge gaps (the script reads the path)."""
    return FileResponse(STATIC_DIR / "reports.html")


@pages.get("/docs")
def api_docs() -> FileResponse:
    """Swagger UI over ``/openapi.json``, from local assets only."""
    return FileResponse(STATIC_DIR / "docs.html")


def static_files() -> StaticFiles:
    """The page scripts and styles under ``/static``."""
    return StaticFiles(directory=STATIC_DIR)


def swagger_ui_files() -> StaticFiles:
    """Swagger UI's script and style (``/docs-assets``), shipped by ``fastapi-offline``."""
    return StaticFiles(directory=Path(str(files("fastapi_offline") / "static")))
