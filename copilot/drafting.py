"""Drafting: the offline extractive drafter.

It composes a reply in the ticket's language from the sentences of retrieved articles and past
resolutions that answer the question best: greeting, answer sentences, links to the cited
articles, closing. It only ever quotes indexed text, skips internal notes and anything that
looks like another customer's data, and escalates when the evidence is weak.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from copilot.domain import Citation, Draft, SearchFilters, SearchResult, Ticket
from copilot.retrieval import DocumentHits, Retriever
from copilot.settings import DraftingSettings
from copilot.text import detect_language, split_sentences, tokenize

_PLACEHOLDER = re.compile(r"\[(?:EMAIL|PHONE|IBAN|CARD|IP|NAME)\]")
_INTERNAL = re.compile(r"^\s*(?:internal|intern|nur intern|agent note)\b", re.IGNORECASE)
_ACCOUNT_ACTION = re.compile(
    r"\b(refund|money back|charged twice|double charge|cancel (?:my|the) (?:account|subscription)"
    r"|rückerstatt\w*|erstattung|geld zurück|doppelt (?:abgebucht|belastet)|kündig\w*)\b",
    re.IGNORECASE,
)

GREETINGS = {"en": ("Hi {name},", "Hello,"), "de": ("Hallo {name},", "Guten Tag,")}
CLOSINGS = {"en": "Best regards,", "de": "Viele Grüße"}
MORE = {"en": "More details:", "de": "Weitere Informationen:"}
SIGNATURES = {"en": "The {brand} support team", "de": "Ihr {brand}-Support-Team"}


@dataclass(frozen=True)
class Sentence:
    """A candidate answer sentence and where it came from."""

    text: str
    hit: SearchResult
    order: int


class ExtractiveDrafter:
    """Builds a draft only from retrieved text; never invents content."""

    def __init__(
        self,
        retriever: Retriever,
        *,
        settings: DraftingSettings,
        docs: int = 3,
        calibrate: Callable[[float], float] | None = None,
    ) -> None:
        self.retriever = retriever
        self.settings = settings
        self.docs = docs
        # Maps the raw evidence score to a calibrated probability (fitted by replay runs).
        self.calibrate = calibrate or (lambda raw: raw)

    def draft(self, ticket: Ticket, *, filters: SearchFilters | None = None) -> Draft:
        """A draft for ``ticket`` from knowledge that passes ``filters``."""
        lang = ticket.lang or detect_language(ticket.text)
        lang = lang if lang in GREETINGS else "en"
        groups = self.retriever.search_documents(ticket.text, k=self.docs, filters=filters)
        retrieved = tuple(p for g in groups for p in g.passages[:1])
        picked, similarity = self._pick_sentences(ticket.text, groups, lang)
        confidence, reasons = self._confidence(ticket.text, picked, similarity)
        escalate = confidence < self.settings.threshold
        if not picked:
            return Draft(
                text=self._compose(ticket, lang, [], []),
                citations=(),
                confidence=confidence,
                escalate=True,
                reasons=tuple(reasons),
                lang=lang,
                retrieved=retrieved,
            )
        citations = _citations(picked)
        return Draft(
            text=self._compose(ticket, lang, picked, citations),
            citations=tuple(citations),
            confidence=confidence,
            escalate=escalate,
            reasons=tuple(reasons),
            lang=lang,
            retrieved=retrieved,
        )

    def _pick_sentences(
        self, query: str, groups: list[DocumentHits], lang: str
    ) -> tuple[list[Sentence], float]:
        candidates = _candidates(groups)
        if not candidates:
            return [], 0.0
        embedder = self.retriever.embedder
        q = embedder.embed_query(query)
        vecs = embedder.embed_documents([f"{c.hit.chunk.title}: {c.text}" for c in candidates])
        sims = vecs @ q
        bonus = np.array([0.03 if c.hit.chunk.lang == lang else 0.0 for c in candidates])
        score = sims + bonus
        best = float(score.max())
        order = np.argsort(-score, kind="stable")
        chosen: list[Sentence] = []
        docs: set[str] = set()
        for i in order:
            cand = candidates[int(i)]
            if float(score[i]) < best - 0.12 or len(chosen) >= self.settings.max_sentences:
                break
            if cand.hit.chunk.doc_id not in docs and len(docs) >= 2:
                continue
            if any(_same(cand.text, c.text) for c in chosen):
                continue
            chosen.append(cand)
            docs.add(cand.hit.chunk.doc_id)
        chosen.sort(key=lambda c: c.order)
        return chosen, float(sims.max())

    def _confidence(
        self, query: str, picked: list[Sentence], similarity: float
    ) -> tuple[float, list[str]]:
        reasons: list[str] = []
        if _ACCOUNT_ACTION.search(query):
            reasons.append("needs_account_action")
        if not picked:
            reasons.append("no_relevant_knowledge")
            return 0.0, reasons
        terms = set(tokenize(query, detect_language(query)))
        evidence = set(tokenize(" ".join(f"{c.hit.chunk.title} {c.text}" for c in picked)))
        evidence |= set(tokenize(" ".join(c.text for c in picked), "de"))
        coverage = len(terms & evidence) / len(terms) if terms else 0.0
        sim_part = float(np.clip((similarity - 0.25) / 0.45, 0.0, 1.0))
        confidence = self.calibrate(0.75 * sim_part + 0.25 * coverage)
        if "needs_account_action" in reasons:
            confidence = min(confidence, 0.3)
        if sim_part < 0.35:
            reasons.append("no_relevant_knowledge")
        elif confidence < self.settings.threshold:
            reasons.append("weak_evidence")
        return round(confidence, 4), reasons

    def _compose(
        self, ticket: Ticket, lang: str, picked: list[Sentence], citations: list[Citation]
    ) -> str:
        named, anonymous = GREETINGS[lang]
        first = (ticket.customer_name or "").split()[0] if ticket.customer_name else ""
        lines = [named.format(name=first) if first else anonymous, ""]
        if picked:
            lines.append(" ".join(c.text for c in picked))
        links = [f"- {c.title}: {c.url}" for c in citations if c.url]
        if links:
            lines += ["", MORE[lang], *links]
        sign = SIGNATURES[lang].format(brand=self.settings.brand)
        lines += ["", CLOSINGS[lang], sign]
        return "\n".join(lines)


def _candidates(groups: list[DocumentHits]) -> list[Sentence]:
    out: list[Sentence] = []
    for group in groups:
        for hit in group.passages[:3]:
            text = hit.chunk.text
            if hit.chunk.kind == "ticket":
                _, _, text = text.partition("Resolution:")
            for sentence in split_sentences(text):
                if _usable(sentence):
                    out.append(Sentence(sentence, hit, len(out)))
    return out


def _usable(sentence: str) -> bool:
    words = sentence.split()
    return (
        3 <= len(words) <= 80
        and not _PLACEHOLDER.search(sentence)
        and not _INTERNAL.match(sentence)
        and not sentence.rstrip().endswith("?")
    )


def _same(a: str, b: str) -> bool:
    ta, tb = set(tokenize(a)), set(tokenize(b))
    return bool(ta) and len(ta & tb) / len(ta | tb) > 0.8


def _citations(picked: list[Sentence]) -> list[Citation]:
    seen: dict[str, Citation] = {}
    for s in picked:
        chunk = s.hit.chunk
        if chunk.doc_id not in seen:
            seen[chunk.doc_id] = Citation(chunk.doc_id, chunk.title, chunk.url, s.text)
    return list(seen.values())
