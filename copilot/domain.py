"""Domain types shared by ingestion, retrieval, drafting and replay.

Plain frozen dataclasses: cheap to build in hot loops, easy to compare in tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

Kind = Literal["article", "wiki", "ticket"]
KINDS: tuple[Kind, ...] = ("article", "wiki", "ticket")


def parse_timestamp(value: object) -> datetime | None:
    """Parse an ISO 8601 timestamp (``Z`` allowed); ``None``/empty means unknown.

    Naive timestamps are taken as UTC. Raises ``ValueError`` for text that is not ISO 8601.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, int | float):
        parsed = datetime.fromtimestamp(float(value), tz=UTC)
    else:
        parsed = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def epoch(value: datetime | None) -> float:
    """Seconds since the epoch, 0.0 for unknown (unknown means "always existed")."""
    return value.timestamp() if value else 0.0


@dataclass(frozen=True)
class Document:
    """One source item after its connector: an article, a wiki page or a ticket."""

    id: str
    kind: Kind
    title: str
    body: str
    url: str | None = None
    lang: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    resolution: str | None = None
    status: str | None = None
    tags: tuple[str, ...] = ()
    customer_name: str | None = None
    source: str = ""
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Chunk:
    """A piece of a document small enough for the embedder, with everything filters need."""

    id: str
    doc_id: str
    kind: Kind
    title: str
    text: str
    position: int = 0
    url: str | None = None
    lang: str | None = None
    heading: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def available_at(self) -> float:
        """When this knowledge came into existence (epoch seconds, 0 when unknown)."""
        return epoch(self.created_at)


@dataclass(frozen=True)
class SearchFilters:
    """Restrictions applied identically by every index.

    ``available_before`` keeps only chunks whose knowledge existed strictly before that time
    (epoch seconds); ``exclude_doc_ids`` removes documents (a ticket never sees itself).
    """

    kinds: tuple[Kind, ...] | None = None
    lang: str | None = None
    available_before: float | None = None
    exclude_doc_ids: frozenset[str] = frozenset()

    def accepts(self, chunk: Chunk) -> bool:
        """True when ``chunk`` passes every filter (the reference semantics for fakes)."""
        if self.kinds is not None and chunk.kind not in self.kinds:
            return False
        if self.lang is not None and chunk.lang != self.lang:
            return False
        if self.available_before is not None and not chunk.available_at < self.available_before:
            return False
        return chunk.doc_id not in self.exclude_doc_ids


def heading_line(chunk: Chunk) -> str:
    """The "title - heading" line retrieval compares questions with (ingest embeds it)."""
    return f"{chunk.title} - {chunk.heading}" if chunk.heading else chunk.title


@dataclass(frozen=True)
class ScoredChunk:
    """A chunk with the score one index gave it (higher is better)."""

    chunk: Chunk
    score: float


@dataclass(frozen=True)
class SearchResult:
    """One retrieval result as the CLI and API show it."""

    chunk: Chunk
    score: float

    def as_json(self) -> dict[str, object]:
        """The ``search --json`` shape of one result."""
        return {
            "chunk_id": self.chunk.id,
            "doc_id": self.chunk.doc_id,
            "kind": self.chunk.kind,
            "title": self.chunk.title,
            "text": self.chunk.text,
            "score": round(self.score, 6),
            "url": self.chunk.url,
        }


@dataclass(frozen=True)
class Ticket:
    """What an agent asks a draft for."""

    body: str
    subject: str = ""
    customer_name: str | None = None
    lang: str | None = None
    id: str | None = None
    created_at: datetime | None = None

    @property
    def text(self) -> str:
        """Subject and body as one query text."""
        return f"{self.subject}\n{self.body}".strip() if self.subject else self.body.strip()


@dataclass(frozen=True)
class Citation:
    """A source the draft actually used."""

    doc_id: str
    title: str
    url: str | None
    quote: str


@dataclass(frozen=True)
class Draft:
    """A reply draft with its evidence and the decision to escalate."""

    text: str
    citations: tuple[Citation, ...]
    confidence: float
    escalate: bool
    reasons: tuple[str, ...]
    lang: str
    retrieved: tuple[SearchResult, ...] = field(default=(), compare=False)
    # The evidence score before calibration (what a calibrator is fitted on); not in the JSON.
    raw_confidence: float | None = field(default=None, compare=False)
    # The evidence features confidence was computed from (what a replay fits the model on).
    features: Mapping[str, float] = field(default_factory=dict, compare=False)
    # Agent-only notes of the sources (internal wiki sections, "Intern:" lines): never sent.
    internal_notes: tuple[str, ...] = ()
    # True when ``confidence`` comes from a calibration fitted on the team's own replayed
    # tickets and applied (``copilot calibration apply``); False: the prior weights, set by
    # hand and not checked against this team's tickets.
    calibrated: bool = False

    def as_json(self) -> dict[str, object]:
        """The ``draft --json`` shape."""
        return {
            "text": self.text,
            "citations": [
                {"doc_id": c.doc_id, "title": c.title, "url": c.url, "quote": c.quote}
                for c in self.citations
            ],
            "confidence": round(self.confidence, 4),
            "escalate": self.escalate,
            "reasons": list(self.reasons),
            "lang": self.lang,
            "internal_notes": list(self.internal_notes),
            "calibrated": self.calibrated,
        }
