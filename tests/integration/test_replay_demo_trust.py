"""The whole demo replay against its ground truth: does deflection hold up? (issue 12)

Replays all 300 demo tickets with the real model and embedded Chroma (several minutes) and
computes from ``copilot/demo/data/ground_truth.json``: the share of knowledge-gap tickets and
of account-action tickets that would deflect, the share of deflected tickets that are
answerable and cite a gold article, and the share of answerable tickets deflected that way.
``python -m bench.trust_check DATA_DIR/replays/demo`` prints the same numbers for any run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.trust_check import check_folder

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def demo(demo_run: Path) -> dict[str, Any]:
    """The `copilot demo` replay (tests/integration/conftest.py) and its trust numbers."""
    summary = json.loads((demo_run / "report.json").read_text())
    return {"out": demo_run, "summary": summary, "numbers": check_folder(demo_run)}


def test_knowledge_gap_tickets_are_rarely_deflected(demo: dict[str, Any]) -> None:
    """If this fails, questions nothing in the knowledge answers get an article anyway."""
    assert demo["numbers"]["gap_deflected"] <= 0.10


def test_account_action_tickets_are_rarely_deflected(demo: dict[str, Any]) -> None:
    """If this fails, refunds and cancellations get an article instead of a person."""
    assert demo["numbers"]["action_deflected"] <= 0.10


def test_deflected_tickets_are_answered_from_their_gold_article(demo: dict[str, Any]) -> None:
    """If this fails, what the replay deflects is often not what the knowledge answers."""
    assert demo["numbers"]["deflected"] > 0
    assert demo["numbers"]["deflected_correct"] >= 0.85


def test_answerable_tickets_are_deflected_with_their_gold_article(
    demo: dict[str, Any],
) -> None:
    """If this fails, the copilot keeps back more of the tickets its knowledge answers.

    The goal is 0.60; it is not reached: the drafter cites a gold article for 114 of the 215
    answerable tickets (at most 0.53 among those it may deflect), and even without any
    guarantee the most confident 100 drafts hold 10 wrong ones (at most 0.42 at a 10% error).
    With the title_match and dense_read features the risk-controlled threshold deflects 83
    tickets, 82 answerable with a gold citation (0.38; before them 52, 0.24), measured with
    torch MiniLM. The default int8 copy of MiniLM (cosines within 0.01, top-1 article the same
    for 91% of tickets) gives 0.29 on the merged tree. This floor guards what is reached.
    """
    assert demo["numbers"]["answerable_deflected"] >= 0.25


def test_every_deflected_ticket_has_no_failure_reason_and_lists_its_citations(
    demo: dict[str, Any],
) -> None:
    """If this fails, tickets.jsonl breaks the contract ARCHITECTURE.md gives tools."""
    out: Path = demo["out"]
    lines = [json.loads(x) for x in (out / "tickets.jsonl").read_text().splitlines()]
    assert all(line["failure_reason"] is None for line in lines if line["would_deflect"])
    assert all(isinstance(line["cited_doc_ids"], list) for line in lines)
    headline = demo["summary"]["answered_correctly"]
    assert headline["ci_low"] <= headline["rate"] <= headline["ci_high"]
    assert headline["target_error"] == 0.10
