"""Metrics: proportions with intervals, IR metrics."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def wilson_interval(successes: int, n: int, *, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval for a proportion (95% by default); (0, 1) when n is 0."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def recall_at(ranked: Sequence[str], gold: set[str], k: int) -> float:
    """1.0 when any gold id is in the first ``k`` ranked ids (article-level hit rate)."""
    return 1.0 if gold & set(ranked[:k]) else 0.0


def reciprocal_rank(ranked: Sequence[str], gold: set[str]) -> float:
    """1 / rank of the first gold id, 0 when none is ranked."""
    for i, doc_id in enumerate(ranked, start=1):
        if doc_id in gold:
            return 1.0 / i
    return 0.0


def ndcg_at(ranked: Sequence[str], gold: set[str], k: int) -> float:
    """Binary-relevance nDCG@k."""
    dcg = sum(1.0 / math.log2(i + 1) for i, d in enumerate(ranked[:k], start=1) if d in gold)
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(len(gold), k) + 1))
    return dcg / ideal if ideal else 0.0


# --- Deflection metrics (replay) -------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """A proportion with its Wilson 95% interval."""

    hits: int
    n: int

    @property
    def rate(self) -> float:
        return self.hits / self.n if self.n else 0.0

    def as_json(self) -> dict[str, float | int]:
        """``{"n", "hits", "rate", "ci_low", "ci_high"}``."""
        low, high = wilson_interval(self.hits, self.n)
        return {
            "n": self.n,
            "hits": self.hits,
            "rate": round(self.rate, 4),
            "ci_low": round(low, 4),
            "ci_high": round(high, 4),
        }


@dataclass(frozen=True)
class SweepPoint:
    """Deflection at one threshold: how much is deflected, and how much of that is right."""

    threshold: float
    coverage: float
    deflected: int
    judged: int
    agreed: int

    @property
    def precision(self) -> float | None:
        """Share of deflected drafts (with a resolution) that agreed with the human."""
        return self.agreed / self.judged if self.judged else None

    def as_json(self) -> dict[str, float | int | None]:
        """Plain JSON data, with the precision's Wilson interval."""
        low, high = wilson_interval(self.agreed, self.judged) if self.judged else (None, None)
        precision = self.precision
        return {
            "threshold": round(self.threshold, 4),
            "coverage": round(self.coverage, 4),
            "deflected": self.deflected,
            "judged": self.judged,
            "agreed": self.agreed,
            "precision": None if precision is None else round(precision, 4),
            "precision_ci_low": None if low is None else round(low, 4),
            "precision_ci_high": None if high is None else round(high, 4),
        }


def threshold_sweep(
    confidence: Sequence[float],
    agreed: Sequence[bool | None],
    *,
    eligible: Sequence[bool] | None = None,
    steps: int = 50,
) -> list[SweepPoint]:
    """Coverage and precision at ``steps + 1`` evenly spaced thresholds in [0, 1].

    ``agreed`` is None for tickets without a resolution (they count for coverage only);
    ``eligible`` False marks tickets that never deflect (an account action, no knowledge).
    """
    ok = list(eligible) if eligible is not None else [True] * len(confidence)
    n = len(confidence)
    points = []
    for step in range(steps + 1):
        t = step / steps
        chosen = [i for i in range(n) if ok[i] and confidence[i] >= t]
        judged = [i for i in chosen if agreed[i] is not None]
        points.append(
            SweepPoint(
                threshold=t,
                coverage=len(chosen) / n if n else 0.0,
                deflected=len(chosen),
                judged=len(judged),
                agreed=sum(1 for i in judged if agreed[i]),
            )
        )
    return points


def threshold_for_precision(
    points: Sequence[SweepPoint], target: float, *, min_judged: int = 5
) -> SweepPoint | None:
    """The lowest threshold (most coverage) whose precision reaches ``target``; None if none."""
    for point in sorted(points, key=lambda p: p.threshold):
        precision = point.precision
        if point.judged >= min_judged and precision is not None and precision >= target:
            return point
    return None
