"""Privacy and output safety on fakes: PII scrubbed at every boundary (ingest, replay input, API
drafts and feedback), replay Markdown without live HTML or script links, report.html under CSP."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from copilot.api.server import create_app
from copilot.cli.commands import ingest_path
from copilot.domain import Draft, Ticket
from copilot.services import Components
from copilot.settings import Settings
from eval.asof import load_replay_tickets
from eval.compose import ReplayRequest, run_replay
from tests.privacy_fixtures import (
    API_CARD,
    API_CUSTOMER,
    API_VALUES,
    leaks,
    write_dataset,
)

RAW_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
DRAFT_NOTES = re.compile(r"<!-- draft-notes: [^>]*-->")


def api_traffic(settings: Settings, copilot: Components) -> None:
    """Two drafts and their feedback with planted PII, through the HTTP API."""
    email, phone, iban = API_VALUES
    with TestClient(create_app(settings, copilot=copilot, environ={})) as client:
        for verdict in ("edited", "accepted"):
            resp = client.post(
                "/api/v1/drafts",
                json={
                    "subject": f"Refund to {iban}",
                    "body": f"How do I reset my password? Call {phone}, mail {email}, "
                    f"card {API_CARD}.\n\nKind regards,\n{API_CUSTOMER}",
                    "customer_name": API_CUSTOMER,
                    "ticket_id": f"API-{verdict}",
                },
            )
            assert resp.status_code == 200, resp.text
            sent = (
                f"Hi {API_CUSTOMER.split()[0]},\n\n{resp.json()['text']}\n\n"
                f"{API_CUSTOMER.split()[0]}, we refunded {iban}; questions to {phone}."
            )
            feedback = {"draft_id": resp.json()["draft_id"], "verdict": verdict}
            if verdict == "edited":
                feedback["final_text"] = sent
            assert client.post("/api/v1/feedback", json=feedback).status_code == 201


@pytest.fixture
def replayed(fake_settings: Settings, fake_copilot: Components, tmp_path: Path) -> Path:
    """The planted dataset ingested and replayed on fakes, plus API traffic; the replay folder."""
    arts, tickets = write_dataset(tmp_path / "source")
    ingest_path(fake_copilot, arts, kind="article", fmt="jsonl", sync=False, show_progress=False)
    ingest_path(fake_copilot, tickets, kind="ticket", fmt="jsonl", sync=False, show_progress=False)
    out = fake_settings.data_dir / "replays" / "planted"
    run_replay(fake_copilot, ReplayRequest(tickets, out)).summary()
    api_traffic(fake_settings, fake_copilot)
    return out


def test_no_planted_value_reaches_any_file_of_the_replay_or_the_data_dir(
    replayed: Path, fake_settings: Settings
) -> None:
    """A planted email, phone, IBAN, card or name was written by ingest, replay or the API."""
    assert (replayed / "checkpoint" / "observations.jsonl").is_file()
    assert list((replayed / "gaps").glob("*.md"))
    assert (fake_settings.data_dir / "records.sqlite").is_file()
    assert leaks(fake_settings.data_dir) == {}


def test_hostile_ticket_html_is_inert_in_the_markdown_and_the_html_report(replayed: Path) -> None:
    """A <script>, <img onerror> or javascript: link from a ticket reached the replay Markdown."""
    markdown = {
        p.name: p.read_text() for p in [replayed / "report.md", *replayed.glob("gaps/*.md")]
    }
    assert any("&lt;script&gt;" in text for text in markdown.values())  # the hostile text is there
    for name, text in markdown.items():
        assert not RAW_TAG.search(DRAFT_NOTES.sub("", text)), name
        assert "javascript:" not in text.lower(), name
    page = (replayed / "report.html").read_text()
    assert re.search(
        r"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", page
    )
    assert "script-src" not in page
    assert "<script" not in page.lower()


def test_replay_reads_tickets_scrubbed_of_pii_and_requester_names(tmp_path: Path) -> None:
    """The replay's input still held PII: everything after it (checkpoints too) would leak it."""
    _, path = write_dataset(tmp_path)
    tickets, errors = load_replay_tickets(path)
    assert not errors
    text = "\n".join(f"{t.doc.title}\n{t.doc.body}\n{t.doc.resolution}" for t in tickets)
    for placeholder in ("[EMAIL]", "[PHONE]", "[IBAN]", "[CARD]", "[NAME]"):
        assert placeholder in text
    assert all(t.doc.customer_name is None for t in tickets)
    assert leaks(path.parent) != {}  # the source itself holds the values
    for value in ("Müller", "mueller", "Braun", "Oberhuber", "Wiebke", "Cornelius", "4111"):
        assert value.lower() not in text.lower(), value


class RecordingDrafter:
    """A drafter that remembers what it was asked (to see what reached it)."""

    def __init__(self) -> None:
        self.seen: list[Ticket] = []

    def draft(self, ticket: Ticket, **_: object) -> Draft:
        self.seen.append(ticket)
        return Draft(
            text="Hi there.", citations=(), confidence=0.1, escalate=True, reasons=(), lang="en"
        )


def test_the_drafter_sees_the_api_request_scrubbed(
    fake_settings: Settings, fake_copilot: Components, tmp_path: Path
) -> None:
    """Raw PII from a draft request reached the drafter (and so an LLM endpoint or a cache)."""
    arts, _ = write_dataset(tmp_path / "source")
    ingest_path(fake_copilot, arts, kind="article", fmt="jsonl", sync=False, show_progress=False)
    drafter = RecordingDrafter()
    fake_copilot.__dict__["drafter"] = drafter  # the cached property, replaced
    with TestClient(create_app(fake_settings, copilot=fake_copilot, environ={})) as client:
        body = f"Card {API_CARD}, mail {API_VALUES[0]}.\n\nBest,\n{API_CUSTOMER}"
        resp = client.post("/api/v1/drafts", json={"body": body, "customer_name": API_CUSTOMER})
    assert resp.status_code == 200, resp.text
    (seen,) = drafter.seen
    assert seen.body == "Card [CARD], mail [EMAIL].\n\nBest,\n[NAME]"
    assert seen.customer_name == API_CUSTOMER  # kept for the greeting, never stored
