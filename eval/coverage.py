"""Does the *current* knowledge answer a ticket? The gap report's check beyond the replay.

A replay asks whether the knowledge that existed when a ticket came in answered it. A writer
needs to know whether the knowledge that exists *now* does: an article published since then,
or one the as-of view hid, already closes the gap. ``IndexKnowledgeCheck`` looks at every
indexed article and wiki page, without the as-of filters:

- ``answers``: the human resolution is supported by a current passage (the replay's own
  support test, ``eval.attribution.SupportFinder``, now without a date limit);
- the closest article: the document that support found, else the best retrieval hit for the
  question, with its title, link and score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from copilot.domain import Kind, SearchFilters
from copilot.retrieval import Retriever
from eval.attribution import SupportFinder


@dataclass(frozen=True)
class Closest:
    """The current document closest to a ticket's question, and whether it answers it."""

    doc_id: str | None
    title: str = ""
    url: str | None = None
    score: float = 0.0
    answers: bool = False


class KnowledgeCheck(Protocol):
    """Looks a question up in the current knowledge (all of it, no as-of filters)."""

    def closest(self, question: str, *, resolution: str | None, lang: str) -> Closest:
        """The closest current document; ``answers`` when it supports ``resolution``."""
        ...


class IndexKnowledgeCheck:
    """``KnowledgeCheck`` over the indexes a replay used (documentation kinds by default)."""

    def __init__(
        self,
        retriever: Retriever,
        *,
        support: SupportFinder,
        kinds: Sequence[Kind] = ("article", "wiki"),
    ) -> None:
        self.retriever = retriever
        self.support = support
        self.filters = SearchFilters(kinds=tuple(kinds))

    def closest(self, question: str, *, resolution: str | None, lang: str) -> Closest:
        hits = self.retriever.search_documents(question, k=5, filters=self.filters)
        found = None
        if resolution:
            found = self.support.find(resolution, filters=self.filters, lang=lang)
        supported = bool(found and found.supported)
        doc_id = found.doc_id if found and supported else (hits[0].doc_id if hits else None)
        hit = next((h for h in hits if h.doc_id == doc_id and h.passages), None)
        chunk = hit.passages[0].chunk if hit else None
        return Closest(
            doc_id=doc_id,
            title=chunk.title if chunk else (doc_id or ""),
            url=chunk.url if chunk else None,
            score=float(found.score if found else (hits[0].score if hits else 0.0)),
            answers=supported,
        )
