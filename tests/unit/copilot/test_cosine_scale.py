"""Confidence features do not depend on the embedder's cosine scale (issue 13: ``auto``).

e5 puts nearly every pair of texts at cosine 0.8-0.9, MiniLM spreads them from 0 to 1; the
features and thresholds were set on MiniLM's scale, so an embedder declares its own
``cosine_scale`` and its cosines are mapped onto MiniLM's before use.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from copilot.backends.caching_embedder import CachingEmbedder
from copilot.backends.embedder import (
    REFERENCE_COSINE_SCALE,
    FakeEmbedder,
    Vectors,
    comparable_cosine,
    cosine_scale,
)
from copilot.domain import Document, Ticket
from copilot.drafting import ExtractiveDrafter
from copilot.settings import DraftingSettings
from tests.fake_knowledge import fake_retriever

SQUEEZE = 0.8  # the squeezed embedder's cosine is 0.8 + 0.2 * the plain one's


class SqueezedEmbedder(FakeEmbedder):
    """The fake's vectors with a shared component added, so every cosine becomes
    ``SQUEEZE + (1 - SQUEEZE) * cosine`` (what e5 does to MiniLM-like scores, roughly)."""

    languages = ("en",)

    def __init__(self) -> None:
        super().__init__(dimension=64)
        low, high = REFERENCE_COSINE_SCALE
        self.cosine_scale = (SQUEEZE + (1 - SQUEEZE) * low, SQUEEZE + (1 - SQUEEZE) * high)

    @property
    def dimension(self) -> int:
        return 65

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        plain = super().embed_documents(texts) * np.float32(np.sqrt(1 - SQUEEZE))
        shared = np.full((len(texts), 1), np.sqrt(SQUEEZE), dtype=np.float32)
        return np.hstack([plain, shared]).astype(np.float32)

    def embed_query(self, text: str) -> Vectors:
        vector: Vectors = self.embed_documents([text])[0]
        return vector


GUIDE = Document(
    id="kb-export",
    kind="article",
    title="Export your invoices",
    body="## Export\n1. Open Invoices.\n2. Click Export.\n3. Choose CSV or PDF and confirm.",
    url="https://help.example/kb-export",
    lang="en",
)


def _drafter(embedder: FakeEmbedder) -> ExtractiveDrafter:
    retriever = fake_retriever(
        [GUIDE],
        max_tokens=80,
        embedder=embedder,
        count_tokens=lambda t: [len(x.split()) for x in t],
    )
    settings = DraftingSettings.model_validate({"threshold": 0.0, "brand": "Acme"})
    return ExtractiveDrafter(retriever, settings=settings)


def test_an_embedder_without_a_scale_is_on_the_reference_scale() -> None:
    """If this fails, MiniLM's confidence features changed with the multilingual work."""
    assert cosine_scale(FakeEmbedder()) == REFERENCE_COSINE_SCALE
    assert comparable_cosine(0.42, REFERENCE_COSINE_SCALE) == 0.42


def test_a_declared_scale_maps_its_anchors_onto_the_reference_anchors() -> None:
    """If this fails, an e5 cosine of 'unrelated' no longer reads as MiniLM's 'unrelated'."""
    low, high = REFERENCE_COSINE_SCALE
    assert comparable_cosine(0.835, (0.835, 0.915)) == pytest.approx(low)
    assert comparable_cosine(0.915, (0.835, 0.915)) == pytest.approx(high)


def test_the_embedding_cache_passes_the_scale_through() -> None:
    """If this fails, the replay's cached e5 embedder is read on MiniLM's scale again."""
    assert cosine_scale(CachingEmbedder(SqueezedEmbedder())) == SqueezedEmbedder().cosine_scale


def test_squeezed_cosines_give_the_same_confidence_features_once_the_scale_is_declared() -> None:
    """If this fails, a multilingual embedder's drafts all score similarity 1 (issue 13)."""
    ticket = Ticket(body="How do I export my invoices as CSV?")
    plain = _drafter(FakeEmbedder(dimension=64)).draft(ticket)
    squeezed = _drafter(SqueezedEmbedder()).draft(ticket)
    assert 0.0 < plain.features["similarity"] < 1.0
    assert squeezed.features["similarity"] == pytest.approx(plain.features["similarity"], abs=1e-4)
    assert squeezed.confidence == pytest.approx(plain.confidence, abs=1e-3)
