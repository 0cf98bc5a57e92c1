"""Drafting: the ``Drafter`` seam, the offline extractive drafter and what all drafters share.

The extractive drafter answers the way a good agent quotes the help center: it picks the one
passage unit that answers (a heading section, a numbered procedure with the line leading into
it, or the reusable part of a past resolution, see ``copilot.passages``), quotes it whole and
in order, procedures as numbered lists, opens with a sentence that stands on its own, and
wraps it in a greeting with the customer's first name, links to the cited articles and a
closing, in the ticket's language. It only ever quotes indexed text: never internal notes (the
agent gets them apart, in ``Draft.internal_notes``), never another customer's data, never
knowledge that addresses an assistant, holds a credential or promises money
(``copilot.safety``); and it escalates when the evidence is weak. The LLM drafter
(``copilot.chain``) reuses the evidence, composition and citation helpers here.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from copilot.backends.embedder import Vectors
from copilot.backends.lexical_index import ChunkStore, PassageVectorStore
from copilot.confidence import (
    INTERNAL_GUIDANCE,
    NO_RELEVANT_KNOWLEDGE,
    SUSPICIOUS_SOURCE,
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
from copilot.domain import KINDS, Chunk, Citation, Draft, Kind, SearchFilters, SearchResult, Ticket
from copilot.passages import (
    Block,
    Passage,
    Section,
    blocks_of,
    internal_notes,
    passage_key,
    section_units,
    sections_of,
)
from copilot.retrieval import DocumentHits, Retriever
from copilot.safety import (
    clean_markup,
    greeting_name,
    is_internal_heading,
    is_internal_line,
    is_untrusted,
    safe_url,
)
from copilot.settings import DraftingSettings
from copilot.text import (
    TITLES,
    content_terms,
    detect_language,
    split_sentences,
    strip_salutations,
)

KNOWLEDGE_IN_OTHER_LANGUAGE = "knowledge_in_other_language"
# Instead of ``no_relevant_knowledge`` when the embedder does not read the ticket's language:
# only documents in that language were searched, by their words, so "nothing answers" would
# claim more than was looked at (an English-only model and a German question).
LANGUAGE_NOT_READ = "language_not_read"
# The extractive drafter's own reason codes, beside ``copilot.confidence.REASON_CODES``.
DRAFTER_REASON_CODES = (KNOWLEDGE_IN_OTHER_LANGUAGE, LANGUAGE_NOT_READ)

_PLACEHOLDER = re.compile(r"\[(?:EMAIL|PHONE|IBAN|CARD|IP|NAME|ADDRESS|[A-Z_]{3,})\]")
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
# A sentence that leans on something said before it ("Then click Save.", "Sie versenden sie
# ...", "Most shop owners connect it ..."): it cannot open a reply.
_ANAPHOR_START = re.compile(
    r"^(?:ab dann|dann|danach|anschließend|dort|dabei|damit|diese[rsnm]?|das|so|also|auch|"
    r"then|there|this|that|these|those|it|its|they|them|after that|afterwards|once|also|"
    r"alternatively|however|otherwise|in this case|alternativ|außerdem|sonst|ansonsten)\b",
    re.IGNORECASE,
)
_ANAPHOR_EARLY = {
    "en": re.compile(r"\b(?:it|its|they|them|these|those|this one|there)\b"),
    "de": re.compile(r"\b(?:sie|es|ihn|ihm|diese[nmrs]?|dort|dabei|damit|dafür|davon)\b"),
}
_HOW_QUESTION = re.compile(
    r"\b(?:how (?:do|can|to|should|would)|what are the steps|steps? to|what do i (?:need to )?do"
    r"|where (?:do|can) i|wie (?:kann|können|muss|müssen|soll|sollen|geht|lege|richte|ändere|"
    r"mache|funktioniert)|wie\b.*\?|was muss ich (?:tun|machen)|wo (?:kann|finde)|anleitung)",
    re.IGNORECASE,
)
# English headings that start with a verb read as "Here is how to <heading>:".
_VERB_HEADING = re.compile(
    r"^(?:activate|add|archive|assign|book|cancel|change|check|choose|close|connect|convert|"
    r"copy|create|customi[sz]e|deactivate|delete|disable|download|edit|enable|export|find|fix|"
    r"get|give|import|install|invite|issue|link|log|manage|merge|move|open|pay|print|"
    r"reactivate|receive|reconcile|record|remove|rename|renew|request|reset|restore|scan|send|"
    r"set|share|sign|start|stop|submit|switch|track|transfer|turn|undo|unlink|update|upgrade|"
    r"upload|use|verify|view|write)\b",
    re.IGNORECASE,
)
_GERMAN_INFINITIVE = re.compile(r"^[a-zäöüß]+(?:en|ern|eln)$")

_TITLE_WORD = re.compile(rf"(?i:{TITLES})\.?")

# Reply phrases per voice: a language, or "<lang>-du" for the informal German register
# (``drafting.formality``; see ``voice``).
# ``{name}`` is the first name (a title skipped); ``{full}`` the whole name, for the German
# formal register, which addresses a customer by first name only when it says "du": without
# the gender that "Herr"/"Frau" needs, "Guten Tag Jonas Weber," is its neutral form (a
# greeting that needs ``{full}`` falls back to the nameless one when only one name is known).
GREETINGS = {
    "en": ("Hi {name},", "Hello,"),
    "de": ("Guten Tag {full},", "Guten Tag,"),
    "de-du": ("Hi {name},", "Hallo,"),
}
CLOSINGS = {"en": "Best regards,", "de": "Viele Grüße", "de-du": "Liebe Grüße"}
MORE = {"en": "More details:", "de": "Weitere Informationen:", "de-du": "Weitere Informationen:"}
SIGNATURES = {
    "en": "The {brand} support team",
    "de": "Ihr {brand}-Support-Team",
    "de-du": "Dein {brand}-Support-Team",
}
# Without a brand (``drafting.brand = ""``, the default) replies are signed neutrally.
NEUTRAL_SIGNATURES = {
    "en": "The support team",
    "de": "Ihr Support-Team",
    "de-du": "Dein Support-Team",
}
HOLDING = {
    "en": "Thank you for your message. A colleague is looking into this and will get back to you.",
    "de": "Vielen Dank für Ihre Nachricht. Eine Kollegin oder ein Kollege kümmert sich darum "
    "und meldet sich bei Ihnen.",
    "de-du": "Danke für deine Nachricht. Eine Kollegin oder ein Kollege kümmert sich darum "
    "und meldet sich bei dir.",
}
# A reply drawn from a guide in another language: an intro before the quoted passage, and a
# note beside the link that the guide is in that language.
FOREIGN_INTRO = {
    "en": "Our guide on this explains:",
    "de": "Unsere Anleitung dazu erklärt es so:",
    "de-du": "Unsere Anleitung dazu erklärt es so:",
}
FOREIGN_SOURCE = {
    "en": "The linked guide is in {language}.",
    "de": "Die verlinkte Anleitung ist auf {language}.",
    "de-du": "Die verlinkte Anleitung ist auf {language}.",
}
LANGUAGE_IN = {
    "en": {"en": "English", "de": "German"},
    "de": {"en": "Englisch", "de": "Deutsch"},
}
# Openings for a passage whose own first line cannot stand alone (a list, an anaphor).
FRAMES = {
    "en": {
        "how": "Here is how to {topic}:",
        "steps": 'Here are the steps for "{topic}":',
        "about": 'About "{topic}":',
    },
    "de": {
        "how": "So können Sie {topic}:",
        "steps": "So gehen Sie vor („{topic}“):",
        "about": "Zu „{topic}“:",
    },
    "de-du": {
        "how": "So kannst du {topic}:",
        "steps": "So gehst du vor („{topic}“):",
        "about": "Zu „{topic}“:",
    },
}
CLOSE = 0.12  # units scoring this close to the best were contenders too
HOW_STEPS_BONUS = 0.08  # "how do I ...?" is best answered by a procedure
RECHECK = 2  # the best units by pooled vectors, re-scored with their own (``_choose``)


def voice(lang: str, formality: Mapping[str, str] | None = None) -> str:
    """The key of the reply phrases for ``lang`` in the configured register."""
    register = (formality or {}).get(lang, "")
    informal = f"{lang}-du"
    return informal if register == "du" and informal in GREETINGS else lang


class Drafter(Protocol):
    """Anything that turns a ticket into a ``Draft`` (extractive or LLM)."""

    def draft(self, ticket: Ticket, *, filters: SearchFilters | None = None) -> Draft:
        """A draft for ``ticket`` from knowledge that passes ``filters``."""
        ...


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
    formality: Mapping[str, str] | None = None,
    source_lang: str | None = None,
) -> str:
    """Greeting with the customer's name (``GREETINGS``), the body, links, a closing.

    Only citations whose document id is in ``public`` (help-center articles) and whose URL
    is a plain http(s) address are linked: wiki pages and past tickets are internal and
    their addresses must not reach customers. A name that is not made of letters, spaces,
    hyphens, apostrophes and dots is not used (the nameless greeting instead).
    ``formality`` picks the register per language (German "sie" or "du"). A ``source_lang``
    other than ``lang`` means the body quotes a guide in that language: the reply introduces
    it in ``lang`` and says that the linked guide is in the other language.
    """
    key = voice(lang, formality)
    full = greeting_name(ticket.customer_name)
    foreign = bool(body) and source_lang not in (None, lang)
    text = f"{FOREIGN_INTRO[key]}\n\n{body}" if foreign else body
    lines = [_greeting(key, full), "", text or HOLDING[key]]
    links = [
        f"- {clean_markup(c.title)}: {url}"
        for c in citations
        if c.doc_id in public and (url := safe_url(c.url))
    ]
    if links:
        lines += ["", MORE[key], *links]
    if foreign and source_lang and links:
        language = LANGUAGE_IN.get(lang, LANGUAGE_IN["en"]).get(source_lang, source_lang)
        lines += ["", FOREIGN_SOURCE[key].format(language=language)]
    lines += ["", CLOSINGS[key], signature(key, brand=brand)]
    return "\n".join(lines)


def _greeting(key: str, full: str) -> str:
    """The greeting of voice ``key`` for a customer called ``full`` (may be "")."""
    named, anonymous = GREETINGS[key]
    words = full.split()
    given = [w for w in words if not _TITLE_WORD.fullmatch(w)]
    if not given or ("{full}" in named and len(words) < 2):
        return anonymous
    return named.format(name=given[0], full=full)


def signature(lang: str, *, brand: str) -> str:
    """``The Acme support team``; ``The support team`` when ``brand`` is empty."""
    brand = brand.strip()
    return SIGNATURES[lang].format(brand=brand) if brand else NEUTRAL_SIGNATURES[lang]


def usable_text(hit: SearchResult) -> str:
    """The part of a passage a reply may draw on: a ticket's resolution, no internal notes."""
    chunk = hit.chunk
    if is_internal_heading(chunk.heading):
        return ""
    text = chunk.text
    if chunk.kind == "ticket":
        _, found, resolution = text.partition("Resolution:")
        text = resolution if found else ""
    kept = [line for line in text.splitlines() if not is_internal_line(line)]
    return "\n".join(_INLINE_NOTE.sub("", line) for line in kept)


