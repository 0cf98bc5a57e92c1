"""As-of visibility: what knowledge a historical ticket may see when it is replayed.

A replayed ticket sees only what existed when it was created:

- articles and wiki pages created strictly before it (chunks carry ``available_at``);
- past tickets whose *resolution* was written before it. A ticket's chunk holds its resolution,
  so a ticket becomes knowledge when it was resolved (``resolved_at``), or, when that is not
  known, ``resolution_lag`` after it was created;
- never itself, and never another ticket of its own thread;
- only the kinds of knowledge the run is about (``kinds``; by default documentation only, see
  ``ReplaySettings.knowledge_kinds``).

Tickets without a timestamp see everything except themselves and their thread; reports say how
many there were.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from copilot.domain import Document, Kind, SearchFilters, epoch, parse_timestamp
from copilot.errors import InputError, SourceFormatError
from ingest.connectors import read_tickets
from ingest.errors import ItemError
from ingest.pii import scrub_document
from ingest.record_mapping import RESOLVED_FIELDS, THREAD_FIELDS


@dataclass(frozen=True)
class ReplayTicket:
    """A historical ticket with what replay needs beyond the ``Document``."""

    doc: Document
    thread_id: str | None = None
    resolved_at: datetime | None = None

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def created(self) -> float | None:
        """Creation time in epoch seconds, None when unknown."""
        return epoch(self.doc.created_at) if self.doc.created_at else None


def load_replay_tickets(
    path: Path, *, fmt: str = "auto"
) -> tuple[list[ReplayTicket], list[ItemError]]:
    """Tickets of any export ingest reads (``ingest.connectors.read_tickets``: common JSONL or
    CSV, Zendesk, Freshdesk), in replay order (undated ones last)."""
    try:
        _, docs, errors = read_tickets(path, fmt=fmt)
    except SourceFormatError as exc:
        raise InputError(exc.message) from exc
    tickets = [_replay_ticket(d, d.extra) for d in _unique(docs, errors)]
    tickets.sort(key=lambda t: (t.created is None, t.created or 0.0, t.id))
    return tickets, errors


def _unique(docs: list[Document], errors: list[ItemError]) -> list[Document]:
    seen: set[str] = set()
    out = []
    for doc in docs:
        if doc.id in seen:
            errors.append(ItemError(f"ticket {doc.id}", "duplicate id, kept first"))
            continue
        seen.add(doc.id)
        out.append(doc)
    return out


def _replay_ticket(doc: Document, extra: Mapping[str, object]) -> ReplayTicket:
    thread = next((str(extra[k]) for k in THREAD_FIELDS if k in extra), None)
    resolved = None
    for key in RESOLVED_FIELDS:
        if key in extra:
            try:
                resolved = parse_timestamp(extra[key])
            except ValueError:
                continue
            break
    if resolved is None and (doc.status or "").lower() in ("solved", "closed", "resolved"):
        resolved = doc.updated_at
    if resolved is not None and doc.created_at is not None and resolved < doc.created_at:
        resolved = None
    # Scrubbed as it is read: nothing a replay writes (checkpoints included) holds raw PII.
    return ReplayTicket(doc=scrub_document(doc), thread_id=thread, resolved_at=resolved)


class Visibility:
    """Builds the leakage filters of every replayed ticket.

    ``knowledge`` are the tickets that are also indexed as knowledge (usually the replayed ones):
    the filter hides those created before a ticket whose resolution came only after it.
    """

    def __init__(
        self,
        knowledge: Sequence[ReplayTicket],
        *,
        resolution_lag_s: float = 0.0,
        kinds: Sequence[Kind] | None = None,
    ) -> None:
        self.resolution_lag_s = resolution_lag_s
        self.kinds = None if kinds is None else tuple(kinds)
        dated = sorted(
            ((t.created, self._resolution_time(t), t.id) for t in knowledge if t.created),
            key=lambda row: row[0] or 0.0,
        )
        self._created = [row[0] or 0.0 for row in dated]
        self._ready = [row[1] for row in dated]
        self._ids = [row[2] for row in dated]
        delays = (r - c for c, r in zip(self._created, self._ready, strict=True))
        self._max_delay = max(delays, default=0.0)
        self._threads: dict[str, set[str]] = {}
        for t in knowledge:
            if t.thread_id:
                self._threads.setdefault(t.thread_id, set()).add(t.id)

    def _resolution_time(self, ticket: ReplayTicket) -> float:
        created = ticket.created or 0.0
        if ticket.resolved_at is not None:
            return max(created, epoch(ticket.resolved_at))
        return created + self.resolution_lag_s

    def filters_for(self, ticket: ReplayTicket) -> SearchFilters:
        """Filters under which ``ticket`` sees only what existed when it was created."""
        hidden = {ticket.id}
        if ticket.thread_id:
            hidden |= self._threads.get(ticket.thread_id, set())
        created = ticket.created
        if created is None:
            return SearchFilters(kinds=self.kinds, exclude_doc_ids=frozenset(hidden))
        if self.kinds is None or "ticket" in self.kinds:
            hidden |= self.unresolved_at(created)
        return SearchFilters(
            kinds=self.kinds, available_before=created, exclude_doc_ids=frozenset(hidden)
        )

    def unresolved_at(self, moment: float) -> set[str]:
        """Knowledge tickets created before ``moment`` whose resolution came at or after it."""
        lo = bisect.bisect_left(self._created, moment - self._max_delay)
        hi = bisect.bisect_left(self._created, moment)
        return {self._ids[i] for i in range(lo, hi) if self._ready[i] >= moment}
