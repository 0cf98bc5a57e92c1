"""Article-level retrieval metrics over a dataset of articles and tickets with gold ids."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from copilot.domain import Document
from copilot.retrieval import Mode, Retriever
from eval.asof import load_replay_tickets
from eval.metrics import ndcg_at, recall_at, reciprocal_rank
from ingest.errors import ItemError


@dataclass(frozen=True)
class RetrievalScores:
    """Mean metrics of one mode."""

    recall_1: float
    recall_5: float
    recall_10: float
    mrr: float
    ndcg_10: float

    def as_json(self) -> dict[str, float]:
        """The ``eval retrieval --json`` per-mode shape."""
        return {
            "recall@1": round(self.recall_1, 4),
            "recall@5": round(self.recall_5, 4),
            "recall@10": round(self.recall_10, 4),
            "mrr": round(self.mrr, 4),
            "ndcg@10": round(self.ndcg_10, 4),
        }


def gold_tickets(tickets: Sequence[Document]) -> list[tuple[Document, set[str]]]:
    """Tickets that carry ``gold_article_ids``, with their gold set."""
    out = []
    for t in tickets:
        gold = t.extra.get("gold_article_ids")
        if isinstance(gold, list) and gold:
            out.append((t, {str(g) for g in gold}))
    return out


def evaluate_mode(
    retriever: Retriever,
    labelled: Sequence[tuple[Document, set[str]]],
    *,
    mode: Mode,
    progress: Callable[[int, int | None], None] | None = None,
) -> RetrievalScores:
    """Rank articles for every labelled ticket and average the metrics."""
    rows: list[tuple[float, float, float, float, float]] = []
    for i, (ticket, gold) in enumerate(labelled, start=1):
        query = ticket.body if ticket.title == ticket.body else f"{ticket.title}\n{ticket.body}"
        ranked = [g.doc_id for g in retriever.search_documents(query, k=10, mode=mode)]
        rows.append(
            (
                recall_at(ranked, gold, 1),
                recall_at(ranked, gold, 5),
                recall_at(ranked, gold, 10),
                reciprocal_rank(ranked, gold),
                ndcg_at(ranked, gold, 10),
            )
        )
        if progress:
            progress(i, len(labelled))
    means = [statistics.fmean(col) if rows else 0.0 for col in zip(*rows, strict=False)] or [
        0.0
    ] * 5
    return RetrievalScores(*means)


def load_ticket_documents(path: Path) -> tuple[list[Document], list[ItemError]]:
    """Ticket documents in replay order (undated last) and the items that could not be read."""
    tickets, errors = load_replay_tickets(path)
    return [t.doc for t in tickets], errors
