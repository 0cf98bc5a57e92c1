"""Scoring: observations -> calibrated confidence -> verdicts, sweep and reliability.

Each ticket's confidence is the drafter's raw score mapped through a calibration that was
cross-fitted on the *other* tickets' outcomes (see ``eval.calibration``), so a threshold of 0.5
means "more likely than not". The outcome (``target``) is either

- ``support`` (default): the knowledge the ticket could see supports its human resolution and
  the resolution is not an account action; the calibrated confidence is then the probability
  that the knowledge answers the ticket, and the deflection rate estimates the share of tickets
  the knowledge answers;
- ``agreement``: the draft itself agreed with the human resolution.

A ticket would deflect when its confidence reaches the threshold and nothing blocks it (an
account action, no relevant knowledge, conflicting sources: the drafter's own escalation
reasons). The threshold is fixed (``--threshold``, ``replay.threshold_mode = "fixed"``) or, by
default, the one that deflects as many tickets as the calibrated confidences expect.
Precision in the sweep is always agreement: the share of deflected drafts that agreed with the
human.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from eval.attribution import Support, attribute, is_account_action
from eval.calibration import (
    CalibrationFit,
    LogisticFit,
    ReliabilityRow,
    brier_score,
    cross_fit,
    cross_fit_logistic,
    expected_calibration_error,
    reliability_table,
    roc_auc,
)
from eval.metrics import SweepPoint, threshold_for_precision, threshold_sweep, wilson_interval
from eval.observation import Observation
from eval.risk import RiskThreshold, risk_controlled_threshold

NON_BLOCKING_REASONS = frozenset({"weak_evidence"})
Target = Literal["support", "agreement"]


@dataclass
class Verdict:
    """One replayed ticket after scoring (a line of ``tickets.jsonl``)."""

    obs: Observation
    confidence: float
    would_deflect: bool
    failure_reason: str | None
    blocked: bool
    # The draft answers correctly (``draft_agrees``); None without a human resolution.
    correct: bool | None = None
    # Why a *deflected* draft disagreed with the human (it has no failure_reason).
    deflected_failure: str | None = None

    @property
    def cause(self) -> str | None:
        """Why the ticket was not answered correctly, deflected or not (None: it was)."""
        return self.failure_reason or self.deflected_failure

    @property
    def id(self) -> str:
        return self.obs.id

    def as_json(self) -> dict[str, Any]:
        """The ``tickets.jsonl`` line (ARCHITECTURE.md), plus context fields for reports."""
        o = self.obs
        return {
            "id": o.id,
            "confidence": round(self.confidence, 4),
            "would_deflect": self.would_deflect,
            "failure_reason": self.failure_reason,
            "deflected_failure": self.deflected_failure,
            "retrieved_doc_ids": o.retrieved_doc_ids,
            "cited_doc_ids": o.cited_doc_ids,
            "draft": o.draft,
            "agreement": None if o.agreement is None else round(o.agreement, 4),
            "agreed": o.agreed,
            "correct": self.correct,
            "raw_confidence": round(o.raw_confidence, 4),
            "reasons": o.reasons,
            "features": {k: round(x, 4) for k, x in o.features.items()},
            "judge": o.judge if o.agreement is not None else None,
            "support": None
            if o.support_score is None
            else {
                "score": round(o.support_score, 4),
                "doc_id": o.support_doc_id,
                "method": o.support_method,
            },
            "created_at": o.created_at,
            "lang": o.lang,
            "tags": o.tags,
            "subject": o.subject,
        }


@dataclass
class ScoredReplay:
    """Verdicts plus what was learnt about confidence on this data."""

    verdicts: list[Verdict]
    threshold: float
    target_precision: float
    calibration: CalibrationFit | LogisticFit | None
    reliability: list[ReliabilityRow]
    sweep: list[SweepPoint]
    recommended: SweepPoint | None
    target: Target = "support"
    threshold_mode: str = "fixed"
    support_thresholds: SupportThresholds | None = None
    reliability_agreement: list[ReliabilityRow] = field(default_factory=list)
    risk: RiskThreshold | None = None
    target_error: float | None = None
    # Per ticket: 1/0 or the probability that the visible knowledge answers it.
    coverage_estimate: list[float] | None = None

    @property
    def deflected(self) -> int:
        return sum(v.would_deflect for v in self.verdicts)

    def answered_correctly(self) -> dict[str, Any]:
        """Estimated share of all tickets deflected with a correct answer, with its interval.

        A deflected ticket with a resolution counts when the judge found the draft agreeing
        with it; one without counts with its calibrated confidence (an estimate). The
        interval is Wilson's for that (rounded) count among all tickets.
        """
        n = len(self.verdicts)
        hits = 0.0
        for v in self.verdicts:
            if v.would_deflect:
                hits += float(v.correct) if v.correct is not None else v.confidence
        return _share(hits, n) | {"target_error": self.target_error}

    def knowledge_coverage(self) -> dict[str, Any]:
        """Estimated share of tickets whose question the visible knowledge answers."""
        probs = self.coverage_estimate
        if probs is None:
            return {"rate": None, "ci_low": None, "ci_high": None}
        return _share(sum(probs), len(probs))

    def deflected_outcomes(self) -> dict[str, int]:
        """How the deflected tickets' answers fared against their human resolutions."""
        out = {"agreed": 0, "disagreed": 0, "unjudged": 0}
        for v in self.verdicts:
            if v.would_deflect:
                key = {True: "agreed", False: "disagreed", None: "unjudged"}[v.correct]
                out[key] += 1
        return out

    def calibration_json(self) -> dict[str, Any]:
        """Reliability tables (target and agreement), ECE and Brier score of the confidence."""
        pairs = [
            (v.confidence, label)
            for v in self.verdicts
            if (label := outcome(v.obs, self.target, self.support_thresholds)) is not None
            and not v.blocked
        ]
        return {
            "target": self.target,
            "fitted": self.calibration.as_json() if self.calibration else None,
            "judged_tickets": len(pairs),
            "reliability": [r.as_json() for r in self.reliability],
            "ece": round(expected_calibration_error(self.reliability), 4),
            "brier": round(brier_score([c for c, _ in pairs], [b for _, b in pairs]), 4),
            "reliability_agreement": [r.as_json() for r in self.reliability_agreement],
            "ece_agreement": round(expected_calibration_error(self.reliability_agreement), 4),
            "auc_agreement": _round(roc_auc(*_judged_pairs(self.verdicts))),
        }


