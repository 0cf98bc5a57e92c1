"""Confidence of a draft, from its evidence, and the reason codes that explain a low one.

Confidence estimates the probability that *this draft answers the ticket correctly*. It is a
logistic model over evidence features, each in [0, 1] (``Evidence.features``):

- ``similarity``: how close the best used passage is to the question (dense cosine, rescaled);
  when the embedder cannot read the ticket's language this is replaced by ``coverage``.
- ``coverage``: the share of the question's key terms (stemmed content words) the used
  passages contain, titles and headings included; ``idf_coverage`` the same share weighted by
  each term's inverse document frequency in the knowledge (rare terms name the topic).
- ``unseen``: the IDF weight share of key terms that no knowledge document contains at all:
  a question about something the knowledge never mentions is strong evidence of a gap.
- ``agreement``: whether dense and lexical retrieval agree on the used document (1 both rank
  it in their top 3, 0.5 one does, 0 neither); ``top_agree``: both rank the same document first.
- ``margin``: how clearly the best document beats the runner-up (relative fused-score gap).
- question kind (``kind_how``, ``kind_yesno``, ``kind_why``) and ``kind_match``: whether the
  passage does what that kind of question asks for (steps for "how", a cause for "why", a
  statement of what is possible for "can I" / "is there a way", a number for "how long" /
  "how much").
- ``from_ticket``: the answer rests on past resolutions only, not on an article or wiki page.
- ``title_match``: the share of the key terms of the question's first line (the subject, when
  the ticket has one) that the title of the document the draft leans on holds: a guide's
  title names what it answers, so a draft from a document about something else scores low.
- ``foreign_source``: 1 when the draft quotes a guide in another language than the ticket's
  (a multilingual embedder read it; key terms can only match where names and numbers are
  shared, so ``coverage``, ``idf_coverage`` and ``title_match`` are low, and a fitted model
  needs to know why).
- ``foreign_similarity``: ``similarity`` again for such a draft (0 otherwise): there the
  dense similarity is the main evidence that the guide answers, so it gets its own weight
  (the prior gives it the weight of the two coverages it stands in for).
- ``unit_lead``: how clearly the passage the extractive drafter chose beats the best passage
  of any other document (its choice score's lead, 0.3 or more counts as 1); two documents
  that answer about equally well mean the drafter may have quoted the wrong one.
- ``dense_read``: 1 when the embedder reads the ticket's language, so ``similarity`` is a
  dense cosine; 0 when it stands in with ``coverage``. The two mean different things, and a
  fitted model needs to know which it got.
- ``grounding`` and ``sufficient`` (LLM drafts only): the share of the answer's sentences
  supported by the cited passages, and the chat model's own "sufficient context" judgement.

Without a fitted model the *raw score* is the logistic model with prior weights
(``PRIOR_WEIGHTS``). A replay fits the weights on the team's own history (``eval/``) and saves
them; the drafter applies them only after ``copilot calibration apply``. Account actions,
conflicting sources and knowledge that does not answer are reason codes that escalate
whatever the score.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from copilot.text import content_terms, key_terms, split_sentences

Calibrate = Callable[[float], float]


@runtime_checkable
class FeatureModel(Protocol):
    """A calibration that reads the evidence features (a fitted logistic model)."""

    def predict(self, features: Mapping[str, float]) -> float:
        """Probability that a draft with these features answers its ticket correctly."""
        ...


NO_RELEVANT_KNOWLEDGE = "no_relevant_knowledge"
WEAK_EVIDENCE = "weak_evidence"
CONFLICTING_SOURCES = "conflicting_sources"
NEEDS_ACCOUNT_ACTION = "needs_account_action"
UNGROUNDED_ANSWER = "ungrounded_answer"
MODEL_ESCALATED = "model_escalated"
UNKNOWN_TERMS = "unknown_terms"
INSUFFICIENT_CONTEXT = "insufficient_context"
# The best knowledge for the question addresses an assistant, holds a credential or promises
# money: it was not quoted (``copilot.safety``), and a person should look at it.
SUSPICIOUS_SOURCE = "suspicious_source"
# The best match is a page of the internal wiki: written for agents ("check the admin panel",
# "no approval needed", ticket tags), so it is not sent to the customer. The draft holds a
# holding reply; the agent finds the page's passage in ``internal_notes`` and answers.
INTERNAL_GUIDANCE = "internal_guidance"
REASON_CODES = (
    NO_RELEVANT_KNOWLEDGE,
    WEAK_EVIDENCE,
    CONFLICTING_SOURCES,
    NEEDS_ACCOUNT_ACTION,
    UNGROUNDED_ANSWER,
    MODEL_ESCALATED,
    UNKNOWN_TERMS,
    INSUFFICIENT_CONTEXT,
    SUSPICIOUS_SOURCE,
    INTERNAL_GUIDANCE,
)

# Each reason code in words for agents: helpdesk notes, `copilot draft`, and the same words on
# the agent page (copilot/api/static/agent.js).
REASON_WORDS = {
    "needs_account_action": "The customer asks for an account action (refund, cancellation, "
    "double charge) that a person with account access must carry out.",
    "no_relevant_knowledge": "Nothing in the knowledge base answers this question.",
    "weak_evidence": "The sources only partly answer this question.",
    "conflicting_sources": "The sources disagree with each other.",
    "ungrounded_answer": "Parts of the draft are not backed by the sources.",
    "model_escalated": "The language model itself asked for a person to handle this.",
    "suspicious_source": "The best matching source contains text that looks planted "
    "(instructions to an assistant, a password or a money promise); it was not quoted. "
    "Check the source.",
    "internal_guidance": "Only the internal wiki answers this: it is for agents and was not "
    "quoted. See the internal notes and reply yourself.",
    "unknown_terms": "The question is about something the knowledge base never mentions.",
    "insufficient_context": "The language model found that the sources do not suffice to answer.",
    "knowledge_in_other_language": "Only knowledge in another language answers this; the "
    "copilot cannot read that language well enough to quote it.",
    "language_not_read": "The embedding model does not read the question's language: only "
    "documents in that language were searched, by their words, and none answers. Guides in "
    "other languages were not compared; a multilingual embedder would compare them.",
}


# Said beside a confidence no calibration fitted on the team's own tickets stands behind
# (``Draft.calibrated`` False): CLI, helpdesk notes and the agent page (agent.js) alike.
UNCALIBRATED_WORDS = (
    "Not calibrated on your tickets yet: the confidence comes from hand-set weights until a "
    "replay's calibration is applied (`copilot replay`, then `copilot calibration apply`)."
)


def reason_words(reason: str) -> str:
    """One escalation reason code in words."""
    return REASON_WORDS.get(reason, reason.replace("_", " ").capitalize() + ".")


# Requests only a person with account access can fulfil: money back, or an operation on the
# account, subscription or data that the customer asks *us* to perform. English and German.
_EN_OPS = (
    r"cancel|close|delete|terminate|deactivate|reactivate|merge|transfer|move|restore|recover|"
    r"upgrade|downgrade|change|switch|unlock|erase|remove|undo|reverse"
)
_EN_OBJECTS = (
    r"account|accounts|subscription|plan|contract|membership|workspace|data|personal data|"
    r"renewal|payment|charge|company"
)
_DE_OPS = (
    r"kündigen|löschen|schließen|zusammenführen|übertragen|umstellen|wiederherstellen|"
    r"erstatten|stornieren|entsperren|korrigieren|ändern|zurückbuchen"
)
_DE_DONE = (
    r"gekündigt|gelöscht|geschlossen|zusammengeführt|übertragen|umgestellt|wiederhergestellt|"
    r"erstattet|storniert|entsperrt|korrigiert|geändert"
)
_ACCOUNT_ACTION = re.compile(
    r"\b(?:(?:please|can you|could you|would you|kindly) (?:\w+ ){0,2}refund"
    r"|(?:want|need|request|demand|expect) (?:a |my |our |the )?(?:full )?refund"
    r"|refund (?:me|us|my|our|the)\b|money back|charged (?:\w+ ){0,3}(?:twice|double)"
    r"|double[- ](?:charged?|payment|billed|billing)|paid twice|billed twice"
    rf"|(?:{_EN_OPS}) (?:my|our|both|these|two)(?: \w+)? (?:{_EN_OBJECTS})\b"
    rf"|(?:can|could|would|will) you (?:please )?(?:\w+ )?(?:{_EN_OPS}|sort (?:this|it) out)\b"
    rf"|please (?:\w+ )?(?:{_EN_OPS}|refund|correct|fix)\b"
    r"|erstatten sie|geld zurück|rückerstattung (?:beantragen|verlangen|bitte)"
    r"|(?:doppelt|zweimal) (?:\S+ ){0,3}(?:abgebucht|belastet)"
    r"|(?:konto|account|abo|abonnement|vertrag|daten|zugang) (?:\w+ ){0,2}"
    rf"(?:{_DE_OPS})\b"
    rf"|(?:können|könnten|würden) sie (?:\S+ ){{0,5}}(?:{_DE_OPS})\b"
    rf"|(?:kann|können) (?:\S+ ){{0,7}}(?:{_DE_DONE}) werden"
    rf"|bitte (?:\S+ ){{0,4}}(?:{_DE_OPS})\b"
    r")",
    re.IGNORECASE,
)
_NUMBER_FACT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(%|€|\$|[^\W\d_]+)", re.UNICODE)

# The kind of question, English and German; the first that matches wins.
QUESTION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("why", re.compile(r"\b(?:why|how come|warum|wieso|weshalb|weswegen)\b", re.IGNORECASE)),
    (
        "amount",
        re.compile(
            r"\b(?:how (?:long|much|many|often|soon|far)|what does \w+(?: \w+)? cost|"
            r"wie (?:lange|viel|viele|oft|schnell)|was kostet|wann genau)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "how",
        re.compile(
            r"\b(?:how (?:do|can|could|should|would|to|does)|where (?:do|can|is|are)|"
            r"what(?:'s| is) the way to|wie (?:kann|können|muss|müssen|lässt|mache|stelle|"
            r"richte|ändere|bekomme|finde|geht)|wo (?:finde|kann|stelle|schalte|ist|sind))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "yesno",
        re.compile(
            r"\b(?:can (?:i|we|you|one)|could (?:i|we)|is (?:there|it) (?:a way|any way|"
            r"possible)|are there|do you (?:support|offer|have|plan)|does \w+ support|"
            r"is it possible|(?:kann|können|könnte) (?:ich|wir|man)|gibt es|geht das|"
            r"ist es möglich|unterstützt|lässt sich)\b"
            # Any question sentence that opens with an auxiliary verb is a yes/no question:
            # "Can Quillbox send it by post?", "Does the app work offline?", "Kann Quillbox ...?"
            r"|(?:^|[.!?]\s+|\n)\s*(?:can|could|does|do|did|is|are|will|would|may|has|have|"
            r"kann|können|könnt|gibt|ist|sind|hat|haben|wird|werden|lässt|geht|funktioniert|"
            r"unterstützt|bietet)\b[^.!?\n]*\?",
            re.IGNORECASE,
        ),
    ),
)
# What a passage must hold to do what each kind of question asks.
_DOES_WHAT_IS_ASKED = {
    # "How long / how much": the answer names a quantity.
    "amount": re.compile(
        r"\b\d+(?:[.,]\d+)?\s*(?:%|€|£|\$|[^\W\d_]{2,})|(?:€|£|\$|\b(?:EUR|GBP|USD))\s*\d"
    ),
    "how": re.compile(
        r"(?m)^\s*\d+[.)]\s|→|->|\b(?:click|tap|open|go to|select|choose|enter|press|"
        r"klicken|tippen|öffnen|wählen|gehen sie|geben sie|unter)\b",
        re.IGNORECASE,
    ),
    "why": re.compile(
        r"\b(?:because|since|due to|reason|caused|happens when|if you|weil|da |deshalb|"
        r"daher|aufgrund|grund|liegt daran|passiert|wenn)\b",
        re.IGNORECASE,
    ),
    "yesno": re.compile(
        r"\b(?:you can|can be|is possible|are able|is available|supports?|not possible|"
        r"cannot|can't|isn't|sie können|kann|können|möglich|nicht möglich|unterstützt|"
        r"verfügbar)\b",
        re.IGNORECASE,
    ),
}

# Prior logistic weights: the raw score before any fit on the team's history.
PRIOR_BIAS = -3.0
PRIOR_CAP = 0.95
PRIOR_WEIGHTS: Mapping[str, float] = {
    "similarity": 2.4,
    "coverage": 0.8,
    "idf_coverage": 1.6,
    "unseen": -3.0,
    "agreement": 0.9,
    "top_agree": 0.5,
    "margin": 0.9,
    "kind_match": 0.4,
    "from_ticket": -0.5,
    "grounding": 1.0,
    "sufficient": 1.0,
    "foreign_similarity": 2.4,  # coverage + idf_coverage, which a foreign guide cannot show
}
FEATURES: tuple[str, ...] = (
    "similarity",
    "coverage",
    "idf_coverage",
    "unseen",
    "agreement",
    "top_agree",
    "margin",
    "kind_how",
    "kind_yesno",
    "kind_why",
    "kind_match",
    "from_ticket",
    "grounding",
    "sufficient",
    "title_match",
    "dense_read",
    "foreign_source",
    "foreign_similarity",
    "unit_lead",
)
NO_KNOWLEDGE_FLOOR = 0.1
# Sources that share almost none of the question's key terms do not answer it (long tickets
# carry many incidental words, so the bar is low; the score does the rest).
NO_KNOWLEDGE_COVERAGE = 0.15
# Key terms no knowledge document contains, at this share of the question's IDF weight: the
# question is about something the knowledge never mentions. High, because in a small
# knowledge base names, typos and everyday words are "unseen" too: below this, ``unseen`` is
# a feature whose weight the replay fits.
UNKNOWN_TERMS_SHARE = 0.85
ACCOUNT_ACTION_CAP = 0.3


@dataclass(frozen=True)
class Evidence:
    """Signals, each in [0, 1], that a draft's sources answer the ticket.

    The first five are what every drafter measures; the rest default to "no information"
    (``unseen`` 0, ``idf_coverage`` None meaning "same as coverage", ``kind`` "other").
    """

    similarity: float
    coverage: float
    agreement: float
    margin: float
    grounding: float | None = None
    idf_coverage: float | None = None
    unseen: float = 0.0
    top_agree: float = 0.0
    kind: str = "other"
    kind_match: float = 0.5
    from_ticket: float = 0.0
    sufficient: float | None = None
    title_match: float = 0.0
    dense_read: float = 1.0
    foreign_source: float = 0.0
    unit_lead: float = 1.0
    # ``coverage`` without filler words ("seit gestern", "please"), or for a guide in another
    # language the dense similarity: read only by the "no relevant knowledge" rule, not a
    # model feature.
    topic_coverage: float | None = None

    def features(self) -> dict[str, float]:
        """The model's inputs (``FEATURES``), each in [0, 1]."""
        return {
            "similarity": self.similarity,
            "coverage": self.coverage,
            "idf_coverage": self.coverage if self.idf_coverage is None else self.idf_coverage,
            "unseen": self.unseen,
            "agreement": self.agreement,
            "top_agree": self.top_agree,
            "margin": self.margin,
            "kind_how": float(self.kind == "how"),
            "kind_yesno": float(self.kind == "yesno"),
            "kind_why": float(self.kind == "why"),
            "kind_match": self.kind_match,
            "from_ticket": self.from_ticket,
            "grounding": 1.0 if self.grounding is None else self.grounding,
            "sufficient": 1.0 if self.sufficient is None else self.sufficient,
            "title_match": self.title_match,
            "dense_read": self.dense_read,
            "foreign_source": self.foreign_source,
            "foreign_similarity": self.similarity * self.foreign_source,
            "unit_lead": self.unit_lead,
        }

    def as_json(self) -> dict[str, float | str | None]:
        """Signals for logs and replay reports."""
        out: dict[str, float | str | None] = {k: round(v, 4) for k, v in self.features().items()}
        out["kind"] = self.kind
        return out


