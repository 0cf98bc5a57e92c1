"""HTML to Markdown-like plain text that keeps what chunking needs: headings, lists, paragraphs.

Help-center bodies, wiki pages and Confluence exports arrive as HTML. Headings become
``#``-prefixed lines so ``ingest.chunking`` splits at them; list items become ``- `` lines;
scripts, styles and navigation chrome are dropped. Only the standard library is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote",
    "pre", "table", "tr", "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "hr", "form",
}  # fmt: skip
_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "button", "select", "iframe"}
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass
class HtmlPage:
    """What a page says: its ``<title>``, the ``lang`` of ``<html>``, meta tags and text."""

    title: str = ""
    lang: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    text: str = ""


class _Converter(HTMLParser):
    """Collects text lines; nesting is counted per tag name, so unclosed ``<p>`` cannot drift."""

    def __init__(self, *, root_id: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.page = HtmlPage()
        self._root_id = root_id
        self._root_tag = ""  # set while inside the root element
        self._root_open = 0
        self._root_done = False
        self._skip_tag = ""  # set while inside a skipped element (script, nav, ...)
        self._skip_open = 0
        self._in_title = False
        self._lines: list[str] = []
        self._current: list[str] = []
        self._prefix = ""
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        self._page_level_tags(tag, attr)
        if self._skip_tag:
            self._skip_open += tag == self._skip_tag
            return
        if tag in _SKIP and tag not in _VOID:
            self._skip_tag, self._skip_open = tag, 1
            return
        if self._root_tag:
            self._root_open += tag == self._root_tag
        elif not self._root_done and self._root_id and attr.get("id") == self._root_id:
            self._root_tag, self._root_open = tag, 1
        if self._capturing():
            self._layout(tag)

    def _layout(self, tag: str) -> None:
        if tag in _HEADINGS:
            self._break()
            self._prefix = "#" * _HEADINGS[tag] + " "
        elif tag == "li":
            self._break(gap=False)
            self._prefix = "- "
        elif tag in ("br", "hr"):
            self._break()
        elif tag in ("td", "th"):
            self._current.append(" | " if self._current else "")
        elif tag in _BLOCK:
            self._break()
            self._pre += tag == "pre"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self._skip_tag:
            self._skip_open -= tag == self._skip_tag
            if self._skip_open == 0:
                self._skip_tag = ""
            return
        if self._capturing() and (tag in _HEADINGS or tag in _BLOCK or tag == "li"):
            self._break(gap=tag not in ("li", "ul", "ol"))
            self._pre -= tag == "pre" and self._pre > 0
        if self._root_tag and tag == self._root_tag:
            self._root_open -= 1
            if self._root_open == 0:
                self._break()
                self._root_tag, self._root_done = "", True

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page.title += data
            return
        if self._skip_tag or not self._capturing():
            return
        if self._pre:
            for i, line in enumerate(data.split("\n")):
                if i:
                    self._break()
                self._current.append(line)
            return
        self._current.append(_SPACES.sub(" ", data.replace("\n", " ")))

    def _page_level_tags(self, tag: str, attr: dict[str, str]) -> None:
        if tag == "html" and attr.get("lang"):
            self.page.lang = attr["lang"]
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and attr.get("name") and attr.get("content"):
            self.page.meta[attr["name"].lower()] = attr["content"]

    def _capturing(self) -> bool:
        return self._root_id is None or bool(self._root_tag)

    def _break(self, *, gap: bool = True) -> None:
        text = "".join(self._current).strip()
        if text:
            self._lines.append(self._prefix + text)
        elif gap and self._lines and self._lines[-1]:
            self._lines.append("")
        self._current = []
        self._prefix = ""

    def finish(self) -> HtmlPage:
        self._break()
        text = "\n".join(self._lines)
        self.page.text = re.sub(r"\n{3,}", "\n\n", text).strip()
        self.page.title = _SPACES.sub(" ", self.page.title).strip()
        return self.page


def parse_html(html: str, *, root_id: str | None = None) -> HtmlPage:
    """Convert ``html``; with ``root_id``, only the element with that id gives the text."""
    converter = _Converter(root_id=root_id)
    converter.feed(html)
    converter.close()
    return converter.finish()


def html_to_text(html: str) -> str:
    """Markdown-like text of an HTML fragment (headings as ``#`` lines, list items as ``-``)."""
    return parse_html(html).text
