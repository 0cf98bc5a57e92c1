"""Drafting: the ``Drafter`` seam, the offline extractive drafter and what all drafters share.

The extractive drafter composes a reply in the ticket's language from the sentences of
retrieved articles and past resolutions that answer the question best: greeting with the
customer's first name, the answering sentences, links to the cited articles, a closing. It only
ever quotes indexed text, skips internal notes and anything that looks like another customer's
data, and escalates when the evidence is weak. The LLM drafter (``copilot.chain``) reuses the
evidence, composition and citation helpers here.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from copilot.confidence import (
    NO_RELEVANT_KNOWLEDGE,
    Assessment,
    Calibrate,
    Evidence,
    assess,
    conflicting_facts,
    measure_evidence,
    rescale_similarity,
    salient_terms,
    term_coverage,
)
from copilot.domain import KINDS, Citation, Draft, Kind, SearchFilters, SearchResult, Ticket
from copilot.retrieval import DocumentHits, Retriever
from copilot.settings import DraftingSettings
from copilot.text import content_terms, detect_language, split_sentences, strip_salutations

KNOWLEDGE_IN_OTHER_LANGUAGE = "knowledge_in_other_language"

_PLACEHOLDER = re.compile(r"\[(?:EMAIL|PHONE|IBAN|CARD|IP|NAME|ADDRESS|[A-Z_]{3,})\]")
_INTERNAL = re.compile(
    r"^\s*[\[(]?(?:internal|intern|interne notiz|nur intern|agent note|note to agents?|"
    r"internal note|staff only|nicht an (?:den )?kunden)\b",
    re.IGNORECASE,
)
# An agent-only note inside running text: from its marker to the end of its sentence or line.
_INTERNAL_INLINE = re.compile(
    r"[\[(]?\b(?:internal|intern|interne notiz|nur intern|agent note|internal note|staff only)"
    r"\s*[:\])][^\n]*?(?:[.!?](?=\s|$)|$)",
    re.IGNORECASE | re.MULTILINE,
)
# First-person statements in a past resolution describe what was done for that customer.
_ACTION_CLAIM = re.compile(r"\b(?:I|I've|I'm|I'll|I'd)\b|(?i:\b(?:ich|mir|mich)\b)")
_PERSONAL = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+"  # e-mail addresses
    r"|\+?\d[\d ()/-]{7,}\d"  # phone numbers, account and order numbers
    r"|\b(?:order|bestellung|ticket|invoice|rechnung|kunde|customer)\s*(?:no\.?|nr\.?|#)\s*\w+"
    r"|^\s*(?:hi|hello|dear|hallo|liebe[rs]?|sehr geehrte[rs]?|guten tag)\b"
    r"|^\s*(?:best|kind) regards|^\s*(?:viele|beste|freundliche) grüße|^\s*thanks?,?\s*$",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(
    r"^(?:ab dann|dann|danach|anschließend|dort|dabei|damit|diese[rsnm]?|das|so|"
    r"then|there|this|that|these|those|it|after that|afterwards|once)\b",
    re.IGNORECASE,
)
_INTERNAL_SECTION = re.compile(r"\b(?:internal|intern)\b", re.IGNORECASE)

GREETINGS = {"en": ("Hi {name},", "Hello,"), "de": ("Hallo {name},", "Guten Tag,")}
CLOSINGS = {"en": "Best regards,", "de": "Viele Grüße"}
MORE = {"en": "More details:", "de": "Weitere Informationen:"}
SIGNATURES = {"en": "The {brand} support team", "de": "Ihr {brand}-Support-Team"}
HOLDING = {
    "en": "Thank you for your message. A colleague is looking into this and will get back to you.",
    "de": "Vielen Dank für Ihre Nachricht. Eine Kollegin oder ein Kollege kümmert sich darum "
    "und meldet sich bei Ihnen.",
}


class Drafter(Protocol):
    """Anything that turns a ticket into a ``Draft`` (extractive or LLM)."""

    def draft(self, ticket: Ticket, *, filters: SearchFilters | None = None) -> Draft:
        """A draft for ``ticket`` from knowledge that passes ``filters``."""
        ...


@dataclass(frozen=True)
class Sentence:
    """A candidate answer sentence and where it came from."""

    text: str
    hit: SearchResult
    order: int


def reply_language(ticket: Ticket) -> str:
    """The language to answer in: the ticket's own (given or detected), English otherwise."""
    lang = ticket.lang or detect_language(ticket.text)
    return lang if lang in GREETINGS else "en"


