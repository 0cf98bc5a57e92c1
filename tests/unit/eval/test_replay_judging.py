"""Judges: what part of a draft is compared, and how verdicts are read."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from copilot.backends.embedder import FakeEmbedder
from eval.judging import (
    EmbeddingJudge,
    LLMJudge,
    answer_text,
    parse_rubric_reply,
    resolution_content,
)


def test_answer_text_drops_greeting_links_and_signature() -> None:
    """If this fails, agreement compares boilerplate instead of the answer."""
    draft = (
        "Hi Anna,\n\nOpen Settings and click Export.\n\nMore details:\n- Export: "
        "https://x.test/export\n\nBest regards,\nThe Quillbox support team"
    )
    assert answer_text(draft, brand="Quillbox") == "Open Settings and click Export."


def test_resolution_content_drops_salutation_and_everything_after_the_sign_off() -> None:
    """If this fails, agent names and greetings decide whether a draft agreed."""
    reply = "Hallo Frau Kuhn,\n\nKlicken Sie auf Export.\n\nViele Grüße\nJana"
    assert resolution_content(reply) == "Klicken Sie auf Export."


def test_embedding_judge_agrees_on_the_same_answer_and_not_on_another() -> None:
    """If this fails, verified deflection and calibration labels are meaningless."""
    judge = EmbeddingJudge(FakeEmbedder(), threshold=0.6)
    same = judge.judge(
        question="q",
        answer="Open settings and click export.",
        resolution="Hi,\nOpen settings and click export.\nBest regards,\nTom",
    )
    other = judge.judge(question="q", answer="Reset your password.", resolution="Click export.")
    assert same.agreed
    assert not other.agreed
    assert same.score > other.score


def test_judge_uses_key_terms_for_languages_the_embedder_cannot_read() -> None:
    """If this fails, German drafts are judged by an English-only embedding model."""
    judge = EmbeddingJudge(FakeEmbedder(), threshold=0.99, dense_langs=["en"])
    got = judge.judge(
        question="q",
        answer="Öffnen Sie die Einstellungen und klicken Sie auf Export.",
        resolution="Bitte in den Einstellungen auf Export klicken.",
        lang="de",
    )
    assert got.method == "term-recall"
    assert got.agreed


def test_empty_draft_never_agrees() -> None:
    """If this fails, escalations without text count as agreeing with the human."""
    judge = EmbeddingJudge(FakeEmbedder(), threshold=0.0)
    assert not judge.judge(question="q", answer=" ", resolution="Click export.").agreed


def test_llm_judge_reads_the_rubric_score() -> None:
    """If this fails, the LLM judge's verdicts are ignored or misread."""
    model = FakeListChatModel(responses=['{"score": 2, "reason": "same steps"}'])
    got = LLMJudge(model).judge(question="q", answer="a", resolution="r")
    assert (got.score, got.agreed, got.reason) == (1.0, True, "same steps")


def test_llm_judge_falls_back_when_the_reply_is_not_json() -> None:
    """If this fails, one chatty LLM reply stops a long replay."""
    fallback = EmbeddingJudge(FakeEmbedder(), threshold=0.5)
    model = FakeListChatModel(responses=["I think they agree."])
    got = LLMJudge(model, fallback=fallback).judge(question="q", answer="a b c", resolution="a b c")
    assert got.method == fallback.name


@pytest.mark.parametrize("reply", ['{"score": 3}', "no json", '{"reason": "x"}'])
def test_rubric_parser_rejects_replies_outside_the_rubric(reply: str) -> None:
    """If this fails, invalid judge replies become agreement scores."""
    with pytest.raises((ValueError, KeyError)):
        parse_rubric_reply(reply)


def test_answer_text_drops_a_formal_german_greeting_with_the_whole_name() -> None:
    draft = (
        "Guten Tag Jonas Weber,\n\nÖffnen Sie Einstellungen.\n\nViele Grüße\n"
        "Ihr Quillbox-Support-Team"
    )
    assert answer_text(draft, brand="Quillbox") == "Öffnen Sie Einstellungen."
