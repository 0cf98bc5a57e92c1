"""The sidebar apps under apps/: the vendors' manifest shapes, secrets only in secure settings,
no scripts from anywhere but the vendor's SDK, and one shared sidebar core."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import ROOT

ZENDESK = ROOT / "apps" / "zendesk"
FRESHDESK = ROOT / "apps" / "freshdesk"
ZAF_SDK = "https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js"


def load(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def scripts(html: Path) -> list[str]:
    return re.findall(r'<script[^>]*src="([^"]+)"', html.read_text(encoding="utf-8"))


def test_both_apps_share_one_sidebar_core_and_stylesheet() -> None:
    """The two copies of the sidebar core drifted apart: copy one over the other."""
    core = (ZENDESK / "assets" / "copilot-sidebar.js").read_bytes()
    assert core == (FRESHDESK / "app" / "scripts" / "copilot-sidebar.js").read_bytes()
    css = (ZENDESK / "assets" / "sidebar.css").read_bytes()
    assert css == (FRESHDESK / "app" / "styles" / "style.css").read_bytes()


def test_zendesk_manifest_is_a_v2_ticket_sidebar_app_with_a_secure_api_key() -> None:
    """Apps Framework v2: ticket_sidebar location, the API key a secure setting."""
    manifest = load(ZENDESK / "manifest.json")
    assert manifest["frameworkVersion"] == "2.0"
    location = manifest["location"]
    assert location == {
        "support": {"ticket_sidebar": {"url": "assets/iframe.html", "flexible": True}}
    }
    params = {p["name"]: p for p in manifest["parameters"]}  # type: ignore[attr-defined]
    assert params["api_key"]["secure"] is True
    assert params["copilot_url"]["type"] == "url"
    labels = load(ZENDESK / "translations" / "en.json")["app"]["parameters"]  # type: ignore[index]
    assert set(labels) == set(params)
    for name, size in (("logo.png", 320), ("logo-small.png", 128)):
        header = (ZENDESK / "assets" / name).read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert (int.from_bytes(header[16:20]), int.from_bytes(header[20:24])) == (size, size)
    js = (ZENDESK / "assets" / "zendesk.js").read_text(encoding="utf-8")
    assert "{{setting.api_key}}" in js
    assert "secure: true" in js


def test_freshdesk_app_is_platform_3_with_request_templates_and_a_secure_key() -> None:
    """FDK 3.0: ticket_sidebar in support_ticket, every template declared, key secure."""
    manifest = load(FRESHDESK / "manifest.json")
    assert manifest["platform-version"] == "3.0"
    modules = manifest["modules"]
    assert isinstance(modules, dict)
    assert modules["support_ticket"]["location"]["ticket_sidebar"]["url"] == "index.html"
    templates = load(FRESHDESK / "config" / "requests.json")
    assert set(modules["common"]["requests"]) == set(templates)
    assert {t["schema"]["path"] for t in templates.values()} == {  # type: ignore[index]
        "/api/v1/drafts",
        "/api/v1/feedback",
    }
    iparams = load(FRESHDESK / "config" / "iparams.json")
    assert iparams["copilot_api_key"]["secure"] is True  # type: ignore[index]
    for template in templates.values():
        headers = template["schema"]["headers"]  # type: ignore[index]
        assert headers["Authorization"] == "Bearer <%= iparam.copilot_api_key %>"
    assert (FRESHDESK / "app" / "styles" / "images" / "icon.svg").is_file()


def test_apps_load_no_script_but_their_own_and_the_vendor_sdk() -> None:
    """No CDN scripts: only the helpdesk's own SDK and files shipped in the app."""
    assert scripts(ZENDESK / "assets" / "iframe.html") == [
        ZAF_SDK,
        "copilot-sidebar.js",
        "zendesk.js",
    ]
    assert scripts(FRESHDESK / "app" / "index.html") == [
        "{{{appclient}}}",
        "scripts/copilot-sidebar.js",
        "scripts/freshdesk.js",
    ]
    for app in (ZENDESK, FRESHDESK):
        for js in app.rglob("*.js"):
            text = js.read_text(encoding="utf-8")
            assert "innerHTML" not in text, js  # text goes in as text, never as markup
            assert "eval(" not in text, js
