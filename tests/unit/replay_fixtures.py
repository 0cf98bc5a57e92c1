"""Small dated datasets for replay tests (fakes only): articles, tickets, one late article."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from copilot.cli.commands import ingest_path
from copilot.services import Components
from eval.observation import Observation
from eval.scoring import Verdict

TOPICS = {
    "invoice": "create an invoice open invoices click new invoice add customer lines save send",
    "password": "reset password forgot login email link click reset password page new password",
    "export": "export datev csv bookkeeping export menu choose period download datev file",
    "webhook": "webhook events retry duplicate event id store processed events skip duplicates",
}
GAP = "dark mode theme night colours app setting display appearance"


def articles() -> list[dict[str, Any]]:
    """One article per topic; the webhook article is published mid-year (late)."""
    out = []
    for i, (topic, text) in enumerate(TOPICS.items(), start=1):
        created = "2026-06-01T00:00:00Z" if topic == "webhook" else "2024-01-01T00:00:00Z"
        out.append(
            {
                "id": f"kb-{i}",
                "title": f"How to {topic}",
                "body": f"# {topic}\n\n{text.capitalize()}. Follow these steps for {topic}.",
                "created_at": created,
                "updated_at": created,
                "lang": "en",
            }
        )
    return out


def tickets(per_topic: int = 6) -> list[dict[str, Any]]:
    """Tickets over a year: topic questions with resolutions that match the article, plus gaps."""
    rows = []
    topics = [*TOPICS, "gap"]
    for n in range(per_topic):
        for j, topic in enumerate(topics):
            text = GAP if topic == "gap" else TOPICS[topic]
            month = 1 + (n * len(topics) + j) % 12
            words = text.split()
            rows.append(
                {
                    "id": f"T-{n}{j}",
                    "subject": f"Question about {topic}",
                    "body": f"How do I {' '.join(words[:6])}? thanks",
                    "resolution": _resolution(topic, words, n),
                    "created_at": f"2026-{month:02d}-{10 + n:02d}T10:00:00Z",
                    "tags": [topic],
                    "lang": "en",
                    "gold_article_ids": [] if topic == "gap" else [f"kb-{j + 1}"],
                    "in_scope": topic != "gap",
                }
            )
    return rows


def _resolution(topic: str, words: list[str], n: int) -> str:
    if topic == "export" and n % 2:
        # The human answered something no article says: the draft will disagree.
        return f"Your accountant has to unlock the interface first; ask them (case {n})."
    return f"{' '.join(words).capitalize()}. Answer number {n} {topic}."


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    """Write ``rows`` as JSONL and return the path."""
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def ingested(copilot: Components, folder: Path, *, with_tickets: bool = True) -> Path:
    """Write and ingest the dataset into ``copilot``; returns the tickets file."""
    folder.mkdir(parents=True, exist_ok=True)
    arts = write_jsonl(folder / "articles.jsonl", articles())
    tix = write_jsonl(folder / "tickets.jsonl", tickets())
    ingest_path(copilot, arts, kind="article", fmt="jsonl", sync=False, show_progress=False)
    if with_tickets:
        ingest_path(copilot, tix, kind="ticket", fmt="jsonl", sync=False, show_progress=False)
    return tix


def observation(**fields: Any) -> Observation:
    """An observation with harmless defaults; ``fields`` override them."""
    base: dict[str, Any] = {
        "id": "t",
        "raw_confidence": 0.5,
        "escalate": False,
        "reasons": [],
        "retrieved_doc_ids": [],
        "retrieved_kinds": [],
        "retrieved_titles": [],
        "draft": "",
        "answer": "an answer",
        "agreement": None,
        "agreed": None,
        "judge": "test",
        "judge_signals": {},
        "support_score": None,
        "support_doc_id": None,
        "supported": None,
        "created_at": None,
        "lang": "en",
    }
    base.update(fields)
    return Observation(**base)


def verdict(failure_reason: str | None = None, **fields: Any) -> Verdict:
    """A scored verdict around ``observation(**fields)``."""
    return Verdict(
        obs=observation(**fields),
        confidence=fields.get("raw_confidence", 0.5),
        would_deflect=failure_reason is None,
        failure_reason=failure_reason,
        blocked=False,
    )
