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

A short history proves little: 300 tickets can hold a ranking whose most confident drafts are
wrong 5% of the time and still certify nothing at 10%. So the result also says what a longer
history would certify if its drafts erred at the same rates (``Projection``, for 2, 5 and 10
times the judged tickets): an estimate to plan with (replay more tickets), never a guarantee,
and never used to deflect.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from scipy.stats import beta as beta_dist

DELTA = 0.05
# Where the fixed sequences start: once this share of the judged tickets would deflect.
START_SHARES = (0.1, 0.25, 0.5)
# Longer histories the projection considers, as multiples of the judged tickets.
HISTORY_MULTIPLES = (2, 5, 10)


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
class Projection:
    """What ``history`` times the judged tickets would certify if the drafts erred at today's
    rates: the threshold, today's judged drafts at or above it and their errors, and the share
    of all tickets at or above it (eligible ones)."""

    history: int
    threshold: float
    deflected_judged: int
    errors: int
    deflect_share: float

    def words(self) -> str:
        """One clause: "5x as many tickets: 26.7% deflected (threshold ..., observed ...)"."""
        return (
            f"{self.history}x as many tickets: {100 * self.deflect_share:.1f}% deflected "
            f"(threshold {self.threshold:.3f}, observed error {100 * self.observed_error:.1f}%)"
        )

    @property
    def observed_error(self) -> float:
        return self.errors / self.deflected_judged

    def as_json(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {
            "history": self.history,
            "threshold": round(self.threshold, 4),
            "deflected_judged": self.deflected_judged,
            "errors": self.errors,
            "observed_error": round(self.observed_error, 4),
            "deflect_share": round(self.deflect_share, 4),
        }


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
    # What longer histories at today's error rates would certify beyond this (planning only).
    projection: tuple[Projection, ...] = ()

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
                f"deflected. {self._more_history()}"
            )
        observed = self.observed_error or 0.0
        more = f" {self._more_history()}" if self.projection else ""
        return (
            f"With {level} confidence, at most {target} of the tickets deflected at threshold "
            f"{self.threshold:.3f} are answered wrongly (observed {100 * observed:.1f}% of "
            f"{self.deflected_judged} deflected tickets with a resolution; one-sided upper "
            f"bound {100 * (self.upper_bound or 0.0):.1f}%). This holds for new tickets that "
            "are exchangeable with the replayed history: the same mix of questions, answered "
            "by the same knowledge and drafter. 'Wrong' means the draft did not agree with the "
            "human resolution (the replay's judge, or citing the document that supports it). "
            "Learn-then-Test, fixed-sequence testing with Clopper-Pearson bounds." + more
        )

    def _more_history(self) -> str:
        """What a longer history would certify, in words (an estimate, said as one)."""
        if not self.projection:
            return (
                "A longer history would not change that: even ten times as many tickets, "
                "drafted with today's error rates, would not show it. The drafts or the "
                "knowledge have to improve."
            )
        return (
            "If more tickets with resolutions were replayed and the drafts erred at today's "
            "rates, the same test would deflect: "
            + "; ".join(p.words() for p in self.projection)
            + ". An estimate to plan with, not a guarantee."
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
            "projection": [p.as_json() for p in self.projection],
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
    top = math.nextafter(max(confidence, default=1.0), math.inf)
    best = min(passed, key=lambda r: r.threshold) if passed else None
    chosen = best or RiskThreshold(min(top, 1.0 + 1e-9), target_error, delta, 0, 0, None, False)
    shares = _share_at_or_above([c for c, e in zip(confidence, ok, strict=True) if e], len(ok))
    beyond = best.threshold if best else math.inf
    return dataclasses.replace(
        chosen,
        delta=delta,
        projection=project(judged, alpha=target_error, delta=each, share=shares, beyond=beyond),
    )


def project(
    judged: Sequence[tuple[float, bool]],
    *,
    alpha: float,
    delta: float,
    share: Callable[[float], float],
    beyond: float = math.inf,
) -> tuple[Projection, ...]:
    """For each of ``HISTORY_MULTIPLES``: the lowest threshold below ``beyond`` whose judged
    drafts (``judged``, most confident first), counted that many times over with the same
    errors, would have a Clopper-Pearson upper bound at most ``alpha`` at level ``delta``;
    ``share(threshold)`` is the share of all tickets it deflects. Longer histories that would
    deflect no more than a shorter one are left out."""
    out: list[Projection] = []
    for times in HISTORY_MULTIPLES:
        found: Projection | None = None
        for conf, n, errors in _cuts(judged):
            if (
                conf < beyond
                and clopper_pearson_upper(times * errors, times * n, delta=delta) <= alpha
            ):
                found = Projection(times, conf, n, errors, share(conf))
        if found and (not out or found.deflected_judged > out[-1].deflected_judged):
            out.append(found)
    return tuple(out)


def _cuts(judged: Sequence[tuple[float, bool]]) -> Iterator[tuple[float, int, int]]:
    """Each threshold of a ranking (``judged``, most confident first) with how many judged
    tickets it deflects and how many of them are wrong; a threshold deflects every ticket
    at its confidence, so ties make one cut."""
    errors = 0
    for i, (conf, right) in enumerate(judged):
        errors += not right
        n = i + 1
        if n == len(judged) or judged[n][0] != conf:
            yield conf, n, errors


def _share_at_or_above(eligible: Sequence[float], total: int) -> Callable[[float], float]:
    """The share of ``total`` tickets whose eligible confidence is at or above a threshold."""
    ordered = sorted(eligible)

    def share(threshold: float) -> float:
        return (len(ordered) - bisect.bisect_left(ordered, threshold)) / total if total else 0.0

    return share


def _fixed_sequence(
    judged: Sequence[tuple[float, bool]], *, start: int, alpha: float, delta: float
) -> RiskThreshold | None:
    """Test thresholds from the one deflecting ``start`` judged tickets downwards; the last
    one that passed before the first failure (None if the first fails)."""
    best: RiskThreshold | None = None
    for conf, n, errors in _cuts(judged):
        if n < start:
            continue
        upper = clopper_pearson_upper(errors, n, delta=delta)
        if upper > alpha:
            break
        best = RiskThreshold(conf, alpha, delta, n, errors, upper, True)
    return best
