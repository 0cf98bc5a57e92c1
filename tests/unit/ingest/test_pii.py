"""PII scrubbing: each planted kind of value gets its placeholder, ordinary text stays."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from copilot.domain import Document, Ticket
from ingest.pii import (
    luhn_ok,
    mentioned_names,
    names_beside_placeholders,
    scrub,
    scrub_document,
    scrub_ticket,
)


@pytest.mark.parametrize(
    ("raw", "placeholder"),
    [
        ("anna.schmidt+billing@example.co.uk", "[EMAIL]"),
        ("j_doe@sub.example.de", "[EMAIL]"),
        ("DE89 3704 0044 0532 0130 00", "[IBAN]"),
        ("DE89370400440532013000", "[IBAN]"),
        ("GB29 NWBK 6016 1331 9268 19", "[IBAN]"),
        ("4111 1111 1111 1111", "[CARD]"),
        ("4111-1111-1111-1111", "[CARD]"),
        ("5500000000000004", "[CARD]"),
        ("3782 822463 10005", "[CARD]"),
        ("192.168.10.24", "[IP]"),
        ("2001:db8::8a2e:370:7334", "[IP]"),
        ("2001:0db8:0000:0000:0000:ff00:0042:8329", "[IP]"),
        ("+49 30 12345678", "[PHONE]"),
        ("+49 (0)30 123 456-78", "[PHONE]"),
        ("0049 151 12345678", "[PHONE]"),
        ("030 1234567", "[PHONE]"),
        ("(030) 123 456 78", "[PHONE]"),
        ("0151/12345678", "[PHONE]"),
        ("089-123456-0", "[PHONE]"),
        ("+1 (415) 555-0132", "[PHONE]"),
        ("(415) 555-0132", "[PHONE]"),
        ("+44 20 7946 0958", "[PHONE]"),
    ],
)
def test_planted_value_is_replaced_by_its_typed_placeholder(raw: str, placeholder: str) -> None:
    """A kind of PII survived scrubbing or got the wrong placeholder."""
    out = scrub(f"Hello, my detail is {raw} - thanks.")
    assert out == f"Hello, my detail is {placeholder} - thanks."


@pytest.mark.parametrize(
    "text",
    [
        "Version 2.3.1 was released on 2024-05-01.",
        "Order #12345 costs 10.50 EUR; invoice 2024-0042 is due at 10:30.",
        "Tracking number 1234567890123456 is not a card (fails Luhn).",
        "Use ISO week 2024-W18 and section 4.2.1 of the guide.",
        "The timestamp 2020-01-01T10:00:00Z is fine.",
    ],
)
def test_ordinary_numbers_dates_and_versions_are_left_alone(text: str) -> None:
    """Scrubbing destroyed ordinary support content (false positives)."""
    assert scrub(text) == text


def test_requester_names_are_replaced_whole_and_by_part() -> None:
    """A requester's name from the ticket fields stayed in the text."""
    text = "Hi Anna Schmidt, ... regards, anna schmidt. Schmidt again; Annabel is someone else."
    out = scrub(text, names=["Anna Schmidt"])
    assert "Schmidt" not in out
    assert "anna schmidt" not in out
    assert "Annabel" in out
    assert out.count("[NAME]") == 3


