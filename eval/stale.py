"""Stale or contradicting articles: recent human resolutions disagree with the top article.

For every article that was the top retrieved document of judged tickets, compare how often the
draft (built from it) disagreed with the human resolution among *recent* tickets and among
earlier ones. An article is flagged when most recent tickets disagree, and more than before:
the product or policy probably changed and the article did not. Numbers that differ between
the draft and the resolution ("14 days" against "30 days") are counted as contradictions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from copilot.confidence import conflicting_facts
from copilot.domain import parse_timestamp
from eval.scoring import Verdict


@dataclass(frozen=True)
class StaleArticle:
    """An article recent resolutions disagree with."""

    doc_id: str
    title: str
    recent: int
    recent_disagree: int
    earlier: int
    earlier_disagree: int
    contradictions: int
    examples: list[str]

    def as_json(self) -> dict[str, Any]:
        """Plain JSON data with the two disagreement rates."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "recent_tickets": self.recent,
            "recent_disagreement": round(self.recent_disagree / self.recent, 4),
            "earlier_tickets": self.earlier,
            "earlier_disagreement": round(self.earlier_disagree / self.earlier, 4)
            if self.earlier
            else None,
            "contradictions": self.contradictions,
            "example_ticket_ids": self.examples,
        }


def find_stale_articles(
    verdicts: Sequence[Verdict],
    *,
    recent_days: float = 90.0,
    min_recent: int = 3,
    min_disagreement: float = 0.5,
    min_increase: float = 0.25,
) -> list[StaleArticle]:
    """Articles whose recent judged tickets mostly disagree, worst first."""
    newest = max((d for v in verdicts if (d := _when(v))), default=None)
    cutoff = newest - timedelta(days=recent_days) if newest else None
    groups: dict[str, list[tuple[Verdict, bool]]] = defaultdict(list)
    for v in verdicts:
        top = _top_article(v)
        if top is None or v.obs.agreed is None or v.failure_reason == "needs_action":
            continue
        when = _when(v)
        recent = cutoff is None or when is None or when >= cutoff
        groups[top].append((v, recent))
    flagged = [s for doc, rows in groups.items() if (s := _assess(doc, rows, min_recent))]
    flagged = [
        s
        for s in flagged
        if s.recent_disagree / s.recent >= min_disagreement
        and (
            not s.earlier
            or s.recent_disagree / s.recent - s.earlier_disagree / s.earlier >= min_increase
        )
    ]
    return sorted(flagged, key=lambda s: (-s.recent_disagree, -s.contradictions, s.doc_id))


def _assess(doc_id: str, rows: list[tuple[Verdict, bool]], min_recent: int) -> StaleArticle | None:
    recent = [v for v, is_recent in rows if is_recent]
    earlier = [v for v, is_recent in rows if not is_recent]
    if len(recent) < min_recent:
        return None
    disagreeing = [v for v in recent if v.obs.agreed is False]
    title = next((t for v in rows for t in _titles(v[0], doc_id)), doc_id)
    return StaleArticle(
        doc_id=doc_id,
        title=title,
        recent=len(recent),
        recent_disagree=len(disagreeing),
        earlier=len(earlier),
        earlier_disagree=sum(v.obs.agreed is False for v in earlier),
        contradictions=sum(
            conflicting_facts([("draft", v.obs.answer), ("human", v.obs.resolution or "")])
            for v in recent
        ),
        examples=[v.id for v in disagreeing[:5]],
    )


def _top_article(v: Verdict) -> str | None:
    for doc_id, kind in zip(v.obs.retrieved_doc_ids, v.obs.retrieved_kinds, strict=False):
        return doc_id if kind != "ticket" else None
    return None


def _titles(v: Verdict, doc_id: str) -> list[str]:
    return [
        t
        for d, t in zip(v.obs.retrieved_doc_ids, v.obs.retrieved_titles, strict=False)
        if d == doc_id and t
    ]


def _when(v: Verdict) -> datetime | None:
    return parse_timestamp(v.obs.created_at) if v.obs.created_at else None