def _judged_pairs(verdicts: Sequence[Verdict]) -> tuple[list[float], list[bool]]:
    pairs = [(v.confidence, bool(v.correct)) for v in verdicts if v.correct is not None]
    return [c for c, _ in pairs], [y for _, y in pairs]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _share(hits: float, n: int) -> dict[str, Any]:
    if n == 0:
        return {"rate": None, "ci_low": None, "ci_high": None}
    low, high = wilson_interval(round(hits), n)
    return {"rate": round(hits / n, 4), "ci_low": round(low, 4), "ci_high": round(high, 4)}


def expected_threshold(confidence: Sequence[float], blocked: Sequence[bool]) -> float:
    """The threshold at which the number of deflections equals the expected number.

    Calibrated confidences are probabilities, so their sum over the tickets that may deflect
    is the expected number of tickets the knowledge answers. Deflecting exactly that many,
    the most confident first, keeps the counted deflection rate as right as the calibration
    (a fixed 0.5 deflects everything or nothing when confidence separates tickets weakly).
    """
    eligible = sorted((c for c, b in zip(confidence, blocked, strict=True) if not b), reverse=True)
    count = round(sum(eligible))
    if count <= 0:
        return math.nextafter(max(eligible, default=1.0), math.inf)
    return eligible[count - 1]


SupportThresholds = dict[str, float]  # support method ("cosine", "term_recall") -> threshold


def is_supported(obs: Observation, thresholds: SupportThresholds | None = None) -> bool:
    """Whether visible knowledge supports the resolution, at ``thresholds`` when given
    (so a re-scored run needs no new observations), else as decided when observed."""
    if thresholds and obs.support_score is not None and obs.support_method in thresholds:
        return obs.support_score >= thresholds[obs.support_method]
    return bool(obs.supported)


