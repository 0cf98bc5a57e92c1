"""Confidence of a draft, from its evidence, and the reason codes that explain a low one.

The *raw score* is a fixed, monotone combination of evidence signals, each in [0, 1]:

- ``similarity``: how close the best used passage is to the question (dense cosine, rescaled);
  when the embedder cannot read the ticket's language this signal is replaced by ``coverage``.
- ``coverage``: the share of the question's key terms (stemmed content words) the used
  passages contain, titles and headings included.
- ``agreement``: whether dense and lexical retrieval agree on the best document (1 both rank it
  in their top 3, 0.5 one does, 0 neither; 0.5 when only one mode ran).
- ``margin``: how clearly the best document beats the runner-up (relative fused-score gap).
- ``grounding`` (LLM drafts only): the share of the answer's sentences supported by the cited
  passages; the raw score is multiplied by it.

A calibrator fitted on replay verdicts (``eval/``) maps the raw score to a probability that
the draft is right; without one, confidence *is* the raw score, which is what a calibrator is
fitted on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from copilot.text import content_terms, split_sentences

Calibrate = Callable[[float], float]

NO_RELEVANT_KNOWLEDGE = "no_relevant_knowledge"
WEAK_EVIDENCE = "weak_evidence"
CONFLICTING_SOURCES = "conflicting_sources"
NEEDS_ACCOUNT_ACTION = "needs_account_action"
UNGROUNDED_ANSWER = "ungrounded_answer"
MODEL_ESCALATED = "model_escalated"
# The best knowledge for the question addresses an assistant, holds a credential or promises
# money: it was not quoted (``copilot.safety``), and a person should look at it.
SUSPICIOUS_SOURCE = "suspicious_source"
REASON_CODES = (
    NO_RELEVANT_KNOWLEDGE,
    WEAK_EVIDENCE,
    CONFLICTING_SOURCES,
    NEEDS_ACCOUNT_ACTION,
    UNGROUNDED_ANSWER,
    MODEL_ESCALATED,
    SUSPICIOUS_SOURCE,
)

# Requests only a person with account access can fulfil: never deflect them.
_ACCOUNT_ACTION = re.compile(
    r"\b(refund\w*|money back|charged twice|double[- ]charged?|cancel (?:my|the|our) "
    r"(?:account|subscription|plan|order)|delete my account|close my account"
    r"|rückerstatt\w*|erstattung|geld zurück|doppelt (?:abgebucht|belastet)|kündig\w*"
    r"|konto löschen|account löschen)\b",
    re.IGNORECASE,
)
_NUMBER_FACT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(%|€|\$|[^\W\d_]+)", re.UNICODE)

WEIGHTS = {"similarity": 0.4, "coverage": 0.3, "agreement": 0.15, "margin": 0.15}
NO_KNOWLEDGE_FLOOR = 0.25
# Sources that share almost none of the question's key terms do not answer it (long tickets
# carry many incidental words, so the bar is low; the raw score does the rest).
NO_KNOWLEDGE_COVERAGE = 0.15
ACCOUNT_ACTION_CAP = 0.3


@dataclass(frozen=True)
class Evidence:
    """Signals, each in [0, 1], that a draft's sources answer the ticket."""

    similarity: float
    coverage: float
    agreement: float
    margin: float
    grounding: float | None = None

    def as_json(self) -> dict[str, float | None]:
        """Signals for logs and replay reports."""
        return {
            "similarity": round(self.similarity, 4),
            "coverage": round(self.coverage, 4),
            "agreement": round(self.agreement, 4),
            "margin": round(self.margin, 4),
            "grounding": None if self.grounding is None else round(self.grounding, 4),
        }


def raw_score(evidence: Evidence) -> float:
    """The uncalibrated confidence in [0, 1] (what a calibrator is fitted on)."""
    score = (
        WEIGHTS["similarity"] * evidence.similarity
        + WEIGHTS["coverage"] * evidence.coverage
        + WEIGHTS["agreement"] * evidence.agreement
        + WEIGHTS["margin"] * evidence.margin
    )
    if evidence.grounding is not None:
        score *= evidence.grounding
    return _clip(score)


