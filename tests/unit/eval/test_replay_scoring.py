"""Scoring: calibrated confidence, the deflection decision and its threshold."""

from __future__ import annotations

import pytest

from eval.observation import Observation
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


def _featured_observations(n: int = 120) -> list[Observation]:
    """Observations whose draft is right exactly when its passage covers the question."""
    out = []
    for i in range(n):
        good = i % 3 != 0
        cover = 0.9 if good else 0.2
        out.append(
            observation(
                id=f"f{i}",
                resolution="Click export.",
                agreed=good,
                supported=good,
                support_score=0.8 if good else 0.1,
                support_doc_id="kb-1",
                cited_doc_ids=["kb-1"] if good else ["kb-2"],
                features={"similarity": cover, "idf_coverage": cover, "unseen": 1 - cover},
            )
        )
    # A draft that found nothing usable carries no features (and is blocked).
    out.append(observation(id="none", reasons=["no_relevant_knowledge"], features={}))
    return out


def test_confidence_is_a_cross_fitted_model_of_the_evidence() -> None:
    """If this fails, confidence ignores the evidence features and falls back to the raw score."""
    scored = score_replay(
        _featured_observations(), threshold=None, target_precision=0.9, target_error=0.1
    )
    assert scored.calibration is not None
    assert scored.calibration.as_json()["kind"] == "logistic"
    right = [v.confidence for v in scored.verdicts if v.correct]
    wrong = [v.confidence for v in scored.verdicts if v.correct is False]
    assert min(right) > max(wrong)


def test_deflected_tickets_never_carry_a_failure_reason() -> None:
    """If this fails, a deflected ticket is reported as failed (the contract says null)."""
    scored = score_replay(
        _featured_observations(), threshold=0.0, target_precision=0.9, calibrate=False
    )
    deflected = [v for v in scored.verdicts if v.would_deflect]
    assert deflected
    assert all(v.failure_reason is None for v in deflected)
    assert any(v.deflected_failure for v in deflected)  # wrong ones are counted apart
    assert scored.deflected_outcomes()["disagreed"] == sum(v.correct is False for v in deflected)


def test_the_target_error_picks_a_threshold_that_deflects_only_right_drafts() -> None:
    """If this fails, replay.target_error does not choose the threshold with its guarantee."""
    scored = score_replay(
        _featured_observations(), threshold=None, target_precision=0.9, target_error=0.1
    )
    assert scored.threshold_mode == "target"
    assert scored.risk is not None
    assert scored.risk.found
    assert all(v.correct for v in scored.verdicts if v.would_deflect)
    headline = scored.answered_correctly()
    assert headline["rate"] == pytest.approx(80 / 121, abs=1e-3)
    assert headline["target_error"] == 0.1
