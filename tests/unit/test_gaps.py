"""Gap report: clustering, key terms, ranking, article drafts."""

from __future__ import annotations

import numpy as np

from copilot.backends.embedder import FakeEmbedder
from eval.articles import NOTES_MARKER, ExtractiveArticleDrafter, strip_draft_notes
from eval.gaps import cluster, find_gaps, key_terms
from eval.scoring import Verdict
from tests.unit.replay_fixtures import verdict

DARK = "Dark mode in the app? The screen is too bright at night, I want a dark theme."
SHOP = "Shopify integration: can orders from my Shopify shop become invoices automatically?"
DARK_ANSWER = (
    "Hi Anna,\n\nThe mobile app follows your phone's dark mode setting automatically. "
    "The web app has no dark theme yet; your vote is added. Write to anna@example.com.\n\n"
    "Best regards,\nTom"
)
SHOP_ANSWER = (
    "Hello,\n\nThere is no Shopify connector yet. Export your orders as CSV and import them "
    "under Invoices > Import.\n\nCheers,\nPriya"
)


def _missing(i: int, text: str, answer: str, month: int) -> Verdict:
    subject, _, body = text.partition(":") if ":" in text else ("", "", text)
    return verdict(
        "missing_knowledge",
        id=f"m{i}",
        subject=subject or text[:20],
        body=body or text,
        resolution=answer,
        created_at=f"2026-{month:02d}-01T10:00:00+00:00",
        tags=["gap"],
    )


def _tickets() -> list[Verdict]:
    dark = [_missing(i, DARK + f" Ticket {i}.", DARK_ANSWER, 1 + i) for i in range(3)]
    shop = [_missing(10 + i, SHOP + f" Case {i}.", SHOP_ANSWER, 8 + i) for i in range(4)]
    lone = [_missing(99, "How do I print a QR code on a receipt?", "Use the QR option.", 5)]
    deflected = [
        verdict(None, id=f"ok{i}", subject="Invoice", body="How do I create an invoice app?")
        for i in range(5)
    ]
    return [*dark, *shop, *lone, *deflected]


def test_clustering_recovers_planted_groups_and_chooses_their_number() -> None:
    """If this fails, gaps merge unrelated topics or split one topic apart."""
    rng = np.random.default_rng(0)
    centres = np.eye(8)[:3]
    vectors = np.vstack([c + rng.normal(0, 0.05, (6, 8)) for c in centres]).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = cluster(vectors)
    groups = {tuple(labels[i * 6 : (i + 1) * 6].tolist()) for i in range(3)}
    assert len(set(labels.tolist())) == 3
    assert all(len(set(g)) == 1 for g in groups)


def test_key_terms_prefer_words_distinctive_for_the_cluster() -> None:
    """If this fails, gap labels name words every ticket uses."""
    tickets = _tickets()
    shop = [t for t in tickets if t.id.startswith("m1")]
    rest = [t for t in tickets if not t.id.startswith("m1")]
    terms = key_terms([shop], background=rest)[0]
    assert terms[0] == "shopify"


def test_gaps_are_clustered_labelled_ranked_and_drafted() -> None:
    """If this fails, writers get no usable list of missing articles."""
    embedder = FakeEmbedder()
    gaps = find_gaps(
        _tickets(), embedder=embedder, articles=ExtractiveArticleDrafter(embedder), min_size=2
    )
    assert [g.size for g in gaps] == [4, 3]  # the singleton is no gap; larger and newer first
    shop, dark = gaps
    assert set(shop.ticket_ids) == {"m10", "m11", "m12", "m13"}
    assert "shopify" in shop.key_terms
    assert shop.id == "gap-01"
    assert shop.last_seen is not None
    assert shop.last_seen.startswith("2026-11")
    assert shop.representative_question
    assert "dark" in dark.label


def test_article_draft_is_marked_as_draft_with_sources_and_no_personal_data() -> None:
    """If this fails, a drafted article leaks a customer's data or looks final."""
    embedder = FakeEmbedder()
    gap = find_gaps(_tickets(), embedder=embedder, articles=ExtractiveArticleDrafter(embedder))[1]
    text = gap.draft_article
    assert "status: draft" in text
    assert "sources: m" in text
    assert "id: draft-gap-02" in text
    published = strip_draft_notes(text)
    assert "follows your phone's dark mode setting" in published
    assert "@example.com" not in text
    assert "Hi Anna" not in text
    assert "Tom" not in published.split("---", 2)[2]
    assert NOTES_MARKER in text
    assert NOTES_MARKER not in published


def test_no_gaps_without_missing_knowledge() -> None:
    """If this fails, the gap report invents gaps from tickets that were answered."""
    embedder = FakeEmbedder()
    deflected = [t for t in _tickets() if t.failure_reason is None]
    assert (
        find_gaps(deflected, embedder=embedder, articles=ExtractiveArticleDrafter(embedder)) == []
    )
