"""/docs in real headless Chromium: Swagger UI renders from local assets under the app's CSP.

Needs Debian's chromium and the playwright package (skips cleanly without them, like
test_agent_page). `COPILOT_DOCS_SCREENSHOT=FILE` saves a screenshot of the rendered page.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from copilot.api.server import create_app
from copilot.services import Components
from copilot.settings import Settings
from tests.integration.test_agent_page import Server, browser, page, seeded  # noqa: F401 (fixtures)

pytestmark = pytest.mark.integration


def test_docs_renders_every_route_offline_without_csp_violations(
    page: Any,  # noqa: F811 (the fixture imported above)
    fake_settings: Settings,
    seeded: Components,  # noqa: F811
) -> None:
    """/docs is blank: Swagger UI is blocked by the CSP or fetched from a CDN."""
    requested: list[str] = []
    console_errors: list[str] = []
    page.on("request", lambda req: requested.append(req.url))

    def record_error(msg: Any) -> None:
        if msg.type == "error":
            console_errors.append(msg.text)

    page.on("console", record_error)
    with Server(create_app(fake_settings, copilot=seeded, environ={})) as server:
        page.goto(server.url + "/docs")
        page.locator(".opblock-summary-path", has_text="/api/v1/drafts").first.wait_for()
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        if os.environ.get("COPILOT_DOCS_SCREENSHOT"):
            page.screenshot(path=os.environ["COPILOT_DOCS_SCREENSHOT"], full_page=True)
    assert {"/api/v1/drafts", "/api/v1/search", "/api/v1/feedback", "/healthz"} <= {
        p.replace("\u200b", "") for p in paths
    }
    assert all(url.startswith((server.url, "data:")) for url in requested), requested
    assert not [e for e in console_errors if "Content Security Policy" in e], console_errors
