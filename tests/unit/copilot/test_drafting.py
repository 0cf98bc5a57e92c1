"""The extractive drafter on fakes: language, citations, escalation, safety, calibration seam."""

from __future__ import annotations

import pytest

from copilot.confidence import (
    CONFLICTING_SOURCES,
    NEEDS_ACCOUNT_ACTION,
    NO_RELEVANT_KNOWLEDGE,
    Evidence,
    assess,
    conflicting_facts,
    raw_score,
)
from copilot.domain import Document, Ticket
from copilot.drafting import ExtractiveDrafter
from copilot.settings import DraftingSettings
from tests.fake_knowledge import fake_retriever

ARTICLES = [
    Document(
        id="kb-pw",
        kind="article",
        title="Reset your password",
        body=(
            "## Request a reset link\nClick Forgot password on the login page and enter your "
            "email address. The reset link is valid for 60 minutes.\n\n"
            "## Internal notes\nSupport staff can force a reset in the admin console."
        ),
        url="https://help.example/kb-pw",
        lang="en",
    ),
    Document(
        id="kb-rech",
        kind="article",
        title="Rechnungsadresse ändern",
        body=(
            "## Adresse ändern\nDie Rechnungsadresse ändern Sie unter Einstellungen und "
            "Abrechnung. Die neue Adresse gilt für alle künftigen Rechnungen.\n"
            "Intern: Bei Behörden immer die Kostenstelle prüfen."
        ),
        url="https://help.example/kb-rech",
        lang="de",
    ),
    Document(
        id="t-99",
        kind="ticket",
        title="Export klappt nicht",
        body="Der Export bricht ab.",
        resolution=(
            "Hallo Frau Berger, bitte melden Sie sich unter anna.berger@example.com. "
            "Den Export starten Sie unter Einstellungen und Datenexport neu."
        ),
        lang="de",
    ),
]


def drafter(threshold: float = 0.3, **kwargs: object) -> ExtractiveDrafter:
    retriever = fake_retriever(ARTICLES, max_tokens=80)
    settings = DraftingSettings(threshold=threshold, brand="Quillbox")
    return ExtractiveDrafter(retriever, settings=settings, **kwargs)  # type: ignore[arg-type]


def test_a_german_ticket_gets_a_german_reply_citing_the_german_article() -> None:
    """German customers must be answered in German, with the article that answers them."""
    ticket = Ticket(
        body="Wie ändere ich die Rechnungsadresse für meine Rechnungen?",
        customer_name="Jonas Weber",
    )
    draft = drafter().draft(ticket)
    assert draft.lang == "de"
    assert draft.text.startswith("Guten Tag Jonas Weber,")
    assert "Einstellungen und Abrechnung" in draft.text
    assert "Viele Grüße" in draft.text
    assert draft.citations[0].doc_id == "kb-rech"
    assert "https://help.example/kb-rech" in draft.text
    assert not draft.escalate


def test_an_english_ticket_gets_an_english_reply_with_the_link() -> None:
    """The reply quotes the answering sentence and links the article it came from."""
    draft = drafter().draft(Ticket(body="How can I reset my password? The login page fails."))
    assert draft.lang == "en"
    assert draft.text.startswith("Hello,")
    assert "Forgot password" in draft.text
    assert draft.citations[0].doc_id == "kb-pw"
    assert draft.citations[0].quote in draft.text


def test_a_question_nothing_answers_escalates_with_a_reason() -> None:
    """A knowledge gap must be escalated, never answered with unrelated sentences."""
    draft = drafter().draft(Ticket(body="Does the warehouse forklift support diesel fuel?"))
    assert draft.escalate
    assert NO_RELEVANT_KNOWLEDGE in draft.reasons
    assert draft.citations == ()
    assert "A colleague is looking into this" in draft.text


def test_internal_notes_never_reach_the_reply() -> None:
    """Agent-only notes in articles must not be sent to customers."""
    for body in ("How do I reset my password? admin console", "Rechnungsadresse Behörden ändern"):
        text = drafter().draft(Ticket(body=body)).text
        assert "admin console" not in text
        assert "Kostenstelle" not in text


def test_another_customers_personal_data_is_never_copied() -> None:
    """A past resolution's name and e-mail belong to that customer, not to this reply."""
    draft = drafter().draft(Ticket(body="Der Export bricht ab, wie starte ich den Export neu?"))
    assert "anna.berger@example.com" not in draft.text
    assert "Berger" not in draft.text
    assert "Datenexport" in draft.text


def test_inline_internal_notes_and_action_claims_are_dropped() -> None:
    """A note after a sentence, or "I've refunded you" from a past case, must never be sent."""
    from copilot.domain import Chunk, SearchResult
    from copilot.drafting import usable_sentence, usable_text

    chunk = Chunk(
        "wiki:w:0", "w", "wiki", "Refunds", 'Say "sorry" first. Intern: tag it churn-risk. Done.'
    )
    assert "churn-risk" not in usable_text(SearchResult(chunk, 1.0))
    assert not usable_sentence("I've refunded the payment just now.", from_ticket=True)
    assert not usable_sentence("Ich habe die Rechnung storniert.", from_ticket=True)
    assert usable_sentence("The refund shows up within 5 days.", from_ticket=True)


def test_only_help_center_articles_are_linked_in_the_reply() -> None:
    """Wiki pages are internal: their addresses must never reach a customer."""
    from copilot.domain import Citation
    from copilot.drafting import compose_reply

    citations = [
        Citation("kb-1", "Public", "https://help.example/kb-1", "q"),
        Citation("wiki-1", "Internal", "https://wiki.internal/w1", "q"),
    ]
    text = compose_reply(
        Ticket(body="x"),
        lang="en",
        body="Answer.",
        citations=citations,
        brand="Q",
        public=frozenset({"kb-1"}),
    )
    assert "https://help.example/kb-1" in text
    assert "wiki.internal" not in text


