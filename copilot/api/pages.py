"""The agent page (``/``) and the report pages (``/reports``): small static files served by
the app, no CDN, so they work offline. They call the JSON API with the key the user enters."""

from __future__ import annotations

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


def static_files() -> StaticFiles:
    """The page scripts and styles under ``/static``."""
    return StaticFiles(directory=STATIC_DIR)