def compose_reply(
    ticket: Ticket,
    *,
    lang: str,
    body: str,
    citations: Sequence[Citation],
    brand: str,
    public: frozenset[str] = frozenset(),
) -> str:
    """Greeting with the customer's first name, the body, links, a closing.

    Only citations whose document id is in ``public`` (help-center articles) are linked:
    wiki pages and past tickets are internal and their addresses must not reach customers.
    """
    named, anonymous = GREETINGS[lang]
    first = (ticket.customer_name or "").split()[0] if (ticket.customer_name or "").split() else ""
    lines = [named.format(name=first) if first else anonymous, "", body or HOLDING[lang]]
    links = [f"- {c.title}: {c.url}" for c in citations if c.url and c.doc_id in public]
    if links:
        lines += ["", MORE[lang], *links]
    lines += ["", CLOSINGS[lang], SIGNATURES[lang].format(brand=brand)]
    return "\n".join(lines)


def usable_text(hit: SearchResult) -> str:
    """The part of a passage a reply may draw on: a ticket's resolution, no internal notes."""
    chunk = hit.chunk
    if _INTERNAL_SECTION.search(chunk.heading):
        return ""
    text = chunk.text
    if chunk.kind == "ticket":
        _, found, resolution = text.partition("Resolution:")
        text = resolution if found else ""
    kept = "\n".join(line for line in text.splitlines() if not _INTERNAL.match(line))
    return _INTERNAL_INLINE.sub("", kept)


def usable_sentence(sentence: str, *, from_ticket: bool) -> bool:
    """A sentence fit to send: not a question, a note, a greeting or someone's personal data.

    Past resolutions were written to one customer: any address, number or salutation in them
    belongs to that customer, so such sentences are never reused.
    """
    words = sentence.split()
    return (
        3 <= len(words) <= 80
        and not _PLACEHOLDER.search(sentence)
        and not _INTERNAL.match(sentence)
        and not (from_ticket and (_PERSONAL.search(sentence) or _ACTION_CLAIM.search(sentence)))
        and not sentence.rstrip().endswith("?")
    )


KNOWLEDGE_KINDS: tuple[Kind, ...] = ("article", "wiki")
PAST_TICKETS = 2


def retrieve_for_draft(
    retriever: Retriever,
    query: str,
    *,
    docs: int,
    filters: SearchFilters | None,
    candidates: int | None = None,
) -> list[DocumentHits]:
    """Articles and wiki pages first, then the closest past tickets.

    Searched apart because a past ticket phrased like the new one outscores the article that
    actually answers it, while a draft should lean on the canonical source.
    """
    base = filters or SearchFilters()
    wanted = set(base.kinds or KINDS)
    groups: list[DocumentHits] = []
    knowledge = tuple(k for k in KNOWLEDGE_KINDS if k in wanted)
    if knowledge:
        only = dataclasses.replace(base, kinds=knowledge)
        groups += retriever.search_documents(query, k=docs, filters=only, candidates=candidates)
    if "ticket" in wanted:
        only = dataclasses.replace(base, kinds=("ticket",))
        groups += retriever.search_documents(
            query, k=PAST_TICKETS, filters=only, candidates=candidates
        )
    return groups


def top_agreement(groups: Sequence[DocumentHits], *, used_doc: str | None) -> float:
    """1 when dense and lexical retrieval both rank the used document first, else 0."""
    best = next((g for g in groups if g.doc_id == used_doc), None)
    if best is None:
        return 0.0
    return float(best.signals.dense_rank == 1 and best.signals.lexical_rank == 1)


