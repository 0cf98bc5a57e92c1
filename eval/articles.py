"""Help-article drafts for knowledge gaps, written from the human resolutions of a gap's tickets.

The extractive drafter (default, offline) keeps the resolution sentences that are most central
to the cluster (the answer most agents gave), drops salutations, sign-offs and anything that
looks like one customer's data, and removes near-duplicates. With an LLM configured, the model
writes the article from the same resolutions. Either way the Markdown is ready for a pull
request to a docs repository: front matter (``status: draft``, sources), the article, then
draft notes for the reviewer below a marker that ``strip_draft_notes`` cuts off.
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
from eval.replay import Observation

NOTES_MARKER = "<!-- draft-notes: for the reviewer; delete from here before publishing -->"

ARTICLE_PROMPT = """You write help-center articles for a support team.
Write one short article in the language "{lang}" that answers this customer question:
{question}

Use only facts that appear in the human agents' replies below; leave out names, greetings and
anything about one customer's account. Start with a line "# <title>", then the answer in a few
short paragraphs or steps. Output Markdown only.

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


class ExtractiveArticleDrafter:
    """Picks the most central resolution sentences of the cluster; never invents text."""

    name = "extractive"

    def __init__(self, embedder: Embedder, *, max_sentences: int = 6) -> None:
        self.embedder = embedder
        self.max_sentences = max_sentences

    def draft(
        self, *, question: str, key_terms: Sequence[str], tickets: Sequence[Observation]
    ) -> ArticleDraft:
        lang = majority_language(tickets)
        sentences = _resolution_sentences([t for t in tickets if t.lang == lang]) or (
            _resolution_sentences(tickets)
        )
        chosen = self._central(sentences)
        body = " ".join(chosen) if chosen else "(The resolutions hold no reusable sentences.)"
        return render_article(
            title=question, body=body, lang=lang, key_terms=key_terms, tickets=tickets
        )

    def _central(self, sentences: list[str]) -> list[str]:
        if not sentences:
            return []
        vectors = self.embedder.embed_documents(sentences)
        centrality = (vectors @ vectors.T).mean(axis=1)
        chosen: list[int] = []
        for i in np.argsort(-centrality, kind="stable"):
            if len(chosen) >= self.max_sentences:
                break
            if all(float(vectors[i] @ vectors[j]) < 0.85 for j in chosen):
                chosen.append(int(i))
        return [sentences[i] for i in chosen]


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


def _resolution_sentences(tickets: Sequence[Observation]) -> list[str]:
    seen: dict[str, None] = {}
    for t in tickets:
        for sentence in split_sentences(t.resolution or ""):
            if usable_sentence(sentence, from_ticket=True):
                seen.setdefault(sentence, None)
    return list(seen)


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
    ]
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
