"""The LLM drafting chain: retrieve -> prompt -> chat model -> ``Draft``, as LangChain runnables.

Retrieved passages reach the model only inside ``<untrusted-data-NONCE>`` fences with a fresh
random nonce per request, and any fence-like text inside a passage is defanged, so an article
that says "ignore previous instructions" is data, not an instruction; sentences that address
an assistant, hold a credential or promise money (``copilot.safety``) are left out entirely.
The reply's ``[n]`` markers decide the citations: only passages the answer actually cites are
cited. Confidence comes from the same evidence features as the extractive drafter, plus a
grounding check of the answer against the cited passages and a *sufficient context*
judgement: before drafting, the chat model rates with a written rubric
(``config/prompts/sufficient_context.md``) whether the passages suffice to answer the
question; "insufficient" escalates with its reason code.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable, RunnableBranch, RunnableLambda, RunnablePassthrough

from copilot.backends.llm import ChatModel, invoke_chat, wrap_llm_error
from copilot.confidence import (
    INTERNAL_GUIDANCE,
    MODEL_ESCALATED,
    NO_RELEVANT_KNOWLEDGE,
    REASON_CODES,
    Assessment,
    Calibrate,
    Evidence,
    TermWeights,
    assess,
    grounding,
    measure_evidence,
    rescale_similarity,
    salient_terms,
    term_coverage,
)
from copilot.domain import Citation, Draft, SearchFilters, SearchResult, Ticket
from copilot.drafting import (
    MAX_NOTES,
    compose_reply,
    document_chunks,
    guidance_note,
    notes_of,
    reply_language,
    retrieval_evidence,
    retrieve_for_draft,
    top_agreement,
    usable_text,
    voice,
)
from copilot.errors import ConfigError
from copilot.retrieval import DocumentHits, Retriever
from copilot.safety import greeting_name, safe_url, without_untrusted
from copilot.settings import CONFIG_DIR, DraftingSettings
from copilot.text import strip_salutations

log = logging.getLogger(__name__)
PROMPTS_DIR = CONFIG_DIR / "prompts"
LANGUAGE_NAMES = {"en": "English", "de": "German (Deutsch)"}
SALUTATIONS = {"en": "you", "de": "Sie (formal)", "de-du": "du (informal; never Sie)"}
_MARKER = re.compile(r"\s?\[(\d{1,2})\]")
_ESCALATE = re.compile(r"^\s*ESCALATE\b:?\s*(?P<reason>[\w-]*)", re.IGNORECASE)
_FENCE_LIKE = re.compile(r"</?\s*untrusted-data[^>]*>", re.IGNORECASE)


SUFFICIENCY_PROMPT = "sufficient_context.md"
_JSON = re.compile(r"\{.*\}", re.DOTALL)


@dataclass(frozen=True)
class PromptTemplates:
    """The system and user prompt templates (``{name}`` placeholders), and the rubric of the
    sufficient-context check (``{nonce}`` placeholder; empty: no check)."""

    system: str
    user: str
    sufficiency: str = ""

    @classmethod
    def load(cls, folder: Path | str = "") -> PromptTemplates:
        """Read ``draft_system.md``, ``draft_user.md`` and ``sufficient_context.md`` (default
        folder: config/prompts; a folder without the rubric uses the default one)."""
        path = Path(folder) if folder else PROMPTS_DIR
        rubric = path / SUFFICIENCY_PROMPT
        try:
            return cls(
                system=(path / "draft_system.md").read_text(encoding="utf-8"),
                user=(path / "draft_user.md").read_text(encoding="utf-8"),
                sufficiency=(
                    rubric if rubric.is_file() else PROMPTS_DIR / SUFFICIENCY_PROMPT
                ).read_text(encoding="utf-8"),
            )
        except OSError as exc:
            raise ConfigError(
                f"Cannot read the drafting prompts in {path}: {exc}. Set llm.prompts_dir to a "
                "folder with draft_system.md and draft_user.md, or leave it empty."
            ) from exc

    def chat_prompt(self) -> ChatPromptTemplate:
        """The LangChain prompt template of both messages."""
        return ChatPromptTemplate.from_messages([("system", self.system), ("human", self.user)])


def fence_passages(passages: Sequence[SearchResult], *, nonce: str) -> str:
    """Number the passages and wrap each in an untrusted-data fence."""
    blocks = []
    for i, hit in enumerate(passages, start=1):
        chunk = hit.chunk
        source = "past ticket resolution" if chunk.kind == "ticket" else chunk.kind
        title = defang(chunk.title)
        heading = f"\nSection: {defang(chunk.heading)}" if chunk.heading else ""
        blocks.append(
            f'<untrusted-data-{nonce} id="{i}" source="{source}">\n'
            f"Title: {title}{heading}\n{defang(without_untrusted(usable_text(hit)))}\n"
            f"</untrusted-data-{nonce}>"
        )
    return "\n\n".join(blocks)


def defang(text: str) -> str:
    """Remove anything in untrusted text that could close or open a fence."""
    return _FENCE_LIKE.sub("[removed]", text)


def prompt_variables(
    ticket: Ticket,
    passages: Sequence[SearchResult],
    *,
    lang: str,
    settings: DraftingSettings,
    nonce: str | None = None,
) -> dict[str, str]:
    """Everything the prompt templates may name."""
    fence = nonce or secrets.token_hex(8)
    rules = "\n".join(f"- {rule}" for rule in settings.brand_rules)
    return {
        "nonce": fence,
        "brand": settings.brand or "this company",
        "tone": settings.tone,
        "brand_rules": rules,
        "language": LANGUAGE_NAMES.get(lang, lang),
        "salutation": SALUTATIONS.get(voice(lang, settings.formality), "you"),
        # A custom template may name the customer: only a plain name (``greeting_name``)
        # goes in, never markup or instructions typed into the name field.
        "customer_name": greeting_name(ticket.customer_name),
        "ticket": defang(ticket.text),
        "passages": fence_passages(passages, nonce=fence),
    }


def build_draft_chain(
    *,
    retriever: Retriever,
    model: ChatModel,
    templates: PromptTemplates,
    settings: DraftingSettings,
    calibrate: Calibrate | None = None,
) -> Runnable[dict[str, Any], Draft]:
    """``{"ticket": Ticket, "filters": SearchFilters | None}`` -> ``Draft``."""

    def retrieve(x: dict[str, Any]) -> list[DocumentHits]:
        ticket: Ticket = x["ticket"]
        return retrieve_for_draft(
            retriever,
            strip_salutations(ticket.text),
            docs=settings.docs,
            filters=x.get("filters"),
            candidates=settings.candidates,
        )

    def select(x: dict[str, Any]) -> list[SearchResult]:
        return reply_passages(x["groups"], limit=settings.passages)

    def sufficiency(x: dict[str, Any]) -> float | None:
        if not settings.sufficiency_check or not templates.sufficiency or not x["passages"]:
            return None
        return judge_sufficiency(model, templates.sufficiency, x["ticket"], x["passages"])

    def finish(x: dict[str, Any]) -> Draft:
        return to_draft(
            x["ticket"],
            x["reply"],
            groups=x["groups"],
            passages=x["passages"],
            lang=x["lang"],
            settings=settings,
            calibrate=calibrate,
            reads_lang=retriever.reads(x["lang"]),
            sufficient=x["sufficient"],
            retriever=retriever,
            filters=x.get("filters"),
            internal_notes=x["notes"],
        )

    return (
        RunnablePassthrough.assign(lang=lambda x: reply_language(x["ticket"]))
        | RunnablePassthrough.assign(groups=RunnableLambda(retrieve))
        | RunnablePassthrough.assign(passages=RunnableLambda(select))
        | RunnablePassthrough.assign(
            notes=RunnableLambda(
                lambda x: agent_notes(retriever, x["groups"], filters=x.get("filters"))
            )
        )
        | RunnablePassthrough.assign(sufficient=RunnableLambda(sufficiency))
        | RunnablePassthrough.assign(reply=_reply_chain(model, templates, settings))
        | RunnableLambda(finish)
    )


def _reply_chain(
    model: ChatModel, templates: PromptTemplates, settings: DraftingSettings
) -> Runnable[dict[str, Any], str]:
    """The chat model's reply to the prompt, or an escalation when no passage was found."""

    def variables(x: dict[str, Any]) -> dict[str, str]:
        return prompt_variables(x["ticket"], x["passages"], lang=x["lang"], settings=settings)

    answer = RunnableLambda(variables) | templates.chat_prompt() | model | StrOutputParser()
    no_passages: Runnable[dict[str, Any], str] = RunnableLambda(
        lambda x: f"ESCALATE: {INTERNAL_GUIDANCE if _wiki_found(x) else NO_RELEVANT_KNOWLEDGE}"
    )
    return RunnableBranch((lambda x: not x["passages"], no_passages), answer)