def outcome(
    obs: Observation, target: Target, thresholds: SupportThresholds | None = None
) -> bool | None:
    """The label confidence is calibrated to; None without a human resolution."""
    if obs.resolution is None or obs.agreed is None:
        return None
    if target == "agreement":
        return draft_agrees(obs, thresholds)
    return is_supported(obs, thresholds) and not is_account_action(obs.resolution)


def draft_agrees(obs: Observation, thresholds: SupportThresholds | None = None) -> bool | None:
    """Whether the draft answers the ticket as the human did; None without a resolution.

    It does when the judge found its answer agreeing with the human resolution, or when the
    draft cites the very document whose passage supports that resolution (the judge's
    embedding cosine misses a quoted procedure that the human paraphrased).
    """
    if obs.resolution is None or obs.agreed is None:
        return None
    if obs.agreed:
        return True
    return is_supported(obs, thresholds) and obs.support_doc_id in obs.cited_doc_ids


def is_blocked(obs: Observation) -> bool:
    """True when the drafter gave a reason that rules deflection out, or wrote no answer."""
    return bool(set(obs.reasons) - NON_BLOCKING_REASONS) or not obs.answer.strip()


def score_replay(
    observations: Sequence[Observation],
    *,
    threshold: float | None,
    target_precision: float,
    calibrate: bool = True,
    fixed_calibration: Fit | None = None,
    target: Target = "agreement",
    support_thresholds: SupportThresholds | None = None,
    target_error: float | None = None,
) -> ScoredReplay:
    """Calibrate, decide and attribute every observation; sweep the threshold.

    Confidence is a logistic model of the drafter's evidence features, cross-fitted (each
    ticket scored by a model not fitted on it); observations without features fall back to a
    Platt fit of the raw score. With ``fixed_calibration`` every ticket is scored by that fit
    (a what-if run is scored like its baseline). The threshold is ``threshold`` when given,
    else the risk-controlled one for ``target_error`` (``eval.risk``), else
    ``expected_threshold``.
    """
    blocked = [is_blocked(o) for o in observations]
    labels = [
        None if b else outcome(o, target, support_thresholds)
        for o, b in zip(observations, blocked, strict=True)
    ]
    calibrated, fit = _calibrated(observations, labels, calibrate, fixed_calibration)
    confidences = [
        min(c, o.raw_confidence) if b else c
        for o, c, b in zip(observations, calibrated, blocked, strict=True)
    ]
    threshold, mode, risk = _choose_threshold(
        observations,
        confidences,
        blocked,
        threshold=threshold,
        target_error=target_error,
        support_thresholds=support_thresholds,
    )
    verdicts = _verdicts(observations, confidences, blocked, threshold, support_thresholds)
    reliability, reliability_agreement = _reliability_tables(verdicts, labels)
    sweep = _sweep(verdicts)
    return ScoredReplay(
        verdicts=verdicts,
        threshold=threshold,
        target_precision=target_precision,
        calibration=fit,
        reliability=reliability,
        sweep=sweep,
        recommended=threshold_for_precision(sweep, target_precision),
        target=target,
        threshold_mode=mode,
        support_thresholds=support_thresholds,
        reliability_agreement=reliability_agreement,
        risk=risk,
        target_error=target_error,
        coverage_estimate=_coverage_probabilities(observations, support_thresholds),
    )


def _sweep(verdicts: Sequence[Verdict]) -> list[SweepPoint]:
    """Deflection and precision at each threshold, over the drafts that were not blocked."""
    return threshold_sweep(
        [v.confidence for v in verdicts],
        [v.correct for v in verdicts],
        eligible=[not v.blocked for v in verdicts],
    )


def _reliability_tables(
    verdicts: Sequence[Verdict], labels: Sequence[bool | None]
) -> tuple[list[ReliabilityRow], list[ReliabilityRow]]:
    """Reliability against the calibration target's labels, and against the judged agreement
    of the drafts that were not blocked."""
    labelled = [(v, lab) for v, lab in zip(verdicts, labels, strict=True) if lab is not None]
    judged = [v for v in verdicts if v.correct is not None and not v.blocked]
    return (
        reliability_table([v.confidence for v, _ in labelled], [b for _, b in labelled]),
        reliability_table([v.confidence for v in judged], [bool(v.correct) for v in judged]),
    )


