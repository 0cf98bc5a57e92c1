"""Judges: does a draft give the same answer as the human resolution?

The default judge compares answer *content* semantically: the draft's answer sentences (no
greeting, links or signature) and the resolution are embedded and compared by cosine. When an
LLM is configured, ``LLMJudge`` applies the written rubric below instead and returns its
verdict; its prompt hash goes into the run manifest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from copilot.backends.embedder import Embedder
from copilot.drafting import CLOSINGS, GREETINGS, HOLDING, MORE, SIGNATURES, signature
from copilot.text import content_terms

log = logging.getLogger(__name__)

RUBRIC = """You compare a draft support reply with the reply a human agent actually sent.
Judge only the answer's substance, not tone, greeting, length or links.

Score:
2 = the draft gives the same answer: the steps, facts or decision the customer needs match the
    human reply, and nothing in the draft contradicts it.
1 = partly: the draft is on the right topic and helps, but misses a step or fact the human reply
    gives, or adds one the human reply does not support.
0 = different: the draft answers another question, contradicts the human reply, or the human
    reply needed an action on the customer's account that the draft cannot perform.

Answer with one JSON object and nothing else:
{"score": 0|1|2, "reason": "<one sentence>"}"""

_JSON = re.compile(r"\{.*\}", re.DOTALL)
_BOILERPLATE = {
    *(g for pair in GREETINGS.values() for g in pair),
    *CLOSINGS.values(),
    *MORE.values(),
    *HOLDING.values(),
}


@dataclass(frozen=True)
class Judgement:
    """How well a draft agrees with the human resolution, in [0, 1]."""

    score: float
    agreed: bool
    method: str
    reason: str = ""
    signals: dict[str, float] = field(default_factory=dict)


class Judge(Protocol):
    """Compares a draft's answer with the human resolution of the same ticket."""

    @property
    def name(self) -> str:
        """Short name recorded in the manifest."""
        ...

    def judge(self, *, question: str, answer: str, resolution: str, lang: str = "en") -> Judgement:
        """The agreement between ``answer`` and ``resolution`` (both in ``lang``)."""
        ...


def answer_text(draft_text: str, *, brand: str = "") -> str:
    """The answering part of a reply: without greeting, link list, closing or signature."""
    signatures = {signature(lang, brand=brand) for lang in SIGNATURES}
    kept = []
    for line in draft_text.splitlines():
        stripped = line.strip()
        if not stripped or stripped in _BOILERPLATE or stripped in signatures:
            continue
        if stripped.startswith("- ") and "http" in stripped:
            continue
        if re.fullmatch(r"(?:Hi|Hallo|Guten Tag) [^,]{1,40},", stripped):
            continue
        kept.append(stripped)
    return " ".join(kept)


_SALUTATION = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|liebe[rs]?|"
    r"sehr geehrte[rs]?|guten (?:tag|morgen|abend)|moin)\b[^.!?]{0,60}[,!]?\s*$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^\s*(?:best|kind|warm)?\s*(?:regards|wishes|cheers|thanks|thank you|many thanks|"
    r"viele grüße|beste grüße|freundliche grüße|mit freundlichen grüßen|lg|vg|mfg|danke)\b",
    re.IGNORECASE,
)


def resolution_content(resolution: str) -> str:
    """The substance of a human reply: without salutation, sign-off and the agent's name."""
    kept: list[str] = []
    for line in resolution.splitlines():
        stripped = line.strip()
        if not stripped or _SALUTATION.match(stripped):
            continue
        if _SIGN_OFF.match(stripped):
            break  # everything after the sign-off is a name or a signature
        kept.append(stripped)
    return " ".join(kept) or resolution.strip()


def term_recall(answer: str, resolution: str, *, lang: str) -> float:
    """Share of the resolution's key terms (stemmed content words) that the answer contains."""
    wanted = content_terms(resolution, lang)
    if not wanted:
        return 0.0
    found = content_terms(answer, lang) | content_terms(answer, "en")
    return len(wanted & found) / len(wanted)


class EmbeddingJudge:
    """Compares answer content semantically: embedding cosine of answer and resolution.

    For a language the embedder does not read (``dense_langs``), cosine says little, so the
    share of the resolution's key terms that the answer contains is used instead. Both are
    recorded as signals; ``agreed`` is the chosen score at ``threshold``.
    """

    name = "embedding-cosine"

    def __init__(
        self,
        embedder: Embedder,
        *,
        threshold: float,
        lexical_threshold: float = 0.4,
        dense_langs: Sequence[str] | None = None,
    ) -> None:
        self.embedder = embedder
        self.threshold = threshold
        self.lexical_threshold = lexical_threshold
        self.dense_langs = None if dense_langs is None else tuple(dense_langs)

    def judge(self, *, question: str, answer: str, resolution: str, lang: str = "en") -> Judgement:
        if not answer.strip():
            return Judgement(0.0, False, self.name, "no answer")
        content = resolution_content(resolution)
        vectors = self.embedder.embed_documents([answer, content])
        cosine = float(np.clip(np.dot(vectors[0], vectors[1]), 0.0, 1.0))
        recall = term_recall(answer, content, lang=lang)
        signals = {"cosine": round(cosine, 4), "term_recall": round(recall, 4)}
        if self.dense_langs is not None and lang not in self.dense_langs:
            return Judgement(recall, recall >= self.lexical_threshold, "term-recall", "", signals)
        return Judgement(cosine, cosine >= self.threshold, self.name, "", signals)


class LLMJudge:
    """Asks a LangChain chat model to score agreement with ``RUBRIC`` (0, 1 or 2)."""

    name = "llm-rubric"

    def __init__(self, model: Any, *, fallback: Judge | None = None) -> None:
        self.model = model
        self.fallback = fallback

    def judge(self, *, question: str, answer: str, resolution: str, lang: str = "en") -> Judgement:
        from langchain_core.messages import HumanMessage, SystemMessage

        from copilot.backends.llm import invoke_chat
        from copilot.errors import CopilotError

        prompt = (
            f"Customer question:\n{question}\n\nHuman agent reply:\n{resolution}\n\n"
            f"Draft reply:\n{answer or '(empty)'}"
        )
        messages = [SystemMessage(RUBRIC), HumanMessage(prompt)]
        try:
            score, reason = parse_rubric_reply(invoke_chat(self.model, messages, where="judge"))
        except (CopilotError, ValueError, KeyError) as exc:
            if self.fallback is None:
                raise
            # One unreadable verdict must not stop a long replay: fall back and say so.
            log.warning("LLM judge failed (%s); using %s", exc, self.fallback.name)
            return self.fallback.judge(
                question=question, answer=answer, resolution=resolution, lang=lang
            )
        return Judgement(score / 2.0, score == 2, self.name, reason)


def parse_rubric_reply(text: str) -> tuple[int, str]:
    """``(score, reason)`` from the judge's JSON reply; ``ValueError`` when it is not one."""
    match = _JSON.search(text)
    if not match:
        raise ValueError(f"judge reply holds no JSON object: {text[:80]!r}")
    data = json.loads(match.group(0))
    score = int(data["score"])
    if score not in (0, 1, 2):
        raise ValueError(f"judge score {score} is not 0, 1 or 2")
    return score, str(data.get("reason", ""))


def prompt_hash(*texts: str) -> str:
    """SHA-256 of the prompts a run used (for the manifest)."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode())
        digest.update(b"\0")
    return digest.hexdigest()