def logistic(weights: Mapping[str, float], bias: float, features: Mapping[str, float]) -> float:
    """``sigmoid(bias + sum(weight * feature))`` over the features named in ``weights``."""
    z = bias + sum(w * features.get(name, 0.0) for name, w in weights.items())
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def raw_score(evidence: Evidence) -> float:
    """The confidence before any fit: the logistic model with ``PRIOR_WEIGHTS``, at most
    ``PRIOR_CAP`` (without a fit on the team's own history no draft is near-certain)."""
    return min(PRIOR_CAP, _clip(logistic(PRIOR_WEIGHTS, PRIOR_BIAS, evidence.features())))


@dataclass(frozen=True)
class Assessment:
    """Confidence after calibration, the escalation decision and its reasons."""

    raw: float
    confidence: float
    escalate: bool
    reasons: tuple[str, ...]
    features: Mapping[str, float] = field(default_factory=dict)


def assess(
    evidence: Evidence | None,
    *,
    question: str,
    threshold: float,
    calibrate: Calibrate | FeatureModel | None = None,
    conflicting: bool = False,
    extra_reasons: Iterable[str] = (),
) -> Assessment:
    """Confidence and reasons for a draft; ``evidence`` is None when nothing usable was found.

    ``calibrate`` is a fitted ``FeatureModel`` (it reads the features) or a map of the raw
    score to a probability (Platt, isotonic).
    """
    reasons = list(extra_reasons)
    if needs_account_action(question):
        reasons.append(NEEDS_ACCOUNT_ACTION)
    if evidence is None:
        return Assessment(0.0, 0.0, True, _unique([NO_RELEVANT_KNOWLEDGE, *reasons]))
    raw = raw_score(evidence)
    features = evidence.features()
    confidence = raw
    if isinstance(calibrate, FeatureModel):
        confidence = _clip(calibrate.predict(features))
    elif calibrate is not None:
        confidence = _clip(calibrate(raw))
    reasons += evidence_reasons(evidence, raw=raw, conflicting=conflicting)
    if reasons and set(reasons) & _CAPPING:
        confidence = min(confidence, ACCOUNT_ACTION_CAP)
    if set(reasons) & _NO_ANSWER:
        # The reply holds no answer (or one the drafter does not stand behind): whatever the
        # evidence says about the passage, the chance that it answers the ticket is low.
        confidence = min(confidence, NO_KNOWLEDGE_FLOOR)
    escalate = confidence < threshold or bool(reasons)
    if escalate and not reasons:
        reasons.append(WEAK_EVIDENCE)
    return Assessment(round(raw, 4), round(confidence, 4), escalate, _unique(reasons), features)


