"""The helpdesk library: webhook signatures, retries, the vendors' request shapes, the note,
the public-only question and the redelivery guard, all against in-process fakes."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

import copilot.api
from copilot.confidence import REASON_CODES, REASON_WORDS, UNCALIBRATED_WORDS
from copilot.domain import Citation, Draft, Ticket
from copilot.drafting import DRAFTER_REASON_CODES
from copilot.errors import HelpdeskError, InputError, WebhookSignatureError
from copilot.helpdesk.clients import (
    FreshdeskClient,
    HelpdeskTicket,
    Message,
    Note,
    ZendeskClient,
    check_ticket_id,
)
from copilot.helpdesk.deliveries import DeliveryLog, delivery_key
from copilot.helpdesk.notes import confidence_words, render_note
from copilot.helpdesk.retry import RetryingSender, RetryPolicy
from copilot.helpdesk.service import HelpdeskDrafts, public_question
from copilot.helpdesk.signing import (
    verify_shared_secret,
    verify_zendesk_signature,
    zendesk_signature,
)
from copilot.records import Records, default_url
from tests.helpdesk_fakes import FakeFreshdesk, FakeZendesk, basic

SECRET = "dGhpcyBpcyBhIHNpZ25pbmcgc2VjcmV0"
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC).timestamp()
STAMP = "2026-12-02T12:00:00Z"
BODY = b'{"ticket_id": "42"}'


def test_zendesk_signature_is_base64_hmac_sha256_of_timestamp_and_body() -> None:
    """The signature Zendesk documents (known vector computed independently) must verify."""
    # base64(HMAC-SHA256("secret", "2026-12-02T12:00:00Z" + '{"ticket_id": "42"}')), by openssl.
    assert zendesk_signature("secret", timestamp=STAMP, body=BODY) == (
        "uYPKEcw2VciZ27UgIO87tlTpRzHE3VFI8org0U6POdQ="
    )
    verify_zendesk_signature(
        SECRET,
        signature=zendesk_signature(SECRET, timestamp=STAMP, body=BODY),
        timestamp=STAMP,
        body=BODY,
        now=NOW + 30,
        max_skew_s=300,
    )


@pytest.mark.parametrize(
    ("signature", "timestamp", "body", "now"),
    [
        (None, STAMP, BODY, NOW),  # missing signature
        ("x", None, BODY, NOW),  # missing timestamp
        ("d3Jvbmc=", STAMP, BODY, NOW),  # wrong signature
        ("SIGNED", STAMP, b'{"ticket_id": "43"}', NOW),  # body changed after signing
        ("SIGNED", STAMP, BODY, NOW + 301),  # stale
        ("SIGNED", STAMP, BODY, NOW - 301),  # from the future
    ],
)
def test_bad_zendesk_signatures_are_refused(
    signature: str | None, timestamp: str | None, body: bytes, now: float
) -> None:
    """A missing, wrong, tampered or stale signature must raise the 401 error."""
    if signature == "SIGNED":
        signature = zendesk_signature(SECRET, timestamp=STAMP, body=BODY)
    with pytest.raises(WebhookSignatureError) as info:
        verify_zendesk_signature(
            SECRET, signature=signature, timestamp=timestamp, body=body, now=now, max_skew_s=300
        )
    assert info.value.status == 401


def test_the_shared_secret_must_match_exactly() -> None:
    """Freshdesk's header secret: right passes, wrong or missing is 401."""
    verify_shared_secret("s3cret-value", presented="s3cret-value")
    for presented in (None, "", "s3cret-valuE"):
        with pytest.raises(WebhookSignatureError):
            verify_shared_secret("s3cret-value", presented=presented)


@pytest.mark.parametrize("value", ["abc", "1/../2", "", True, 1.5, None, "-3"])
def test_ticket_ids_must_be_numbers(value: object) -> None:
    """Ticket ids go into API paths: anything but digits is refused."""
    with pytest.raises(InputError):
        check_ticket_id(value)


def sender_for(
    fake: FakeZendesk | FakeFreshdesk, waits: list[float], **policy: float
) -> RetryingSender:
    return RetryingSender(
        httpx.Client(transport=httpx.MockTransport(fake.handle)),
        RetryPolicy(**policy),  # type: ignore[arg-type]
        kind="fake",
        sleep=waits.append,
        clock=lambda: NOW,
    )


@pytest.fixture
def zendesk() -> FakeZendesk:
    fake = FakeZendesk(email="agent@example.com", token="tok")
    fake.add_ticket(
        42,
        subject="Forgot my password",
        comments=[("I forgot my password, how do I reset it?", True), ("VIP, be nice", False)],
    )
    return fake


