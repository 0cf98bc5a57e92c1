"""Scoring: calibrated confidence, the deflection decision and its threshold."""

from __future__ import annotations

import pytest

from eval.scoring import expected_threshold, outcome, score_replay
from tests.unit.replay_fixtures import observation


def test_expected_threshold_deflects_as_many_tickets_as_calibration_expects() -> None:
    """If this fails, the counted deflection rate drifts away from the calibrated estimate."""
    conf = [0.9, 0.8, 0.3, 0.2, 0.95]
    blocked = [False, False, False, False, True]
    threshold = expected_threshold(conf, blocked)
    assert threshold == 0.8
    assert sum(c >= threshold and not b for c, b in zip(conf, blocked, strict=True)) == 2


def test_expected_threshold_deflects_nothing_when_nothing_is_expected() -> None:
    """If this fails, a replay where nothing is answerable still reports deflections."""
    conf = [0.1, 0.2, 0.1]
    threshold = expected_threshold(conf, [False] * 3)
    assert all(c < threshold for c in conf)


def test_blocked_drafts_never_deflect_even_when_confident() -> None:
    """If this fails, refunds and other account actions count as deflected."""
    obs = [
        observation(id="a", raw_confidence=0.95, reasons=["needs_account_action"]),
        observation(id="b", raw_confidence=0.95),
    ]
    scored = score_replay(obs, threshold=0.5, target_precision=0.9, calibrate=False)
    assert [v.would_deflect for v in scored.verdicts] == [False, True]


@pytest.mark.parametrize(
    ("fields", "target", "expected"),
    [
        ({"resolution": "Click export.", "agreed": True, "supported": True}, "support", True),
        (
            {"resolution": "I have refunded you.", "agreed": True, "supported": True},
            "support",
            False,
        ),
        ({"resolution": "Click export.", "agreed": False, "supported": True}, "agreement", False),
        ({"resolution": None, "agreed": None, "supported": None}, "support", None),
    ],
)
def test_calibration_outcome_follows_the_target(
    fields: dict[str, object], target: str, expected: bool | None
) -> None:
    """If this fails, confidence is calibrated to the wrong event."""
    assert outcome(observation(**fields), target) is expected  # type: ignore[arg-type]


def test_fixed_threshold_decides_on_calibrated_confidence() -> None:
    """If this fails, --threshold no longer means what the report says."""
    obs = [observation(id=str(i), raw_confidence=i / 10) for i in range(10)]
    scored = score_replay(obs, threshold=0.45, target_precision=0.9, calibrate=False)
    assert [v.would_deflect for v in scored.verdicts] == [i / 10 >= 0.45 for i in range(10)]
    assert scored.threshold_mode == "fixed"


def test_support_thresholds_apply_at_scoring_without_new_observations() -> None:
    """If this fails, changing replay.support_threshold needs a full re-run to take effect."""
    obs = observation(
        resolution="Click export.",
        agreed=False,
        supported=False,
        support_score=0.57,
        support_doc_id="kb-1",
        retrieved_doc_ids=["kb-1"],
        support_method="cosine",
    )
    assert outcome(obs, "support") is False
    assert outcome(obs, "support", {"cosine": 0.55, "term_recall": 0.3}) is True
    scored = score_replay(
        [obs], threshold=1.0, target_precision=0.9, support_thresholds={"cosine": 0.55}
    )
    assert not scored.verdicts[0].would_deflect
    assert scored.verdicts[0].failure_reason == "drafting_error"
