"""Vectors of the drafter's candidate passages, pooled at ingest from the chunks' own pass.

The extractive drafter scores each candidate passage (``copilot.passages``) against the
question by cosine. Embedding those passages per request was most of a draft's time on a large
index and of a fresh data dir's first replay (87% on doc2dial). An embedder with token access
(``TokenStateEmbedder``, the default int8 MiniLM) hands out the final token states of every
chunk it embeds at ingest; a passage's vector is then the mean of the states of its title and
heading, its sentences and list items (and the special tokens) in the chunks it came from
(mean pooling, as the model pools a whole text, over the passage's tokens only), less
``CONTEXT_WEIGHT`` times its chunk's mean state. A passage costs a few sums, not a forward
pass. These vectors rank the passages; the drafter re-scores the best few with their own
embedding (``copilot.drafting.RECHECK``).

The drafter finds a passage's vector by the id of the chunk that stands for its section and a
hash of its embedding text (``passage_key``); the lexical index keeps them beside its chunks
and deletes them with them. A passage without one (another embedder, a sentence that markup
made impossible to locate, settings that cut passages differently) is embedded as before.

The same pass pools a vector for every sentence the replay's support finder compares with a
human resolution (``eval.attribution``: the sentences of a chunk's answering part, as
``copilot.text.split_sentences`` cuts them), under ``sentence_key``: the mean of the sentence's
tokens less ``SENTENCE_CONTEXT_WEIGHT`` times its chunk's mean state. The finder ranks the
sentences with them and embeds only the best ``eval.attribution.SUPPORT_RECHECK`` exactly.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from copilot.backends.embedder import TokenStates, Vectors
from copilot.backends.lexical_index import PassageVector
from copilot.domain import Chunk, SearchResult
from copilot.drafting import resolution_units
from copilot.passages import Passage, passage_key, section_units, sections_of
from copilot.safety import clean_markup
from copilot.text import sentence_pieces, split_sentences

# Token states carry their chunk's context: every passage of a chunk leans towards the
# chunk's topic. Taking half of the chunk's mean state off brought the drafts on the demo's
# 300 tickets closest to those from the passages' own embeddings (71% equal drafts without,
# 79% at 0.4, 83% at 0.6, 63% at 0.8).
CONTEXT_WEIGHT = 0.5
# For sentences a quarter ranks best against their own embedding (doc2dial support, one
# sentence rechecked: 0 gave 80.3% equal decisions, 0.25 82.3%, 0.5 82.0%, 0.75 68.7%).
SENTENCE_CONTEXT_WEIGHT = 0.25
RESOLUTION_MARK = "Resolution:"
_STEP = re.compile(r"^(?:\d{1,3}[.)])\s+")
_BULLET = re.compile(r"^[-*•]\s+")


def chunk_head(chunk: Chunk) -> str:
    """The "title - heading" line that starts a chunk's embedding text (``embedding_text``)."""
    return " - ".join(p for p in (chunk.title, chunk.heading) if p)


def pooled_passage_vectors(
    chunks: Sequence[Chunk], states: Sequence[TokenStates], *, max_sentences: int
) -> list[PassageVector]:
    """The vectors of every candidate passage of one document whose chunks are ``chunks``,
    embedded (title and heading first, as ``ingest.chunking.embedding_text``) with token
    ``states``; passages whose text cannot all be located in the chunks are left out."""
    sums: dict[str, _Pool] = {}
    heads: dict[str, tuple[_Pool, Vectors]] = {}
    for chunk, tokens in zip(chunks, states, strict=True):
        heads[chunk.id] = (_head_pool(chunk, tokens), tokens.states.mean(axis=0))
        for text, start, end in sentence_spans(chunk):
            if text not in sums and (found := _span_pool(tokens, start, end)) is not None:
                sums[text] = found
    units: list[Passage] = []
    for section in sections_of([c for c in chunks if c.kind != "ticket"]):
        if not section.internal:
            units += section_units(section, max_sentences=max_sentences)
    for chunk in chunks:
        if chunk.kind == "ticket":
            units += resolution_units(SearchResult(chunk, 0.0))
    out: list[PassageVector] = []
    for unit in units:
        vector = _unit_vector(unit, heads, sums)
        if vector is not None:
            out.append(PassageVector(unit.chunk.id, passage_key(unit), vector))
    return out


def sentence_spans(chunk: Chunk) -> Iterator[tuple[str, int, int]]:
    """``(text, start, end)`` of each list item and sentence of ``chunk``'s lines, as the
    drafter's passages hold them, with their character span in the chunk's embedding text."""
    head = chunk_head(chunk)
    offset = len(head) + 1 if head else 0
    for line in chunk.text.splitlines(keepends=True):
        yield from _line_spans(line, offset)
        offset += len(line)


