"""Passage units a drafter can quote: heading sections, procedures and past resolutions.

Retrieval finds chunks; an answer is a *unit* of a document. A chunk may hold half a
procedure (chunks are cut by a token budget, with a few sentences of overlap), so the
sections that retrieval touched are reassembled from all of the document's chunks, the overlap
removed. A section becomes blocks (paragraphs, numbered steps, bullet lists), and the blocks
become candidate units: the whole section when it is short, each list with the line that leads
into it (a procedure is never cut), and windows of a long paragraph. A past ticket gives one
unit: the sentences of its resolution that may be reused for another customer.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from copilot.domain import Chunk, SearchResult
from copilot.safety import clean_markup, internal_note_text, is_internal_heading, is_internal_line
from copilot.text import split_sentences

BlockKind = Literal["prose", "steps", "bullets"]
_STEP = re.compile(r"^(\d{1,3})[.)]\s+(.*)$")
_BULLET = re.compile(r"^[-*•]\s+(.*)$")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
# An "Intern:" note inside running text of an old-format chunk: to the end of its line.
_INTERNAL_INLINE = re.compile(
    r"[\[(]?\b(?:internal|intern|interne notiz|nur intern|agent note|internal note|staff only|"
    r"agent only)\s*[:\])][^\n]*",
    re.IGNORECASE,
)
MAX_OVERLAP_SENTENCES = 16


@dataclass(frozen=True)
class Block:
    """A paragraph (its sentences), a numbered procedure or a bullet list (its items)."""

    kind: BlockKind
    items: tuple[str, ...]


@dataclass(frozen=True)
class Passage:
    """A candidate answer: consecutive blocks of one section of one document."""

    hit: SearchResult
    blocks: tuple[Block, ...]
    whole_section: bool = False

    @property
    def chunk(self) -> Chunk:
        """The chunk that stands for the passage's document and section."""
        return self.hit.chunk

    @property
    def heading(self) -> str:
        """The section's own heading (last element of the heading path)."""
        return self.chunk.heading.split(" > ")[-1].strip()

    @property
    def has_steps(self) -> bool:
        """True when the passage holds a numbered procedure."""
        return any(b.kind == "steps" for b in self.blocks)

    def sentences(self) -> list[str]:
        """Every sentence and list item, in order."""
        return [item for block in self.blocks for item in block.items]

    def plain_text(self) -> str:
        """The passage as the embedder sees it: one line per paragraph or list item."""
        lines: list[str] = []
        for block in self.blocks:
            if block.kind == "prose":
                lines.append(" ".join(block.items))
            elif block.kind == "steps":
                lines += [f"{i}. {item}" for i, item in enumerate(block.items, start=1)]
            else:
                lines += [f"- {item}" for item in block.items]
        return "\n".join(lines)

    def embedding_text(self) -> str:
        """Title and heading first, as ingest embeds chunks (a one-chunk section is cached)."""
        head = " - ".join(p for p in (self.chunk.title, self.chunk.heading) if p)
        return f"{head}\n{self.plain_text()}" if head else self.plain_text()


def passage_key(unit: Passage) -> bytes:
    """The hash of ``unit``'s embedding text: with its chunk's id, the key of its stored
    vector (``copilot.passage_vectors``)."""
    return hashlib.blake2b(unit.embedding_text().encode(), digest_size=16).digest()


def merge_chunk_texts(texts: Iterable[str]) -> list[str]:
    """The lines of consecutive chunks of one section, with their overlap removed.

    Chunks repeat the last sentences of their predecessor; the longest run of sentences that
    ends one chunk and starts the next is kept once. When that run ends inside the next
    chunk's first line, the rest of the line continues the previous chunk's last line.
    """
    lines: list[str] = []
    for text in texts:
        new = [line.strip() for line in text.splitlines() if line.strip()]
        lines = _join(lines, new) if lines else new
    return lines


def _join(old: list[str], new: list[str]) -> list[str]:
    tail = [(i, s) for i, line in enumerate(old) for s in _SENTENCE_BREAK.split(line)]
    head = [(i, s) for i, line in enumerate(new) for s in _SENTENCE_BREAK.split(line)]
    overlap = 0
    for size in range(min(len(tail), len(head), MAX_OVERLAP_SENTENCES), 0, -1):
        if [s for _, s in tail[-size:]] == [s for _, s in head[:size]]:
            overlap = size
            break
    if overlap == 0:
        return old + new
    merged = list(old)
    last_line = head[overlap - 1][0]
    rest: dict[int, list[str]] = {}
    for i, sentence in head[overlap:]:
        rest.setdefault(i, []).append(sentence)
    for i, sentences in sorted(rest.items()):
        if i == last_line:
            merged[-1] = f"{merged[-1]} {' '.join(sentences)}"
        else:
            merged.append(" ".join(sentences))
    return merged


