"""Which unit the extractive drafter quotes: tables as readable rows, and how clearly the
choice beat other documents."""

from __future__ import annotations

from copilot.domain import Ticket
from copilot.passages import blocks_of
from tests.unit.copilot.test_drafting_answers import DOCS, build_drafter


def test_a_markdown_table_becomes_one_readable_bullet_per_row() -> None:
    """If this fails, a reply can quote a table's rule line ("|---|---|") as its answer."""
    blocks = blocks_of(
        [
            "| Plan | Germany | UK |",
            "|---|---|---|",
            "| Starter | EUR 9 | GBP 8 |",
            "| Pro | EUR 19 | GBP 17 |",
            "Every new account starts with a trial.",
        ]
    )
    assert blocks[0].kind == "bullets"
    assert blocks[0].items == (
        "Starter – Germany: EUR 9, UK: GBP 8",
        "Pro – Germany: EUR 19, UK: GBP 17",
    )
    assert not any("---" in item for b in blocks for item in b.items)


def test_two_documents_answering_alike_lower_the_choices_lead() -> None:
    """If this fails, confidence cannot see that the drafter had to pick between near-twins."""
    drafter = build_drafter(DOCS)
    twins = drafter.draft(Ticket(body="How long are exported archives kept before deletion?"))
    clear = drafter.draft(Ticket(body="How do I connect my bank account?"))
    assert twins.features["unit_lead"] < clear.features["unit_lead"]
    assert twins.features["foreign_source"] == 0.0
