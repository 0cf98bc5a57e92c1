"""Support across languages: the passage of an English guide that supports a German human
reply, found by a multilingual bridge embedder instead of key terms that cannot match."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from copilot.backends.embedder import FakeEmbedder, Vectors
from copilot.domain import Document, SearchFilters
from eval.attribution import CROSS_LANGUAGE, CROSS_LANGUAGE_Z, MIN_BACKGROUND, SupportFinder
from tests.fake_knowledge import fake_retriever

GERMAN = {
    "öffnen": "open",
    "sie": "you",
    "die": "the",
    "einstellungen": "settings",
    "und": "and",
    "klicken": "click",
    "auf": "on",
    "exportieren": "export",
    "rechnungen": "invoices",
}


class BilingualEmbedder(FakeEmbedder):
    """A fake multilingual model: German words are read as their English translation."""

    languages = ("en", "de")

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        return super().embed_documents([_translated(t) for t in texts])


def _translated(text: str) -> str:
    return " ".join(GERMAN.get(w.strip(".,").lower(), w) for w in text.split())


GERMAN_REPLY = "Hallo,\nÖffnen Sie die Einstellungen und klicken Sie auf Exportieren.\nViele Grüße"


GUIDE = Document(
    id="kb-1",
    kind="article",
    title="Export invoices",
    body="Open the settings and click on export invoices.",
    lang="en",
)


def _finder(
    docs: Sequence[Document], embedder: BilingualEmbedder, *, threshold: float
) -> SupportFinder:
    """A support finder over ``docs`` with ``embedder`` as retrieval model and bridge, and
    an English-only scorer (the replay's MiniLM) for same-language sentences."""
    retriever = fake_retriever(docs, max_tokens=100, embedder=embedder, dense_langs=("en", "de"))
    return SupportFinder(
        retriever,
        threshold=threshold,
        lexical_threshold=0.4,
        scorer=FakeEmbedder(),
        scorer_langs=["en"],
        bridge=embedder,
        z_threshold=3.0,
    )


def test_an_english_guide_supports_a_german_resolution_through_the_bridge() -> None:
    """If this fails, a German ticket answered by an English-only article is a 'gap'."""
    docs = [
        GUIDE,
        Document(id="kb-2", kind="article", title="Password", body="Reset it.", lang="en"),
    ]
    finder = _finder(docs, BilingualEmbedder(), threshold=0.5)
    support = finder.find(GERMAN_REPLY, filters=SearchFilters(), lang="de")
    assert support.doc_id == "kb-1"
    assert support.supported
    assert support.method == CROSS_LANGUAGE


class CompressedBilingualEmbedder(BilingualEmbedder):
    """A fake multilingual model whose cosines sit in a narrow high band, like e5's: every
    vector shares one large component, so even unrelated texts score about 0.8."""

    def __init__(self) -> None:
        super().__init__(dimension=1024)

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        own = super().embed_documents(texts)
        shared = np.zeros(own.shape[1], dtype=np.float32)
        shared[0] = 2.0
        mixed = own + shared
        out: Vectors = (mixed / np.linalg.norm(mixed, axis=1, keepdims=True)).astype(np.float32)
        return out


def _background(n: int) -> list[Document]:
    """``n`` English articles on other topics, every other one about invoices in general:
    the language's background."""
    return [
        Document(
            id=f"bg-{i}",
            kind="article",
            title=f"Topic {i}",
            body=f"Notes about item{i}{' for the invoices' * (i % 2)}.",
            lang="en",
        )
        for i in range(n)
    ]


def _z_finder(docs: Sequence[Document]) -> SupportFinder:
    return _finder(docs, CompressedBilingualEmbedder(), threshold=0.55)


def test_with_enough_background_cross_language_support_is_a_z_score() -> None:
    """If this fails, the English guide that holds a German reply's steps is not found
    as its support once the index is large enough to read scores against."""
    support = _z_finder([GUIDE, *_background(MIN_BACKGROUND)]).find(
        GERMAN_REPLY, filters=SearchFilters(), lang="de"
    )
    assert support.method == CROSS_LANGUAGE_Z
    assert support.doc_id == "kb-1"
    assert support.supported


def test_a_generic_passage_in_a_narrow_cosine_band_does_not_support() -> None:
    """If this fails, a multilingual model's high cosines make any guide in the other
    language 'support' a reply it has nothing to do with, and gaps vanish from the report."""
    docs = _background(MIN_BACKGROUND + 5)
    finder = _z_finder(docs)
    reply = "Hallo,\nDie Rechnungen kommen per Post.\nViele Grüße"  # like half the guides
    assert not finder.find(reply, filters=SearchFilters(), lang="de").supported
    few = _z_finder(docs[:3]).find(reply, filters=SearchFilters(), lang="de")
    assert few.method == CROSS_LANGUAGE  # too little background: the fixed cosine scale
    assert few.supported  # ... which is what let unrelated guides through
