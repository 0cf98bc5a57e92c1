"""Calibration: fit the drafter's raw score to the probability a draft agrees with the human.

Replay knows, for every ticket with a resolution, the raw confidence and whether the draft
agreed. A Platt fit (a one-feature logistic regression) maps raw score to probability; it is
monotone and has two parameters, so a few hundred tickets are enough. Inside one replay the
fit is *cross-fitted*: each ticket's calibrated confidence comes from a fit on the other folds,
so no ticket's own outcome sets its confidence. The fit on all labelled tickets is what gets
saved for the drafter (``copilot/calibration.py`` loads it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from copilot.calibration import PlattCalibrator
from copilot.confidence import FEATURES, logistic

MIN_LABELS = 20  # below this, or with one class only, calibration is not fitted
FOLDS = 5


@dataclass(frozen=True)
class CalibrationFit:
    """A fitted Platt calibration and what it was fitted on."""

    a: float
    b: float
    n: int
    positives: int

    def __call__(self, raw: float) -> float:
        return PlattCalibrator(self.a, self.b)(raw)

    def as_json(self) -> dict[str, Any]:
        """The file shape ``copilot.calibration.load_calibrator`` reads."""
        return {
            "kind": "platt",
            "a": round(self.a, 6),
            "b": round(self.b, 6),
            "n": self.n,
            "positives": self.positives,
            "fitted_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }

    def save(self, path: Path) -> None:
        """Write the calibration file (atomically: a reader never sees half a file)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.as_json(), indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)


def fit_platt(
    raw: Sequence[float], labels: Sequence[bool], *, l2: float = 1e-3
) -> CalibrationFit | None:
    """Logistic fit of ``labels`` on ``raw`` (Newton steps); None with too few or one-class labels.

    Uses Platt's target smoothing ((n+ + 1) / (n+ + 2) and 1 / (n- + 2)) so that separable data
    still gives finite parameters.
    """
    x = np.asarray(raw, dtype=np.float64)
    y = np.asarray(labels, dtype=bool)
    positives = int(y.sum())
    if len(x) < MIN_LABELS or positives == 0 or positives == len(x):
        return None
    targets = np.where(y, (positives + 1) / (positives + 2), 1 / (len(x) - positives + 2))
    a, b = 1.0, 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(a * x + b)))
        w = np.maximum(p * (1 - p), 1e-12)
        grad = np.array([np.sum((p - targets) * x) + l2 * a, np.sum(p - targets)])
        hess = np.array([[np.sum(w * x * x) + l2, np.sum(w * x)], [np.sum(w * x), np.sum(w)]])
        step = np.linalg.solve(hess + 1e-9 * np.eye(2), grad)
        a, b = a - float(step[0]), b - float(step[1])
        if float(np.abs(step).max()) < 1e-9:
            break
    return CalibrationFit(a=a, b=b, n=len(x), positives=positives)


def cross_fit(
    raw: Sequence[float], labels: Sequence[bool | None], *, folds: int = FOLDS
) -> tuple[list[float], CalibrationFit | None]:
    """Calibrated confidence of every ticket, each from a fit that never saw its own label.

    ``labels`` is None for tickets without a resolution: they are calibrated by the fit on all
    labelled tickets (they have no label to leak). Returns the calibrated values and that fit;
    without enough labels the raw scores come back unchanged and the fit is None.
    """
    labelled = [i for i, lab in enumerate(labels) if lab is not None]
    full = fit_platt([raw[i] for i in labelled], [bool(labels[i]) for i in labelled])
    if full is None:
        return [float(r) for r in raw], None
    out = [full(float(r)) for r in raw]
    for fold in range(folds):
        held = [i for i in labelled if i % folds == fold]
        train = [i for i in labelled if i % folds != fold]
        fit = fit_platt([raw[i] for i in train], [bool(labels[i]) for i in train]) or full
        for i in held:
            out[i] = fit(float(raw[i]))
    return out, full


