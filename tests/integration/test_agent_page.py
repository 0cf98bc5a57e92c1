"""The agent page and the report pages in real headless Chromium against a real uvicorn server.

Needs Debian's chromium (/usr/bin/chromium) and the Python playwright package; skips cleanly
without them. `COPILOT_SCREENSHOT=docs/agent-page.png` saves the agent page's screenshot there.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from copilot.api.server import create_app
from copilot.records import Records
from copilot.services import Components
from copilot.settings import Settings
from tests.integration.conftest import free_port
from tests.unit.copilot.api.test_api import KEY, seed, write_run

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Waits use locators, never string predicates: the pages' CSP forbids eval.

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module (Debian's, not a downloaded one)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed: apt-get install -y chromium")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="pip install playwright (the Python package only)"
    )
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Server:
    """A uvicorn server on a free loopback port, in a thread of this process."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.url = f"http://127.0.0.1:{free_port()}"
        port = int(self.url.rsplit(":", 1)[1])
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> Server:
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("uvicorn did not start within 30 s")
            time.sleep(0.05)
        return self

    def __exit__(self, *_: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=15)


@pytest.fixture
def seeded(fake_settings: Settings) -> Components:
    copilot = Components(fake_settings)
    seed(copilot)
    return copilot


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    yield tab
    context.close()


def fill_ticket(page: Any, *, name: str, subject: str, body: str) -> None:
    page.fill("#customer-name", name)
    page.fill("#subject", subject)
    page.fill("#body", body)
    page.click("#draft-button")


def test_agent_drafts_a_reply_sees_a_citation_and_accepts_it(
    page: Any, fake_settings: Settings, seeded: Components
) -> None:
    """Typing a ticket does not show a cited draft, or Accept does not store the sent text."""
    with Server(create_app(fake_settings, copilot=seeded, environ={})) as server:
        page.goto(server.url + "/")
        assert not page.is_visible("#key-form")  # no keys configured: no key prompt
        fill_ticket(
            page,
            name="Annabelle Zimmer",
            subject="Cannot log in",
            body="Hello, I forgot my password. How can I reset my password?",
        )
        page.wait_for_selector("#result:not([hidden])")
        draft_text = page.input_value("#draft")
        assert draft_text.startswith("Hi Annabelle")
        citation = page.locator("#citations a").first
        assert citation.inner_text() == "Reset your password"
        assert citation.get_attribute("href") == "https://help.example.com/a-password"
        assert "confidence" in page.inner_text("#confidence")
        if os.environ.get("COPILOT_SCREENSHOT"):
            page.screenshot(path=os.environ["COPILOT_SCREENSHOT"], full_page=True)
        page.click("#accept")
        page.locator("#status", has_text="Feedback saved: accepted").wait_for()
    records = Records.open(fake_settings.records, fake_settings.data_dir)
    (example,) = records.labelled_examples(with_text=True)
    assert example["verdict"] == "accepted"
    assert example["final_text"] == draft_text.replace("Annabelle", "[NAME]")  # stored scrubbed


def test_agent_sees_the_escalation_reason_and_sends_an_edit(
    page: Any, fake_settings: Settings, seeded: Components
) -> None:
    """An escalated draft shows no banner with its reason, or an edit is not stored as sent."""
    with Server(create_app(fake_settings, copilot=seeded, environ={})) as server:
        page.goto(server.url + "/")
        fill_ticket(
            page,
            name="Jonas Weber",
            subject="Refund",
            body="I was charged twice this month and want a refund of the second payment.",
        )
        page.wait_for_selector("#escalate:not([hidden])")
        assert "account action" in page.inner_text("#escalate")
        page.click("#edit")
        page.fill("#draft", "Hi Jonas, our billing team will refund the double charge today.")
        page.click("#edit")  # now labelled "Send edited"
        page.locator("#status", has_text="Feedback saved: edited").wait_for()
    records = Records.open(fake_settings.records, fake_settings.data_dir)
    (example,) = records.labelled_examples(with_text=True)
    assert example["verdict"] == "edited"
    assert str(example["final_text"]).startswith("Hi [NAME], our billing team")  # scrubbed


def test_page_asks_for_the_api_key_and_then_works(
    page: Any, fake_settings: Settings, seeded: Components
) -> None:
    """With keys set, the page fails silently instead of asking for a key and retrying."""
    app = create_app(fake_settings, copilot=seeded, environ={"COPILOT_API_KEYS": KEY})
    with Server(app) as server:
        page.goto(server.url + "/")
        fill_ticket(page, name="Ann", subject="Invoice", body="Where can I download an invoice?")
        page.wait_for_selector("#key-form:not([hidden])")
        assert "API key" in page.inner_text("#error")
        page.fill("#api-key", KEY)
        page.click("#key-form button")
        page.click("#draft-button")
        page.wait_for_selector("#result:not([hidden])")
        assert page.locator("#citations a").first.inner_text() == "Download an invoice"


def test_report_pages_list_runs_and_show_gaps(
    page: Any, fake_settings: Settings, seeded: Components
) -> None:
    """The report pages do not list a replay run, or its page lacks the gaps or the report."""
    write_run(fake_settings.data_dir / "replays" / "2026-05-run")
    with Server(create_app(fake_settings, copilot=seeded, environ={})) as server:
        page.goto(server.url + "/reports")
        page.click("text=2026-05-run")
        page.wait_for_selector("#run:not([hidden])")
        assert "45.0%" in page.inner_text("#run-numbers")
        assert "export to excel" in page.inner_text("#gaps")
        frame = page.frame_locator("#report-frame")
        assert frame.locator("h1").inner_text() == "Replay report"


def test_agent_sees_internal_notes_apart_escaped_and_a_hostile_name_is_not_greeted(
    page: Any, fake_settings: Settings, seeded: Components
) -> None:
    """Internal notes must show in their own box as text, never in the draft; a name with
    markup must not reach the greeting."""
    from copilot.domain import Chunk

    note = Chunk(
        id="a-password#1",
        doc_id="a-password",
        kind="article",
        title="Reset your password",
        text="Internal: <img src=x onerror=alert(1)> never reset passwords by phone.",
        position=1,
        url="https://help.example.com/a-password",
        lang="en",
        heading="Internal notes",
    )
    seeded.vector_index.upsert([note], seeded.embedder.embed_documents([note.text]))
    seeded.lexical_index.upsert([note])
    with Server(create_app(fake_settings, copilot=seeded, environ={})) as server:
        page.goto(server.url + "/")
        fill_ticket(
            page,
            name="<script>alert(1)</script>",
            subject="Cannot log in",
            body="Hello, I forgot my password. How can I reset my password?",
        )
        page.wait_for_selector("#internal:not([hidden])")
        notes = page.inner_text("#internal-notes")
        assert "never reset passwords by phone" in notes
        assert "onerror" not in notes  # markup is stripped from notes, never rendered
        assert page.locator("#internal-notes img").count() == 0
        assert "not sent" in page.inner_text("#internal")
        draft_text = page.input_value("#draft")
        assert draft_text.startswith("Hello,")
        assert "phone" not in draft_text
        assert "script" not in draft_text
