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
    ReliabilityRow,
    brier_score,
    cross_fit,
    expected_calibration_error,
    reliability_table,
)
from eval.metrics import SweepPoint, threshold_for_precision, threshold_sweep
from eval.replay import Observation

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
            "retrieved_doc_ids": o.retrieved_doc_ids,
            "draft": o.draft,
            "agreement": None if o.agreement is None else round(o.agreement, 4),
            "agreed": o.agreed,
            "raw_confidence": round(o.raw_confidence, 4),
            "reasons": o.reasons,
            "judge": o.judge if o.agreement is not None else None,
            "support": None
            if o.support_score is None
            else {"score": round(o.support_score, 4), "doc_id": o.support_doc_id},
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
    calibration: CalibrationFit | None
    reliability: list[ReliabilityRow]
    sweep: list[SweepPoint]
    recommended: SweepPoint | None
    target: Target = "support"
    threshold_mode: str = "fixed"
    support_thresholds: SupportThresholds | None = None
    reliability_agreement: list[ReliabilityRow] = field(default_factory=list)

    @property
    def deflected(self) -> int:
        return sum(v.would_deflect for v in self.verdicts)

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
        }


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
        return obs.agreed
    return is_supported(obs, thresholds) and not is_account_action(obs.resolution)


def is_blocked(obs: Observation) -> bool:
    """True when the drafter gave a reason that rules deflection out, or wrote no answer."""
    return bool(set(obs.reasons) - NON_BLOCKING_REASONS) or not obs.answer.strip()


def score_replay(
    observations: Sequence[Observation],
    *,
    threshold: float | None,
    target_precision: float,
    calibrate: bool = True,
    fixed_calibration: CalibrationFit | None = None,
    target: Target = "support",
    support_thresholds: SupportThresholds | None = None,
) -> ScoredReplay:
    """Calibrate, decide and attribute every observation; sweep the threshold.

    With ``fixed_calibration`` every ticket is calibrated by that fit instead of a cross-fit
    (a what-if run is scored like its baseline, so only the knowledge differs). Without a
    ``threshold`` it is chosen by ``expected_threshold``.
    """
    blocked = [is_blocked(o) for o in observations]
    labels = [
        None if b else outcome(o, target, support_thresholds)
        for o, b in zip(observations, blocked, strict=True)
    ]
    raw = [o.raw_confidence for o in observations]
    fit: CalibrationFit | None
    if calibrate and fixed_calibration is not None:
        calibrated, fit = [fixed_calibration(r) for r in raw], fixed_calibration
    elif calibrate:
        calibrated, fit = cross_fit(raw, labels)
    else:
        calibrated, fit = list(raw), None
    confidences = [
        min(c, o.raw_confidence) if b else c
        for o, c, b in zip(observations, calibrated, blocked, strict=True)
    ]
    mode = "fixed" if threshold is not None else "expected"
    if threshold is None:
        threshold = expected_threshold(confidences, blocked)
    verdicts = []
    for obs, confidence, block in zip(observations, confidences, blocked, strict=True):
        deflect = not block and confidence >= threshold
        reason = _reason(obs, deflect, support_thresholds)
        verdicts.append(Verdict(obs, confidence, deflect, reason, block))
    judged = [v for v in verdicts if v.obs.agreed is not None and not v.blocked]
    labelled = [(v, lab) for v, lab in zip(verdicts, labels, strict=True) if lab is not None]
    sweep = threshold_sweep(
        [v.confidence for v in verdicts],
        [v.obs.agreed for v in verdicts],
        eligible=[not v.blocked for v in verdicts],
    )
    return ScoredReplay(
        verdicts=verdicts,
        threshold=threshold,
        target_precision=target_precision,
        calibration=fit,
        reliability=reliability_table(
            [v.confidence for v, _ in labelled], [b for _, b in labelled]
        ),
        sweep=sweep,
        recommended=threshold_for_precision(sweep, target_precision),
        target=target,
        threshold_mode=mode,
        support_thresholds=support_thresholds,
        reliability_agreement=reliability_table(
            [v.confidence for v in judged], [bool(v.obs.agreed) for v in judged]
        ),
    )


def _reason(obs: Observation, deflect: bool, thresholds: SupportThresholds | None) -> str | None:
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
    )
