"""Stale or contradicting articles, and LLM-written gap articles."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from copilot.backends.embedder import FakeEmbedder
from eval.articles import ExtractiveArticleDrafter, LLMArticleDrafter
from eval.scoring import Verdict
from eval.stale import find_stale_articles
from tests.unit.replay_fixtures import observation, verdict


def _judged(i: int, month: int, agreed: bool, doc: str = "kb-7") -> Verdict:
    return verdict(
        None if agreed else "drafting_error",
        id=f"t{i}",
        created_at=f"2026-{month:02d}-10T10:00:00+00:00",
        retrieved_doc_ids=[doc],
        retrieved_kinds=["article"],
        retrieved_titles=["Refund window"],
        agreed=agreed,
        agreement=0.8 if agreed else 0.2,
        resolution="Refunds are possible within 30 days." if not agreed else "Within 14 days.",
        answer="Refunds are possible within 14 days.",
    )


def test_article_that_recent_resolutions_contradict_is_flagged() -> None:
    """If this fails, writers never learn that an article went out of date."""
    earlier = [_judged(i, 1 + i % 5, agreed=True) for i in range(6)]
    recent = [_judged(10 + i, 11, agreed=False) for i in range(4)]
    fine = [_judged(20 + i, 11, agreed=True, doc="kb-1") for i in range(4)]
    flagged = find_stale_articles([*earlier, *recent, *fine])
    assert [s.doc_id for s in flagged] == ["kb-7"]
    stale = flagged[0]
    assert stale.recent == 4
    assert stale.recent_disagree == 4
    assert stale.contradictions == 4  # "30 days" against "14 days"
    assert stale.title == "Refund window"


def test_article_that_was_always_disagreed_with_is_not_called_stale() -> None:
    """If this fails, a poor article is reported as a recent change in the product."""
    always = [_judged(i, 1 + i, agreed=False) for i in range(11)]
    assert find_stale_articles(always) == []


def test_llm_article_drafter_uses_the_model_and_keeps_the_draft_marking() -> None:
    """If this fails, LLM-written gap articles lose their draft status or sources."""
    model = FakeListChatModel(responses=["# Dark mode\n\nThe mobile app follows the system."])
    tickets = [observation(id="a", resolution="It follows your phone."), observation(id="b")]
    drafted = LLMArticleDrafter(model, fallback=ExtractiveArticleDrafter(FakeEmbedder())).draft(
        question="Dark mode?", key_terms=["dark", "mode"], tickets=tickets
    )
    assert drafted.title == "Dark mode"
    assert "The mobile app follows the system." in drafted.markdown
    assert "status: draft" in drafted.markdown
    assert drafted.sources == ["a"]
