"""Deflection metrics: rates with intervals, the threshold sweep, the target-precision pick."""

from __future__ import annotations

import pytest

from eval.metrics import Rate, threshold_for_precision, threshold_sweep, wilson_interval


@pytest.mark.parametrize(
    ("hits", "n", "low", "high"),
    [(0, 10, 0.0, 0.2775), (5, 10, 0.2366, 0.7634), (10, 10, 0.7225, 1.0), (0, 0, 0.0, 1.0)],
)
def test_wilson_interval_matches_reference_values(
    hits: int, n: int, low: float, high: float
) -> None:
    """If this fails, every reported confidence interval is wrong."""
    got = wilson_interval(hits, n)
    assert got == pytest.approx((low, high), abs=1e-4)


def test_rate_lies_inside_its_interval() -> None:
    """If this fails, report.json can show a rate outside [ci_low, ci_high]."""
    for hits in range(0, 31, 3):
        row = Rate(hits, 30).as_json()
        assert row["ci_low"] <= row["rate"] <= row["ci_high"]


def test_sweep_coverage_falls_as_the_threshold_rises() -> None:
    """If this fails, the sweep curve in the report is nonsense."""
    conf = [0.1, 0.3, 0.5, 0.7, 0.9]
    points = threshold_sweep(conf, [False, False, True, True, None], steps=10)
    coverage = [p.coverage for p in points]
    assert coverage == sorted(coverage, reverse=True)
    assert points[0].coverage == 1.0
    at_half = next(p for p in points if p.threshold == 0.5)
    assert (at_half.deflected, at_half.judged, at_half.agreed) == (3, 2, 2)


def test_blocked_tickets_never_count_as_deflected_in_the_sweep() -> None:
    """If this fails, account-action tickets inflate coverage at every threshold."""
    points = threshold_sweep([0.9, 0.9], [True, True], eligible=[True, False], steps=2)
    assert all(p.deflected <= 1 for p in points)


def test_target_precision_picks_the_lowest_threshold_that_reaches_it() -> None:
    """If this fails, the recommended threshold gives away coverage or misses the target."""
    conf = [i / 20 for i in range(20)]
    agreed: list[bool | None] = [c >= 0.5 for c in conf]
    point = threshold_for_precision(threshold_sweep(conf, agreed, steps=20), 0.9, min_judged=3)
    assert point is not None
    assert point.threshold == pytest.approx(0.45)
    assert point.precision is not None
    assert point.precision >= 0.9


def test_no_threshold_is_recommended_when_the_target_is_unreachable() -> None:
    """If this fails, the report recommends a threshold that cannot reach the target."""
    points = threshold_sweep([0.2, 0.8], [False, False], steps=10)
    assert threshold_for_precision(points, 0.9, min_judged=1) is None
