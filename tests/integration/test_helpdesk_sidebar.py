"""The Zendesk sidebar app (apps/zendesk) in real headless Chromium against a real uvicorn
server, with a stub of the Zendesk Apps Framework client in place of Zendesk's SDK.

The stub is served at the SDK's own URL; its ``client.request`` goes through a Python function
that plays Zendesk's proxy (it replaces ``{{setting.api_key}}`` with the secure setting).
``COPILOT_SIDEBAR_SCREENSHOT=docs/helpdesk-zendesk-sidebar.png`` saves a screenshot there.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from copilot.api.server import create_app
from copilot.records import Records
from copilot.services import Components
from copilot.settings import Settings
from tests.conftest import ROOT
from tests.integration.test_agent_page import Server, browser  # noqa: F401 (fixture)
from tests.unit.copilot.api.test_api import KEY, seed

pytestmark = pytest.mark.integration

ASSETS = ROOT / "apps" / "zendesk" / "assets"
APP_ORIGIN = "https://zendesk-app.test"
SDK_URL = "https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js"
STUB_ZAF = """
(() => {
  const state = window.__zaf = { calls: [], editor: "", settings: SETTINGS, ticket: TICKET };
  window.ZAFClient = { init: () => ({
    metadata: () => Promise.resolve({ settings: state.settings }),
    get: (paths) => {
      const out = {};
      for (const p of [].concat(paths)) {
        out[p] = p === "comment.text" ? state.editor : state.ticket[p];
      }
      return Promise.resolve(out);
    },
    invoke: (name, ...args) => {
      state.calls.push([name, ...args]);
      if (name === "ticket.editor.insert") state.editor += args[0];
      return Promise.resolve({});
    },
    request: (options) => window.zafProxy(options).then((r) => r.status < 400
      ? r.body : Promise.reject({ status: r.status, responseText: r.body })),
    on: () => {},
  }) };
})();
"""
TICKET = {
    "ticket.id": 4711,
    "ticket.subject": "Cannot log in",
    "ticket.description": "Hello, I forgot my password. How can I reset my password?",
    "ticket.requester.name": "Annabelle Zimmer",
}


def zendesk_proxy(options: dict[str, Any]) -> dict[str, Any]:
    """Zendesk's request proxy: secure settings are filled in server-side, never in the page."""
    assert options.get("secure") is True
    assert options.get("cors") is False
    headers = {
        name: value.replace("{{setting.api_key}}", KEY)
        for name, value in (options.get("headers") or {}).items()
    }
    headers["Content-Type"] = options.get("contentType", "application/json")
    response = httpx.request(
        options["type"], options["url"], headers=headers, content=options.get("data"), timeout=30
    )
    return {"status": response.status_code, "body": response.text}


def serve_app_files(route: Any) -> None:
    name = route.request.url.removeprefix(APP_ORIGIN + "/").split("?")[0]
    path = ASSETS / name
    if "/" in name or not path.is_file():
        route.fulfill(status=404, body="not found")
        return
    types = {".html": "text/html", ".js": "text/javascript", ".css": "text/css"}
    route.fulfill(status=200, body=path.read_bytes(), content_type=types[path.suffix])


@contextmanager
def open_sidebar(chromium: Any, settings: Settings, ticket: dict[str, Any]) -> Iterator[Any]:
    """The sidebar page for ``ticket`` in a Zendesk-sized frame, talking to a keyed server."""
    copilot = Components(settings)
    seed(copilot)
    app = create_app(settings, copilot=copilot, environ={"COPILOT_API_KEYS": KEY})
    with Server(app) as server:
        context = chromium.new_context(viewport={"width": 380, "height": 640})
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.expose_function("zafProxy", zendesk_proxy)
        stub = STUB_ZAF.replace("SETTINGS", json.dumps({"copilot_url": server.url + "/"}))
        stub = stub.replace("TICKET", json.dumps(ticket))
        page.route(SDK_URL, lambda route: route.fulfill(body=stub, content_type="text/javascript"))
        page.route(APP_ORIGIN + "/**", serve_app_files)
        page.goto(APP_ORIGIN + "/iframe.html")
        try:
            yield page
        finally:
            context.close()


def test_zendesk_sidebar_shows_the_draft_inserts_it_and_stores_the_sent_text(
    browser: Any,  # noqa: F811
    fake_settings: Settings,
) -> None:
    """The draft and its source show; Insert calls ticket.editor.insert with the draft; the
    text the agent sent (edited in the editor) is stored as feedback on that draft."""
    with open_sidebar(browser, fake_settings, TICKET) as page:
        show_insert_and_send(page)
    records = Records.open(fake_settings.records, fake_settings.data_dir)
    (example,) = records.labelled_examples(with_text=True)
    assert example["verdict"] == "edited"
    sent = str(example["final_text"])
    assert sent.endswith("Any questions, just reply.")
    assert example["ticket_id"] == "4711"


def show_insert_and_send(page: Any) -> None:
    page.wait_for_selector("#result:not([hidden])")
    draft = page.input_value("#draft")
    assert draft.startswith("Hi Annabelle")
    assert "reset" in draft.lower()
    citation = page.locator("#citations a").first
    assert citation.inner_text() == "Reset your password"
    assert citation.get_attribute("href") == "https://help.example.com/a-password"
    assert "confidence" in page.inner_text("#confidence").lower()
    assert page.is_hidden("#escalate")

    page.click("#insert")
    page.locator("#status", has_text="Inserted into the reply").wait_for()
    calls = page.evaluate("window.__zaf.calls")
    assert ["ticket.editor.insert", draft] in calls
    if os.environ.get("COPILOT_SIDEBAR_SCREENSHOT"):
        page.screenshot(path=os.environ["COPILOT_SIDEBAR_SCREENSHOT"], full_page=True)

    # The agent adds a sentence in Zendesk's editor (rich text: HTML), then sends.
    page.evaluate("window.__zaf.editor = window.__zaf.editor + '<p>Any questions, just reply.</p>'")
    page.click("#accept")
    page.locator("#status", has_text="Feedback saved: edited").wait_for()


