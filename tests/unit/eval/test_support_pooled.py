"""The support finder's sentence vectors pooled at ingest: they rank the sentences, only the
best are embedded, and a support's score stays the exact cosine on the threshold's scale."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from copilot.backends.embedder import Embedder, FakeEmbedder, TokenStates, Vectors
from copilot.domain import Chunk, SearchFilters
from copilot.passage_vectors import (
    SENTENCE_CONTEXT_WEIGHT,
    answer_part,
    pooled_sentence_vectors,
    sentence_key,
)
from copilot.text import split_sentences
from eval.attribution import SUPPORT_MARGIN, Support, SupportFinder
from ingest.chunking import embedding_text
from ingest.target import IngestTarget
from tests.fake_knowledge import fake_retriever
from tests.unit.copilot.test_passage_vectors import (
    ARTICLES,
    TokenFakeEmbedder,
    ingest,
    lexical_of,
    retriever_over,
)

RESOLUTIONS = [
    "Hi,\nOpen Reports, choose Export and pick CSV; the file comes by e-mail.\nBest, Ann",
    "Click Forgot password on the login page and check your spam folder.",
    "Exports hold at most 10,000 rows, larger ones are split into several files.",
    "Open Settings, click Billing and enter the VAT ID.",
]


def finder_over(target: IngestTarget, embedder: Embedder) -> SupportFinder:
    return SupportFinder(retriever_over(target, embedder), threshold=0.3, docs=3)


def test_ingest_stores_a_vector_for_every_support_sentence(tmp_path: Path) -> None:
    """A sentence the support finder compares had no vector pooled at ingest."""
    embedder = TokenFakeEmbedder()
    store = lexical_of(ingest(tmp_path, embedder, ARTICLES))
    for doc_id in ARTICLES:
        for chunk in store.chunks_for_doc(doc_id):
            keys = [(chunk.id, sentence_key(s)) for s in split_sentences(chunk.text)]
            assert keys
            assert len(store.passage_vectors(keys, model_id=embedder.model_id)) == len(set(keys))


def test_pooled_support_equals_the_exact_support_and_embeds_fewer_sentences(
    tmp_path: Path,
) -> None:
    """With pooled vectors the finder chose another support than embedding every sentence,
    or embedded them all anyway."""
    pooled_embedder = TokenFakeEmbedder()
    pooled = finder_over(ingest(tmp_path / "p", pooled_embedder, ARTICLES), pooled_embedder)
    exact_embedder = TokenFakeEmbedder()
    exact_target = ingest(tmp_path / "e", FakeEmbedder(), ARTICLES)  # nothing pooled
    exact = finder_over(exact_target, exact_embedder)
    pooled_embedder.embedded.clear()
    for resolution in RESOLUTIONS:
        got = pooled.find(resolution, filters=SearchFilters())
        want = exact.find(resolution, filters=SearchFilters())
        assert got.supported
        assert (got.doc_id, got.supported) == (want.doc_id, want.supported)
        assert abs(got.score - want.score) < 1e-6
    assert 0 < len(set(pooled_embedder.embedded)) < len(set(exact_embedder.embedded))


class PlantedEmbedder(FakeEmbedder):
    """Embeds a query as the vector [1, 0, ...] and a document as that direction plus
    ``exact[text]`` along it (so its cosine is that value), counting the documents."""

    def __init__(self, exact: dict[str, float]) -> None:
        super().__init__(dimension=2)
        self.exact = exact
        self.embedded: list[str] = []

    def embed_query(self, text: str) -> Vectors:
        return np.array([1.0, 0.0], dtype=np.float32)

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        self.embedded += list(texts)
        cosines = np.array([self.exact[t] for t in texts], dtype=np.float32)
        return np.stack([cosines, np.sqrt(1 - cosines**2)], axis=1)


class PlantedFinder(SupportFinder):
    """A support finder whose pooled sentence vectors are planted: a sentence's pooled
    cosine with any resolution is ``pooled[sentence]`` (absent: no pooled vector)."""

    def __init__(self, embedder: Embedder, pooled: dict[str, float]) -> None:
        super().__init__(fake_retriever([], max_tokens=50, embedder=embedder), threshold=0.5)
        self.pooled = pooled

    def _pooled_sentences(
        self, embedder: Embedder, texts: Sequence[str], doc_ids: Sequence[str]
    ) -> dict[str, Vectors]:
        c = {t: self.pooled[t] for t in texts if t in self.pooled}
        return {t: np.array([[v, np.sqrt(1 - v**2)]], dtype=np.float32) for t, v in c.items()}


def planted_support(exact: dict[str, float], pooled: dict[str, float]) -> tuple[Support, list[str]]:
    embedder = PlantedEmbedder(exact)
    finder = PlantedFinder(embedder, pooled)
    support = finder._same_language("the reply", [("\n".join(exact), "doc")], lang="en")
    return support, embedder.embedded


def test_only_sentences_that_may_decide_the_support_are_embedded() -> None:
    """A sentence whose pooled cosine rules it out was embedded, or one within the margin of
    the threshold was not."""
    exact = {"Best by pooling.": 0.45, "Close to the bar.": 0.7, "Far below.": 0.9}
    pooled = {
        "Best by pooling.": 0.8,  # ranked first: embedded, 0.45 is below the threshold
        "Close to the bar.": 0.5 - SUPPORT_MARGIN / 2,  # may still reach it: embedded
        "Far below.": 0.5 - SUPPORT_MARGIN * 2,  # ruled out (even though exactly 0.9)
    }
    support, embedded = planted_support(exact, pooled)
    assert sorted(embedded) == ["Best by pooling.", "Close to the bar."]
    assert support.supported
    assert abs(support.score - 0.7) < 1e-6  # the exact cosine, not the pooled one


def test_above_the_threshold_only_sentences_that_may_beat_the_best_are_embedded() -> None:
    """Once a sentence supports the reply, one that cannot beat it was embedded anyway."""
    exact = {"Best by pooling.": 0.8, "Close second.": 0.85, "Below the best.": 0.6}
    pooled = {
        "Best by pooling.": 0.8,
        "Close second.": 0.8 - SUPPORT_MARGIN / 2,
        "Below the best.": 0.8 - SUPPORT_MARGIN * 1.5,  # within the margin of the threshold
    }
    support, embedded = planted_support(exact, pooled)
    assert sorted(embedded) == ["Best by pooling.", "Close second."]
    assert abs(support.score - 0.85) < 1e-6


def test_a_sentence_without_a_pooled_vector_is_always_embedded() -> None:
    """A sentence the index keeps no pooled vector for was left out of the comparison."""
    exact = {"Pooled.": 0.4, "Not pooled.": 0.3}
    support, embedded = planted_support(exact, {"Pooled.": 0.4})
    assert sorted(embedded) == ["Not pooled.", "Pooled."]
    assert not support.supported
    assert abs(support.score - 0.4) < 1e-6


def test_a_ticket_chunk_pools_only_the_sentences_of_its_resolution() -> None:
    """Sentences of a past ticket's question got support vectors, or its resolution none."""
    chunk = Chunk(
        id="ticket:t:0",
        doc_id="t",
        kind="ticket",
        title="Export fails",
        text="Question: Export fails. Why?\nResolution: Open Reports. Pick CSV.",
    )
    embedder = TokenFakeEmbedder()
    _, states = embedder.embed_with_token_states([embedding_text(chunk)])
    rows = pooled_sentence_vectors([chunk], states)
    part, start = answer_part(chunk.kind, chunk.text)
    assert chunk.text[start:] == part
    assert {r.key for r in rows} == {sentence_key("Open Reports."), sentence_key("Pick CSV.")}


def test_a_sentence_vector_is_its_tokens_mean_less_a_share_of_the_chunk_mean() -> None:
    """The pooled vector of a sentence was not the documented mean of its own tokens."""
    chunk = Chunk(id="article:a:0", doc_id="a", kind="article", title="", text="Open it. Go.")
    states = np.eye(6, dtype=np.float32)[:5]  # [cls] open it go [sep]
    offsets = np.array([(0, 0), (0, 4), (5, 7), (9, 11), (0, 0)], dtype=np.int32)
    rows = pooled_sentence_vectors([chunk], [TokenStates(offsets, states)])
    by_key = {r.key: r.vector for r in rows}
    want = (states[1] + states[2]) / 2 - SENTENCE_CONTEXT_WEIGHT * states.mean(axis=0)
    assert np.allclose(by_key[sentence_key("Open it.")], want / np.linalg.norm(want), atol=1e-6)
