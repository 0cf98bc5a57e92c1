"""The risk-controlled threshold: the error among deflected tickets respects the target."""

from __future__ import annotations

import random

import pytest

from eval.risk import clopper_pearson_upper, min_judged, risk_controlled_threshold

TARGET = 0.10


def _draws(n: int, rng: random.Random) -> tuple[list[float], list[bool]]:
    """Scores in [0, 1]: two thirds answerable tickets (high scores, mostly right), a third
    not (low scores, mostly wrong); the probability of a right answer rises with the score."""
    conf, right = [], []
    for _ in range(n):
        answerable = rng.random() < 2 / 3
        score = rng.betavariate(5, 1.5) if answerable else rng.betavariate(1.5, 4)
        conf.append(score)
        right.append(rng.random() < score**0.3)
    return conf, right


def _error_among_deflected(conf: list[float], right: list[bool], threshold: float) -> float:
    chosen = [r for c, r in zip(conf, right, strict=True) if c >= threshold]
    return sum(not r for r in chosen) / len(chosen) if chosen else 0.0


def test_the_chosen_threshold_keeps_held_out_error_within_the_target() -> None:
    """If this fails, ops' "at most 10% wrong among deflected" does not hold on new tickets."""
    rng = random.Random(12)
    met = 0
    deflected = []
    for _ in range(40):
        history = _draws(600, rng)
        fresh = _draws(4000, rng)
        risk = risk_controlled_threshold(*history, target_error=TARGET)
        assert risk.found
        met += _error_among_deflected(*fresh, risk.threshold) <= TARGET
        deflected.append(sum(c >= risk.threshold for c in fresh[0]) / 4000)
    assert met >= 36  # the guarantee holds with 95% probability per history
    assert min(deflected) > 0.1  # and it still deflects something


def test_the_guarantee_is_stated_with_its_assumption() -> None:
    """If this fails, the report claims a threshold's error without saying when it holds."""
    risk = risk_controlled_threshold(*_draws(600, random.Random(3)), target_error=TARGET)
    text = risk.guarantee()
    assert "at most 10%" in text
    assert "exchangeable" in text
    assert risk.upper_bound is not None
    assert risk.upper_bound <= TARGET


def test_without_evidence_for_the_target_nothing_is_deflected() -> None:
    """If this fails, a drafter that is wrong half the time still gets a threshold."""
    conf = [i / 100 for i in range(100)]
    right = [i % 2 == 0 for i in range(100)]
    risk = risk_controlled_threshold(conf, right, target_error=TARGET)
    assert not risk.found
    assert risk.threshold > max(conf)
    assert "nothing is deflected" in risk.guarantee()


def test_unjudged_and_ineligible_tickets_do_not_count() -> None:
    """If this fails, tickets without a resolution or blocked drafts bend the bound."""
    conf = [0.9] * 40 + [0.95] * 10
    right: list[bool | None] = [True] * 40 + [None] * 10
    risk = risk_controlled_threshold(conf, right, target_error=TARGET, eligible=[True] * 50)
    assert risk.deflected_judged == 40
    assert risk.errors == 0
    blocked = risk_controlled_threshold(conf, right, target_error=TARGET, eligible=[False] * 50)
    assert not blocked.found


@pytest.mark.parametrize(("errors", "n"), [(0, 29), (2, 60), (10, 200)])
def test_clopper_pearson_bound_lies_above_the_observed_rate(errors: int, n: int) -> None:
    """If this fails, the one-sided bound is not an upper bound."""
    assert errors / n < clopper_pearson_upper(errors, n) < 1.0


def test_the_first_test_needs_enough_tickets_to_pass() -> None:
    """If this fails, the fixed sequence starts where even zero errors cannot pass."""
    n = min_judged(TARGET)
    assert clopper_pearson_upper(0, n) <= TARGET < clopper_pearson_upper(0, n - 1)


def _ranked(errors_at: set[int], n: int) -> tuple[list[float], list[bool]]:
    """``n`` judged drafts, most confident first, wrong at the ranks in ``errors_at`` (1-based)."""
    return [1.0 - i / (2 * n) for i in range(n)], [i + 1 not in errors_at for i in range(n)]


def test_a_short_history_says_what_a_longer_one_would_certify() -> None:
    """If this fails, a replay that certifies nothing only says "nothing", although its drafts
    err 5% of the time and a longer history at that rate would deflect them."""
    conf, right = _ranked({8, 30, 45}, 70)  # 3 errors in 70: too few tickets for 10% at 95%
    risk = risk_controlled_threshold(conf, right, target_error=TARGET)
    assert not risk.found
    shares = [p.deflect_share for p in risk.projection]
    assert shares
    assert shares == sorted(set(shares))  # each longer history deflects more
    for p in risk.projection:
        assert p.history in (2, 5, 10)
        assert p.errors / p.deflected_judged < TARGET  # only what today's rates support
        assert p.deflect_share == sum(c >= p.threshold for c in conf) / len(conf)
    assert "not a guarantee" in risk.guarantee()
    assert (
        risk.as_json()["projection"][-1]["deflected_judged"] == risk.projection[-1].deflected_judged
    )


def test_drafts_too_often_wrong_are_not_promised_anything_by_more_history() -> None:
    """If this fails, a drafter wrong a third of the time is told to just replay more tickets."""
    conf, right = _ranked(set(range(3, 200, 3)), 200)
    risk = risk_controlled_threshold(conf, right, target_error=TARGET)
    assert not risk.found
    assert risk.projection == ()
    assert "would not change that" in risk.guarantee()


def test_a_found_threshold_projects_only_further_deflection() -> None:
    """If this fails, the projection repeats what the threshold already deflects."""
    risk = risk_controlled_threshold(*_draws(600, random.Random(3)), target_error=TARGET)
    assert risk.found
    assert risk.projection
    assert all(p.threshold < risk.threshold for p in risk.projection)
    assert all(p.deflected_judged > risk.deflected_judged for p in risk.projection)