def judge_sufficiency(
    model: ChatModel, rubric: str, ticket: Ticket, passages: Sequence[SearchResult]
) -> float | None:
    """The chat model's rubric score (0, 0.5 or 1) for "the passages suffice to answer";
    None when its reply cannot be read (the draft then goes on without this feature)."""
    nonce = secrets.token_hex(8)
    messages = [
        SystemMessage(rubric.replace("{nonce}", nonce).replace("{{", "{").replace("}}", "}")),
        HumanMessage(
            f"Customer question:\n{defang(ticket.text)}\n\nKnowledge passages:\n"
            f"{fence_passages(passages, nonce=nonce)}"
        ),
    ]
    return parse_sufficiency(invoke_chat(model, messages, where="sufficiency check"))


def parse_sufficiency(text: str) -> float | None:
    """Score / 2 from the rubric's JSON reply; None when it holds no valid score."""
    match = _JSON.search(text)
    if not match:
        log.info("Sufficiency check gave no JSON: %r", text[:80])
        return None
    try:
        score = int(json.loads(match.group(0))["score"])
    except (ValueError, KeyError, TypeError):
        return None
    return score / 2 if score in (0, 1, 2) else None


def to_draft(
    ticket: Ticket,
    reply: str,
    *,
    groups: Sequence[DocumentHits],
    passages: Sequence[SearchResult],
    lang: str,
    settings: DraftingSettings,
    calibrate: Calibrate | None = None,
    reads_lang: bool = True,
    sufficient: float | None = None,
    retriever: Retriever | None = None,
    filters: SearchFilters | None = None,
    internal_notes: Sequence[str] = (),
) -> Draft:
    """Turn the model's reply into a ``Draft``: citations from ``[n]`` markers, confidence.

    ``sufficient`` is the chat model's sufficient-context score; with ``retriever`` the
    question's terms are weighted by their document frequency in the knowledge.
    ``internal_notes`` (``agent_notes``) go to the agent, never into the text.
    """
    notes = tuple(internal_notes)
    retrieved = tuple(p for g in groups for p in g.passages[:1])
    escalation = _ESCALATE.match(reply)
    used = cited_passages(reply, passages)
    answer = _MARKER.sub("", reply).strip()
    if escalation or not answer:
        reason = (escalation.group("reason") if escalation else "").lower()
        return _escalated(
            ticket, reason, lang=lang, settings=settings, retrieved=retrieved, notes=notes
        )
    citations = [_citation(hit, answer) for hit in _unique_docs(used)]
    evidence = _answer_evidence(
        ticket,
        answer,
        groups,
        used,
        lang,
        reads=reads_lang,
        sufficient=sufficient,
        comparable=retriever.comparable if retriever else float,
        weights=retriever.term_weights(salient_terms(ticket.text, lang), filters=filters)
        if retriever
        else None,
    )
    result = assess(
        evidence, question=ticket.text, threshold=settings.threshold, calibrate=calibrate
    )
    public = frozenset(h.chunk.doc_id for h in used if h.chunk.kind == "article")
    text = compose_reply(
        ticket,
        lang=lang,
        body=answer,
        citations=citations,
        brand=settings.brand,
        public=public,
        formality=settings.formality,
        source_lang=_source_language(used, lang),
    )
    return _draft(text, tuple(citations), result, lang, retrieved, notes)