def _line_spans(line: str, offset: int) -> Iterator[tuple[str, int, int]]:
    body = line.rstrip("\n")
    lead = len(body) - len(body.lstrip())
    marker = _STEP.match(body[lead:]) or _BULLET.match(body[lead:])
    start = lead + (marker.end() if marker else 0)
    content = clean_markup(body[start:]).strip()
    if not content:
        return
    if marker:  # a list item is one unit item, whatever markup it holds
        yield content, offset + start, offset + len(body)
    sentences = split_sentences(content)
    if not marker and len(sentences) == 1:
        yield sentences[0], offset + start, offset + len(body)
        return
    cursor = start
    for sentence in sentences:
        found = body.find(sentence, cursor)
        if found >= 0:
            cursor = found + len(sentence)
            yield sentence, offset + found, offset + cursor


@dataclass(frozen=True)
class _Pool:
    """The sum of some tokens' states and how many tokens they are."""

    total: Vectors
    tokens: int

    def __add__(self, other: _Pool) -> _Pool:
        return _Pool(self.total + other.total, self.tokens + other.tokens)


def _span_pool(tokens: TokenStates, start: int, end: int) -> _Pool | None:
    """The tokens inside ``[start, end)`` (None when there are none: the span was cut off
    by the model's token limit)."""
    offsets = tokens.offsets
    inside = (offsets[:, 1] > offsets[:, 0]) & (offsets[:, 0] >= start) & (offsets[:, 1] <= end)
    count = int(np.count_nonzero(inside))
    return _Pool(tokens.states[inside].sum(axis=0), count) if count else None


def _head_pool(chunk: Chunk, tokens: TokenStates) -> _Pool:
    """The special tokens and the title and heading."""
    offsets = tokens.offsets
    special = offsets[:, 1] == offsets[:, 0]
    pool = _Pool(tokens.states[special].sum(axis=0), int(np.count_nonzero(special)))
    head = _span_pool(tokens, 0, len(chunk_head(chunk)))
    return pool + head if head is not None else pool


def _unit_vector(
    unit: Passage, heads: dict[str, tuple[_Pool, Vectors]], sums: dict[str, _Pool]
) -> Vectors | None:
    """The mean of the unit's tokens less ``CONTEXT_WEIGHT`` times its chunk's mean,
    normalized; None when some of its text was not located."""
    found = heads.get(unit.chunk.id)
    if found is None:
        return None
    pool, context = found
    for item in unit.sentences():
        parts = [sums.get(item)] if item in sums else [sums.get(s) for s in split_sentences(item)]
        if not parts or any(p is None for p in parts):
            return None
        for part in parts:
            pool = pool + part if part is not None else pool
    vector = pool.total / pool.tokens - CONTEXT_WEIGHT * context
    norm = float(np.linalg.norm(vector))
    return (vector / norm).astype(np.float32) if norm > 0 else None


def answer_part(kind: str, text: str) -> tuple[str, int]:
    """The part of a chunk's ``text`` that can answer a question, and where it starts: the
    whole text, or for a past ticket what follows ``Resolution:`` (nothing without one)."""
    if kind != "ticket":
        return text, 0
    at = text.find(RESOLUTION_MARK)
    return (
        ("", len(text))
        if at < 0
        else (text[at + len(RESOLUTION_MARK) :], at + len(RESOLUTION_MARK))
    )


def sentence_key(sentence: str) -> bytes:
    """The key of a support sentence's pooled vector beside its chunk (apart from the
    passages' keys: those hash an embedding text, these a prefixed sentence)."""
    return hashlib.blake2b(b"sentence\0" + sentence.encode(), digest_size=16).digest()


def pooled_sentence_vectors(
    chunks: Sequence[Chunk], states: Sequence[TokenStates]
) -> list[PassageVector]:
    """The vectors of the sentences of each chunk's ``answer_part`` (embedded as
    ``ingest.chunking.embedding_text`` with token ``states``), keyed by ``sentence_key``;
    sentences cut off by the model's token limit are left out."""
    out: list[PassageVector] = []
    for chunk, tokens in zip(chunks, states, strict=True):
        head = chunk_head(chunk)
        part, start = answer_part(chunk.kind, chunk.text)
        start += len(head) + 1 if head else 0
        context = tokens.states.mean(axis=0)
        for sentence, begin, end in sentence_pieces(part):
            pool = _span_pool(tokens, start + begin, start + end)
            if pool is None:
                continue
            vector = pool.total / pool.tokens - SENTENCE_CONTEXT_WEIGHT * context
            norm = float(np.linalg.norm(vector))
            if norm > 0:
                unit = (vector / norm).astype(np.float32)
                out.append(PassageVector(chunk.id, sentence_key(sentence), unit))
    return out