_INLINE_NOTE = re.compile(
    r"[\[(]?\b(?:internal|intern|interne notiz|nur intern|agent note|internal note|staff only|"
    r"agent only)\s*[:\])][^\n]*",
    re.IGNORECASE,
)


def usable_sentence(sentence: str, *, from_ticket: bool) -> bool:
    """A sentence fit to send: not a question, a note, a greeting or someone's personal data.

    Past resolutions were written to one customer: any address, number or salutation in them
    belongs to that customer, so such sentences are never reused.
    """
    words = sentence.split()
    return (
        3 <= len(words) <= 80
        and not _PLACEHOLDER.search(sentence)
        and not is_internal_line(sentence)
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
    if "ticket" in wanted and retriever.may_hold("ticket"):
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
    source_lang: str | None = None,
    own_language_knowledge: bool = False,
) -> Evidence:
    """Every evidence signal of a draft that leans on ``used`` passages (text ``passage``).

    ``similarity`` is the raw dense cosine of the best used passage; IDF weights come from
    the knowledge visible under ``filters``. A ``source_lang`` other than ``lang`` means a
    guide in another language, read by a multilingual embedder: key terms rarely match across
    languages (product names and numbers do), so the "no relevant knowledge" rule reads the
    dense similarity as the passage's topic coverage, and the question's words are not taken
    as unseen by the knowledge, unless ``own_language_knowledge``: the knowledge also holds
    documents in ``lang``, so its vocabulary has the question's words and a key term no
    document holds still means a gap. The coverage features stay what they measure (the
    shared names and numbers): copying the similarity into them made a cross-language draft
    look four times as certain as its one signal, and a fitted model weighs
    ``foreign_similarity`` on its own instead.
    """
    used_doc = used[0].chunk.doc_id if used else None
    agreement, margin = retrieval_evidence(groups, used_doc=used_doc)
    coverage = term_coverage(question, passage, lang=lang)
    weights = retriever.term_weights(salient_terms(question, lang), filters=filters)
    across = source_lang not in (None, lang)
    dense = rescale_similarity(retriever.comparable(similarity, across=across))
    evidence = measure_evidence(
        question,
        passage,
        lang=lang,
        similarity=dense if retriever.reads(lang) else coverage,
        title=used[0].chunk.title if used else "",
        dense_read=retriever.reads(lang),
        agreement=agreement,
        margin=margin,
        top_agree=top_agreement(groups, used_doc=used_doc),
        weights=weights,
        from_ticket=bool(used) and all(h.chunk.kind == "ticket" for h in used),
        grounding_share=grounding_share,
        sufficient=sufficient,
    )
    if source_lang in (None, lang):
        return evidence
    return dataclasses.replace(
        evidence,
        foreign_source=1.0,
        topic_coverage=max(evidence.topic_coverage or 0.0, dense),
        unseen=evidence.unseen if own_language_knowledge else 0.0,
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


@dataclass(frozen=True)
class Candidates:
    """What the drafter may choose from, and what it must not quote."""

    units: list[Passage]
    untrusted: list[Passage]
    notes: dict[str, list[str]]
    ranks: dict[str, int]

    def notes_for(self, doc_ids: Sequence[str]) -> tuple[str, ...]:
        """The agent-only notes of these documents, each once."""
        found = [n for doc_id in doc_ids for n in self.notes.get(doc_id, [])]
        return tuple(dict.fromkeys(found))[:MAX_NOTES]


@dataclass(frozen=True)
class Choice:
    """The chosen unit with its score, and whether untrusted text was a contender."""

    unit: Passage | None
    similarity: float
    contenders: list[Passage]
    suspicious: bool
    lead: float = 1.0  # the choice score's lead over the best unit of another document
    # The unit that scored best when another of its document's was chosen (a "how do I"
    # question answered by the document's steps): the part that matched the question.
    matched: Passage | None = None


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
        found = self._candidates(groups, filters)
        in_lang = [u for u in found.units if self._quotable(u, lang)]
        choice = self._choose(question, in_lang, found, lang)
        source_lang = (choice.unit.chunk.lang or lang) if choice.unit else lang
        extra = [KNOWLEDGE_IN_OTHER_LANGUAGE] if found.units and not in_lang else []
        if choice.suspicious:
            extra.append(SUSPICIOUS_SOURCE)
        guidance = choice.unit if choice.unit and choice.unit.chunk.kind == "wiki" else None
        if guidance is not None:
            extra.append(INTERNAL_GUIDANCE)
        assessment = self._assess(
            question, groups, choice, lang, extra, filters, source_lang=source_lang
        )
        answers = NO_RELEVANT_KNOWLEDGE not in assessment.reasons and guidance is None
        if not answers and not self.retriever.reads(lang):
            assessment = _unread_language(assessment)
        unit = choice.unit if answers else None
        citations = citations_for_passage(unit) if unit else []
        if unit is None and found.units and not in_lang:
            citations = citations_for_passage(found.units[0])
        shown = unit or (found.units[0] if found.units and not in_lang else None)
        public = frozenset({shown.chunk.doc_id} if shown and shown.chunk.kind == "article" else ())
        return Draft(
            text=compose_reply(
                ticket,
                lang=lang,
                body=render_passage(unit, lang=lang, formality=self.settings.formality)
                if unit
                else "",
                citations=citations,
                brand=self.settings.brand,
                public=public,
                formality=self.settings.formality,
                source_lang=source_lang,
            ),
            citations=tuple(citations),
            confidence=assessment.confidence,
            escalate=assessment.escalate or unit is None,
            reasons=assessment.reasons,
            lang=lang,
            retrieved=tuple(p for g in groups for p in g.passages[:1]),
            raw_confidence=assessment.raw,
            features=assessment.features,
            internal_notes=_agent_notes(found, choice.unit, guidance),
            calibrated=self.calibrate is not None,
        )

    def retrieval_queries(self, ticket: Ticket) -> list[tuple[str, int]]:
        """The ``(query, depth)`` searches ``draft(ticket)`` makes (for ``Retriever.prefetch``)."""
        question = strip_salutations(ticket.text)
        candidates = self.settings.candidates
        depths = (self.docs, PAST_TICKETS)
        return [(question, self.retriever.document_depth(k, candidates=candidates)) for k in depths]

    def _quotable(self, unit: Passage, lang: str) -> bool:
        """A reply in ``lang`` may quote ``unit``: it is in ``lang``, or the embedder reads
        both languages (a multilingual model), so a guide in another language competes on
        the same footing and the reply says that the guide is in that language."""
        other = unit.chunk.lang or lang
        return other == lang or (self.retriever.reads(lang) and self.retriever.reads(other))

    def _candidates(
        self, groups: Sequence[DocumentHits], filters: SearchFilters | None
    ) -> Candidates:
        units: list[Passage] = []
        untrusted: list[Passage] = []
        notes: dict[str, list[str]] = {}
        for group in groups:
            if group.passages and group.passages[0].chunk.kind == "ticket":
                found = resolution_units(group.passages[0])
                trusted = not any(is_untrusted(u.plain_text()) for u in found)
                (units if trusted else untrusted).extend(found)
                continue
            chunks = document_chunks(self.retriever, group, filters)
            sections = _touched_sections(chunks, group)
            doc_units = [
                u
                for s in sections
                if not s.internal
                for u in section_units(s, max_sentences=self.settings.max_sentences)
            ]
            if any(is_untrusted(c.text) for c in chunks):
                untrusted.extend(doc_units)
                continue
            units.extend(doc_units)
            notes[group.doc_id] = notes_of(chunks)
        ranks = {g.doc_id: n for n, g in enumerate(groups)}
        return Candidates(units, untrusted, notes, ranks)

    def _choose(self, question: str, units: list[Passage], found: Candidates, lang: str) -> Choice:
        """The best unit by dense similarity, key-term overlap, retrieval rank and form.

        Units whose vectors were pooled at ingest (``copilot.passage_vectors``) are ranked
        with those; the best ``RECHECK`` of them, and the one finally chosen, are then scored
        with their own embedding, so the choice among close contenders and the similarity
        the confidence reads are those of the passage's own vector.
        """
        untrusted = found.untrusted
        every = units + untrusted
        if not every:
            return Choice(None, 0.0, [], False)
        if not units:
            return Choice(None, 0.0, [], True)
        embedder = self.retriever.embedder
        q = embedder.embed_query(question)
        vectors, pooled = passage_vectors(self.retriever, every)
        cosines = vectors @ q
        score = self._scores(question, every, cosines, found, lang)
        check = [int(i) for i in np.argsort(-score, kind="stable")[:RECHECK]]
        for _ in range(RECHECK + 1):
            todo = [i for i in check if pooled[i]]
            if todo:
                own = embedder.embed_documents([every[i].embedding_text() for i in todo])
                cosines[todo] = own @ q
                pooled[todo] = False
                score = self._scores(question, every, cosines, found, lang)
            best = self._best(question, units, score[: len(units)])
            if not pooled[best]:
                break
            check = [best]
        trusted = score[: len(units)]
        suspicious = bool(untrusted) and float(score[len(units) :].max()) >= trusted[best] - CLOSE
        contenders = [
            units[i]
            for i in np.argsort(-trusted, kind="stable")
            if trusted[i] >= trusted[best] - CLOSE
            and units[i].chunk.doc_id != units[best].chunk.doc_id
        ]
        lead = _lead_over_other_documents(units, trusted, best)
        top = int(np.argmax(trusted))
        matched = units[top] if top != best else None
        return Choice(units[best], float(cosines[best]), contenders[:1], suspicious, lead, matched)

    def _scores(
        self,
        question: str,
        every: Sequence[Passage],
        cosines: Vectors,
        found: Candidates,
        lang: str,
    ) -> np.ndarray[tuple[int], np.dtype[np.float64]]:
        # A multilingual model scores a passage in the question's own language higher than
        # the same content in another: each cosine is read on its language pair's scale.
        sims = [
            self.retriever.comparable(float(c), across=(u.chunk.lang or lang) != lang)
            for c, u in zip(cosines, every, strict=True)
        ]
        terms = content_terms(question, lang)
        weight = 1.0 if self.retriever.reads(lang) else 0.3
        how = bool(_HOW_QUESTION.search(question))
        return np.array(
            [
                weight * float(sims[i])
                + 0.5 * _overlap(terms, u, lang)
                + 0.04 * max(0, 2 - found.ranks.get(u.chunk.doc_id, 2))
                + (0.05 if u.chunk.kind != "ticket" else 0.0)
                + (HOW_STEPS_BONUS if how and u.has_steps else 0.0)
                for i, u in enumerate(every)
            ]
        )

    def _best(
        self,
        question: str,
        units: Sequence[Passage],
        trusted: np.ndarray[tuple[int], np.dtype[np.float64]],
    ) -> int:
        best = int(np.argmax(trusted))
        if _HOW_QUESTION.search(question) and not units[best].has_steps:
            best = _procedure_of_same_document(units, trusted, best)
        return best

    def _assess(
        self,
        question: str,
        groups: list[DocumentHits],
        choice: Choice,
        lang: str,
        extra: list[str],
        filters: SearchFilters | None = None,
        *,
        source_lang: str | None = None,
    ) -> Assessment:
        unit = choice.unit
        if unit is None:
            return assess(
                None, question=question, threshold=self.settings.threshold, extra_reasons=extra
            )
        chunk = unit.chunk
        # The document's steps answer a "how do I" question whose words matched another of
        # its sections: the evidence reads both (else the steps alone, sharing none of the
        # question's words, would read as knowledge that does not answer it).
        matched = choice.matched
        context = f"\n{matched.chunk.heading} {matched.plain_text()}" if matched else ""
        evidence = draft_evidence(
            self.retriever,
            question,
            f"{chunk.title} {chunk.heading}\n{render_passage(unit, lang=lang)}{context}",
            groups=groups,
            used=[unit.hit],
            similarity=choice.similarity,
            lang=lang,
            filters=filters,
            source_lang=source_lang,
            own_language_knowledge=any(
                (p.chunk.lang or lang) == lang for g in groups for p in g.passages[:1]
            ),
        )
        evidence = dataclasses.replace(evidence, unit_lead=choice.lead)
        statements = [
            (u.chunk.doc_id, s) for u in (unit, *choice.contenders) for s in u.sentences()
        ]
        return assess(
            evidence,
            question=question,
            threshold=self.settings.threshold,
            calibrate=self.calibrate,
            conflicting=conflicting_facts(statements),
            extra_reasons=extra,
        )


def _unread_language(assessment: Assessment) -> Assessment:
    """``assessment`` with ``no_relevant_knowledge`` said as ``language_not_read``."""
    reasons = tuple(
        LANGUAGE_NOT_READ if r == NO_RELEVANT_KNOWLEDGE else r for r in assessment.reasons
    )
    return dataclasses.replace(assessment, reasons=reasons)


def passage_vectors(
    retriever: Retriever, units: Sequence[Passage]
) -> tuple[Vectors, np.ndarray[tuple[int], np.dtype[np.bool_]]]:
    """The vectors of ``units``: those pooled at ingest where the index keeps them
    (``copilot.passage_vectors``; True in the second array), the rest embedded now."""
    embedder = retriever.embedder
    keys = [(u.chunk.id, passage_key(u)) for u in units]
    store = retriever.lexical_index
    found: dict[tuple[str, bytes], Vectors] = {}
    if isinstance(store, PassageVectorStore) and units:
        found = store.passage_vectors(keys, model_id=embedder.model_id)
    out = np.zeros((len(units), embedder.dimension), dtype=np.float32)
    missing = [i for i, key in enumerate(keys) if key not in found]
    if missing:
        out[missing] = embedder.embed_documents([units[i].embedding_text() for i in missing])
    for i, key in enumerate(keys):
        if key in found:
            out[i] = found[key]
    return out, np.array([key in found for key in keys], dtype=bool)


MAX_NOTES = 6
# How far below the winning unit of its document a procedure may score and still be chosen
# for a "how do I" question. 0.3 kept "Wie kann ich von Business auf Pro zurückgehen?" on the
# lead sentence (it shares "Business" and "Pro"; the steps share no word). At 0.4 no demo
# replay draft and no doc2dial draft changed (2026-12-03).
PROCEDURE_MARGIN = 0.4


def _procedure_of_same_document(
    units: Sequence[Passage], score: np.ndarray[tuple[int], np.dtype[np.float64]], best: int
) -> int:
    """For a "how do I" question: the best procedure of the winning document, if it is
    within ``PROCEDURE_MARGIN``; the article's steps are what an agent would send."""
    doc = units[best].chunk.doc_id
    steps = [i for i, u in enumerate(units) if u.has_steps and u.chunk.doc_id == doc]
    if not steps:
        return best
    top = max(steps, key=lambda i: float(score[i]))
    return top if float(score[top]) >= float(score[best]) - PROCEDURE_MARGIN else best


UNIT_LEAD = 0.3  # a choice score this far ahead of every other document's is a clear lead


def _lead_over_other_documents(
    units: Sequence[Passage], score: np.ndarray[tuple[int], np.dtype[np.float64]], best: int
) -> float:
    """How far the best unit's score is ahead of the best unit of any other document, as a
    share of ``UNIT_LEAD`` (1 without another document)."""
    doc = units[best].chunk.doc_id
    others = [float(score[i]) for i, u in enumerate(units) if u.chunk.doc_id != doc]
    if not others:
        return 1.0
    return float(min(1.0, max(0.0, (float(score[best]) - max(others)) / UNIT_LEAD)))


PROCEDURES_PER_DOC = 3
_STEP_LINE = re.compile(r"^\d{1,3}[.)]\s")


def _touched_sections(chunks: Sequence[Chunk], group: DocumentHits) -> list[Section]:
    """The sections of a document that hold one of its retrieved passages, best first, then
    up to ``PROCEDURES_PER_DOC`` sections with a numbered procedure: a "how do I" question
    is best answered by the steps, which may not be the passage that matched most words."""
    sections = sections_of(chunks, score=group.score)
    touched: dict[int, Section] = {}
    for passage in group.passages:
        for n, section in enumerate(sections):
            if passage.chunk.position in section.positions:
                touched.setdefault(n, section)
    procedures = [n for n, s in enumerate(sections) if not s.internal and _has_steps(s)]
    for n in procedures[:PROCEDURES_PER_DOC]:
        touched.setdefault(n, sections[n])
    return list(touched.values())


def _has_steps(section: Section) -> bool:
    return sum(1 for line in section.lines if _STEP_LINE.match(line)) >= 2


def document_chunks(
    retriever: Retriever, group: DocumentHits, filters: SearchFilters | None
) -> list[Chunk]:
    """All of the document's chunks that ``filters`` let through (the index keeps them), else
    the retrieved ones."""
    store = retriever.lexical_index
    retrieved = [p.chunk for p in group.passages]
    if isinstance(store, ChunkStore):
        flt = filters or SearchFilters()
        stored = [c for c in store.chunks_for_doc(group.doc_id) if flt.accepts(c)]
        if stored:
            return stored
    return retrieved


def notes_of(chunks: Sequence[Chunk]) -> list[str]:
    """The agent-only lines of a document's chunks, each after the document's title."""
    title = chunks[0].title if chunks else ""
    notes = [n for s in sections_of(chunks) for n in internal_notes(s) if not is_untrusted(n)]
    return [f"{title}: {n}" if title else n for n in notes]


def resolution_units(hit: SearchResult) -> list[Passage]:
    """The reusable part of a past ticket's resolution: no greeting, signature, personal
    data or first-person account of what was done for that customer; lists kept."""
    lines = [line.strip() for line in usable_text(hit).splitlines() if line.strip()]
    kept: list[str] = []
    for line in lines:
        sentences = [s for s in split_sentences(line) if usable_sentence(s, from_ticket=True)]
        if sentences:
            marker = re.match(r"^(?:\d{1,3}[.)]|[-*•])\s+", line)
            kept.append((marker.group(0) if marker else "") + " ".join(sentences))
    blocks = blocks_of(kept)
    return [Passage(hit, tuple(blocks), whole_section=True)] if blocks else []


def _overlap(terms: set[str], unit: Passage, lang: str) -> float:
    if not terms:
        return 0.0
    chunk = unit.chunk
    text = f"{chunk.heading} {unit.plain_text()}"
    return len(terms & content_terms(text, lang)) / len(terms)


def render_passage(unit: Passage, *, lang: str, formality: Mapping[str, str] | None = None) -> str:
    """The passage as reply text: an opening that stands alone, paragraphs, numbered steps
    and bullets in their original order, no near-duplicate sentence twice."""
    blocks = _deduplicated(unit.blocks, lang)
    if not blocks:
        return ""
    parts: list[str] = []
    for block in blocks:
        if block.kind == "steps":
            parts.append("\n".join(f"{i}. {s}" for i, s in enumerate(block.items, start=1)))
        elif block.kind == "bullets":
            parts.append("\n".join(f"- {s}" for s in block.items))
        else:
            parts.append(" ".join(block.items))
    opening = _opening(unit, blocks[0], lang, key=voice(lang, formality))
    if opening and blocks[0].kind == "prose":
        parts[0] = f"{opening} {parts[0]}"
    elif opening:
        parts.insert(0, opening)
    text = parts[0]
    for part in parts[1:]:
        # A line that leads into a list ("To add it:") stays with the list.
        text += f"\n{part}" if text.endswith(":") else f"\n\n{part}"
    return text


def _opening(unit: Passage, first: Block, lang: str, *, key: str) -> str:
    """A framed intro when the passage's first line cannot open a reply, else ""."""
    frames = FRAMES.get(key) or FRAMES.get(lang, FRAMES["en"])
    topic = unit.heading or unit.chunk.title
    if first.kind == "prose" and not _anaphoric(first.items[0], lang):
        return ""
    if first.kind == "steps":
        how = _how_topic(topic, lang)
        return frames["how"].format(topic=how) if how else frames["steps"].format(topic=topic)
    return frames["about"].format(topic=topic)


def _how_topic(topic: str, lang: str) -> str:
    words = topic.rstrip("?:.").split()
    if not words or len(words) > 8:
        return ""
    if lang == "de":
        return topic.rstrip("?:.") if _GERMAN_INFINITIVE.match(words[-1]) else ""
    if _VERB_HEADING.match(words[0]):
        return " ".join([words[0].lower(), *words[1:]])
    return ""


def _anaphoric(sentence: str, lang: str) -> bool:
    """True when the sentence points back at something the reader has not seen."""
    if _ANAPHOR_START.match(sentence):
        return True
    early = " ".join(sentence.split()[1:6])
    pattern = _ANAPHOR_EARLY.get(lang, _ANAPHOR_EARLY["en"])
    return bool(pattern.search(early if lang == "de" else early.lower()))


def _deduplicated(blocks: Sequence[Block], lang: str) -> list[Block]:
    """Blocks without sentences that nearly repeat an earlier one (list items kept whole,
    only exact repeats dropped, so a procedure never loses a step)."""
    seen: list[str] = []
    out: list[Block] = []
    for block in blocks:
        items: list[str] = []
        for item in block.items:
            if block.kind == "prose" and any(_same(item, s, lang) for s in seen):
                continue
            if block.kind != "prose" and item in items:
                continue
            items.append(item)
            seen.append(item)
        if items:
            out.append(Block(block.kind, tuple(items)))
    return out


def _same(a: str, b: str, lang: str) -> bool:
    ta, tb = content_terms(a, lang), content_terms(b, lang)
    return bool(ta) and len(ta & tb) / len(ta | tb) > 0.8


def _agent_notes(
    found: Candidates, chosen: Passage | None, guidance: Passage | None
) -> tuple[str, ...]:
    """What the agent sees apart from the reply: the internal wiki passage the draft did not
    quote, then the agent-only lines of the chosen and the best document."""
    first = (
        [guidance_note(guidance.chunk.title, guidance.heading, guidance.plain_text())]
        if guidance is not None
        else []
    )
    docs = [*([chosen.chunk.doc_id] if chosen else []), *list(found.notes)[:1]]
    return (*first, *found.notes_for(docs))[:MAX_NOTES]


def guidance_note(title: str, heading: str, text: str) -> str:
    """An internal wiki passage as a note for the agent: where it comes from, then its text."""
    where = " – ".join(dict.fromkeys(p for p in (title, heading.split(" > ")[-1].strip()) if p))
    return f"{where}: {text}" if where else text


def citations_for_passage(unit: Passage) -> list[Citation]:
    """The document a draft quotes, with the first sentence it quotes from it."""
    chunk = unit.chunk
    first = unit.sentences()[0] if unit.sentences() else ""
    return [Citation(chunk.doc_id, chunk.title, safe_url(chunk.url), first)]
