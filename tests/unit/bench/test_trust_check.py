"""The trust check's ceiling: what a perfect confidence ranking could deflect at most."""

from __future__ import annotations

from typing import Any

from bench.trust_check import trust_numbers

TICKETS = [
    {"id": "d1", "lang": "de", "gold_article_ids": ["kb-1"], "created_at": "2025-01-02T00:00:00Z"},
    {"id": "d2", "lang": "de", "gold_article_ids": ["kb-1"], "created_at": "2025-01-02T00:00:00Z"},
    {"id": "e1", "lang": "en", "gold_article_ids": ["kb-2"], "created_at": "2025-01-02T00:00:00Z"},
    {"id": "e2", "lang": "en", "gold_article_ids": [], "created_at": "2025-01-02T00:00:00Z"},
]


def _verdict(tid: str, *, cited: list[str], correct: bool, deflect: bool) -> dict[str, Any]:
    return {
        "id": tid,
        "cited_doc_ids": cited,
        "correct": correct,
        "agreed": correct,
        "would_deflect": deflect,
        "confidence": 0.9 if deflect else 0.1,
    }


def test_the_ceiling_counts_gold_citations_the_judge_accepts_per_language() -> None:
    """If this fails, the reported ceiling counts drafts the threshold could never certify
    (judged wrong) or tickets without a gold article."""
    verdicts = [
        _verdict("d1", cited=["kb-1"], correct=True, deflect=True),
        _verdict("d2", cited=["kb-1"], correct=False, deflect=False),  # judged wrong
        _verdict("e1", cited=["kb-2"], correct=True, deflect=False),
        _verdict("e2", cited=["kb-2"], correct=True, deflect=True),  # not answerable
    ]
    numbers = trust_numbers(verdicts, TICKETS, published={"kb-1": 0.0, "kb-2": 0.0})
    assert numbers["answerable"] == 3
    assert numbers["ceiling"] == round(2 / 3, 4)
    assert numbers["by_language"]["de"] == {
        "answerable": 2,
        "answerable_deflected": 0.5,
        "cites_gold": 1.0,
        "ceiling": 0.5,
    }
    assert numbers["by_language"]["en"]["ceiling"] == 1.0
