"""Help-article drafts for knowledge gaps, written from the human resolutions of a gap's tickets.

A draft is written in the language of most of the gap's tickets, from the resolutions in that
language. The extractive drafter (default, offline) takes the steps, in their order, from the
cluster's most typical resolution (the medoid's, or the next one that has usable sentences),
then adds sentences that other agents wrote and it lacks, most central first. Greetings,
sign-offs, names, apologies and thanks are cut (``eval.judging.resolution_content`` and the
drafter's own test for sentences that belong to one customer: addresses, numbers, "I did ...").
The article is a title (the gap's representative question), a one-line intro and the steps as
a numbered list. With an LLM configured, the model writes the article from the same
resolutions. Either way the Markdown is ready for a pull request to a docs repository: front
matter (title, lang, ``status: draft``, source ticket ids), the article, then draft notes for
the reviewer below a marker that ``strip_draft_notes`` cuts off.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from copilot.backends.embedder import Embedder
from copilot.drafting import usable_sentence
from copilot.text import split_sentences
from eval.judging import resolution_content
from eval.observation import Observation

NOTES_MARKER = "<!-- draft-notes: for the reviewer; delete from here before publishing -->"

ARTICLE_PROMPT = """You write help-center articles for a support team.
Write one short article in the language "{lang}" that answers this customer question:
{question}

Use only facts that appear in the human agents' replies below; leave out names, greetings and
anything about one customer's account. Start with a line "# <title>", then one short intro
sentence, then the steps as a numbered list in the order the agents give them. Output Markdown
only.

Agents' replies:
{resolutions}"""


@dataclass(frozen=True)
class ArticleDraft:
    """A drafted article and what it was written from."""

    title: str
    markdown: str
    sources: list[str]
    lang: str


class ArticleDrafter(Protocol):
    """Writes a help-article draft for one gap."""

    @property
    def name(self) -> str:
        """Short name recorded in the manifest."""
        ...

    def draft(
        self, *, question: str, key_terms: Sequence[str], tickets: Sequence[Observation]
    ) -> ArticleDraft:
        """An article answering ``question`` from the resolutions of ``tickets`` (best first)."""
        ...


INTROS = {
    "en": "Customers ask: \u201c{question}\u201d Here is how it works.",
    "de": "Kundinnen und Kunden fragen: \u201e{question}\u201c So gehen Sie vor.",
}
NO_STEPS = {
    "en": "(The resolutions hold no reusable sentences: write the steps by hand.)",
    "de": "(Die Antworten enthalten keine wiederverwendbaren Sätze: bitte von Hand ergänzen.)",
}
# Courtesy that is no step: apologies, thanks and offers of further help (English and German).
_COURTESY = re.compile(
    r"^\s*(?:sorry|unfortunately|thanks?|thank you|glad|happy to|hope|let (?:me|us) know|"
    r"feel free|leider|danke|vielen dank|gern(?:e)?\b|ich hoffe|melden sie sich|"
    r"entschuldig)",
    re.IGNORECASE,
)


class ExtractiveArticleDrafter:
    """Steps from the cluster's resolutions, in their order; never invents text."""

    name = "extractive"

    def __init__(self, embedder: Embedder, *, max_steps: int = 6) -> None:
        self.embedder = embedder
        self.max_steps = max_steps

    def draft(
        self, *, question: str, key_terms: Sequence[str], tickets: Sequence[Observation]
    ) -> ArticleDraft:
        lang = majority_language(tickets)
        steps = self._steps([t for t in tickets if t.lang == lang]) or self._steps(tickets)
        return render_article(
            title=question,
            body=article_body(question, steps, lang=lang),
            lang=lang,
            key_terms=key_terms,
            tickets=tickets,
        )

    def _steps(self, tickets: Sequence[Observation]) -> list[str]:
        """The first usable resolution's sentences in order, then central ones it lacks."""
        per_ticket = [resolution_steps(t.resolution or "") for t in tickets]
        per_ticket = [s for s in per_ticket if s]
        if not per_ticket:
            return []
        steps = per_ticket[0][: self.max_steps]
        others = list(dict.fromkeys(s for rest in per_ticket[1:] for s in rest if s not in steps))
        if not others or len(steps) >= self.max_steps:
            return steps
        vectors = self.embedder.embed_documents([*steps, *others])
        own, extra = vectors[: len(steps)], vectors[len(steps) :]
        centrality = (extra @ extra.T).mean(axis=1)
        chosen = list(own)
        for i in np.argsort(-centrality, kind="stable"):
            if len(steps) >= self.max_steps:
                break
            if all(float(extra[i] @ v) < 0.8 for v in chosen):
                steps.append(others[int(i)])
                chosen.append(extra[i])
        return steps


