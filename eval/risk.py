"""A deflection threshold with a guarantee on the error among deflected tickets.

Ops set a target error ``alpha`` ("at most 10% of deflected tickets answered wrongly"). The
threshold is picked by *Learn then Test* (Angelopoulos et al., 2021) with fixed-sequence
testing: candidate thresholds are tested from the most confident down; at each, the null
hypothesis "the error among tickets deflected at this threshold exceeds alpha" is rejected
when the one-sided Clopper-Pearson upper bound of the observed error is at most ``alpha``.
A sequence stops at its first failure; its last pass is its threshold. One unlucky error
among the first few tickets would end a single sequence early, so three sequences run,
starting where 10%, 25% and 50% of the judged tickets would deflect (a start depends only on
how many tickets are judged, never on their outcomes), each at level ``delta / 3``, and the
lowest threshold any of them passed is chosen. Within a sequence the order is fixed in
advance, so it needs no correction; the union bound over the three gives: with probability
at least ``1 - delta`` over the history, the chosen threshold's error among deflected tickets
is at most ``alpha`` for new tickets exchangeable with the history (drawn like it, answered by
the same knowledge and drafter).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scipy.stats import beta as beta_dist

DELTA = 0.05
# Where the fixed sequences start: once this share of the judged tickets would deflect.
START_SHARES = (0.1, 0.25, 0.5)


def clopper_pearson_upper(errors: int, n: int, *, delta: float = DELTA) -> float:
    """One-sided ``1 - delta`` upper confidence bound of a binomial proportion."""
    if n <= 0:
        return 1.0
    if errors >= n:
        return 1.0
    return float(beta_dist.ppf(1 - delta, errors + 1, n - errors))


def min_judged(alpha: float, *, delta: float = DELTA) -> int:
    """The fewest judged deflections with no error whose upper bound can reach ``alpha``."""
    if alpha <= 0:
        return 1 << 30
    if alpha >= 1:
        return 1
    return max(1, math.ceil(math.log(delta) / math.log(1 - alpha)))


@dataclass(frozen=True)
class RiskThreshold:
    """The chosen threshold and the evidence behind it."""

    threshold: float
    target_error: float
    delta: float
    deflected_judged: int
    errors: int
    upper_bound: float | None
    found: bool

    @property
    def observed_error(self) -> float | None:
        return self.errors / self.deflected_judged if self.deflected_judged else None

    def guarantee(self) -> str:
        """What the threshold guarantees, and under which assumption, in words."""
        level = f"{100 * (1 - self.delta):.0f}%"
        target = f"{100 * self.target_error:.0f}%"
        if not self.found:
            return (
                f"No threshold could be shown to keep the error among deflected tickets at or "
                f"below {target} (with {level} confidence) on this history, so nothing is "
                "deflected. More tickets with resolutions, or better knowledge, are needed."
            )
        observed = self.observed_error or 0.0
        return (
            f"With {level} confidence, at most {target} of the tickets deflected at threshold "
            f"{self.threshold:.3f} are answered wrongly (observed {100 * observed:.1f}% of "
            f"{self.deflected_judged} deflected tickets with a resolution; one-sided upper "
            f"bound {100 * (self.upper_bound or 0.0):.1f}%). This holds for new tickets that "
            "are exchangeable with the replayed history: the same mix of questions, answered "
            "by the same knowledge and drafter. 'Wrong' means the draft did not agree with the "
            "human resolution (the replay's judge, or citing the document that supports it). "
            "Learn-then-Test, fixed-sequence testing with Clopper-Pearson bounds."
        )

    def as_json(self) -> dict[str, Any]:
        """Plain JSON data, with the guarantee in words."""
        observed = self.observed_error
        return {
            "threshold": round(self.threshold, 4),
            "target_error": self.target_error,
            "delta": self.delta,
            "found": self.found,
            "deflected_judged": self.deflected_judged,
            "errors": self.errors,
            "observed_error": None if observed is None else round(observed, 4),
            "upper_bound": None if self.upper_bound is None else round(self.upper_bound, 4),
            "method": "learn-then-test, fixed sequence, Clopper-Pearson",
            "guarantee": self.guarantee(),
        }


def risk_controlled_threshold(
    confidence: Sequence[float],
    correct: Sequence[bool | None],
    *,
    target_error: float,
    eligible: Sequence[bool] | None = None,
    delta: float = DELTA,
) -> RiskThreshold:
    """The lowest threshold whose error among deflected tickets is shown to be at most
    ``target_error`` (see the module docstring).

    ``correct`` is None for tickets without a judgement (they do not count); ``eligible``
    False marks tickets that never deflect.
    """
    ok = list(eligible) if eligible is not None else [True] * len(confidence)
    judged = sorted(
        (
            (c, bool(y))
            for c, y, e in zip(confidence, correct, ok, strict=True)
            if e and y is not None
        ),
        key=lambda p: -p[0],
    )
    each = delta / len(START_SHARES)  # a union bound over the sequences keeps 1 - delta
    floor = min_judged(target_error, delta=each)
    passed = [
        found
        for share in START_SHARES
        if (
            found := _fixed_sequence(
                judged,
                start=max(floor, math.ceil(share * len(judged))),
                alpha=target_error,
                delta=each,
            )
        )
        is not None
    ]
    if passed:
        best = min(passed, key=lambda r: r.threshold)
        return RiskThreshold(
            best.threshold,
            target_error,
            delta,
            best.deflected_judged,
            best.errors,
            best.upper_bound,
            True,
        )
    top = math.nextafter(max(confidence, default=1.0), math.inf)
    return RiskThreshold(min(top, 1.0 + 1e-9), target_error, delta, 0, 0, None, False)


def _fixed_sequence(
    judged: Sequence[tuple[float, bool]], *, start: int, alpha: float, delta: float
) -> RiskThreshold | None:
    """Test thresholds from the one deflecting ``start`` judged tickets downwards; the last
    one that passed before the first failure (None if the first fails)."""
    best: RiskThreshold | None = None
    errors = 0
    for i, (conf, right) in enumerate(judged):
        errors += not right
        n = i + 1
        if n < len(judged) and judged[n][0] == conf:
            continue  # a threshold deflects every ticket at its confidence
        if n < start:
            continue
        upper = clopper_pearson_upper(errors, n, delta=delta)
        if upper > alpha:
            break
        best = RiskThreshold(conf, alpha, delta, n, errors, upper, True)
    return best
