"""Support across languages: the passage of an English guide that supports a German human
reply, found by a multilingual bridge embedder instead of key terms that cannot match."""

from __future__ import annotations

from collections.abc import Sequence

from copilot.backends.embedder import FakeEmbedder, Vectors
from copilot.domain import Document, SearchFilters
from eval.attribution import CROSS_LANGUAGE, SupportFinder
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


def test_an_english_guide_supports_a_german_resolution_through_the_bridge() -> None:
    """If this fails, a German ticket answered by an English-only article is a 'gap'."""
    embedder = BilingualEmbedder()
    docs = [
        Document(
            id="kb-1",
            kind="article",
            title="Export invoices",
            body="Open the settings and click on export invoices.",
            lang="en",
        ),
        Document(id="kb-2", kind="article", title="Password", body="Reset it.", lang="en"),
    ]
    retriever = fake_retriever(docs, max_tokens=100, embedder=embedder, dense_langs=("en", "de"))
    finder = SupportFinder(
        retriever,
        threshold=0.5,
        lexical_threshold=0.4,
        scorer=FakeEmbedder(),
        scorer_langs=["en"],
        bridge=embedder,
    )
    support = finder.find(GERMAN_REPLY, filters=SearchFilters(), lang="de")
    assert support.doc_id == "kb-1"
    assert support.supported
    assert support.method == CROSS_LANGUAGE
