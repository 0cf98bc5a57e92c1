"""The confidence calibration a replay fitted: load it, show it, apply it, reset it.

A replay (``eval/calibration.py``) fits how the drafter's evidence maps to the probability
that a draft answers its ticket correctly (agrees with what a human agent answered). It saves
the fit as ``calibration.pending.json`` in the data dir and *does not* apply it: the live
drafter reads only ``calibration.json``, which ``apply_calibration`` (``copilot calibration
apply``) writes from the pending fit and ``reset_calibration`` removes. This module never fits.

File shapes: ``{"kind": "logistic", "features": [...], "weights": [...], "bias": float}``
meaning ``p = sigmoid(bias + sum(weight * feature))`` over the draft's evidence features;
``{"kind": "platt", "a": float, "b": float}`` meaning ``p = sigmoid(a * raw + b)``; or
``{"kind": "isotonic", "x": [...], "y": [...]}`` meaning linear interpolation through the
points (x ascending).
"""

from __future__ import annotations

import bisect
import json
import logging
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from copilot.confidence import logistic
from copilot.errors import InputError

log = logging.getLogger(__name__)

CALIBRATION_FILE = "calibration.json"
PENDING_FILE = "calibration.pending.json"


class PlattCalibrator:
    """``p = sigmoid(a * raw + b)``."""

    def __init__(self, a: float, b: float) -> None:
        self.a = a
        self.b = b

    def __call__(self, raw: float) -> float:
        z = self.a * raw + self.b
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


class IsotonicCalibrator:
    """Piecewise-linear interpolation through fitted ``(x, y)`` points, flat beyond the ends."""

    def __init__(self, x: Sequence[float], y: Sequence[float]) -> None:
        if not x or len(x) != len(y):
            raise ValueError("isotonic calibration needs as many y as x values, at least one")
        self.x = list(x)
        self.y = list(y)

    def __call__(self, raw: float) -> float:
        i = bisect.bisect_right(self.x, raw)
        if i == 0:
            return self.y[0]
        if i == len(self.x):
            return self.y[-1]
        x0, x1, y0, y1 = self.x[i - 1], self.x[i], self.y[i - 1], self.y[i]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (raw - x0) / (x1 - x0)


class LogisticCalibrator:
    """``p = sigmoid(bias + sum(weight * feature))`` over a draft's evidence features.

    Called with a raw score alone (a drafter that measures no features) it returns the raw
    score unchanged: the weights mean nothing without their features.
    """

    def __init__(self, weights: Mapping[str, float], bias: float) -> None:
        self.weights = dict(weights)
        self.bias = bias

    def predict(self, features: Mapping[str, float]) -> float:
        """Probability that a draft with ``features`` answers its ticket correctly."""
        return logistic(self.weights, self.bias, features)

    def __call__(self, raw: float) -> float:
        return raw


Calibrator = PlattCalibrator | IsotonicCalibrator | LogisticCalibrator


def calibrator_from_json(data: dict[str, object]) -> Calibrator:
    """Build a calibrator from the saved JSON; ``ValueError`` for an unknown or bad shape."""
    kind = data.get("kind")
    if kind == "logistic":
        names, weights = data.get("features"), data.get("weights")
        if not isinstance(names, list) or not isinstance(weights, list):
            raise ValueError("logistic calibration needs lists features and weights")
        if len(names) != len(weights):
            raise ValueError("logistic calibration needs one weight per feature")
        return LogisticCalibrator(
            {str(n): float(w) for n, w in zip(names, weights, strict=True)},
            float(data["bias"]),  # type: ignore[arg-type]
        )
    if kind == "platt":
        return PlattCalibrator(float(data["a"]), float(data["b"]))  # type: ignore[arg-type]
    if kind == "isotonic":
        xs, ys = data.get("x"), data.get("y")
        if not isinstance(xs, list) or not isinstance(ys, list):
            raise ValueError("isotonic calibration needs lists x and y")
        return IsotonicCalibrator([float(v) for v in xs], [float(v) for v in ys])
    raise ValueError(f"unknown calibration kind {kind!r}")


def load_calibrator(path: Path) -> Calibrator | None:
    """The calibrator saved at ``path``; None when there is none or it cannot be read.

    A broken file must not stop drafting: it is logged and the raw score is used.
    """
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return calibrator_from_json(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("Ignoring calibration %s (%s): run `copilot replay` to refit it", path, exc)
        return None


def read_calibration(path: Path) -> dict[str, Any] | None:
    """The JSON of a calibration file; None when there is none or it cannot be read."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def calibration_status(data_dir: Path) -> dict[str, Any]:
    """``{"applied", "pending", "pending_differs"}``: the calibration the drafter uses (None:
    the prior weights) and the one the last replay fitted and saved without applying."""
    applied = read_calibration(data_dir / CALIBRATION_FILE)
    pending = read_calibration(data_dir / PENDING_FILE)
    return {
        "applied": applied,
        "pending": pending,
        "pending_differs": pending is not None and pending != applied,
    }


def apply_calibration(data_dir: Path) -> dict[str, Any]:
    """Make the last replay's fit the one the drafter uses; returns it.

    ``InputError`` when no replay saved one, or it cannot be read.
    """
    pending_path = data_dir / PENDING_FILE
    pending = read_calibration(pending_path)
    if pending is None:
        raise InputError(
            f"No fitted calibration in {data_dir}: run `copilot replay TICKETS --out DIR` on "
            "tickets with resolutions first (it saves one), then apply it."
        )
    try:
        calibrator_from_json(pending)
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(
            f"The calibration in {pending_path} cannot be read ({exc}): run `copilot replay` "
            "again to refit it."
        ) from exc
    target = data_dir / CALIBRATION_FILE
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(pending, indent=2) + "\n", encoding="utf-8")
    tmp.replace(target)
    return pending


def reset_calibration(data_dir: Path) -> bool:
    """Stop applying a fitted calibration (the drafter uses its prior weights again); returns
    whether one was applied. The pending fit is kept."""
    target = data_dir / CALIBRATION_FILE
    if not target.is_file():
        return False
    target.unlink()
    return True
