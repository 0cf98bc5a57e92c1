"""Replay reads every ticket export ingest reads: Zendesk and Freshdesk, private notes left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from copilot.cli import cli
from copilot.services import Components
from copilot.settings import load_settings
from eval.asof import load_replay_tickets
from tests.unit.replay_fixtures import ingested

EXPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "replay"
# (file, format, tickets in it, marker that starts every private note's text)
CASES = [
    ("zendesk_tickets.json", "zendesk", 4, "PRIVATE-ZD"),
    ("freshdesk_tickets.json", "freshdesk", 3, "PRIVATE-FD"),
]


def _replay_cli(data_dir: Path, args: list[str]) -> tuple[int, str]:
    """Run `copilot replay ...` over the knowledge already ingested into ``data_dir``."""
    result = CliRunner().invoke(
        cli,
        ["--data-dir", str(data_dir), "replay", *args],
        env={"COPILOT_EMBEDDER__KIND": "fake"},
    )
    return result.exit_code, result.stdout


@pytest.mark.parametrize(("name", "fmt", "count", "private"), CASES)
def test_vendor_export_replays_every_ticket_with_json_and_no_private_note(
    tmp_path: Path,
    name: str,
    fmt: str,
    count: int,
    private: str,
) -> None:
    """If this fails, ops need a converter for their export, or a private note reaches a
    report, a gap example or an article draft."""
    # Fake embedder over the real embedded Chroma and SQLite BM25, which the CLI reopens.
    data_dir = tmp_path / "data"
    components = Components(load_settings(data_dir=data_dir, embedder={"kind": "fake"}))
    ingested(components, tmp_path / "ds", with_tickets=False)
    out = tmp_path / "out"
    code, stdout = _replay_cli(data_dir, [str(EXPORTS / name), "--out", str(out), "--json"])
    assert code == 0, stdout
    summary = json.loads(stdout)
    assert summary["tickets"] == count
    lines = (out / "tickets.jsonl").read_text().splitlines()
    assert len(lines) == count
    written = [p for p in out.rglob("*") if p.is_file()]
    assert len(written) >= 6
    for path in written:
        assert private not in path.read_text(encoding="utf-8", errors="replace"), path


@pytest.mark.parametrize(("name", "fmt", "count", "private"), CASES)
def test_explicit_format_reads_the_same_tickets_as_auto(
    name: str, fmt: str, count: int, private: str
) -> None:
    """If this fails, `--format zendesk|freshdesk` and detection disagree on an export."""
    auto, _ = load_replay_tickets(EXPORTS / name)
    explicit, errors = load_replay_tickets(EXPORTS / name, fmt=fmt)
    assert [t.id for t in auto] == [t.id for t in explicit]
    assert len(explicit) == count
    assert errors == []
    for ticket in explicit:
        assert private not in ticket.doc.body
        assert private not in (ticket.doc.resolution or "")


def test_freshdesk_resolution_time_comes_from_the_stats() -> None:
    """If this fails, a resolved Freshdesk ticket becomes knowledge at the wrong moment."""
    tickets = {t.id: t for t in load_replay_tickets(EXPORTS / "freshdesk_tickets.json")[0]}
    resolved = tickets["301"].resolved_at
    assert resolved is not None
    assert resolved.isoformat().startswith("2026-01-15T12:30")
    assert tickets["303"].resolved_at is None


def test_replay_refuses_a_page_format_with_a_message(tmp_path: Path) -> None:
    """If this fails, replaying a wiki folder fails with a traceback or reads nonsense."""
    page = tmp_path / "page.md"
    page.write_text("# Title\n\nBody text.\n")
    from copilot.errors import InputError

    with pytest.raises(InputError, match="tickets are read from jsonl, csv, zendesk, freshdesk"):
        load_replay_tickets(page)


def test_replay_warns_about_tickets_without_timestamps(
    fake_copilot: Components, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """If this fails, undated tickets silently see all knowledge without anyone noticing."""
    from eval.compose import ReplayRequest, run_replay

    ingested(fake_copilot, tmp_path / "data", with_tickets=False)
    tickets = tmp_path / "undated.jsonl"
    rows = [
        {"id": f"u{i}", "subject": "Invoice", "body": "How do I create an invoice?"}
        for i in range(3)
    ]
    tickets.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with caplog.at_level("WARNING"):
        run_replay(fake_copilot, ReplayRequest(tickets, tmp_path / "o")).summary()
    assert "3 of 3 tickets have no created_at" in caplog.text
