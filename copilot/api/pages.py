"""The agent page (``/``), the report pages (``/reports``) and the API docs (``/docs``): static
files served by the app, no CDN, so they work offline and under the app's CSP. The pages call
the JSON API with the key the user enters; ``/docs`` is Swagger UI from the ``fastapi-offline``
package's copy of its assets, started by a script file (the CSP forbids inline scripts)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().parent / "static"

# Listed in the OpenAPI document (so the schema fuzz calls them too); they need no key.
pages = APIRouter(tags=["pages"], default_response_class=HTMLResponse)
HTML: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "The page."}
}
RunId = Annotated[str, PathParam(description="A replay run id (the page script reads it).")]


@pages.get("/", responses=HTML)
def agent_page() -> FileResponse:
    """The page support agents work in."""
    return FileResponse(STATIC_DIR / "index.html")


@pages.get("/reports", responses=HTML)
def report_list_page() -> FileResponse:
    """Replay runs and their headline numbers."""
    return FileResponse(STATIC_DIR / "reports.html")


@pages.get("/reports/{run_id}", responses=HTML)
def report_page(run_id: RunId) -> FileResponse:
    """One run's report and its knowledge gaps (the script reads the path)."""
    return FileResponse(STATIC_DIR / "reports.html")


@pages.get("/docs", include_in_schema=False)
def api_docs() -> FileResponse:
    """Swagger UI over ``/openapi.json``, from local assets only."""
    return FileResponse(STATIC_DIR / "docs.html")


def static_files() -> StaticFiles:
    """The page scripts and styles under ``/static``."""
    return StaticFiles(directory=STATIC_DIR)


def swagger_ui_files() -> StaticFiles:
    """Swagger UI's script and style (``/docs-assets``), shipped by ``fastapi-offline``."""
    return StaticFiles(directory=Path(str(files("fastapi_offline") / "static")))