def blocks_of(lines: Sequence[str]) -> list[Block]:
    """Paragraphs, procedures and bullet lists of a section's lines, markup removed.

    A plain line between two steps continues the step before it (a long step that chunking
    had to cut); list items are numbered by position, whatever the source's numbers were.
    """
    kinds: list[tuple[BlockKind, str]] = []
    for line in table_rows_as_bullets(lines):
        step, bullet = _STEP.match(line), _BULLET.match(line)
        if step:
            kinds.append(("steps", step.group(2)))
        elif bullet:
            kinds.append(("bullets", bullet.group(1)))
        else:
            kinds.append(("prose", line))
    blocks: list[tuple[BlockKind, list[str]]] = []
    for n, (kind, text) in enumerate(kinds):
        text = clean_markup(text).strip()
        if not text:
            continue
        between_steps = (
            kind == "prose"
            and blocks
            and blocks[-1][0] == "steps"
            and n + 1 < len(kinds)
            and kinds[n + 1][0] == "steps"
        )
        if between_steps:
            blocks[-1][1][-1] = f"{blocks[-1][1][-1]} {text}"
        elif kind == "prose":
            blocks.append(("prose", split_sentences(text)))
        elif blocks and blocks[-1][0] == kind:
            blocks[-1][1].append(text)
        else:
            blocks.append((kind, [text]))
    return [Block(kind, tuple(items)) for kind, items in blocks if items]


_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^[\s:|-]*-[\s:|-]*$")


def table_rows_as_bullets(lines: Sequence[str]) -> list[str]:
    """The lines with each Markdown table turned into one bullet per row ("Starter – Germany:
    EUR 9, UK: GBP 8"): a rule line such as ``|---|---|`` is no sentence to quote, and a row
    read without its column names says little."""
    out: list[str] = []
    table: list[list[str]] = []
    for line in [*lines, ""]:
        row = _TABLE_ROW.match(line)
        if row:
            table.append([cell.strip() for cell in row.group(1).split("|")])
            continue
        out += _table_bullets(table)
        table = []
        if line:
            out.append(line)
    return out


def _table_bullets(rows: list[list[str]]) -> list[str]:
    if not rows:
        return []
    header: list[str] = []
    if len(rows) > 1 and _TABLE_RULE.match("|".join(rows[1])):
        header, rows = rows[0], rows[2:]
    bullets = []
    for cells in rows:
        if _TABLE_RULE.match("|".join(cells)) or not any(cells):
            continue
        rest = [
            f"{header[i]}: {cell}" if i < len(header) and header[i] else cell
            for i, cell in enumerate(cells[1:], start=1)
            if cell
        ]
        bullets.append(f"- {cells[0]} – {', '.join(rest)}" if rest else f"- {cells[0]}")
    return bullets


@dataclass(frozen=True)
class Section:
    """A heading section of a document, reassembled from its chunks."""

    hit: SearchResult
    lines: tuple[str, ...]
    internal: bool
    positions: frozenset[int] = frozenset()


def sections_of(chunks: Sequence[Chunk], *, score: float = 0.0) -> list[Section]:
    """Runs of consecutive chunks under the same heading, each merged into one section."""
    ordered = sorted(chunks, key=lambda c: (c.position, c.id))
    runs: list[list[Chunk]] = []
    for chunk in ordered:
        if runs and runs[-1][-1].heading == chunk.heading:
            runs[-1].append(chunk)
        else:
            runs.append([chunk])
    return [
        Section(
            hit=SearchResult(run[0], score),
            lines=tuple(merge_chunk_texts(c.text for c in run)),
            internal=is_internal_heading(run[0].heading),
            positions=frozenset(c.position for c in run),
        )
        for run in runs
    ]


def section_units(section: Section, *, max_sentences: int) -> list[Passage]:
    """Candidate passages of a section: whole (when short), each procedure, paragraph windows."""
    public = [line for line in section.lines if not is_internal_line(line)]
    public = [_INTERNAL_INLINE.sub("", line).strip() for line in public]
    blocks = blocks_of([line for line in public if line])
    if not blocks:
        return []
    units: list[Passage] = []
    size = sum(len(b.items) for b in blocks)
    if size <= 2 * max_sentences or (len(blocks) <= 2 and any(b.kind != "prose" for b in blocks)):
        units.append(Passage(section.hit, tuple(blocks), whole_section=True))
    for i, block in enumerate(blocks):
        if block.kind != "prose":
            lead = blocks[i - 1] if i > 0 and blocks[i - 1].kind == "prose" else None
            kept = (Block("prose", lead.items[-1:]), block) if lead else (block,)
            units.append(Passage(section.hit, kept))
            continue
        step = max(1, max_sentences // 2)
        for start in range(0, max(1, len(block.items) - max_sentences + step), step):
            window = block.items[start : start + max_sentences]
            units.append(Passage(section.hit, (Block("prose", window),)))
    return _distinct(units)


def _distinct(units: list[Passage]) -> list[Passage]:
    seen: dict[str, Passage] = {}
    for unit in units:
        seen.setdefault(unit.plain_text(), unit)
    return list(seen.values())


def internal_notes(section: Section) -> list[str]:
    """The agent-only lines of a section: all of an internal one, marked lines of others."""
    return list(_internal_notes(section.lines, section.internal))


@lru_cache(maxsize=16384)
def _internal_notes(section_lines: tuple[str, ...], internal: bool) -> tuple[str, ...]:
    # Remembered: every draft reads the notes of each section it meets, ticket after ticket.
    lines = section_lines if internal else ()
    marked = [line for line in section_lines if is_internal_line(line)]
    inline = [m.group(0) for line in section_lines for m in _INTERNAL_INLINE.finditer(line)]
    notes = [internal_note_text(clean_markup(n)) for n in (*lines, *marked, *inline)]
    return tuple(dict.fromkeys(n for n in notes if n))