_CAPPING = frozenset({NEEDS_ACCOUNT_ACTION, CONFLICTING_SOURCES, SUSPICIOUS_SOURCE})
_NO_ANSWER = frozenset({NO_RELEVANT_KNOWLEDGE, INTERNAL_GUIDANCE})


def evidence_reasons(evidence: Evidence, *, raw: float, conflicting: bool = False) -> list[str]:
    """Reason codes the evidence itself gives for not sending a draft."""
    reasons = []
    if conflicting:
        reasons.append(CONFLICTING_SOURCES)
    if evidence.grounding is not None and evidence.grounding < 0.5:
        reasons.append(UNGROUNDED_ANSWER)
    if evidence.sufficient is not None and evidence.sufficient < 0.5:
        reasons.append(INSUFFICIENT_CONTEXT)
    if evidence.unseen >= UNKNOWN_TERMS_SHARE:
        reasons.append(UNKNOWN_TERMS)
    coverage = max(evidence.coverage, evidence.topic_coverage or 0.0)
    if raw < NO_KNOWLEDGE_FLOOR or coverage < NO_KNOWLEDGE_COVERAGE:
        reasons.append(NO_RELEVANT_KNOWLEDGE)
    return reasons


def needs_account_action(text: str) -> bool:
    """True when the ticket asks for something only a person with account access can do."""
    return bool(_ACCOUNT_ACTION.search(text))