def draft_evidence(
    retriever: Retriever,
    question: str,
    passage: str,
    *,
    groups: Sequence[DocumentHits],
    used: Sequence[SearchResult],
    similarity: float,
    lang: str,
    filters: SearchFilters | None,
    grounding_share: float | None = None,
    sufficient: float | None = None,
) -> Evidence:
    """Every evidence signal of a draft that leans on ``used`` passages (text ``passage``).

    ``similarity`` is the raw dense cosine of the best used passage; IDF weights come from
    the knowledge visible under ``filters``.
    """
    used_doc = used[0].chunk.doc_id if used else None
    agreement, margin = retrieval_evidence(groups, used_doc=used_doc)
    coverage = term_coverage(question, passage, lang=lang)
    weights = retriever.term_weights(salient_terms(question, lang), filters=filters)
    return measure_evidence(
        question,
        passage,
        lang=lang,
        similarity=rescale_similarity(similarity) if retriever.reads(lang) else coverage,
        agreement=agreement,
        margin=margin,
        top_agree=top_agreement(groups, used_doc=used_doc),
        weights=weights,
        from_ticket=bool(used) and all(h.chunk.kind == "ticket" for h in used),
        grounding_share=grounding_share,
        sufficient=sufficient,
    )


def retrieval_evidence(
    groups: Sequence[DocumentHits], *, used_doc: str | None
) -> tuple[float, float]:
    """``(agreement, margin)`` of the document the draft leans on."""
    if not groups:
        return 0.0, 0.0
    best = next((g for g in groups if g.doc_id == used_doc), groups[0])
    ranks = [r for r in (best.signals.dense_rank, best.signals.lexical_rank)]
    known = [r for r in ranks if r is not None]
    agreement = 0.5 if len(known) < 2 else sum(0.5 for r in known if r <= 3)
    top = groups[0].score
    second = groups[1].score if len(groups) > 1 else 0.0
    margin = (top - second) / top if top > 0 else 0.0
    if best is not groups[0]:
        margin = 0.0
    return float(agreement), float(min(1.0, max(0.0, margin)))


class ExtractiveDrafter:
    """Builds a draft only from retrieved text; never invents content.

    ``calibrate`` maps the raw evidence score (``copilot.confidence.raw_score``) to a
    calibrated probability; without it the draft's confidence is the raw score.
    """

    def __init__(
        self,
        retriever: Retriever,
        *,
        settings: DraftingSettings,
        docs: int = 3,
        calibrate: Calibrate | None = None,
    ) -> None:
        self.retriever = retriever
        self.settings = settings
        self.docs = docs
        self.calibrate = calibrate

    def draft(self, ticket: Ticket, *, filters: SearchFilters | None = None) -> Draft:
        """A draft for ``ticket`` from knowledge that passes ``filters``."""
        lang = reply_language(ticket)
        question = strip_salutations(ticket.text)
        groups = retrieve_for_draft(
            self.retriever,
            question,
            docs=self.docs,
            filters=filters,
            candidates=self.settings.candidates,
        )
        retrieved = tuple(p for g in groups for p in g.passages[:1])
        candidates = _candidates(groups)
        in_lang = [c for c in candidates if (c.hit.chunk.lang or lang) == lang]
        picked, similarity = self._pick(question, in_lang, lang)
        extra = [KNOWLEDGE_IN_OTHER_LANGUAGE] if candidates and not in_lang else []
        assessment = self._assess(question, groups, picked, similarity, lang, extra, filters)
        if NO_RELEVANT_KNOWLEDGE in assessment.reasons:
            picked = []  # unrelated sentences help nobody: a holding reply instead
        citations = citations_for(picked)
        if not picked and candidates and not in_lang:
            citations = citations_for(candidates[:1])
        body = " ".join(c.text for c in picked)
        return Draft(
            text=compose_reply(
                ticket,
                lang=lang,
                body=body,
                citations=citations,
                brand=self.settings.brand,
                public=public_docs(picked or candidates[:1]),
            ),
            citations=tuple(citations),
            confidence=assessment.confidence,
            escalate=assessment.escalate or not picked,
            reasons=assessment.reasons,
            lang=lang,
            retrieved=retrieved,
            raw_confidence=assessment.raw,
            features=assessment.features,
        )

    def _pick(
        self, query: str, candidates: list[Sentence], lang: str
    ) -> tuple[list[Sentence], float]:
        if not candidates:
            return [], 0.0
        embedder = self.retriever.embedder
        q = embedder.embed_query(query)
        vecs = embedder.embed_documents([f"{c.hit.chunk.title}: {c.text}" for c in candidates])
        sims = vecs @ q
        terms = content_terms(query, lang)
        overlap = np.array([_overlap(terms, c, lang) for c in candidates])
        weight = 1.0 if self.retriever.reads(lang) else 0.3
        # Articles are the canonical answer; a past resolution was written for one customer.
        canonical = np.array([0.05 if c.hit.chunk.kind != "ticket" else 0.0 for c in candidates])
        score = weight * sims + 0.5 * overlap + _doc_rank_bonus(candidates) + canonical
        best = float(score.max())
        chosen: list[Sentence] = []
        docs: set[str] = set()
        for i in np.argsort(-score, kind="stable"):
            cand = candidates[int(i)]
            if float(score[i]) < best - 0.12 or len(chosen) >= self.settings.max_sentences:
                break
            if cand.hit.chunk.doc_id not in docs and len(docs) >= 2:
                continue
            if any(_same(cand.text, c.text, lang) for c in chosen):
                continue
            chosen.append(cand)
            docs.add(cand.hit.chunk.doc_id)
        chosen.sort(key=lambda c: c.order)
        picked_sims = [float(sims[candidates.index(c)]) for c in chosen]
        return chosen, max(picked_sims, default=0.0)

    def _assess(
        self,
        question: str,
        groups: list[DocumentHits],
        picked: list[Sentence],
        similarity: float,
        lang: str,
        extra: list[str],
        filters: SearchFilters | None = None,
    ) -> Assessment:
        if not picked:
            return assess(
                None,
                question=question,
                threshold=self.settings.threshold,
                extra_reasons=extra,
            )
        evidence_text = " ".join(
            f"{c.hit.chunk.title} {c.hit.chunk.heading} {c.text}" for c in picked
        )
        evidence = draft_evidence(
            self.retriever,
            question,
            evidence_text,
            groups=groups,
            used=[c.hit for c in picked],
            similarity=similarity,
            lang=lang,
            filters=filters,
        )
        return assess(
            evidence,
            question=question,
            threshold=self.settings.threshold,
            calibrate=self.calibrate,
            conflicting=conflicting_facts((c.hit.chunk.doc_id, c.text) for c in picked),
            extra_reasons=extra,
        )


