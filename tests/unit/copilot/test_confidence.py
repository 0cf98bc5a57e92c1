"""Confidence evidence: account actions, question kinds, IDF coverage, unseen terms, reasons."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

import pytest

from copilot.confidence import (
    FEATURES,
    INSUFFICIENT_CONTEXT,
    INTERNAL_GUIDANCE,
    NEEDS_ACCOUNT_ACTION,
    NO_KNOWLEDGE_COVERAGE,
    NO_KNOWLEDGE_FLOOR,
    NO_RELEVANT_KNOWLEDGE,
    UNKNOWN_TERMS,
    Evidence,
    TermWeights,
    assess,
    does_what_is_asked,
    measure_evidence,
    needs_account_action,
    question_kind,
    raw_score,
    term_evidence,
    title_match,
)


class Signals(TypedDict):
    """The four signals every drafter measures (``Evidence``'s required fields)."""

    similarity: float
    coverage: float
    agreement: float
    margin: float


STRONG = Signals(similarity=0.9, coverage=0.9, agreement=1.0, margin=0.6)
MIDDLING = Signals(similarity=0.4, coverage=0.4, agreement=0.5, margin=0.1)


@pytest.mark.parametrize(
    "text",
    [
        "We've been charged twice for January. Can you sort this out?",
        "Please cancel and refund the renewal.",
        "I want to delete my account and all my data.",
        "Could you change our plan to the yearly one?",
        "I created two accounts by mistake. Can you merge them?",
        "Deleted by mistake - can you restore it from a backup?",
        "Bitte kündigen und den Betrag erstatten.",
        "Können Sie die zwei Konten zusammenführen?",
        "Können Konto und Abo auf die GmbH umgestellt werden?",
        "Diesen Monat wurde das Abo doppelt abgebucht.",
        "Bitte löschen Sie meine Daten.",
    ],
)
def test_requests_only_staff_can_fulfil_are_account_actions(text: str) -> None:
    """If this fails, a refund or cancellation request could be deflected with an article."""
    assert needs_account_action(text)


@pytest.mark.parametrize(
    "text",
    [
        "How do I cancel an invoice I sent by mistake?",
        "Where can I change the currency on an invoice?",
        "Wie kann ich eine Rechnung stornieren?",
        "Can I export my invoices to DATEV?",
        "How do I delete a customer?",
    ],
)
def test_how_to_questions_are_not_account_actions(text: str) -> None:
    """If this fails, ordinary how-to questions are escalated as if staff had to act."""
    assert not needs_account_action(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("How do I add my VAT ID to invoices?", "how"),
        ("Wie kann ich die Rechnungsadresse ändern?", "how"),
        ("Is there a way to send invoices by post?", "yesno"),
        ("Gibt es einen dunklen Modus?", "yesno"),
        ("Can I set USD for one customer?", "yesno"),
        ("Why was my bank connection disconnected?", "why"),
        ("Warum wird die Rechnung nicht versendet?", "why"),
        ("My invoice shows the wrong address.", "other"),
        ("If I cancel, how long can I still get at my invoices?", "amount"),
        ("Wie lange ist der Link gültig?", "amount"),
        # A question sentence opening with an auxiliary verb, whoever its subject.
        ("Can Quillbox send the invoice by post for me?", "yesno"),
        ("Hi,\n\nDoes the app work offline?", "yesno"),
        ("I cannot log in. Is my account locked?", "yesno"),
        ("Kann Quillbox die Rechnung per Post verschicken?", "yesno"),
        ("Funktioniert die App ohne Internet?", "yesno"),
        ("Is the export available. Thanks", "other"),
    ],
)
def test_question_kind_is_recognised_in_english_and_german(text: str, kind: str) -> None:
    """If this fails, confidence cannot check that a passage does what the question asks."""
    assert question_kind(text) == kind


def test_a_how_question_needs_steps_and_a_why_question_a_cause() -> None:
    """If this fails, a passage that only names a topic passes for an answer to "how"."""
    steps = "1. Open Settings.\n2. Click Tax and enter your VAT ID."
    assert does_what_is_asked("how", steps) == 1.0
    assert does_what_is_asked("how", "VAT IDs appear on invoices.") == 0.0
    assert does_what_is_asked("why", "This happens because the bank token expired.") == 1.0
    assert does_what_is_asked("amount", "Your account stays readable for 90 days.") == 1.0
    assert does_what_is_asked("amount", "Pro costs EUR 19 a month.") == 1.0
    assert does_what_is_asked("amount", "1. Go to Billing.\n2. Click Cancel.") == 0.0
    assert does_what_is_asked("amount", "Cancel under Billing.") == 0.0
    assert does_what_is_asked("other", "anything") == 0.5


def test_rare_terms_weigh_more_in_coverage() -> None:
    """If this fails, a passage sharing only common words looks as good as one on topic."""
    weights = TermWeights(df={"invoic": 50, "vat": 2, "add": 40}, docs=60)
    question = "add VAT invoices"
    on_topic = term_evidence(question, "Your VAT number", lang="en", weights=weights)
    common = term_evidence(question, "Add invoices here", lang="en", weights=weights)
    assert on_topic.idf_coverage > common.idf_coverage
    assert on_topic.unseen == common.unseen == 0.0


def test_terms_the_knowledge_never_saw_are_counted_as_unseen() -> None:
    """If this fails, a question about something no document mentions keeps full confidence."""
    weights = TermWeights(df={"invoic": 30, "shopifi": 0, "connect": 5}, docs=60)
    found = term_evidence("connect shopify invoices", "Invoices", lang="en", weights=weights)
    assert found.unseen_terms == ("shopifi",)
    assert found.unseen > 0.4