def question_kind(text: str) -> str:
    """ "why", "amount" (how long / how much), "how", "yesno" (can I / is there a way) or
    "other", English and German."""
    for kind, pattern in QUESTION_KINDS:
        if pattern.search(text):
            return kind
    return "other"


def does_what_is_asked(kind: str, passage: str) -> float:
    """1 when the passage holds what ``kind`` of question asks for (steps, a cause, what is
    possible), 0 when not, 0.5 for other questions."""
    pattern = _DOES_WHAT_IS_ASKED.get(kind)
    if pattern is None:
        return 0.5
    return 1.0 if pattern.search(passage) else 0.0


@dataclass(frozen=True)
class TermWeights:
    """Document frequencies of terms in the visible knowledge (for IDF weights)."""

    df: Mapping[str, int]
    docs: int

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency; highest for a term no document contains."""
        return math.log((self.docs + 1) / (self.df.get(term, 0) + 0.5))


@dataclass(frozen=True)
class TermEvidence:
    """How the passage covers the question's salient terms, IDF-weighted."""

    idf_coverage: float
    unseen: float
    unseen_terms: tuple[str, ...] = ()


def salient_terms(question: str, lang: str) -> set[str]:
    """The question's key terms (stemmed content words, at least three letters)."""
    return {t for t in content_terms(question, lang) if len(t) >= 3}


