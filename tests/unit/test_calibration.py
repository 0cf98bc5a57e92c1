"""Calibration: Platt fit, cross-fitting, reliability table, and the drafter's loader."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from copilot.calibration import (
    CALIBRATION_FILE,
    IsotonicCalibrator,
    PlattCalibrator,
    load_calibrator,
)
from copilot.services import Copilot
from copilot.settings import Settings
from eval.calibration import (
    cross_fit,
    expected_calibration_error,
    fit_platt,
    reliability_table,
)


def _sample(n: int, seed: int = 3) -> tuple[list[float], list[bool]]:
    """Raw scores whose true agreement probability is the score itself."""
    rng = random.Random(seed)
    raw = [rng.random() for _ in range(n)]
    return raw, [rng.random() < r for r in raw]


def test_platt_fit_is_monotone_and_tracks_the_true_probability() -> None:
    """If this fails, calibrated confidence no longer means a probability of agreeing."""
    raw, labels = _sample(2000)
    fit = fit_platt(raw, labels)
    assert fit is not None
    values = [fit(x / 10) for x in range(11)]
    assert values == sorted(values)
    assert fit(0.5) == pytest.approx(0.5, abs=0.06)
    assert fit(0.9) > 0.75


def test_fit_refuses_too_few_or_one_class_labels() -> None:
    """If this fails, a tiny or one-sided replay writes a degenerate calibration."""
    assert fit_platt([0.1, 0.2], [True, False]) is None
    assert fit_platt([0.5] * 50, [True] * 50) is None


def test_cross_fit_never_uses_a_tickets_own_label() -> None:
    """If this fails, a ticket's own outcome leaks into its confidence (optimistic estimate)."""
    raw, labels = _sample(200)
    before, _ = cross_fit(raw, list(labels))
    flipped = list(labels)
    flipped[7] = not flipped[7]
    after, _ = cross_fit(raw, flipped)
    assert after[7] == before[7]
    assert after != before  # other folds did see the change


def test_tickets_without_resolution_are_calibrated_by_the_full_fit() -> None:
    """If this fails, unlabelled tickets keep raw scores on a different scale."""
    raw, labels = _sample(100)
    values, fit = cross_fit([*raw, 0.8], [*labels, None])
    assert fit is not None
    assert values[-1] == pytest.approx(fit(0.8))


def test_reliability_table_bins_confidence_and_measures_agreement() -> None:
    """If this fails, the calibration chart and ECE in the report are wrong."""
    rows = reliability_table([0.05, 0.15, 0.95, 0.92], [False, False, True, False], bins=10)
    assert [(r.low, r.n) for r in rows] == [(0.0, 1), (0.1, 1), (0.9, 2)]
    assert rows[-1].agreement_rate == 0.5
    assert expected_calibration_error(rows) == pytest.approx((0.05 + 0.15 + 2 * 0.435) / 4)


def test_loader_reads_platt_and_isotonic_files(tmp_path: Path) -> None:
    """If this fails, the drafter cannot use the calibration a replay saved."""
    platt = tmp_path / "p.json"
    platt.write_text(json.dumps({"kind": "platt", "a": 4.0, "b": -2.0}))
    loaded = load_calibrator(platt)
    assert isinstance(loaded, PlattCalibrator)
    assert loaded(0.5) == pytest.approx(0.5)
    iso = tmp_path / "i.json"
    iso.write_text(json.dumps({"kind": "isotonic", "x": [0.0, 1.0], "y": [0.1, 0.9]}))
    loaded_iso = load_calibrator(iso)
    assert isinstance(loaded_iso, IsotonicCalibrator)
    assert loaded_iso(0.5) == pytest.approx(0.5)


def test_broken_or_missing_calibration_falls_back_to_raw_scores(tmp_path: Path) -> None:
    """If this fails, a damaged calibration file breaks drafting instead of being ignored."""
    assert load_calibrator(tmp_path / "none.json") is None
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "spline"}')
    assert load_calibrator(bad) is None


def test_drafter_applies_the_saved_calibration(fake_settings: Settings) -> None:
    """If this fails, `copilot draft` and the API ignore the calibration replay fitted."""
    fake_settings.data_dir.mkdir(parents=True, exist_ok=True)
    fit = fit_platt(*_sample(300))
    assert fit is not None
    fit.save(fake_settings.data_dir / CALIBRATION_FILE)
    drafter = Copilot(fake_settings).drafter
    calibrate = getattr(drafter, "calibrate", None)
    assert calibrate is not None
    assert calibrate(0.3) == pytest.approx(fit(0.3))