@dataclass(frozen=True)
class LogisticFit:
    """A logistic model of "the draft answers correctly" over the evidence features."""

    weights: dict[str, float]
    bias: float
    n: int
    positives: int
    # Feature scaling learnt on the training data is folded into weights and bias.

    def predict(self, features: Mapping[str, float]) -> float:
        """Probability for one draft's features (missing features count as 0)."""
        return logistic(self.weights, self.bias, features)

    def __call__(self, features: Mapping[str, float]) -> float:
        return self.predict(features)

    def as_json(self) -> dict[str, Any]:
        """The file shape ``copilot.calibration.load_calibrator`` reads (kind "logistic")."""
        return {
            "kind": "logistic",
            "features": list(self.weights),
            "weights": [round(w, 6) for w in self.weights.values()],
            "bias": round(self.bias, 6),
            "n": self.n,
            "positives": self.positives,
            "fitted_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }

    def save(self, path: Path) -> None:
        """Write the calibration file (atomically)."""
        _write_json(path, self.as_json())


def fit_logistic(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[bool],
    *,
    names: Sequence[str] = FEATURES,
    l2: float = 1.0,
) -> LogisticFit | None:
    """L2-regularised logistic regression (Newton steps) of ``labels`` on the features.

    Features are standardised for the fit (so one penalty suits all of them) and the scaling
    is folded back into the weights. None with too few or one-class labels.
    """
    y = np.asarray(labels, dtype=np.float64)
    positives = int(y.sum())
    if len(y) < MIN_LABELS or positives == 0 or positives == len(y):
        return None
    x = np.array([[float(r.get(n, 0.0)) for n in names] for r in rows], dtype=np.float64)
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std < 1e-9] = 1.0
    z = np.hstack([(x - mean) / std, np.ones((len(y), 1))])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0  # the intercept is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
        grad = z.T @ (p - y) + penalty * beta
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty) + 1e-9 * np.eye(len(beta))
        step = np.linalg.solve(hess, grad)
        beta -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    weights = beta[:-1] / std
    bias = float(beta[-1] - np.sum(weights * mean))
    return LogisticFit(
        weights={n: float(w) for n, w in zip(names, weights, strict=True)},
        bias=bias,
        n=len(y),
        positives=positives,
    )


def cross_fit_logistic(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[bool | None],
    *,
    folds: int = FOLDS,
) -> tuple[list[float] | None, LogisticFit | None]:
    """Each ticket's probability from a model fitted on the other folds (k-fold cross-fitting).

    Tickets without a label are predicted by the fit on all labelled tickets. Returns
    ``(None, None)`` without enough labels. Folds are interleaved (ticket ``i`` is in fold
    ``i % folds``), so every fold spans the whole history.
    """
    labelled = [i for i, lab in enumerate(labels) if lab is not None]
    full = fit_logistic([rows[i] for i in labelled], [bool(labels[i]) for i in labelled])
    if full is None:
        return None, None
    out = [full.predict(r) for r in rows]
    for fold in range(folds):
        held = [i for n, i in enumerate(labelled) if n % folds == fold]
        train = [i for n, i in enumerate(labelled) if n % folds != fold]
        fit = fit_logistic([rows[i] for i in train], [bool(labels[i]) for i in train]) or full
        for i in held:
            out[i] = fit.predict(rows[i])
    return out, full


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float | None:
    """Area under the ROC curve (ties count half); None without both classes."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return None
    s = np.asarray(scores, dtype=np.float64)
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    sorted_s = s[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    y = np.asarray(labels, dtype=bool)
    return float((ranks[y].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


@dataclass(frozen=True)
class ReliabilityRow:
    """One confidence bin: how often drafts in it agreed with the human."""

    low: float
    high: float
    n: int
    mean_confidence: float
    agreement_rate: float

    def as_json(self) -> dict[str, float | int]:
        """Plain JSON data."""
        return {
            "low": round(self.low, 3),
            "high": round(self.high, 3),
            "n": self.n,
            "mean_confidence": round(self.mean_confidence, 4),
            "agreement_rate": round(self.agreement_rate, 4),
        }


def reliability_table(
    confidence: Sequence[float], agreed: Sequence[bool], *, bins: int = 10
) -> list[ReliabilityRow]:
    """Equal-width bins of confidence with the observed agreement rate (empty bins left out)."""
    conf = np.clip(np.asarray(confidence, dtype=np.float64), 0.0, 1.0)
    hits = np.asarray(agreed, dtype=np.float64)
    index = np.minimum((conf * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        mask = index == b
        if mask.any():
            rows.append(
                ReliabilityRow(
                    low=b / bins,
                    high=(b + 1) / bins,
                    n=int(mask.sum()),
                    mean_confidence=float(conf[mask].mean()),
                    agreement_rate=float(hits[mask].mean()),
                )
            )
    return rows


def expected_calibration_error(rows: Sequence[ReliabilityRow]) -> float:
    """Bin-weighted mean gap between confidence and agreement rate."""
    total = sum(r.n for r in rows)
    if not total:
        return 0.0
    return sum(r.n * abs(r.mean_confidence - r.agreement_rate) for r in rows) / total


def brier_score(confidence: Sequence[float], agreed: Sequence[bool]) -> float:
    """Mean squared error of confidence as a probability of agreement."""
    conf: npt.NDArray[np.float64] = np.asarray(confidence, dtype=np.float64)
    if not len(conf):
        return 0.0
    return float(np.mean((conf - np.asarray(agreed, dtype=np.float64)) ** 2))
