"""The command line: names, exit codes and messages that scripts depend on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from copilot.cli import cli

ARTICLES = [
    {
        "id": "kb-1",
        "title": "Reset your password",
        "body": "## Steps\nOpen Settings and choose "
        "Reset password. We email you a reset link that works for one hour.",
        "lang": "en",
    },
    {
        "id": "kb-2",
        "title": "Export invoices",
        "body": "## Export\nGo to Invoices and press "
        "Export to download every invoice as a CSV file.",
        "lang": "en",
    },
]


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """Fake embedder (no model) with the real embedded Chroma and BM25 index."""
    monkeypatch.setenv("COPILOT_EMBEDDER__KIND", "fake")
    return CliRunner()


def test_help_lists_every_command() -> None:
    """`copilot --help` must list the commands of ARCHITECTURE.md."""
    out = CliRunner().invoke(cli, ["--help"]).output
    for name in ("ingest", "search", "draft", "replay", "eval", "serve", "demo"):
        assert f"  {name}" in out


def test_search_without_index_says_run_ingest(runner: CliRunner, tmp_path: Path) -> None:
    """An empty data dir gives a clear message and exit code 1, no traceback."""
    result = runner.invoke(cli, ["--data-dir", str(tmp_path / "d"), "search", "anything"])
    assert result.exit_code == 1
    assert "run `copilot ingest PATH` first" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "d").exists()


def test_unknown_backend_in_config_lists_valid_names(runner: CliRunner, tmp_path: Path) -> None:
    """A config naming an unknown backend fails with the valid names."""
    cfg = tmp_path / "c.toml"
    cfg.write_text('[index]\nkind = "pinecone"\n')
    result = runner.invoke(cli, ["--config", str(cfg), "search", "x"])
    assert result.exit_code == 1
    assert "pinecone" in result.output
    assert "chroma, chroma-http, memory" in result.output


def test_ingest_search_draft_end_to_end(runner: CliRunner, tmp_path: Path) -> None:
    """Ingest, then search and draft in JSON find the right article."""
    src = tmp_path / "articles.jsonl"
    src.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n")
    base = ["--data-dir", str(tmp_path / "d")]
    first = runner.invoke(cli, [*base, "ingest", str(src), "--kind", "articles", "--json"])
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert (report["added"], report["failed"]) == (2, 0)
    again = json.loads(runner.invoke(cli, [*base, "ingest", str(src), "--json"]).stdout)
    assert (again["added"], again["unchanged"]) == (0, 2)
    found = runner.invoke(cli, [*base, "search", "reset password", "--json", "-k", "1"])
    assert json.loads(found.stdout)["results"][0]["doc_id"] == "kb-1"
    drafted = runner.invoke(
        cli, [*base, "draft", "--text", "How do I reset my password?", "--json"]
    )
    draft = json.loads(drafted.stdout)
    assert set(draft) == {
        "text",
        "citations",
        "confidence",
        "escalate",
        "reasons",
        "lang",
        "internal_notes",
        "calibrated",
    }
    assert draft["citations"][0]["doc_id"] == "kb-1"
    assert "choose Reset password" in draft["text"]


def test_draft_needs_exactly_one_input(runner: CliRunner) -> None:
    """Bad usage exits 2 with a usage message."""
    result = runner.invoke(cli, ["draft"])
    assert result.exit_code == 2


def test_a_drafts_reasons_are_printed_in_words() -> None:
    """`copilot draft` tells the person at the terminal why it escalates, not only the code."""
    from copilot.cli.render import render_draft
    from copilot.domain import Draft

    draft = Draft(
        text="Hello,\n\nA colleague will get back to you.",
        citations=(),
        confidence=0.1,
        escalate=True,
        reasons=("internal_guidance",),
        lang="en",
        internal_notes=("Known issues: Sparkasse is two days late.",),
    )
    out = render_draft(draft)
    assert "   * internal_guidance: Only the internal wiki answers this" in out
    assert "   * Known issues: Sparkasse is two days late." in out