def test_a_429_with_retry_after_is_retried_after_that_many_seconds(zendesk: FakeZendesk) -> None:
    """Retry-After must set the wait, and the call must then succeed."""
    zendesk.failures = [(429, "7")]
    waits: list[float] = []
    client = ZendeskClient(
        "https://x.zendesk.com",
        email="agent@example.com",
        token="tok",
        sender=sender_for(zendesk, waits),
    )
    ticket = client.fetch_ticket("42")
    assert waits == [7.0]
    assert ticket.subject == "Forgot my password"
    assert [r.path for r in zendesk.received][:2] == ["/api/v2/tickets/42.json"] * 2


def test_retry_after_as_an_http_date_and_5xx_backoff_doubles(zendesk: FakeZendesk) -> None:
    """An HTTP-date Retry-After counts from now; 5xx without it backs off 1, 2, ... seconds."""
    zendesk.failures = [(503, "Wed, 02 Dec 2026 12:00:05 GMT"), (502, None), (500, None)]
    waits: list[float] = []
    sender = sender_for(zendesk, waits, max_attempts=4, backoff_s=1.0, max_backoff_s=60.0)
    ZendeskClient("https://x", email="agent@example.com", token="tok", sender=sender).fetch_ticket(
        "42"
    )
    assert waits == [5.0, 2.0, 4.0]


def test_retries_stop_after_max_attempts_with_a_helpdesk_error(zendesk: FakeZendesk) -> None:
    """A helpdesk that keeps failing gives HelpdeskError (503), not an endless loop."""
    zendesk.failures = [(503, None)] * 5
    waits: list[float] = []
    sender = sender_for(zendesk, waits, max_attempts=3, backoff_s=0.5, max_backoff_s=60.0)
    client = ZendeskClient("https://x", email="agent@example.com", token="tok", sender=sender)
    with pytest.raises(HelpdeskError, match="after 3 attempts"):
        client.fetch_ticket("42")
    assert len(zendesk.received) == 3
    assert waits == [0.5, 1.0]


def test_a_wrong_token_is_not_retried_and_says_what_to_check(zendesk: FakeZendesk) -> None:
    """401 from the helpdesk is final: one call, an error naming the token setting."""
    waits: list[float] = []
    client = ZendeskClient(
        "https://x", email="agent@example.com", token="bad", sender=sender_for(zendesk, waits)
    )
    with pytest.raises(HelpdeskError, match="token"):
        client.fetch_ticket("42")
    assert len(zendesk.received) == 1
    assert waits == []


def test_zendesk_client_reads_comments_and_posts_a_private_comment(zendesk: FakeZendesk) -> None:
    """Zendesk's shapes: token auth, public flags, and PUT {"ticket": {"comment": ...}}."""
    client = ZendeskClient(
        "https://x", email="agent@example.com", token="tok", sender=sender_for(zendesk, [])
    )
    ticket = client.fetch_ticket("42")
    assert ticket.messages == (
        Message("I forgot my password, how do I reset it?", public=True, from_requester=True),
        Message("VIP, be nice", public=False, from_requester=False),
    )
    client.post_private_note("42", Note(text="Draft reply: hi", html="<p>x</p>"))
    put = zendesk.writes()[-1]
    assert (put.method, put.path) == ("PUT", "/api/v2/tickets/42.json")
    assert put.body == {"ticket": {"comment": {"body": "Draft reply: hi", "public": False}}}
    assert put.authorization == basic("agent@example.com/token", "tok")


def test_freshdesk_client_reads_conversations_and_posts_a_private_html_note() -> None:
    """Freshdesk's shapes: include=conversations, key:X auth, notes {"body", "private": true}."""
    fake = FakeFreshdesk(api_key="key")
    fake.add_ticket(
        7,
        subject="Login",
        description="How do I reset my password?",
        conversations=[("internal: VIP", True), ("Still stuck!", False)],
    )
    sender = sender_for(fake, [])
    client = FreshdeskClient("https://acme.freshdesk.com", api_key="key", sender=sender)
    ticket = client.fetch_ticket("7")
    assert fake.received[0].query == "include=conversations"
    assert [(m.text, m.public, m.from_requester) for m in ticket.messages] == [
        ("How do I reset my password?", True, True),
        ("internal: VIP", False, False),
        ("Still stuck!", True, True),
    ]
    client.post_private_note("7", Note(text="t", html="<p>Draft</p>"))
    post = fake.writes()[-1]
    assert (post.method, post.path) == ("POST", "/api/v2/tickets/7/notes")
    assert post.body == {"body": "<p>Draft</p>", "private": True}
    assert post.authorization == basic("key", "X")


