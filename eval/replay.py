"""Replay: historical tickets in time order against only the knowledge that existed then.

Each ticket is drafted with filters that hide everything created at or after it and the ticket
itself; the verdict says whether the copilot would have deflected it, whether its draft agreed
with the human resolution, and, when it failed, why.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from copilot.domain import Document, SearchFilters, Ticket, epoch
from copilot.drafting import ExtractiveDrafter
from copilot.errors import InputError
from eval.metrics import wilson_interval
from ingest.connectors import CONNECTORS, detect_format
from ingest.errors import ItemError

log = logging.getLogger(__name__)

AGREEMENT_THRESHOLD = 0.55  # cosine between draft answer and human resolution
SUPPORT_THRESHOLD = 0.5  # cosine at which an indexed passage "supports" a resolution


@dataclass
class Verdict:
    """One replayed ticket (a line of ``tickets.jsonl``)."""

    id: str
    confidence: float
    would_deflect: bool
    failure_reason: str | None
    retrieved_doc_ids: list[str]
    draft: str
    agreement: float | None
    created_at: str | None = None
    lang: str = "en"
    tags: list[str] = field(default_factory=list)
    subject: str = ""
    body: str = ""
    resolution: str | None = None

    def as_json(self) -> dict[str, object]:
        """The ``tickets.jsonl`` shape (ARCHITECTURE.md) plus context fields for reports."""
        return {
            "id": self.id,
            "confidence": round(self.confidence, 4),
            "would_deflect": self.would_deflect,
            "failure_reason": self.failure_reason,
            "retrieved_doc_ids": self.retrieved_doc_ids,
            "draft": self.draft,
            "agreement": None if self.agreement is None else round(self.agreement, 4),
            "created_at": self.created_at,
            "lang": self.lang,
            "tags": self.tags,
            "subject": self.subject,
        }


@dataclass
class ReplayResult:
    """All verdicts plus the headline numbers."""

    verdicts: list[Verdict]
    threshold: float
    undated: int
    skipped: list[ItemError]
    seconds: float

    @property
    def deflected(self) -> int:
        return sum(v.would_deflect for v in self.verdicts)

    def interval(self) -> tuple[float, float]:
        """Wilson 95% interval of the deflection rate."""
        return wilson_interval(self.deflected, len(self.verdicts))

    @property
    def deflection_rate(self) -> float:
        return self.deflected / len(self.verdicts) if self.verdicts else 0.0


def load_tickets(path: Path) -> tuple[list[Document], list[ItemError]]:
    """Tickets from a common-format file, in replay order (undated ones last)."""
    fmt = detect_format(path)
    if fmt not in ("jsonl", "csv"):
        raise InputError(f"{path}: replay reads tickets as JSONL or CSV, not {fmt}.")
    docs: list[Document] = []
    errors: list[ItemError] = []
    for item in CONNECTORS[fmt].read(path, kind="ticket"):
        (errors if isinstance(item, ItemError) else docs).append(item)  # type: ignore[arg-type]
    docs.sort(key=lambda d: (d.created_at is None, epoch(d.created_at), d.id))
    return docs, errors


def replay_filters(ticket: Document) -> SearchFilters:
    """Knowledge strictly older than the ticket, never the ticket itself."""
    before = epoch(ticket.created_at) if ticket.created_at else None
    return SearchFilters(available_before=before, exclude_doc_ids=frozenset({ticket.id}))


def run_replay(
    tickets: Sequence[Document],
    *,
    drafter: ExtractiveDrafter,
    threshold: float,
    progress: Callable[[int, int | None], None] | None = None,
) -> ReplayResult:
    """Replay ``tickets`` (already in time order) and judge every draft."""
    started = time.perf_counter()
    verdicts = []
    for i, doc in enumerate(tickets, start=1):
        verdicts.append(replay_ticket(doc, drafter=drafter, threshold=threshold))
        if progress:
            progress(i, len(tickets))
    return ReplayResult(
        verdicts=verdicts,
        threshold=threshold,
        undated=sum(1 for d in tickets if d.created_at is None),
        skipped=[],
        seconds=time.perf_counter() - started,
    )


def replay_ticket(doc: Document, *, drafter: ExtractiveDrafter, threshold: float) -> Verdict:
    """Draft one ticket as of its creation time and judge the result."""
    filters = replay_filters(doc)
    ticket = Ticket(body=doc.body, subject=doc.title, lang=doc.lang, id=doc.id)
    draft = drafter.draft(ticket, filters=filters)
    embedder = drafter.retriever.embedder
    agreement = None
    if doc.resolution:
        answer = " ".join(c.quote for c in draft.citations) or draft.text
        vecs = embedder.embed_documents([answer, doc.resolution])
        agreement = float(np.dot(vecs[0], vecs[1]))
    would_deflect = draft.confidence >= threshold and not draft.escalate
    retrieved = list(dict.fromkeys(r.chunk.doc_id for r in draft.retrieved))
    reason = _failure_reason(doc, draft.reasons, would_deflect, agreement, retrieved, drafter)
    return Verdict(
        id=doc.id,
        confidence=draft.confidence,
        would_deflect=would_deflect,
        failure_reason=reason,
        retrieved_doc_ids=retrieved,
        draft=draft.text,
        agreement=agreement,
        created_at=doc.created_at.isoformat() if doc.created_at else None,
        lang=draft.lang,
        tags=list(doc.tags),
        subject=doc.title,
        body=doc.body,
        resolution=doc.resolution,
    )


def _failure_reason(
    doc: Document,
    reasons: Sequence[str],
    would_deflect: bool,
    agreement: float | None,
    retrieved: list[str],
    drafter: ExtractiveDrafter,
) -> str | None:
    agreed = agreement is None or agreement >= AGREEMENT_THRESHOLD
    if would_deflect and agreed:
        return None
    if "needs_account_action" in reasons:
        return "needs_action"
    if not doc.resolution:
        return "missing_knowledge" if "no_relevant_knowledge" in reasons else "drafting_error"
    support = drafter.retriever.search_documents(
        doc.resolution, k=1, mode="dense", filters=replay_filters(doc)
    )
    if not support or support[0].score < SUPPORT_THRESHOLD:
        return "missing_knowledge"
    if support[0].doc_id not in retrieved:
        return "retrieval_miss"
    return "drafting_error"
