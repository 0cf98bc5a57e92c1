"""Output safety: Markdown with no live HTML and only http(s) links; a CSP on report.html."""

from __future__ import annotations

import pytest

from eval.output_safety import LINK_REMOVED, REPORT_CSP, safe_markdown, safe_url, with_csp


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("a & b", "a &amp; b"),
        ("&#106;avascript:x", "&amp;#106;avascript:x"),
        ("> quoted <b>", "> quoted &lt;b&gt;"),
        ("Billing > Refunds", "Billing &gt; Refunds"),
    ],
)
def test_html_in_markdown_is_escaped(raw: str, expected: str) -> None:
    """A tag, entity trick or ampersand from a ticket stayed live in a Markdown output."""
    assert safe_markdown(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[click](javascript:alert(1))", "click)"),
        ("[x](JavaScript:void(0) 'title')", "x 'title')"),
        ("![pic](data:image/png;base64,AAAA)", "pic"),
        ("[mail](mailto:a@example.com)", "mail"),
        ("[docs](/relative/page)", "docs"),
        ("[ok](https://help.example/a?b=1)", "[ok](https://help.example/a?b=1)"),
        ("see javascript:alert(document.cookie) now", f"see {LINK_REMOVED} now"),
        ("data:text/html;base64,PHNjcmlwdD4=", LINK_REMOVED),
        ("[ref]: javascript:evil\n[good]: https://x.example", "\n[good]: https://x.example"),
        ("Export all data: done", "Export all data: done"),
    ],
)
def test_only_http_links_survive_in_markdown(raw: str, expected: str) -> None:
    """A javascript:, data: or other non-http(s) link stayed clickable in a Markdown output."""
    assert safe_markdown(raw) == expected


def test_kept_markers_pass_unchanged() -> None:
    """The draft-notes comment the article tools look for was escaped away."""
    marker = "<!-- draft-notes: for the reviewer -->"
    assert (
        safe_markdown(f"a <b>\n{marker}\nnotes", keep=(marker,)) == f"a &lt;b&gt;\n{marker}\nnotes"
    )


def test_safe_url_accepts_only_absolute_http_urls() -> None:
    """A non-http scheme or a URL with markup was taken for a safe link."""
    assert safe_url("https://example.com/x")
    assert safe_url("<http://example.com>")
    assert not any(safe_url(u) for u in ("javascript:alert(1)", "//evil", 'https://a"onclick'))


def test_report_page_gets_a_strict_csp_first_in_its_head() -> None:
    """report.html would run script or load anything if opened from disk."""
    page = with_csp("<html><head><meta charset='utf-8'><title>r</title></head></html>")
    assert page.startswith(
        f'<html><head><meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}">'
    )
    assert REPORT_CSP.startswith("default-src 'none';")
    assert "script-src" not in REPORT_CSP
