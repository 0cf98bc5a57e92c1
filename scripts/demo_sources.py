"""Read the hand-written sources of the demo data in ``scripts/demo_source/``.

Articles and wiki pages (``articles.md``, ``wiki.md``) are Markdown blocks under a header line
``@@ id | ...``; their paragraphs may span several source lines and list items continue on lines
indented by two spaces. Ticket topics (``topics.txt``) hold subject (``S``), question (``Q``) and
resolution (``R``) templates that continue the same way. Word pools and the gap terms are TOML.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SOURCE_DIR = Path(__file__).resolve().parent / "demo_source"
LIST_ITEM = re.compile(r"^(- |\d+\. )")
ENTRY_RE = re.compile(r"^([SQR])\.(en|de)(?:\[([a-z_]+)\])?:\s*(.*)$")


@dataclass
class Doc:
    """A help-center article or a wiki page."""

    doc_id: str
    lang: str
    created_at: str
    updated_at: str
    title: str
    body: str
    slug: str = ""


@dataclass
class Entry:
    """One subject, question or resolution template."""

    intent: str
    text: str


@dataclass
class Topic:
    """A ticket topic with its templates."""

    slug: str
    kind: str
    category: str
    gold: list[str]
    n: int
    n_de: int
    country: str
    entries: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)

    def get(self, part: str, lang: str) -> list[Entry]:
        """Return the templates of one part (S, Q or R) in one language."""
        return self.entries.get((part, lang), [])


@dataclass
class Sources:
    """Everything the generator reads: knowledge, topics, word pools, gap terms, README."""

    articles: list[Doc]
    wiki: list[Doc]
    topics: list[Topic]
    pools: dict[str, Any]
    gaps: dict[str, Any]
    readme_template: str


def read_sources(source_dir: Path = SOURCE_DIR) -> Sources:
    """Parse every source file of ``source_dir``."""

    def text(name: str) -> str:
        return (source_dir / name).read_text(encoding="utf-8")

    return Sources(
        articles=parse_docs(text("articles.md"), with_slug=False),
        wiki=parse_docs(text("wiki.md"), with_slug=True),
        topics=parse_topics(text("topics.txt")),
        pools=tomllib.loads(text("pools.toml")),
        gaps=tomllib.loads(text("gaps.toml")),
        readme_template=text("README.template.md"),
    )


def reflow(text: str) -> str:
    """Join wrapped source lines into Markdown paragraphs and list items."""
    blocks: list[str] = []
    for raw in re.split(r"\n[ \t]*\n", text.strip("\n")):
        lines = [line.rstrip() for line in raw.split("\n") if line.strip()]
        while lines and lines[0].startswith("#"):
            blocks.append(lines.pop(0).strip())
        if not lines:
            continue
        if lines[0].startswith("|"):
            blocks.append("\n".join(lines))
        elif LIST_ITEM.match(lines[0]):
            blocks.append(_reflow_list(lines))
        else:
            for line in lines[1:]:
                if line.startswith(" ") or LIST_ITEM.match(line):
                    raise ValueError(f"unexpected line inside a paragraph: {line!r}")
            blocks.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(blocks)


def _reflow_list(lines: list[str]) -> str:
    """Join a list whose items continue on lines indented by two spaces."""
    items: list[str] = []
    for line in lines:
        if LIST_ITEM.match(line):
            items.append(line)
        elif line.startswith("  "):
            items[-1] += " " + line.strip()
        else:
            raise ValueError(f"list continuation must be indented: {line!r}")
    return "\n".join(items)


def parse_docs(src: str, *, with_slug: bool) -> list[Doc]:
    """Parse the article or wiki source (text before the first ``@@`` header is a comment)."""
    docs: list[Doc] = []
    for chunk in src.split("\n@@ ")[1:]:
        header, _, rest = chunk.partition("\n")
        parts = [p.strip() for p in header.split("|")]
        lines = rest.strip("\n").split("\n")
        if not lines[0].startswith("# "):
            raise ValueError(f"{parts[0]}: first line must be '# Title'")
        title = lines[0][2:].strip()
        body = reflow("\n".join(lines[1:]))
        if with_slug:
            doc_id, slug, lang, created, updated = parts
        else:
            doc_id, lang, created, updated = parts
            slug = ""
        docs.append(Doc(doc_id, lang, created, updated, title, body, slug))
    return docs


def parse_topics(src: str) -> list[Topic]:
    """Parse the ticket topic source (lines starting with ``#`` are comments)."""
    topics: list[Topic] = []
    last: Entry | None = None
    for line in src.split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("== "):
            topics.append(_parse_topic_header(line[3:]))
            last = None
        elif line.startswith((" ", "\t")):
            if last is None:
                raise ValueError(f"continuation without entry: {line!r}")
            last.text += " " + line.strip()
        else:
            match = ENTRY_RE.match(line)
            if not match or not topics:
                raise ValueError(f"cannot parse topic line: {line!r}")
            part, lang, intent, text = match.groups()
            last = Entry(intent or "", text.strip())
            topics[-1].entries.setdefault((part, lang), []).append(last)
    return topics


def _parse_topic_header(header: str) -> Topic:
    """Parse ``slug | kind | category | gold ids | n | n_de | country``."""
    slug, kind, category, gold, n, n_de, country = (p.strip() for p in header.split("|"))
    gold_ids = [] if gold == "-" else [g.strip() for g in gold.split(",")]
    return Topic(slug, kind, category, gold_ids, int(n), int(n_de), country)
