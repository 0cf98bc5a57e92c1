"""Structure-aware chunking bounded by the embedder's real token limit.

Articles and wiki pages split at Markdown headings (the heading path stays with each chunk);
a ticket is one unit of subject, customer message and resolution. Sections longer than the
budget are packed sentence by sentence, with a few sentences of overlap between chunks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from copilot.domain import Chunk, Document
from copilot.text import split_sentences

CountTokens = Callable[[Sequence[str]], list[int]]
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


def document_sections(doc: Document) -> list[tuple[str, str]]:
    """``(heading path, text)`` pairs in reading order."""
    if doc.kind == "ticket":
        parts = [doc.title, doc.body]
        if doc.resolution:
            parts.append(f"Resolution: {doc.resolution}")
        return [("", "\n".join(p for p in parts if p))]
    sections: list[tuple[str, str]] = []
    path: list[tuple[int, str]] = []
    lines: list[str] = []

    def flush() -> None:
        text = "\n".join(lines).strip()
        if text:
            sections.append((" > ".join(h for _, h in path), text))
        lines.clear()

    for line in doc.body.splitlines():
        match = _HEADING.match(line)
        if not match:
            lines.append(line)
            continue
        flush()
        level = len(match.group(1))
        path[:] = [(lvl, h) for lvl, h in path if lvl < level] + [(level, match.group(2))]
    flush()
    return sections


def embedding_text(chunk: Chunk) -> str:
    """What the embedder sees: title and heading give a passage its context."""
    head = " - ".join(p for p in (chunk.title, chunk.heading) if p)
    return f"{head}\n{chunk.text}" if head else chunk.text


def chunk_document(
    doc: Document, *, max_tokens: int, overlap_tokens: int, count_tokens: CountTokens
) -> list[Chunk]:
    """Split ``doc`` into chunks of at most ``max_tokens`` model tokens (title included)."""
    chunks: list[Chunk] = []
    for heading, text in document_sections(doc):
        head_tokens = count_tokens([f"{doc.title} - {heading}"])[0] + 2
        budget = max(16, max_tokens - head_tokens)
        for piece in _pack(split_sentences(text), budget, overlap_tokens, count_tokens):
            chunks.append(_make_chunk(doc, heading, piece, len(chunks)))
    if not chunks:
        chunks.append(_make_chunk(doc, "", doc.title or doc.id, 0))
    return chunks


def _make_chunk(doc: Document, heading: str, text: str, position: int) -> Chunk:
    return Chunk(
        id=f"{doc.kind}:{doc.id}:{position}",
        doc_id=doc.id,
        kind=doc.kind,
        title=doc.title,
        text=text,
        position=position,
        url=doc.url,
        lang=doc.lang,
        heading=heading,
        created_at=doc.created_at,
        updated_at=doc.updated_at,
    )


def _pack(sentences: list[str], budget: int, overlap: int, count_tokens: CountTokens) -> list[str]:
    units: list[tuple[str, int]] = []
    for sentence, n in zip(sentences, count_tokens(sentences), strict=True):
        units.extend(_split_long(sentence, n, budget))
    pieces: list[str] = []
    current: list[tuple[str, int]] = []
    for unit in units:
        if current and sum(n for _, n in current) + unit[1] > budget:
            pieces.append(" ".join(s for s, _ in current))
            current = _tail(current, min(overlap, budget - unit[1]))
        current.append(unit)
    if current:
        pieces.append(" ".join(s for s, _ in current))
    return pieces


def _tail(units: list[tuple[str, int]], overlap: int) -> list[tuple[str, int]]:
    kept: list[tuple[str, int]] = []
    total = 0
    for unit in reversed(units):
        if total + unit[1] > overlap:
            break
        kept.insert(0, unit)
        total += unit[1]
    return kept


def _split_long(sentence: str, tokens: int, budget: int) -> list[tuple[str, int]]:
    """Cut a sentence longer than the budget into word runs that fit (estimated evenly)."""
    if tokens <= budget:
        return [(sentence, tokens)]
    words = sentence.split()
    per_word = tokens / max(1, len(words))
    step = max(1, int(budget / per_word * 0.9))
    return [
        (" ".join(words[i : i + step]), min(budget, round(len(words[i : i + step]) * per_word)))
        for i in range(0, len(words), step)
    ]
