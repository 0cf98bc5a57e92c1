"""Output safety of the files a replay writes: Markdown without live HTML, links only to http(s),
and an HTML report under a strict Content-Security-Policy.

Gap articles and ``report.md`` are meant for pull requests to a docs repository, where a
Markdown viewer may render raw HTML. Ticket text is customer input, so before a Markdown file
is written every ``<``, ``>`` and ``&`` becomes an entity (no tag, comment or entity trick
survives; a blockquote ``>`` at the start of a line stays), links and images whose target is not
``http(s)://`` keep only their text, and ``javascript:``, ``vbscript:``, ``data:`` and
``file:`` URLs in plain text are replaced by ``[link removed]``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# What report.html may load: its inline <style> and inline SVG, nothing else; no script.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
LINK_REMOVED = "[link removed]"

_SAFE_URL = re.compile(r"(?i)^https?://[^\s<>\"']+$")
_INLINE_LINK = re.compile(
    r"(!?)\[([^\]\n]*)\]\(\s*(<[^>\n]*>|[^\s)]*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
)
_REFERENCE = re.compile(r"(?m)^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)[^\n]*$")
_BARE_SCHEME = re.compile(
    r"(?i)(?<![\w.+-])(?:(?:java|vb|live)\s*script\s*:[^\s<>\"']*"
    r"|data:[\w.+-]+/[\w.+-]+[^\s<>\"']*"
    r"|file:/[^\s<>\"']*)"
)
_BLOCKQUOTE = re.compile(r"^((?: {0,3}>[ \t]?)+)(.*)$")


def safe_url(url: str) -> bool:
    """True for an absolute ``http``/``https`` URL (the only links outputs may keep)."""
    return bool(_SAFE_URL.match(url.strip().strip("<>")))


def neutralise_links(markdown: str) -> str:
    """Markdown with every non-http(s) link reduced to its text and dangerous URLs removed."""

    def inline(match: re.Match[str]) -> str:
        return match.group(0) if safe_url(match.group(3)) else match.group(2)

    def reference(match: re.Match[str]) -> str:
        return match.group(0) if safe_url(match.group(1)) else ""

    out = _INLINE_LINK.sub(inline, markdown)
    out = _REFERENCE.sub(reference, out)
    return _BARE_SCHEME.sub(LINK_REMOVED, out)


def escape_html(markdown: str) -> str:
    """``<``, ``>`` and ``&`` as entities, except blockquote markers opening a line."""
    lines = []
    for line in markdown.split("\n"):
        match = _BLOCKQUOTE.match(line)
        quote, rest = (match.group(1), match.group(2)) if match else ("", line)
        rest = rest.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines.append(quote + rest)
    return "\n".join(lines)


def safe_markdown(markdown: str, *, keep: Sequence[str] = ()) -> str:
    """``markdown`` safe to render with raw HTML enabled; the exact strings in ``keep`` (our
    own markers, such as the draft-notes comment) pass unchanged."""
    slots = {f"\x00{i}\x00": kept for i, kept in enumerate(keep)}
    out = markdown.replace("\x00", "")
    for slot, kept in slots.items():
        out = out.replace(kept, slot)
    out = escape_html(neutralise_links(out))
    for slot, kept in slots.items():
        out = out.replace(slot, kept)
    return out


def with_csp(page: str, *, policy: str = REPORT_CSP) -> str:
    """``page`` with a Content-Security-Policy meta tag as the first element of its head."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    if re.search(r"(?i)<head[^>]*>", page):
        return re.sub(r"(?i)(<head[^>]*>)", lambda m: m.group(1) + meta, page, count=1)
    return meta + page