@pytest.mark.parametrize(
    ("name", "lang", "formality", "greeting"),
    [
        ("Jonas Weber", "en", None, "Hi Jonas,"),
        ("Dr. Jürgen Groß", "en", None, "Hi Jürgen,"),
        # Formal German uses the whole name: "Hallo Jonas" with "Sie" mixes the registers.
        ("Jonas Weber", "de", None, "Guten Tag Jonas Weber,"),
        ("Dr. Jürgen Groß", "de", None, "Guten Tag Dr. Jürgen Groß,"),
        ("Jonas", "de", None, "Guten Tag,"),
        ("Jonas Weber", "de", {"de": "du"}, "Hi Jonas,"),
        ("Dr.", "en", None, "Hello,"),
        ("<b>Jonas</b>", "de", None, "Guten Tag,"),
    ],
)
def test_the_greeting_fits_the_register(
    name: str, lang: str, formality: dict[str, str] | None, greeting: str
) -> None:
    """A first name for "du" and in English, the whole name for "Sie", none when unfit."""
    from copilot.drafting import compose_reply

    text = compose_reply(
        Ticket(body="x", customer_name=name),
        lang=lang,
        body="Answer.",
        citations=[],
        brand="Q",
        formality=formality,
    )
    assert text.splitlines()[0] == greeting


def test_an_account_action_is_escalated() -> None:
    """Refunds need a person with account access, however good the evidence."""
    draft = drafter().draft(Ticket(body="Please refund my password reset fee"))
    assert draft.escalate
    assert NEEDS_ACCOUNT_ACTION in draft.reasons
    assert draft.confidence <= 0.3


def test_the_calibrator_maps_the_raw_score() -> None:
    """The seam eval/ uses: confidence must be calibrate(raw), raw being the uncalibrated one."""
    ticket = Ticket(body="How can I reset my password on the login page?")
    raw = drafter().draft(ticket).confidence
    calibrated = drafter(calibrate=lambda r: r / 2).draft(ticket)
    assert calibrated.confidence == pytest.approx(raw / 2, abs=1e-3)
    assert calibrated.raw_confidence == pytest.approx(raw, abs=1e-4)


def test_citations_point_only_at_passages_the_reply_quotes() -> None:
    """Every citation's quote must be text the draft actually contains."""
    draft = drafter().draft(Ticket(body="Wie ändere ich die Rechnungsadresse?"))
    assert draft.citations
    for citation in draft.citations:
        assert citation.quote in draft.text


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        ([("a", "Refunds arrive within 14 days."), ("b", "Refunds arrive within 30 days.")], True),
        ([("a", "Refunds arrive within 14 days."), ("b", "Refunds take 14 days.")], False),
        ([("a", "Refunds arrive within 14 days."), ("a", "Or 30 days abroad.")], False),
        ([("a", "Keep it 10 years."), ("b", "Links expire after 60 minutes.")], False),
    ],
)
def test_conflicting_numbers_from_two_sources_are_detected(
    statements: list[tuple[str, str]], expected: bool
) -> None:
    """Two articles stating different numbers for the same thing must not be blended."""
    assert conflicting_facts(statements) is expected


def test_conflicting_sources_escalate() -> None:
    """A draft built on contradicting sources must go to a person, with the reason."""
    evidence = Evidence(similarity=1.0, coverage=1.0, agreement=1.0, margin=1.0)
    result = assess(evidence, question="how long", threshold=0.5, conflicting=True)
    assert result.escalate
    assert CONFLICTING_SOURCES in result.reasons


@pytest.mark.parametrize(
    ("weak", "strong"),
    [
        (Evidence(0.2, 0.5, 0.5, 0.5), Evidence(0.8, 0.5, 0.5, 0.5)),
        (Evidence(0.5, 0.2, 0.5, 0.5), Evidence(0.5, 0.9, 0.5, 0.5)),
        (Evidence(0.5, 0.5, 0.0, 0.5), Evidence(0.5, 0.5, 1.0, 0.5)),
        (Evidence(0.5, 0.5, 0.5, 0.0), Evidence(0.5, 0.5, 0.5, 0.6)),
        (Evidence(0.5, 0.5, 0.5, 0.5, 0.2), Evidence(0.5, 0.5, 0.5, 0.5, 1.0)),
    ],
)
def test_raw_score_grows_with_every_signal(weak: Evidence, strong: Evidence) -> None:
    """A calibrator can only be fitted on a score that is monotone in its evidence."""
    assert 0.0 <= raw_score(weak) < raw_score(strong) <= 1.0


@pytest.mark.parametrize(
    ("message", "question"),
    [
        (
            "Webhooks\nDear Quillbox team,\n\nSame event twice?\n\nThanks in advance,\nAisha",
            "Webhooks\n\nSame event twice?",
        ),
        (
            "Preise\nHallo zusammen,\n\nwas kostet Pro?\n\nDanke und Gruß\nDirk",
            "Preise\n\nwas kostet Pro?",
        ),
        ("Hallo", "Hallo"),
        (
            "Cannot log in\nHello, I forgot my password. How can I reset it?",
            "Cannot log in\nI forgot my password. How can I reset it?",
        ),
    ],
)
def test_greetings_and_signatures_do_not_become_search_terms(message: str, question: str) -> None:
    """'Dear Quillbox team ... Thanks, Aisha' would search for the brand and a name."""
    from copilot.text import strip_salutations

    assert strip_salutations(message) == question