@dataclass(frozen=True)
class Assessment:
    """Confidence after calibration, the escalation decision and its reasons."""

    raw: float
    confidence: float
    escalate: bool
    reasons: tuple[str, ...]


def assess(
    evidence: Evidence | None,
    *,
    question: str,
    threshold: float,
    calibrate: Calibrate | None = None,
    conflicting: bool = False,
    extra_reasons: Iterable[str] = (),
) -> Assessment:
    """Confidence and reasons for a draft; ``evidence`` is None when nothing usable was found."""
    reasons = list(extra_reasons)
    if needs_account_action(question):
        reasons.append(NEEDS_ACCOUNT_ACTION)
    if evidence is None:
        return Assessment(0.0, 0.0, True, _unique([NO_RELEVANT_KNOWLEDGE, *reasons]))
    raw = raw_score(evidence)
    confidence = _clip(calibrate(raw)) if calibrate else raw
    if conflicting:
        reasons.append(CONFLICTING_SOURCES)
        confidence = min(confidence, ACCOUNT_ACTION_CAP)
    if NEEDS_ACCOUNT_ACTION in reasons:
        confidence = min(confidence, ACCOUNT_ACTION_CAP)
    if evidence.grounding is not None and evidence.grounding < 0.5:
        reasons.append(UNGROUNDED_ANSWER)
    if raw < NO_KNOWLEDGE_FLOOR or evidence.coverage < NO_KNOWLEDGE_COVERAGE:
        reasons.append(NO_RELEVANT_KNOWLEDGE)
    escalate = confidence < threshold or bool(reasons)
    if escalate and not reasons:
        reasons.append(WEAK_EVIDENCE)
    return Assessment(round(raw, 4), round(confidence, 4), escalate, _unique(reasons))


def needs_account_action(text: str) -> bool:
    """True when the ticket asks for something only a person with account access can do."""
    return bool(_ACCOUNT_ACTION.search(text))


def rescale_similarity(cosine: float, *, low: float = 0.25, high: float = 0.7) -> float:
    """Map a cosine similarity onto [0, 1]: ``low`` and below is 0, ``high`` and above 1."""
    return _clip((cosine - low) / (high - low))


def term_coverage(question: str, evidence: str, *, lang: str) -> float:
    """Share of the question's key terms found in ``evidence`` (both stemmings tried)."""
    terms = content_terms(question, lang)
    if not terms:
        return 0.0
    found = content_terms(evidence, lang) | content_terms(evidence, "en")
    return len(terms & found) / len(terms)


def grounding(answer: str, sources: Iterable[str], *, lang: str, support: float = 0.5) -> float:
    """Share of the answer's sentences whose key terms are mostly found in ``sources``."""
    source_terms: set[str] = set()
    for text in sources:
        source_terms |= content_terms(text, lang) | content_terms(text, "en")
    sentences = [s for s in split_sentences(answer) if content_terms(s, lang)]
    if not sentences:
        return 0.0
    supported = 0
    for sentence in sentences:
        terms = content_terms(sentence, lang)
        if len(terms & source_terms) / len(terms) >= support:
            supported += 1
    return supported / len(sentences)


def conflicting_facts(statements: Iterable[tuple[str, str]]) -> bool:
    """True when two sources state different numbers for the same thing.

    ``statements`` are ``(source id, sentence)`` pairs; "14 days" in one source and "30 days"
    in another is a conflict, "14 days" twice is not.
    """
    seen: dict[str, tuple[str, str]] = {}
    for source, sentence in statements:
        for value, unit in _NUMBER_FACT.findall(sentence):
            key = unit.lower()
            if key in seen and seen[key][0] != source and seen[key][1] != value:
                return True
            seen.setdefault(key, (source, value))
    return False


def _clip(value: float) -> float:
    return min(1.0, max(0.0, float(value)))


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
