"""Calibration: Platt and logistic fits, cross-fitting, reliability, loader, show/apply/reset."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from copilot.calibration import (
    CALIBRATION_FILE,
    PENDING_FILE,
    IsotonicCalibrator,
    LogisticCalibrator,
    PlattCalibrator,
    apply_calibration,
    calibration_status,
    load_calibrator,
    reset_calibration,
)
from copilot.cli import cli
from copilot.cli.render import render_draft
from copilot.confidence import UNCALIBRATED_WORDS
from copilot.domain import Ticket
from copilot.errors import InputError
from copilot.services import Components
from copilot.settings import Settings
from eval.calibration import (
    cross_fit,
    cross_fit_logistic,
    expected_calibration_error,
    fit_logistic,
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
    drafter = Components(fake_settings).drafter
    calibrate = getattr(drafter, "calibrate", None)
    assert calibrate is not None
    assert calibrate(0.3) == pytest.approx(fit(0.3))


def _featured(n: int, seed: int = 5) -> tuple[list[dict[str, float]], list[bool]]:
    """Features where similarity helps, unseen terms hurt and margin is noise."""
    rng = random.Random(seed)
    rows, labels = [], []
    for _ in range(n):
        row = {"similarity": rng.random(), "unseen": rng.random(), "margin": rng.random()}
        z = 4 * row["similarity"] - 4 * row["unseen"]
        rows.append(row)
        labels.append(rng.random() < 1 / (1 + math.exp(-z)))
    return rows, labels


def test_logistic_fit_learns_which_evidence_predicts_a_correct_draft() -> None:
    """If this fails, the confidence model cannot tell helpful evidence from harmful."""
    rows, labels = _featured(1500)
    fit = fit_logistic(rows, labels, names=("similarity", "unseen", "margin"))
    assert fit is not None
    assert fit.weights["similarity"] > 2
    assert fit.weights["unseen"] < -2
    assert abs(fit.weights["margin"]) < 1
    assert fit.predict({"similarity": 1.0, "unseen": 0.0}) > 0.9


def test_logistic_cross_fit_never_uses_a_tickets_own_label() -> None:
    """If this fails, a ticket's own outcome leaks into its confidence in the replay."""
    rows, labels = _featured(200)
    before, _ = cross_fit_logistic(rows, list(labels))
    flipped: list[bool | None] = list(labels)
    flipped[11] = not flipped[11]
    after, _ = cross_fit_logistic(rows, flipped)
    assert before is not None
    assert after is not None
    assert after[11] == before[11]
    assert after != before


def test_the_logistic_file_round_trips_into_the_drafter(tmp_path: Path) -> None:
    """If this fails, an applied calibration is not what the replay fitted."""
    rows, labels = _featured(300)
    fit = fit_logistic(rows, labels, names=("similarity", "unseen", "margin"))
    assert fit is not None
    fit.save(tmp_path / CALIBRATION_FILE)
    loaded = load_calibrator(tmp_path / CALIBRATION_FILE)
    assert isinstance(loaded, LogisticCalibrator)
    assert loaded.predict(rows[0]) == pytest.approx(fit.predict(rows[0]), abs=1e-4)


def test_show_apply_and_reset_a_fitted_calibration(tmp_path: Path) -> None:
    """If this fails, ops cannot review, apply or undo what a replay fitted."""
    rows, labels = _featured(300)
    fit = fit_logistic(rows, labels)
    assert fit is not None
    with pytest.raises(InputError, match="copilot replay"):
        apply_calibration(tmp_path)
    fit.save(tmp_path / PENDING_FILE)
    status = calibration_status(tmp_path)
    assert status["applied"] is None
    assert status["pending_differs"]
    applied = apply_calibration(tmp_path)
    assert applied["weights"] == fit.as_json()["weights"]
    assert calibration_status(tmp_path)["applied"] == applied
    assert isinstance(load_calibrator(tmp_path / CALIBRATION_FILE), LogisticCalibrator)
    assert reset_calibration(tmp_path)
    assert calibration_status(tmp_path)["applied"] is None
    assert not reset_calibration(tmp_path)


def test_calibration_commands_show_apply_and_reset(fake_settings: Settings) -> None:
    """If this fails, `copilot calibration show|apply|reset --json` breaks for scripts."""
    data_dir = fake_settings.data_dir
    rows, labels = _featured(300)
    fit = fit_logistic(rows, labels)
    assert fit is not None
    fit.save(data_dir / PENDING_FILE)
    runner = CliRunner()
    base = ["--data-dir", str(data_dir), "calibration"]
    shown = json.loads(runner.invoke(cli, [*base, "show", "--json"]).output)
    assert shown["applied"] is None
    assert shown["pending"]["kind"] == "logistic"
    applied = runner.invoke(cli, [*base, "apply", "--json"])
    assert applied.exit_code == 0
    assert json.loads(applied.output)["applied"]["n"] == 300
    assert (data_dir / CALIBRATION_FILE).is_file()
    reset = runner.invoke(cli, [*base, "reset", "--json"])
    assert json.loads(reset.output) == {"reset": True}
    assert not (data_dir / CALIBRATION_FILE).exists()
    missing = runner.invoke(cli, ["--data-dir", str(data_dir / "none"), "calibration", "apply"])
    assert missing.exit_code == 1


def test_a_draft_says_whether_its_confidence_is_calibrated_on_the_teams_tickets(
    fake_settings: Settings,
) -> None:
    """If this fails, agents read hand-set prior scores as if they were fitted on their own
    history (on doc2dial, prior scores of 0.9 or more were right for 39% of the tickets)."""
    ticket = Ticket(body="How do I reset my password?")
    before = Components(fake_settings).drafter.draft(ticket)
    assert before.as_json()["calibrated"] is False
    assert UNCALIBRATED_WORDS in render_draft(before)
    fake_settings.data_dir.mkdir(parents=True, exist_ok=True)
    fit = fit_platt(*_sample(300))
    assert fit is not None
    fit.save(fake_settings.data_dir / CALIBRATION_FILE)
    after = Components(fake_settings).drafter.draft(ticket)
    assert after.as_json()["calibrated"] is True
    assert UNCALIBRATED_WORDS not in render_draft(after)