def test_luhn_check_accepts_valid_and_rejects_altered_numbers() -> None:
    """Card detection accepted numbers that fail the Luhn checksum (or rejected valid ones)."""
    assert luhn_ok("4111111111111111")
    assert not luhn_ok("4111111111111112")


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200))
def test_scrub_is_idempotent(text: str) -> None:
    """Scrubbing twice changed text again: placeholders themselves looked like PII."""
    once = scrub(text, names=["Jonas Weber"])
    assert scrub(once, names=["Jonas Weber"]) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi William,\n\nDone.\n\nBest,\nPriya", "Hi [NAME],\n\nDone.\n\nBest,\n[NAME]"),
        ("Guten Tag Frau Maier,\n\nja.", "Guten Tag Frau [NAME],\n\nja."),
        ("Beste Grüße\nJana vom Quillbox-Support", "Beste Grüße\n[NAME] vom Quillbox-Support"),
        ("Kind regards,\nTom from Quillbox Support", "Kind regards,\n[NAME] from Quillbox Support"),
        ("It works. Best, Tom from support", "It works. Best, [NAME] from support"),
        ("Danke!\n\nGruß\nMax", "Danke!\n\nGruß\n[NAME]"),
        ("Regards,\nAisha Jackson\nMalerbetrieb Jackson", "Regards,\n[NAME]\n[NAME]"),
    ],
)
def test_names_in_greetings_and_signatures_are_replaced(text: str, expected: str) -> None:
    """An agent's or customer's name in a greeting or sign-off survived scrubbing."""
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hi there,\n\nThanks!\nThe export still fails.",
        "Hallo Quillbox-Team,\n\nwas ist neu?",
        "Dear Quillbox team,\n\nHow do I export?",
        "Thank you, that worked great for us.",
        "Hello again,\nHi folks, the export works.",
    ],
)
def test_greetings_and_closings_without_a_name_are_left_alone(text: str) -> None:
    """Ordinary greetings, team addresses or closing lines were taken for names."""
    assert scrub(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My colleague William can't log in.", "My colleague [NAME] can't log in."),
        ("How do I add my business partner Matthew?", "How do I add my business partner [NAME]?"),
        ("One of our staff, Aisha, lost her phone.", "One of our staff, [NAME], lost her phone."),
        ("My colleague Anna Schmidt and my boss Tom Lee", "My colleague [NAME] and my boss [NAME]"),
        ("Please call Mr. Patel.", "Please call Mr. [NAME]."),
        (
            "Unsere Kollegin Frau Schmidt hat keinen Zugriff.",
            "Unsere Kollegin Frau [NAME] hat keinen Zugriff.",
        ),
        ("Herr Dr. Weber ruft an.", "Herr Dr. [NAME] ruft an."),
        # A title is never taken for the name itself.
        ("Guten Tag Herr Dr. Weber,\n\nja.", "Guten Tag Herr Dr. [NAME],\n\nja."),
    ],
)
def test_names_introduced_in_a_sentence_are_replaced(text: str, expected: str) -> None:
    """Customers name third parties mid-sentence; these names reached replay outputs."""
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kann mein Steuerberater Belege sehen?",
        "Our accountant can see the VAT return.",
        "The staff Dashboard is slow.",
        "My partner I think is right.",
        "Our client Acme GmbH pays late.",
        "My accountant DATEV export is empty.",
    ],
)
def test_words_after_a_person_word_that_are_not_names_are_left_alone(text: str) -> None:
    """German nouns, pronouns, acronyms and companies after "accountant" or "partner"."""
    assert scrub(text) == text


def test_requester_names_match_any_case_and_umlaut_spelling() -> None:
    """A requester's name written in another case or umlaut spelling stayed in the text."""
    text = "JÜRGEN wrote; juergen mueller and Muller agree: Jürgen Müller."
    out = scrub(text, names=["Jürgen Müller"], salutations=False)
    assert out == "[NAME] wrote; [NAME] and [NAME] agree: [NAME]."


def test_name_parts_that_are_everyday_words_are_replaced_only_as_names() -> None:
    """A surname like "Long" scrubbed the ordinary word "long" everywhere in the ticket."""
    out = scrub("Max Long says the wait is long. Long.", names=["Max Long"], salutations=False)
    assert out == "[NAME] says the wait is long. [NAME]."


def test_requester_names_come_from_any_name_field_of_a_ticket_record() -> None:
    """A name in requester_name, requester.name or an agent field was not scrubbed."""
    from ingest.record_mapping import document_from_record

    record = {
        "id": "T-1",
        "subject": "Hello from Greta",
        "body": "Greta Lindqvist here; Olaf helped me.",
        "resolution": "Olaf Sandberg: done.",
        "requester": {"name": "Greta Lindqvist"},
        "agent_name": "Olaf Sandberg",
    }
    doc = scrub_document(document_from_record(record, kind="ticket", source="x"))
    assert (doc.title, doc.body, doc.resolution) == (
        "Hello from [NAME]",
        "[NAME] here; [NAME] helped me.",
        "[NAME]: done.",
    )
    assert doc.customer_name is None
    assert "person_names" not in doc.extra


def test_names_an_agent_kept_where_the_draft_greeted_are_found() -> None:
    """An edited draft's greeting name was not recognised, so the sent text kept it."""
    names = names_beside_placeholders(
        "Hi [NAME],\n\nOpen Settings.", "Hi Ann,\n\nOpen the Settings page. Ann, call us."
    )
    assert names == ["Ann"]


def test_a_name_one_field_introduces_is_replaced_in_the_others() -> None:
    """The body said "my business partner Matthew"; the agent's reply kept "Matthew's".
    Inferred names are replaced as written (capitalised), not in every case."""
    doc = Document(
        id="t-1",
        kind="ticket",
        title="Invite Matthew",
        body="How do I add my business partner Matthew to our account?\n\nRegards,\nBilling Desk",
        resolution="Hi Laura,\n\nEnter Matthew's email address; the matthew template stays.",
    )
    out = scrub_document(doc)
    assert out.title == "Invite [NAME]"
    assert out.body.startswith("How do I add my business partner [NAME] to our account?")
    assert out.resolution == (
        "Hi [NAME],\n\nEnter [NAME]'s email address; the matthew template stays."
    )
    assert "Billing" not in mentioned_names(doc.body)


def test_a_name_the_subject_introduces_is_replaced_in_the_body_of_an_api_ticket() -> None:
    ticket = scrub_ticket(Ticket(subject="Access for my colleague Anna", body="Anna can't log in."))
    assert (ticket.subject, ticket.body) == (
        "Access for my colleague [NAME]",
        "[NAME] can't log in.",
    )