def test_unknown_terms_escalate_with_their_reason() -> None:
    """If this fails, a ticket mostly about words the knowledge never uses can be sent."""
    result = assess(Evidence(**STRONG, unseen=0.9), question="q", threshold=0.1)
    assert result.escalate
    assert UNKNOWN_TERMS in result.reasons


def test_an_insufficient_context_verdict_escalates_with_its_reason() -> None:
    """If this fails, the LLM's own "the passages do not answer this" is ignored."""
    result = assess(Evidence(**STRONG, sufficient=0.0), question="q", threshold=0.1)
    assert result.escalate
    assert INSUFFICIENT_CONTEXT in result.reasons
    ok = assess(Evidence(**STRONG, sufficient=1.0), question="q", threshold=0.1)
    assert INSUFFICIENT_CONTEXT not in ok.reasons


def test_an_account_action_caps_confidence_and_escalates() -> None:
    """If this fails, 'please refund me' gets a confident, sendable draft."""
    result = assess(Evidence(**STRONG), question="Please refund the renewal", threshold=0.1)
    assert result.escalate
    assert NEEDS_ACCOUNT_ACTION in result.reasons
    assert result.confidence <= 0.3


@pytest.mark.parametrize(
    ("evidence", "extra"),
    [
        (Evidence(similarity=0.9, coverage=0.0, agreement=1.0, margin=0.6), ()),
        (Evidence(**STRONG), (INTERNAL_GUIDANCE,)),
    ],
)
def test_a_draft_that_holds_no_answer_has_low_confidence(
    evidence: Evidence, extra: tuple[str, ...]
) -> None:
    """If this fails, an agent sees "escalate, no relevant knowledge" at 90% confidence: a
    holding reply answers nothing, whatever the evidence said about the passage."""
    result = assess(evidence, question="q", threshold=0.1, extra_reasons=extra)
    assert result.escalate
    assert {NO_RELEVANT_KNOWLEDGE, INTERNAL_GUIDANCE} & set(result.reasons)
    assert result.confidence <= NO_KNOWLEDGE_FLOOR
    assert result.raw > NO_KNOWLEDGE_FLOOR  # the evidence itself was strong


def test_raw_score_falls_with_unseen_terms_and_rises_with_idf_coverage() -> None:
    """If this fails, the prior score ignores the two strongest signs of a knowledge gap."""
    base = Evidence(**MIDDLING, idf_coverage=0.5)
    assert raw_score(Evidence(**MIDDLING, idf_coverage=0.5, unseen=0.5)) < raw_score(base)
    assert raw_score(Evidence(**MIDDLING, idf_coverage=0.9)) > raw_score(base)


def test_the_prior_score_is_never_near_certain() -> None:
    """If this fails, an uncalibrated drafter claims certainty it has not earned."""
    assert raw_score(Evidence(**STRONG, idf_coverage=1.0, top_agree=1.0)) <= 0.95


def test_a_feature_model_replaces_the_prior_score() -> None:
    """If this fails, an applied calibration does not change the drafter's confidence."""

    class Half:
        def predict(self, features: Mapping[str, float]) -> float:
            return 0.5 * features["similarity"]

    result = assess(Evidence(**STRONG), question="q", threshold=0.1, calibrate=Half())
    assert result.confidence == pytest.approx(0.45)
    assert result.features["similarity"] == 0.9


def test_title_match_reads_the_subject_against_the_used_documents_title() -> None:
    """If this fails, a draft from a document about something else scores like the right one."""
    question = "Add our accountant as a user\nDoes the accountant need a seat? We're at the limit."
    assert title_match(question, "Add your accountant as a user", lang="en") == 1.0
    assert title_match(question, "Read-only users and seats", lang="en") < 0.5
    assert title_match(question, "", lang="en") == 0.0


def test_evidence_says_whether_similarity_is_a_dense_cosine() -> None:
    """If this fails, a fitted model cannot tell a cosine from coverage standing in for one."""
    read = measure_evidence(
        "Wie exportiere ich?",
        "Export",
        lang="de",
        similarity=0.4,
        agreement=1.0,
        margin=0.2,
        dense_read=True,
    )
    stand_in = measure_evidence(
        "Wie exportiere ich?",
        "Export",
        lang="de",
        similarity=0.4,
        agreement=1.0,
        margin=0.2,
        dense_read=False,
    )
    assert read.features()["dense_read"] == 1.0
    assert stand_in.features()["dense_read"] == 0.0
    assert set(read.features()) == set(FEATURES)


def test_filler_words_do_not_decide_that_no_knowledge_answers() -> None:
    """ "Seit gestern", "nicht mehr", "tun" are not what the question is about: a passage on
    synchronising covers its topic, though only 1 of its 7 content terms. The features keep
    counting every content term (the fitted model was measured on them)."""
    question = (
        "Die Bankverbindung zur Sparkasse synchronisiert seit gestern nicht mehr. Was kann ich tun?"
    )
    passage = "Wie oft wird synchronisiert? Quillbox ruft Ihre Umsätze viermal täglich ab."
    evidence = measure_evidence(
        question, passage, lang="de", similarity=0.6, agreement=1.0, margin=0.3
    )
    assert evidence.coverage < NO_KNOWLEDGE_COVERAGE
    assert evidence.topic_coverage is not None
    assert evidence.topic_coverage >= NO_KNOWLEDGE_COVERAGE
    assert "topic_coverage" not in evidence.features()
    assert NO_RELEVANT_KNOWLEDGE not in assess(evidence, question=question, threshold=0.5).reasons
    unrelated = measure_evidence(
        question,
        "Rechnungen als PDF herunterladen.",
        lang="de",
        similarity=0.6,
        agreement=1.0,
        margin=0.3,
    )
    assert NO_RELEVANT_KNOWLEDGE in assess(unrelated, question=question, threshold=0.5).reasons
