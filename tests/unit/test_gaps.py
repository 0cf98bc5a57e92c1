"""Gap report: what counts as a gap, clustering across languages, labels, ranking, drafts."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest

from copilot.backends.embedder import FakeEmbedder
from eval.articles import NOTES_MARKER, ExtractiveArticleDrafter, strip_draft_notes
from eval.coverage import Closest
from eval.gap_truth import gap_topic_scores
from eval.gaps import (
    DEFAULT_CUT,
    GapOptions,
    TicketSpace,
    cleaned_question,
    cluster,
    find_gaps,
    key_terms,
    learn_cut,
    pair_f1,
)
from eval.scoring import Verdict
from tests.unit.replay_fixtures import verdict

DARK_EN = "Dark mode in the app? The screen is too bright at night, I want a dark theme."
DARK_DE = "Gibt es einen Dark Mode? Der Bildschirm ist abends zu hell."
SHOP = "Shopify integration: can orders from my Shopify shop become invoices automatically?"
DARK_ANSWER = (
    "Hi Anna,\n\nThe mobile app follows your phone's dark mode setting automatically. "
    "The web app has no dark theme yet; your vote is added. Write to anna@example.com.\n\n"
    "Best regards,\nTom"
)
DARK_ANSWER_DE = (
    "Hallo Jonas,\n\ndie mobile App folgt dem Dark Mode des Telefons automatisch. In der "
    "Web-App gibt es den Dark Mode noch nicht.\n\nViele Grüße\nTom"
)
SHOP_ANSWER = (
    "Hello,\n\nThere is no Shopify connector yet. Export your orders as CSV from Shopify. "
    "Then import them under Invoices > Import.\n\nCheers,\nPriya"
)


def _missing(i: int, text: str, answer: str, month: int, *, lang: str = "en") -> Verdict:
    subject, _, body = text.partition(":") if ":" in text else ("", "", text)
    return verdict(
        "missing_knowledge",
        id=f"m{i}",
        subject=subject or text[:20],
        body=body or text,
        resolution=answer,
        created_at=f"2026-{month:02d}-01T10:00:00+00:00",
        tags=["gap"],
        lang=lang,
    )


BACKGROUND = (
    "How do I create an invoice?",
    "Where do I reset my password?",
    "How can I export to DATEV?",
    "Can I add my VAT ID to invoices?",
    "How do I invite my accountant?",
    "Why did the bank sync stop?",
)


def _background() -> list[Verdict]:
    """Answered tickets on other topics: the replay around the gaps."""
    return [
        verdict(None, id=f"bg{i}", subject=q.split()[-1], body=q, resolution="See the article.")
        for i, q in enumerate(BACKGROUND)
    ]


def _tickets() -> list[Verdict]:
    dark = [_missing(i, DARK_EN + f" Ticket {i}.", DARK_ANSWER, 1 + i) for i in range(3)]
    shop = [_missing(10 + i, SHOP + f" Case {i}.", SHOP_ANSWER, 8 + i) for i in range(4)]
    lone = [_missing(99, "How do I print a QR code on a receipt?", "Use the QR option.", 5)]
    deflected = [
        verdict(None, id=f"ok{i}", subject="Invoice", body="How do I create an invoice app?")
        for i in range(5)
    ]
    return [*dark, *shop, *lone, *deflected]


class FakeKnowledge:
    """Current knowledge that answers the tickets in ``answered`` with article kb-9."""

    def __init__(self, answered: set[str]) -> None:
        self.answered = answered
        self.asked: list[str] = []

    def closest(self, question: str, *, resolution: str | None, lang: str) -> Closest:
        self.asked.append(question)
        hit = any(a in question for a in self.answered)
        return Closest(doc_id="kb-9", title="Printing receipts", score=0.4, answers=hit)


def _gaps(tickets: list[Verdict], **kw: Any) -> list[dict[str, Any]]:
    """Find the gaps and return them as ``gaps.json`` holds them (parsed JSON, hence Any)."""
    embedder = FakeEmbedder()
    found = find_gaps(tickets, embedder=embedder, articles=ExtractiveArticleDrafter(embedder), **kw)
    return [g.as_json() for g in found]


def test_clustering_recovers_planted_groups_at_the_cut() -> None:
    """If this fails, gaps merge unrelated topics or split one topic apart."""
    rng = np.random.default_rng(0)
    centres = np.eye(8)[:3]
    vectors = np.vstack([c + rng.normal(0, 0.05, (6, 8)) for c in centres])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    groups = cluster(vectors @ vectors.T, cut=0.5)
    assert sorted(sorted(g) for g in groups) == [list(range(i * 6, i * 6 + 6)) for i in range(3)]


def test_cut_is_learnt_from_the_articles_that_answered_tickets() -> None:
    """If this fails, the number of gaps is a fixed guess instead of coming from the data."""
    answered = [
        verdict(
            None,
            id=f"a{topic}{i}",
            subject=f"{words[0]} question",
            body=f"How do I {words} please? Case {i}.",
            resolution=f"Open {words} settings and choose {words}.",
            supported=True,
            support_doc_id=f"kb-{topic}",
        )
        for topic, words in enumerate(["datev export", "password reset", "webhook retries"])
        for i in range(5)
    ]
    space = TicketSpace(answered, embedder=FakeEmbedder(), dense_langs=("en",))
    cut = learn_cut(answered, space)
    groups = cluster(space.similarity(answered), cut=cut)
    assert sorted(len(g) for g in groups) == [5, 5, 5]
    assert learn_cut(answered[:3], space) == DEFAULT_CUT  # too few answered tickets


@pytest.mark.parametrize(
    ("groups", "topics", "expected"),
    [
        ([[0, 1], [2, 3]], ["a", "a", "b", "b"], 1.0),
        ([[0, 1, 2, 3]], ["a", "a", "b", "b"], 0.5),
        ([[0], [1], [2], [3]], ["a", "a", "b", "b"], 0.0),
    ],
)
def test_pair_f1_scores_clusters_against_topics(
    groups: list[list[int]], topics: list[str], expected: float
) -> None:
    """If this fails, the learnt cut optimises the wrong agreement."""
    assert pair_f1(groups, topics) == pytest.approx(expected)


def test_one_gap_per_topic_across_languages() -> None:
    """If this fails, writers get the same missing article twice, once per language."""
    english = [_missing(i, DARK_EN + f" Ticket {i}.", DARK_ANSWER, 1 + i) for i in range(3)]
    german = [
        _missing(20 + i, DARK_DE + f" Fall {i}.", DARK_ANSWER_DE, 4 + i, lang="de")
        for i in range(3)
    ]
    shop = [_missing(10 + i, SHOP + f" Case {i}.", SHOP_ANSWER, 8 + i) for i in range(3)]
    gaps = _gaps([*english, *german, *shop, *_background()], options=GapOptions(cut=0.85))
    sizes = sorted((g["size"], sorted(g["langs"])) for g in gaps)
    assert sizes == [(3, ["en"]), (6, ["de", "en"])]


def test_tickets_the_current_knowledge_answers_are_no_gap() -> None:
    """If this fails, the report asks writers for articles that already exist."""
    knowledge = FakeKnowledge(answered={"Shopify"})
    gaps = _gaps(_tickets(), knowledge=knowledge)
    assert [set(g["ticket_ids"]) for g in gaps] == [{"m0", "m1", "m2"}]
    assert gaps[0]["closest_article"] == {
        "doc_id": "kb-9",
        "title": "Printing receipts",
        "url": None,
        "score": 0.4,
        "tickets": 3,
    }
    assert len(knowledge.asked) == 8  # every missing-knowledge ticket, nothing else


def test_a_failed_ticket_asking_the_same_question_joins_its_gap() -> None:
    """If this fails, tickets whose 'support' was no answer are missing from their gap."""
    joining = verdict(
        "retrieval_miss",
        id="r1",
        subject="Shopify integration",
        body=SHOP.split(":", 1)[1] + " Case 9.",
        resolution=SHOP_ANSWER,
    )
    unrelated = verdict(
        "drafting_error", id="r2", subject="Password", body="I forgot my password, help?"
    )
    gaps = _gaps([*_tickets(), joining, unrelated])
    shop = next(g for g in gaps if "m10" in g["ticket_ids"])
    assert "r1" in shop["ticket_ids"]
    assert all("r2" not in g["ticket_ids"] for g in gaps)


def test_gaps_are_labelled_ranked_and_carry_volume_recency_and_languages() -> None:
    """If this fails, writers get no usable list of missing articles."""
    gaps = _gaps(_tickets())
    assert [g["size"] for g in gaps] == [4, 3]  # the singleton is no gap; larger and newer first
    shop, dark = gaps
    assert set(shop["ticket_ids"]) == {"m10", "m11", "m12", "m13"}
    assert shop["id"] == "gap-01"
    assert str(shop["last_seen"]).startswith("2026-11")
    assert str(shop["first_seen"]).startswith("2026-08")
    assert shop["langs"] == {"en": 4}
    assert "shopify" in shop["key_terms"]
    for gap in gaps:
        label = str(gap["label"])
        assert label.endswith("?")
        assert label not in ", ".join(gap["key_terms"])
    assert "dark" in str(dark["label"]).lower()


def test_label_is_the_question_without_greeting_or_self_introduction() -> None:
    """If this fails, gap titles read 'Hello, I run a small shop' instead of the question."""
    ticket = verdict(
        "missing_knowledge",
        subject="Shop",
        body="Hello,\n\nI run a small shop. Do you integrate with Shopify?\n\nThanks, Max",
    )
    assert cleaned_question(ticket) == "Do you integrate with Shopify?"


def test_key_terms_prefer_words_distinctive_for_the_cluster() -> None:
    """If this fails, gap key terms name words every ticket uses."""
    tickets = _tickets()
    shop = [t for t in tickets if t.id.startswith("m1")]
    terms = key_terms([shop], background=tickets)[0]
    assert terms[0] == "shopify"


def test_article_draft_has_front_matter_intro_numbered_steps_and_no_personal_data() -> None:
    """If this fails, a drafted article leaks a customer's data, loses its steps or looks final."""
    gaps = _gaps(_tickets())
    text = str(gaps[1]["draft_article"])
    assert "status: draft" in text
    assert "lang: en" in text
    assert re.search(r"^sources: m\d", text, re.MULTILINE)
    assert "id: draft-gap-02" in text
    published = strip_draft_notes(text)
    body = published.split("---", 2)[2]
    steps = re.findall(r"^(\d+)\. (.+)$", body, re.MULTILINE)
    assert [n for n, _ in steps] == [str(i) for i in range(1, len(steps) + 1)]
    assert steps[0][1].startswith("The mobile app follows your phone's dark mode setting")
    for banned in ("@example.com", "Hi Anna", "Anna", "Tom", "Best regards"):
        assert banned not in body
    assert NOTES_MARKER in text
    assert NOTES_MARKER not in published