def term_evidence(
    question: str, passage: str, *, lang: str, weights: TermWeights | None
) -> TermEvidence:
    """IDF-weighted coverage of the question's terms by ``passage`` and the weight share of
    terms no knowledge document holds (uniform weights and no unseen terms without stats)."""
    terms = sorted(salient_terms(question, lang))
    if not terms:
        return TermEvidence(0.0, 0.0)
    found = content_terms(passage, lang) | content_terms(passage, "en")
    if weights is None or weights.docs == 0:
        return TermEvidence(sum(t in found for t in terms) / len(terms), 0.0)
    idf = {t: weights.idf(t) for t in terms}
    total = sum(idf.values()) or 1.0
    unseen = tuple(t for t in terms if weights.df.get(t, 0) == 0 and t not in found)
    return TermEvidence(
        idf_coverage=sum(idf[t] for t in terms if t in found) / total,
        unseen=sum(idf[t] for t in unseen) / total,
        unseen_terms=unseen,
    )


def measure_evidence(
    question: str,
    passage: str,
    *,
    lang: str,
    similarity: float,
    agreement: float,
    margin: float,
    top_agree: float = 0.0,
    weights: TermWeights | None = None,
    from_ticket: bool = False,
    grounding_share: float | None = None,
    sufficient: float | None = None,
    title: str = "",
    dense_read: bool = True,
) -> Evidence:
    """All evidence signals for a draft whose chosen passage text is ``passage``.

    ``similarity`` is already rescaled to [0, 1] (or the term coverage when the embedder does
    not read ``lang``: ``dense_read`` False); ``weights`` are the knowledge's document
    frequencies; ``title`` is the title of the document the draft leans on.
    """
    terms = term_evidence(question, passage, lang=lang, weights=weights)
    kind = question_kind(question)
    return Evidence(
        similarity=similarity,
        coverage=term_coverage(question, passage, lang=lang),
        agreement=agreement,
        margin=margin,
        grounding=grounding_share,
        idf_coverage=terms.idf_coverage,
        unseen=terms.unseen,
        top_agree=top_agree,
        kind=kind,
        kind_match=does_what_is_asked(kind, passage),
        from_ticket=float(from_ticket),
        sufficient=sufficient,
        title_match=title_match(question, title, lang=lang),
        dense_read=float(dense_read),
        topic_coverage=term_coverage(question, passage, lang=lang, filler=False),
    )


def title_match(question: str, title: str, *, lang: str) -> float:
    """Share of the key terms of the question's first line (its subject, when it has one)
    that ``title`` holds (both stemmings tried); 0 without a title or terms."""
    first = next((line for line in question.splitlines() if line.strip()), "")
    terms = salient_terms(first, lang)
    if not terms or not title.strip():
        return 0.0
    found = content_terms(title, lang) | content_terms(title, "en")
    return len(terms & found) / len(terms)


def rescale_similarity(cosine: float, *, low: float = 0.25, high: float = 0.7) -> float:
    """Map a cosine similarity onto [0, 1]: ``low`` and below is 0, ``high`` and above 1."""
    return _clip((cosine - low) / (high - low))


def term_coverage(question: str, evidence: str, *, lang: str, filler: bool = True) -> float:
    """Share of the question's key terms found in ``evidence`` (both stemmings tried);
    without ``filler``, a support conversation's filler words do not count as key terms."""
    terms = content_terms(question, lang) if filler else key_terms(question, lang)
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