def test_zendesk_sidebar_shows_the_escalate_banner_and_records_a_rejection(
    browser: Any,  # noqa: F811
    fake_settings: Settings,
) -> None:
    """An escalated draft shows the banner with its reason; "Not used" stores a rejection."""
    refund = {
        **TICKET,
        "ticket.subject": "Refund",
        "ticket.description": "I was charged twice this month and want a refund of the second "
        "payment.",
    }
    with open_sidebar(browser, fake_settings, refund) as page:
        page.wait_for_selector("#escalate:not([hidden])")
        assert "account action" in page.inner_text("#escalate")
        assert page.inner_text("#confidence").startswith("Low confidence")
        page.click("#reject")
        page.locator("#status", has_text="Feedback saved: rejected").wait_for()
    records = Records.open(fake_settings.records, fake_settings.data_dir)
    (example,) = records.labelled_examples()
    assert example["verdict"] == "rejected"


FRESHDESK = ROOT / "apps" / "freshdesk"
FD_ORIGIN = "https://freshdesk-app.test"
STUB_FDK = """
(() => {
  const state = window.__fdk = { calls: [], ticket: TICKET };
  const client = {
    events: { on: (name, callback) => { if (name === "app.activated") setTimeout(callback, 0); } },
    data: {
      get: (what) => what === "ticket"
        ? Promise.resolve({ ticket: state.ticket })
        : Promise.resolve({ requester: { name: "Annabelle Zimmer" } }),
    },
    request: {
      invokeTemplate: (name, options) => window.fdkProxy(name, options).then((r) => r.status < 400
        ? r : Promise.reject(r)),
    },
    interface: {
      trigger: (action, options) => {
        state.calls.push([action, options]);
        return Promise.resolve({});
      },
    },
  };
  window.app = { initialized: () => Promise.resolve(client) };
})();
"""


def freshdesk_proxy(server_url: str) -> Any:
    """Freshdesk's request-template runner: config/requests.json with the iparams filled in
    (loopback speaks plain HTTP, so the template's https becomes http here)."""
    templates = json.loads((FRESHDESK / "config" / "requests.json").read_text())
    iparams = {"copilot_host": server_url.removeprefix("http://"), "copilot_api_key": KEY}

    def fill(text: str) -> str:
        for name, value in iparams.items():
            text = text.replace(f"<%= iparam.{name} %>", value)
        return text

    def invoke(name: str, options: dict[str, Any]) -> dict[str, Any]:
        schema = templates[name]["schema"]
        url = f"http://{fill(schema['host'])}{schema['path']}"
        headers = {k: fill(v) for k, v in schema["headers"].items()}
        response = httpx.request(
            schema["method"], url, headers=headers, content=options["body"], timeout=30
        )
        return {"status": response.status_code, "response": response.text}

    return invoke


def serve_freshdesk_files(route: Any) -> None:
    name = route.request.url.removeprefix(FD_ORIGIN + "/").split("?")[0]
    path = FRESHDESK / "app" / name
    if ".." in name or not path.is_file():
        route.fulfill(status=404, body="not found")
        return
    types = {".html": "text/html", ".js": "text/javascript", ".css": "text/css"}
    route.fulfill(status=200, body=path.read_bytes(), content_type=types[path.suffix])


def test_freshdesk_sidebar_shows_the_draft_inserts_it_and_stores_feedback(
    browser: Any,  # noqa: F811
    fake_settings: Settings,
) -> None:
    """Through the request templates: the draft shows, Insert sets the reply editor to the
    draft (as HTML), and "Sent as drafted" stores an accepted verdict with the draft's text."""
    copilot = Components(fake_settings)
    seed(copilot)
    app = create_app(fake_settings, copilot=copilot, environ={"COPILOT_API_KEYS": KEY})
    ticket = {
        "id": 77,
        "subject": "Cannot log in",
        "description_text": TICKET["ticket.description"],
    }
    with Server(app) as server:
        context = browser.new_context(viewport={"width": 380, "height": 640})
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.expose_function("fdkProxy", freshdesk_proxy(server.url))
        stub = STUB_FDK.replace("TICKET", json.dumps(ticket))
        page.route(FD_ORIGIN + "/**", serve_freshdesk_files)
        page.route(  # the FDK fills in its client script here; later routes match first
            FD_ORIGIN + "/%7B%7B%7Bappclient%7D%7D%7D",
            lambda route: route.fulfill(body=stub, content_type="text/javascript"),
        )
        page.goto(FD_ORIGIN + "/index.html")
        page.wait_for_selector("#result:not([hidden])")
        draft = page.input_value("#draft")
        assert draft.startswith("Hi Annabelle")
        assert page.locator("#citations a").first.inner_text() == "Reset your password"
        page.click("#insert")
        page.locator("#status", has_text="Inserted into the reply").wait_for()
        ((action, options),) = page.evaluate("window.__fdk.calls")
        assert (action, options["id"]) == ("setValue", "editor")
        assert options["text"].startswith("<p>Hi Annabelle,</p>")
        page.click("#accept")
        page.locator("#status", has_text="Feedback saved: accepted").wait_for()
        context.close()
    records = Records.open(fake_settings.records, fake_settings.data_dir)
    (example,) = records.labelled_examples(with_text=True)
    assert example["verdict"] == "accepted"
    assert example["final_text"] == draft.replace("Annabelle", "[NAME]")  # stored scrubbed
    assert example["ticket_id"] == "77"