def test_article_keeps_the_order_of_the_agents_steps() -> None:
    """If this fails, 'export, then import' becomes 'import, then export'."""
    shop = [_missing(10 + i, SHOP + f" Case {i}.", SHOP_ANSWER, 8 + i) for i in range(3)]
    text = strip_draft_notes(str(_gaps(shop)[0]["draft_article"]))
    assert text.index("1. There is no Shopify connector yet.") < text.index("2. Export your orders")
    assert text.index("2. Export your orders") < text.index("3. Then import them")
    assert "Cheers" not in text
    assert "Priya" not in text


def test_article_is_written_in_the_language_of_most_tickets() -> None:
    """If this fails, a mostly German gap gets an English article."""
    german = [
        _missing(20 + i, DARK_DE + f" Fall {i}.", DARK_ANSWER_DE, 4 + i, lang="de")
        for i in range(3)
    ]
    english = [_missing(1, DARK_EN, DARK_ANSWER, 1)]
    gap = _gaps([*german, *english, *_background()], options=GapOptions(cut=0.9))[0]
    assert gap["lang"] == "de"
    assert "lang: de" in str(gap["draft_article"])
    assert "1. Die mobile App folgt dem Dark Mode" in str(gap["draft_article"])
    assert "Jonas" not in str(gap["draft_article"])


def test_no_gaps_without_missing_knowledge() -> None:
    """If this fails, the gap report invents gaps from tickets that were answered."""
    deflected = [t for t in _tickets() if t.failure_reason is None]
    assert _gaps(deflected) == []


def test_gap_topic_scores_measure_recall_and_purity() -> None:
    """If this fails, the demo's gap check computes the wrong recall or purity."""
    gaps = [{"ticket_ids": ["a1", "a2", "b1"]}, {"ticket_ids": ["b2", "x"]}]
    scores = gap_topic_scores(gaps, {"a": ["a1", "a2", "a3"], "b": ["b1", "b2"]})
    assert scores["recall"] == {"a": pytest.approx(2 / 3), "b": 0.5}
    assert scores["min_recall"] == 0.5
    assert scores["purity"] == pytest.approx(3 / 5)
    assert scores["gaps"] == 2