def _choose_threshold(
    observations: Sequence[Observation],
    confidences: Sequence[float],
    blocked: Sequence[bool],
    *,
    threshold: float | None,
    target_error: float | None,
    support_thresholds: SupportThresholds | None,
) -> tuple[float, str, RiskThreshold | None]:
    """The deflection threshold, how it was chosen (fixed, target, expected) and the risk
    control behind a target-error threshold."""
    if threshold is not None:
        return threshold, "fixed", None
    if target_error is not None:
        risk = risk_controlled_threshold(
            confidences,
            [draft_agrees(o, support_thresholds) for o in observations],
            target_error=target_error,
            eligible=[not b for b in blocked],
        )
        return risk.threshold, "target", risk
    return expected_threshold(confidences, blocked), "expected", None


def _verdicts(
    observations: Sequence[Observation],
    confidences: Sequence[float],
    blocked: Sequence[bool],
    threshold: float,
    support_thresholds: SupportThresholds | None,
) -> list[Verdict]:
    verdicts = []
    for obs, confidence, block in zip(observations, confidences, blocked, strict=True):
        deflect = not block and confidence >= threshold
        # A deflected ticket has no failure reason by construction; how its answer fared
        # is counted apart (``deflected_outcomes``).
        correct = draft_agrees(obs, support_thresholds)
        reason = _reason(obs, deflect, support_thresholds, correct=correct)
        wrong = reason if deflect and correct is False else None
        verdicts.append(
            Verdict(obs, confidence, deflect, None if deflect else reason, block, correct, wrong)
        )
    return verdicts


Fit = CalibrationFit | LogisticFit


def _calibrated(
    observations: Sequence[Observation],
    labels: Sequence[bool | None],
    calibrate: bool,
    fixed: Fit | None,
) -> tuple[list[float], Fit | None]:
    raw = [o.raw_confidence for o in observations]
    if not calibrate:
        return list(raw), None
    # Drafts without evidence (nothing usable found) carry no features; they are blocked, so
    # they neither train the model nor deflect.
    featured = any(o.features for o in observations)
    if fixed is not None:
        if isinstance(fixed, LogisticFit):
            if featured:
                return [fixed.predict(o.features) for o in observations], fixed
            return list(raw), fixed
        return [fixed(r) for r in raw], fixed
    if featured:
        values, logit = cross_fit_logistic([o.features for o in observations], labels)
        if values is not None:
            return values, logit
    return cross_fit(raw, labels)


def support_label(obs: Observation, thresholds: SupportThresholds | None = None) -> bool | None:
    """Whether the visible knowledge answers the ticket (supports its human resolution and it
    is no account action); None without a resolution."""
    if obs.resolution is None:
        return None
    return is_supported(obs, thresholds) and not is_account_action(obs.resolution)


def _coverage_probabilities(
    observations: Sequence[Observation], thresholds: SupportThresholds | None
) -> list[float] | None:
    """Per ticket, 1/0 when its resolution says whether the knowledge answers it, else a
    probability from a model of the evidence fitted on the tickets that say so."""
    labels = [support_label(o, thresholds) for o in observations]
    if all(lab is not None for lab in labels):
        return [float(bool(lab)) for lab in labels]
    if not any(o.features for o in observations):
        return None
    values, _ = cross_fit_logistic([o.features for o in observations], labels)
    if values is None:
        return None
    return [float(lab) if lab is not None else p for lab, p in zip(labels, values, strict=True)]


def _reason(
    obs: Observation,
    deflect: bool,
    thresholds: SupportThresholds | None,
    *,
    correct: bool | None,
) -> str | None:
    support = (
        None
        if obs.support_score is None
        else Support(obs.support_score, obs.support_doc_id, is_supported(obs, thresholds))
    )
    return attribute(
        deflected=deflect,
        agreed=obs.agreed,
        resolution=obs.resolution,
        reasons=obs.reasons,
        support=support,
        retrieved_doc_ids=obs.retrieved_doc_ids,
        correct=correct,
    )