def reply_passages(groups: Sequence[DocumentHits], *, limit: int) -> list[SearchResult]:
    """The passages the chat model may answer from: usable text of articles and past
    tickets; wiki pages are written for agents and never material for the reply."""
    hits = [
        p for g in groups for p in g.passages if p.chunk.kind != "wiki" and usable_text(p).strip()
    ]
    return hits[:limit]


def agent_notes(
    retriever: Retriever, groups: Sequence[DocumentHits], *, filters: SearchFilters | None
) -> tuple[str, ...]:
    """What the agent sees apart from the reply: the best passage of each retrieved internal
    wiki page (the chat model never gets those), then the agent-only lines ("Internal:",
    internal sections) of every retrieved article and wiki page."""
    guidance: list[str] = []
    marked: list[str] = []
    for group in groups:
        top = group.passages[0] if group.passages else None
        if top is None or top.chunk.kind == "ticket":
            continue
        text = " ".join(usable_text(top).split())
        if top.chunk.kind == "wiki" and text:
            guidance.append(guidance_note(top.chunk.title, top.chunk.heading, text))
        marked += notes_of(document_chunks(retriever, group, filters))
    return tuple(dict.fromkeys([*guidance, *marked]))[:MAX_NOTES]


def _wiki_found(x: dict[str, Any]) -> bool:
    return any(g.passages and g.passages[0].chunk.kind == "wiki" for g in x["groups"])