def test_private_messages_never_enter_the_question() -> None:
    """Internal notes (and our own notes) must not reach the drafter."""
    ticket = HelpdeskTicket(
        "1",
        "Password",
        (
            Message("How do I reset my password?", public=True, from_requester=True),
            Message("SECRET internal note", public=False, from_requester=False),
            Message("Agent: did you try?", public=True, from_requester=False),
            Message("Yes, still no email.", public=True, from_requester=True),
        ),
    )
    question = public_question(ticket)
    assert "SECRET" not in question
    assert question == "How do I reset my password?\n\nYes, still no email."


def make_draft(*, escalate: bool = False, url: str = "https://help.example.com/a") -> Draft:
    return Draft(
        text="Hi,\n\nOpen <Settings> & choose Reset.",
        citations=(
            Citation("kb-001", "Reset <b>your</b> password", url, "Click Forgot password?"),
        ),
        confidence=0.42 if escalate else 0.91,
        escalate=escalate,
        reasons=("weak_evidence",) if escalate else (),
        lang="en",
    )


def test_the_note_carries_draft_sources_confidence_and_escalation_in_words() -> None:
    """Agents must see the sources, the confidence in words and why it escalates."""
    note = render_note(make_draft(escalate=True), draft_id="d" * 32)
    assert "Open <Settings> & choose Reset." in note.text
    assert "1. Reset <b>your</b> password (kb-001) https://help.example.com/a" in note.text
    assert "Confidence: Low confidence (42%): do not send this as it is." in note.text
    assert "Escalate: The sources only partly answer this question." in note.text
    assert "d" * 32 in note.text
    assert confidence_words(0.91, escalate=False).startswith("High confidence (91%)")


def test_the_note_shows_the_internal_notes_escaped() -> None:
    """Wiki guidance and "Internal:" lines reach the agent in the private note, as text."""
    draft = dataclasses.replace(
        make_draft(escalate=True),
        reasons=("internal_guidance",),
        internal_notes=("Known issues – Sparkasse: <b>two days</b> late, tag bank-sync-known.",),
    )
    note = render_note(draft, draft_id="d" * 32)
    assert "Internal notes (for agents, not for the customer):\n- Known issues" in note.text
    assert "Only the internal wiki answers this" in note.text
    assert "<li>Known issues – Sparkasse: &lt;b&gt;two days&lt;/b&gt; late" in note.html
    assert "Internal notes" not in render_note(make_draft(), draft_id="d" * 32).text


def test_every_reason_code_is_put_in_words_for_agents_alike_in_notes_and_on_the_page() -> None:
    """A new reason code must not reach agents as a bare identifier, and the helpdesk note
    and the agent page must say the same thing."""
    page = (Path(copilot.api.__file__).parent / "static" / "agent.js").read_text()
    on_page = {
        key: "".join(re.findall(r'"([^"]*)"', words))
        for key, words in re.findall(r"^  (\w+): ((?:.|\n)*?),\n(?=  \w+:|\};)", page, re.M)
    }
    for code in (*REASON_CODES, *DRAFTER_REASON_CODES):
        assert code in REASON_WORDS, code
        assert on_page.get(code) == REASON_WORDS[code], code
    uncalibrated = re.search(r"^const UNCALIBRATED = ((?:.|\n)*?);$", page, re.M)
    assert uncalibrated is not None
    assert "".join(re.findall(r'"([^"]*)"', uncalibrated.group(1))) == UNCALIBRATED_WORDS


def test_the_html_note_escapes_text_and_links_only_http_urls() -> None:
    """Ticket-derived text must not become markup in Freshdesk; javascript: is never a link."""
    html = render_note(make_draft(url="javascript:alert(1)"), draft_id="d" * 32).html
    assert "&lt;Settings&gt; &amp; choose Reset." in html
    assert "Reset &lt;b&gt;your&lt;/b&gt; password" in html
    assert "javascript:" not in html
    assert "<a " not in html
    linked = render_note(make_draft(), draft_id="d" * 32).html
    assert '<a href="https://help.example.com/a">' in linked


def test_a_delivery_key_is_claimed_once_until_released(tmp_path: Path) -> None:
    """The guard: a second claim fails; a released claim may be taken again."""
    log = DeliveryLog.open(default_url(tmp_path))
    key = delivery_key("zendesk", "42", texts=["Subject", "Question"])
    assert key == delivery_key("zendesk", "42", texts=["Subject", "Question  "])
    assert log.claim(key, kind="zendesk", ticket_id="42")
    assert not log.claim(key, kind="zendesk", ticket_id="42")
    log.release(key)
    assert log.claim(key, kind="zendesk", ticket_id="42")
    log.mark_posted(key, draft_id="d" * 32)
    log.release(key)
    assert log.state(key) == "posted"
    assert not log.claim(key, kind="zendesk", ticket_id="42")