def _candidates(groups: Sequence[DocumentHits]) -> list[Sentence]:
    out: list[Sentence] = []
    for group in groups:
        for hit in group.passages[:3]:
            previous = ""
            for sentence in split_sentences(usable_text(hit)):
                if not usable_sentence(sentence, from_ticket=hit.chunk.kind == "ticket"):
                    previous = ""
                    continue
                # "Then click Save." means nothing alone: keep the sentence it follows.
                if _ANAPHOR.match(sentence):
                    if not previous:
                        continue
                    sentence = f"{previous} {sentence}"
                out.append(Sentence(sentence, hit, len(out)))
                previous = sentence
    return out


def _doc_rank_bonus(candidates: Sequence[Sentence]) -> np.ndarray[tuple[int], np.dtype[np.float64]]:
    """A small preference for sentences of higher-ranked documents (retrieval saw more)."""
    order: dict[str, int] = {}
    for c in candidates:
        order.setdefault(c.hit.chunk.doc_id, len(order))
    return np.array([0.04 * max(0, 2 - order[c.hit.chunk.doc_id]) for c in candidates])


def _overlap(terms: set[str], sentence: Sentence, lang: str) -> float:
    if not terms:
        return 0.0
    # The sentence's own words: every sentence of a passage shares its title and heading.
    return len(terms & content_terms(sentence.text, lang)) / len(terms)


def _same(a: str, b: str, lang: str) -> bool:
    ta, tb = content_terms(a, lang), content_terms(b, lang)
    return bool(ta) and len(ta & tb) / len(ta | tb) > 0.8


def public_docs(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Ids of the help-center articles among the sentences' sources (safe to link)."""
    return frozenset(s.hit.chunk.doc_id for s in sentences if s.hit.chunk.kind == "article")


def citations_for(picked: Sequence[Sentence]) -> list[Citation]:
    """One citation per document a draft used, quoting the first sentence taken from it."""
    seen: dict[str, Citation] = {}
    for s in picked:
        chunk = s.hit.chunk
        if chunk.doc_id not in seen:
            seen[chunk.doc_id] = Citation(chunk.doc_id, chunk.title, chunk.url, s.text)
    return list(seen.values())
