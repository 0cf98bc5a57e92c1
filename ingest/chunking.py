"""Structure-aware chunking bounded by the embedder's real token limit.

Articles and wiki pages split at Markdown headings (the heading path stays with each chunk);
a ticket is one unit of subject, customer message and resolution. Sections longer than the
budget are packed sentence by sentence, with a few sentences of overlap between chunks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from copilot.domain import Chunk, Document
from copilot.safety import is_internal_line
from copilot.text import split_sentences

CountTokens = Callable[[Sequence[str]], list[int]]
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^(?:[-*•>|]|\d+[.)])\s*")
_MAX_HEADING_WORDS = 12


def document_sections(doc: Document) -> list[tuple[str, str]]:
    """``(heading path, text)`` pairs in reading order.

    Markdown headings (``#``) build a heading path. A body without any Markdown heading may
    still carry plain-text headings (help-center exports often do: a short line without final
    punctuation that opens a paragraph block); those become one-level headings.
    """
    if doc.kind == "ticket":
        parts = [doc.title, doc.body]
        if doc.resolution:
            parts.append(f"Resolution: {doc.resolution}")
        return [("", "\n".join(p for p in parts if p))]
    lines = doc.body.splitlines()
    if any(_HEADING.match(line) for line in lines):
        return _separate_internal(_markdown_sections(lines))
    return _separate_internal(_plain_sections(lines))


def _separate_internal(sections: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Agent-only paragraphs ("Intern: ...") become sections of their own, headed
    "<heading> > Internal": a chunk is then either customer-safe or internal as a whole,
    even when a note runs over several sentences or lines."""
    out: list[tuple[str, str]] = []
    for heading, text in sections:
        internal = f"{heading} > Internal" if heading else "Internal"
        runs: list[tuple[bool, list[str]]] = []
        inside = False
        for line in text.splitlines():
            if is_internal_line(line):
                inside = True
            elif not line.strip() or _LIST_ITEM.match(line.strip()):
                inside = False
            if not runs or runs[-1][0] != inside:
                runs.append((inside, []))
            runs[-1][1].append(line)
        for is_internal, run in runs:
            body = "\n".join(run).strip()
            if body:
                out.append((internal if is_internal else heading, body))
    return out


def _markdown_sections(body_lines: list[str]) -> list[tuple[str, str]]:
    sections: list[tuple[str, str]] = []
    path: list[tuple[int, str]] = []
    lines: list[str] = []

    def flush(next_level: int) -> None:
        text = "\n".join(lines).strip()
        lines.clear()
        if text:
            sections.append((" > ".join(h for _, h in path), text))
        elif path and next_level <= path[-1][0]:
            # A heading with no text of its own and no sub-sections: keep its words.
            sections.append((" > ".join(h for _, h in path), path[-1][1]))

    for line in body_lines:
        match = _HEADING.match(line)
        if not match:
            lines.append(line)
            continue
        level = len(match.group(1))
        flush(level)
        path[:] = [(lvl, h) for lvl, h in path if lvl < level] + [(level, match.group(2))]
    flush(0)
    return sections


def _plain_sections(body_lines: list[str]) -> list[tuple[str, str]]:
    sections: list[tuple[str, str]] = []
    heading = ""
    lines: list[str] = []
    blocks = _blocks(body_lines)
    for i, block in enumerate(blocks):
        first = block[0]
        opens_section = _looks_like_heading(first) and (len(block) > 1 or i + 1 < len(blocks))
        if opens_section:
            text = "\n".join(lines).strip()
            if text:
                sections.append((heading, text))
            lines.clear()
            # A heading directly followed by another one reads as a path ("Plans > Prices").
            heading = f"{heading} > {first.strip()}" if heading and not text else first.strip()
            block = block[1:]
        lines.extend(block)
        lines.append("")
    text = "\n".join(lines).strip()
    if text:
        sections.append((heading, text))
    return sections


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _looks_like_heading(line: str) -> bool:
    """A short line that is not a sentence, list item or quote: a plain-text heading."""
    stripped = line.strip()
    words = stripped.split()
    return (
        0 < len(words) <= _MAX_HEADING_WORDS
        and len(stripped) <= 100
        and not _LIST_ITEM.match(stripped)
        and stripped[-1] not in ".,;:!"
        and stripped[0].isupper()
    )


def embedding_text(chunk: Chunk) -> str:
    """What the embedder sees: title and heading give a passage its context."""
    head = " - ".join(p for p in (chunk.title, chunk.heading) if p)
    return f"{head}\n{chunk.text}" if head else chunk.text


def chunk_document(
    doc: Document, *, max_tokens: int, overlap_tokens: int, count_tokens: CountTokens
) -> list[Chunk]:
    """Split ``doc`` into chunks whose ``embedding_text`` (title and heading included) has at
    most ``max_tokens`` model tokens.

    A title and heading path longer than half the budget are shortened in the chunk (the
    document keeps its full title); every piece is checked with a real count and split again
    if joining sentences made it longer than their sum.
    """
    chunks: list[Chunk] = []
    for heading, text in document_sections(doc):
        title, heading = _fit_head(doc.title, heading, max(1, max_tokens // 2), count_tokens)
        head = " - ".join(p for p in (title, heading) if p)
        head_tokens = count_tokens([head])[0] + 1 if head else 0
        budget = max(1, max_tokens - head_tokens)
        pieces = _pack(text_units(text), budget, overlap_tokens, count_tokens)
        for piece in _fit_pieces(head, pieces, max_tokens, count_tokens):
            chunks.append(_make_chunk(doc, title, heading, piece, len(chunks)))
    if not chunks:
        title, _ = _fit_head(doc.title, "", max(1, max_tokens // 2), count_tokens)
        chunks.append(_make_chunk(doc, title, "", doc.title or doc.id, 0))
    return chunks


def _fit_head(title: str, heading: str, limit: int, count_tokens: CountTokens) -> tuple[str, str]:
    """Title and heading cut (at the end, by words) so that "title - heading" fits ``limit``."""
    head = " - ".join(p for p in (title, heading) if p)
    if not head or count_tokens([head])[0] <= limit:
        return title, heading
    short_title = _truncate(title, limit // 2 if heading else limit, count_tokens)
    rest = limit - (count_tokens([f"{short_title} -"])[0] if short_title else 0)
    short_heading = _truncate(heading, max(1, rest), count_tokens) if heading else ""
    return short_title, short_heading


def _truncate(text: str, limit: int, count_tokens: CountTokens) -> str:
    """The longest word prefix of ``text`` within ``limit`` tokens (characters if no word fits)."""
    if not text or count_tokens([text])[0] <= limit:
        return text
    units: list[str] = text.split()
    joiner = " "
    if count_tokens([units[0]])[0] > limit:
        units, joiner = list(units[0]), ""
    lo, hi = 0, len(units)
    while lo < hi:  # largest n whose prefix fits
        mid = (lo + hi + 1) // 2
        if count_tokens([joiner.join(units[:mid])])[0] <= limit:
            lo = mid
        else:
            hi = mid - 1
    return joiner.join(units[:lo])


def _fit_pieces(
    head: str, pieces: list[str], max_tokens: int, count_tokens: CountTokens
) -> list[str]:
    """``pieces``, each halved again until head and piece together fit ``max_tokens``."""
    counts = count_tokens([f"{head}\n{p}" if head else p for p in pieces])
    out: list[str] = []
    for piece, n in zip(pieces, counts, strict=True):
        if n <= max_tokens or len(piece) <= 1:
            out.append(piece)
        else:
            out.extend(_fit_pieces(head, _halves(piece), max_tokens, count_tokens))
    return out


def _halves(piece: str) -> list[str]:
    words = piece.split()
    if len(words) > 1:
        mid = len(words) // 2
        return [" ".join(words[:mid]), " ".join(words[mid:])]
    mid = len(piece) // 2
    return [piece[:mid], piece[mid:]]


def _make_chunk(doc: Document, title: str, heading: str, text: str, position: int) -> Chunk:
    return Chunk(
        id=f"{doc.kind}:{doc.id}:{position}",
        doc_id=doc.id,
        kind=doc.kind,
        title=title,
        text=text,
        position=position,
        url=doc.url,
        lang=doc.lang,
        heading=heading,
        created_at=doc.created_at,
        updated_at=doc.updated_at,
    )


Unit = tuple[str, bool]
_ITEM = re.compile(r"^(?:(\d{1,3})[.)]|[-*•])\s+")


def text_units(text: str) -> list[Unit]:
    """The packing units of a section: ``(text, continues_line)``.

    A list item is one unit that keeps its marker ("3. Click Save.", "- Spam folder"), so a
    drafter can quote a procedure as a list; a paragraph gives one unit per sentence, all but
    the first continuing the paragraph's line. Chunk text keeps this layout: one line per
    paragraph or list item.
    """
    units: list[Unit] = []
    for line in text.splitlines():
        stripped = line.strip()
        item = _ITEM.match(stripped)
        if item:
            content = " ".join(split_sentences(stripped[item.end() :]))
            if content:
                units.append(
                    (f"{item.group(1)}. {content}" if item.group(1) else f"- {content}", False)
                )
            continue
        for i, sentence in enumerate(split_sentences(stripped)):
            units.append((sentence, i > 0))
    return units


def _pack(units: list[Unit], budget: int, overlap: int, count_tokens: CountTokens) -> list[str]:
    sized: list[tuple[str, int, bool]] = []
    counts = count_tokens([text for text, _ in units])
    for (text, continues), n in zip(units, counts, strict=True):
        for i, (run, m) in enumerate(_split_long(text, n, budget, count_tokens)):
            sized.append((run, m, continues or i > 0))
    pieces: list[str] = []
    current: list[tuple[str, int, bool]] = []
    for unit in sized:
        if current and sum(n for _, n, _ in current) + unit[1] > budget:
            pieces.append(_render(current))
            current = _tail(current, min(overlap, budget - unit[1]))
        current.append(unit)
    if current:
        pieces.append(_render(current))
    return pieces


def _render(units: list[tuple[str, int, bool]]) -> str:
    lines: list[str] = []
    for text, _, continues in units:
        if continues and lines:
            lines[-1] = f"{lines[-1]} {text}"
        else:
            lines.append(text)
    return "\n".join(lines)


def _tail(units: list[tuple[str, int, bool]], overlap: int) -> list[tuple[str, int, bool]]:
    kept: list[tuple[str, int, bool]] = []
    total = 0
    for unit in reversed(units):
        if total + unit[1] > overlap:
            break
        kept.insert(0, unit)
        total += unit[1]
    return kept


def _split_long(
    sentence: str, tokens: int, budget: int, count_tokens: CountTokens
) -> list[tuple[str, int]]:
    """Cut a sentence longer than the budget into word runs that fit, checked by real counts."""
    if tokens <= budget:
        return [(sentence, tokens)]
    words = sentence.split()
    if len(words) <= 1:
        return _split_word(sentence, budget, count_tokens)
    per_word = tokens / len(words)
    step = max(1, min(len(words) - 1, int(budget / per_word * 0.9)))
    runs = [" ".join(words[i : i + step]) for i in range(0, len(words), step)]
    out: list[tuple[str, int]] = []
    for run, n in zip(runs, count_tokens(runs), strict=True):
        out.extend(_split_long(run, n, budget, count_tokens))
    return out


def _split_word(word: str, budget: int, count_tokens: CountTokens) -> list[tuple[str, int]]:
    """A single over-long token run (a URL, a hash): cut by characters until it fits."""
    size = max(1, len(word) // 2)
    while size > 1 and count_tokens([word[:size]])[0] > budget:
        size //= 2
    pieces = [word[i : i + size] for i in range(0, len(word), size)]
    return list(zip(pieces, count_tokens(pieces), strict=True))