def resolution_steps(resolution: str) -> list[str]:
    """The reusable sentences of one human resolution, in order: no greeting, sign-off, name,
    courtesy, question or customer data."""
    content = resolution_content(resolution)
    return [
        s
        for s in split_sentences(content)
        if usable_sentence(s, from_ticket=True) and not _COURTESY.match(s)
    ]


def article_body(question: str, steps: Sequence[str], *, lang: str) -> str:
    """A one-line intro and the steps as a numbered list."""
    intro = INTROS.get(lang, INTROS["en"]).format(question=question.rstrip())
    if not steps:
        return f"{intro}\n\n{NO_STEPS.get(lang, NO_STEPS['en'])}"
    numbered = "\n".join(
        f"{i}. {step[:1].upper()}{step[1:]}" for i, step in enumerate(steps, start=1)
    )
    return f"{intro}\n\n{numbered}"


class LLMArticleDrafter:
    """Asks a chat model to write the article from the resolutions (``ARTICLE_PROMPT``)."""

    name = "llm"

    def __init__(self, model: Any, *, fallback: ArticleDrafter, max_resolutions: int = 12):
        self.model = model
        self.fallback = fallback
        self.max_resolutions = max_resolutions

    def draft(
        self, *, question: str, key_terms: Sequence[str], tickets: Sequence[Observation]
    ) -> ArticleDraft:
        from copilot.backends.llm import invoke_chat
        from copilot.errors import CopilotError

        lang = majority_language(tickets)
        replies = "\n\n".join(
            f"- {t.resolution.strip()}" for t in tickets[: self.max_resolutions] if t.resolution
        )
        prompt = ARTICLE_PROMPT.format(lang=lang, question=question, resolutions=replies)
        try:
            text = invoke_chat(self.model, prompt, where="gap article drafting")
        except CopilotError:
            return self.fallback.draft(question=question, key_terms=key_terms, tickets=tickets)
        heading = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
        title = heading.group(1).strip() if heading else question
        body = re.sub(r"^#\s+.+$", "", text, count=1, flags=re.MULTILINE).strip()
        return render_article(
            title=title, body=body, lang=lang, key_terms=key_terms, tickets=tickets
        )


def majority_language(tickets: Sequence[Observation]) -> str:
    """The most common language among ``tickets`` (English when there are none)."""
    counts = Counter(t.lang for t in tickets)
    return counts.most_common(1)[0][0] if counts else "en"


def render_article(
    *,
    title: str,
    body: str,
    lang: str,
    key_terms: Sequence[str],
    tickets: Sequence[Observation],
) -> ArticleDraft:
    """Markdown with front matter, the article, and reviewer notes below ``NOTES_MARKER``."""
    sources = [t.id for t in tickets if t.resolution]
    clean_title = " ".join(title.split()).replace('"', "'")[:120] or "Untitled"
    front = [
        "---",
        "id: draft-{gap_id}",
        f'title: "{clean_title}"',
        f"lang: {lang}",
        "status: draft",
        f"sources: {', '.join(sources)}",
        "---",
    ]  # sources: the ids of the tickets whose resolutions the draft was written from
    notes = [
        NOTES_MARKER,
        "## Draft notes",
        "",
        f"This is a **draft**, written from {len(sources)} human resolutions of tickets that no "
        "article answered. Check every statement before publishing.",
        "",
        f"- Key terms: {', '.join(key_terms)}",
        f"- Source tickets: {', '.join(sources)}",
    ]
    markdown = "\n".join([*front, f"# {clean_title}", "", body, "", *notes]) + "\n"
    return ArticleDraft(title=clean_title, markdown=markdown, sources=sources, lang=lang)


def strip_draft_notes(markdown: str) -> str:
    """The publishable part of a drafted article (everything before ``NOTES_MARKER``)."""
    return markdown.split(NOTES_MARKER, 1)[0].rstrip() + "\n"
