"""Loads the confidence calibration a replay run fitted, for the drafter to apply.

A replay (``eval/calibration.py``) fits how the drafter's raw evidence score maps to the
probability that a draft agrees with what a human agent answered, and saves it as JSON in the
data dir. This module only reads that file; it never fits anything.

File shape: ``{"kind": "platt", "a": float, "b": float, ...}`` meaning
``p = 1 / (1 + exp(-(a * raw + b)))``, or ``{"kind": "isotonic", "x": [...], "y": [...]}``
meaning linear interpolation through the points (x ascending).
"""

from __future__ import annotations

import bisect
import json
import logging
import math
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)

CALIBRATION_FILE = "calibration.json"


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


Calibrator = PlattCalibrator | IsotonicCalibrator


def calibrator_from_json(data: dict[str, object]) -> Calibrator:
    """Build a calibrator from the saved JSON; ``ValueError`` for an unknown or bad shape."""
    kind = data.get("kind")
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