def test_a_pending_claim_of_a_crashed_process_expires(tmp_path: Path) -> None:
    """A claim left pending past stale_after_s must not block the ticket forever."""
    now = [NOW]
    log = DeliveryLog(
        DeliveryLog.open(default_url(tmp_path))._engine, stale_after_s=600, clock=lambda: now[0]
    )
    assert log.claim("k", kind="zendesk", ticket_id="1")
    now[0] += 599
    assert not log.claim("k", kind="zendesk", ticket_id="1")
    now[0] += 2
    assert log.claim("k", kind="zendesk", ticket_id="1")


class StubDrafter:
    """Drafts a fixed reply and remembers the tickets it was asked about."""

    def __init__(self) -> None:
        self.asked: list[Ticket] = []

    def __call__(self, ticket: Ticket) -> Draft:
        self.asked.append(ticket)
        return make_draft()


def drafts_for(
    zendesk: FakeZendesk, tmp_path: Path, drafter: StubDrafter, **kwargs: object
) -> tuple[HelpdeskDrafts, Records]:
    records = Records(default_url(tmp_path))
    records.create_schema()
    client = ZendeskClient(
        "https://x", email="agent@example.com", token="tok", sender=sender_for(zendesk, [])
    )
    service = HelpdeskDrafts(
        client,
        draft=drafter,
        records=records,
        deliveries=DeliveryLog.open(records.url),
        drafter="stub",
        **kwargs,  # type: ignore[arg-type]
    )
    return service, records


def test_a_delivery_posts_one_note_and_a_redelivery_posts_nothing(
    zendesk: FakeZendesk, tmp_path: Path
) -> None:
    """One note per question: the second delivery (and our note itself) adds nothing."""
    drafter = StubDrafter()
    service, _ = drafts_for(zendesk, tmp_path, drafter)
    first = service.run("42")
    second = service.run("42")
    assert (first.outcome, second.outcome) == ("posted", "duplicate")
    assert len(zendesk.private_notes(42)) == 1
    assert len(drafter.asked) == 1
    assert "VIP" not in drafter.asked[0].body


def test_a_new_customer_message_gets_a_new_note(zendesk: FakeZendesk, tmp_path: Path) -> None:
    """A follow-up question is a new question: it must be answered too."""
    service, _ = drafts_for(zendesk, tmp_path, StubDrafter())
    service.run("42")
    zendesk._comment(42, "And the link expired, what now?", public=True, author=501)
    assert service.run("42").outcome == "posted"
    assert len(zendesk.private_notes(42)) == 2


def test_a_failed_post_is_released_so_the_next_delivery_posts(
    zendesk: FakeZendesk, tmp_path: Path
) -> None:
    """If posting fails, Zendesk's retry must still get the note onto the ticket."""
    service, _ = drafts_for(zendesk, tmp_path, StubDrafter())
    original = zendesk.route

    def refuse_put(method: str, path: str, body: object) -> httpx.Response:
        if method == "PUT":
            return httpx.Response(422, json={"error": "RecordInvalid"})
        return original(method, path, body)

    zendesk.route = refuse_put  # type: ignore[method-assign]
    assert service.run("42").outcome == "failed"
    zendesk.route = original  # type: ignore[method-assign]
    assert service.run("42").outcome == "posted"
    assert len(zendesk.private_notes(42)) == 1


def stored_texts(data_dir: Path) -> list[tuple[str | None, str | None]]:
    with sqlite3.connect(data_dir / "records.sqlite") as db:
        return list(db.execute("SELECT subject, body FROM drafts"))


def test_stored_ticket_text_is_scrubbed_or_left_out(zendesk: FakeZendesk, tmp_path: Path) -> None:
    """Records keep ticket text only through the scrubber; without one, none at all."""
    service, _ = drafts_for(
        zendesk, tmp_path, StubDrafter(), scrub=lambda text: text.replace("password", "[X]")
    )
    assert service.run("42").outcome == "posted"
    assert stored_texts(tmp_path) == [("Forgot my [X]", "I forgot my [X], how do I reset it?")]
    other = tmp_path / "other"
    zendesk2 = FakeZendesk(email="agent@example.com", token="tok")
    zendesk2.add_ticket(5, subject="Forgot password", comments=[("my password please", True)])
    plain, _ = drafts_for(zendesk2, other, StubDrafter())
    assert plain.run("5").outcome == "posted"
    assert stored_texts(other) == [("", "")]