def _escalated(
    ticket: Ticket,
    reason: str,
    *,
    lang: str,
    settings: DraftingSettings,
    retrieved: tuple[SearchResult, ...],
    notes: tuple[str, ...] = (),
) -> Draft:
    """The holding reply for a model that escalated (with ``reason``) or wrote no answer."""
    codes = [reason] if reason in REASON_CODES else []
    result = assess(
        None,
        question=ticket.text,
        threshold=settings.threshold,
        extra_reasons=[*codes, MODEL_ESCALATED],
    )
    text = compose_reply(
        ticket, lang=lang, body="", citations=(), brand=settings.brand, formality=settings.formality
    )
    return _draft(text, (), result, lang, retrieved, notes)


def _source_language(used: Sequence[SearchResult], lang: str) -> str:
    """The language of the cited guides when none is in ``lang`` (the reply translates them)."""
    langs = {h.chunk.lang or lang for h in used if h.chunk.kind == "article"}
    return langs.pop() if len(langs) == 1 and lang not in langs else lang


def cited_passages(reply: str, passages: Sequence[SearchResult]) -> list[SearchResult]:
    """Passages the reply cites with ``[n]``, in order of first citation; bad numbers dropped."""
    used: dict[int, SearchResult] = {}
    for match in _MARKER.finditer(reply):
        n = int(match.group(1))
        if 1 <= n <= len(passages) and n not in used:
            used[n] = passages[n - 1]
    return list(used.values())


def _answer_evidence(
    ticket: Ticket,
    answer: str,
    groups: Sequence[DocumentHits],
    used: Sequence[SearchResult],
    lang: str,
    *,
    reads: bool,
    sufficient: float | None,
    weights: TermWeights | None,
    comparable: Callable[[float], float] = float,
) -> Evidence:
    sources = [f"{h.chunk.title} {h.chunk.heading} {usable_text(h)}" for h in used]
    used_doc = used[0].chunk.doc_id if used else None
    best = next((g for g in groups if g.doc_id == used_doc), None)
    dense = best.signals.dense if best and best.signals.dense is not None else 0.0
    passage = " ".join(sources)
    coverage = term_coverage(ticket.text, passage, lang=lang)
    agreement, margin = retrieval_evidence(groups, used_doc=used_doc)
    return measure_evidence(
        ticket.text,
        passage,
        lang=lang,
        similarity=rescale_similarity(comparable(dense)) if reads else coverage,
        title=used[0].chunk.title if used else "",
        dense_read=reads,
        agreement=agreement,
        margin=margin,
        top_agree=top_agreement(groups, used_doc=used_doc),
        weights=weights,
        from_ticket=bool(used) and all(h.chunk.kind == "ticket" for h in used),
        grounding_share=grounding(answer, sources, lang=lang) if used else 0.0,
        sufficient=sufficient,
    )


def _unique_docs(hits: Sequence[SearchResult]) -> list[SearchResult]:
    seen: dict[str, SearchResult] = {}
    for hit in hits:
        seen.setdefault(hit.chunk.doc_id, hit)
    return list(seen.values())


def _citation(hit: SearchResult, answer: str) -> Citation:
    chunk = hit.chunk
    quote = usable_text(hit).strip().split("\n")[0][:300]
    return Citation(chunk.doc_id, chunk.title, safe_url(chunk.url), quote)


def _draft(
    text: str,
    citations: tuple[Citation, ...],
    result: Assessment,
    lang: str,
    retrieved: tuple[SearchResult, ...],
    notes: tuple[str, ...] = (),
) -> Draft:
    return Draft(
        text=text,
        citations=citations,
        confidence=result.confidence,
        escalate=result.escalate,
        reasons=result.reasons,
        lang=lang,
        retrieved=retrieved,
        raw_confidence=result.raw,
        features=result.features,
        internal_notes=notes,
    )


class ChainDrafter:
    """A ``Drafter`` backed by the LLM chain; endpoint failures become our errors."""

    def __init__(
        self,
        retriever: Retriever,
        *,
        model: ChatModel,
        settings: DraftingSettings,
        templates: PromptTemplates | None = None,
        calibrate: Calibrate | None = None,
        endpoint: str = "",
    ) -> None:
        self.retriever = retriever
        self.settings = settings
        self.endpoint = endpoint or "(configured chat model)"
        self.calibrated = calibrate is not None
        self.chain = build_draft_chain(
            retriever=retriever,
            model=model,
            templates=templates or PromptTemplates.load(),
            settings=settings,
            calibrate=calibrate,
        )

    def draft(self, ticket: Ticket, *, filters: SearchFilters | None = None) -> Draft:
        """A draft for ``ticket`` written by the chat model from fenced passages."""
        try:
            draft: Draft = self.chain.invoke({"ticket": ticket, "filters": filters})
            return dataclasses.replace(draft, calibrated=self.calibrated)
        except Exception as exc:
            wrapped = wrap_llm_error(exc, self.endpoint)
            if wrapped is None:
                raise
            raise wrapped from exc
