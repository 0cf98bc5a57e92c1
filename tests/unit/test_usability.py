"""What a new team meets first: CSV columns, config errors, --kind, the brand, progress lines."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from copilot.cli import cli
from copilot.cli.render import ProgressLines, stage_summary
from copilot.drafting import signature
from copilot.errors import ConfigError, UnknownBackendError
from copilot.settings import DraftingSettings, Settings, load_settings
from ingest.connectors import CsvConnector
from ingest.errors import ItemError

FAKES = {
    "COPILOT_EMBEDDER__KIND": "fake",
    "COPILOT_INDEX__KIND": "memory",
    "COPILOT_LEXICAL__KIND": "memory",
}


def test_misspelt_csv_column_is_reported_with_the_expected_names(tmp_path: Path) -> None:
    """If this fails, a CSV with `titel` is accepted silently with empty titles."""
    path = tmp_path / "articles.csv"
    path.write_text("id,titel,body\nkb-1,Export,Open the export menu.\n")
    items = list(CsvConnector().read(path, kind="article"))
    errors = [i for i in items if isinstance(i, ItemError)]
    assert [e.error.split(";")[0] for e in errors] == ["unknown column 'titel'"]
    assert "expected: id, title, body, url" in errors[0].error
    assert len(items) == 2  # the row itself is still read


def test_row_without_a_required_field_fails_with_a_message(tmp_path: Path) -> None:
    """If this fails, a ticket without body is indexed empty or fails without saying why."""
    path = tmp_path / "tickets.csv"
    path.write_text("id,subject,body\nT-1,Hello,\nT-2,Hi,How do I export?\n")
    items = list(CsvConnector().read(path, kind="ticket"))
    assert isinstance(items[0], ItemError)
    assert "missing required field 'body'" in items[0].error
    assert "needs id, body" in items[0].error
    assert not isinstance(items[1], ItemError)


def test_config_error_lists_the_valid_keys(tmp_path: Path) -> None:
    """If this fails, a typo in a config file gives no hint of the right key."""
    config = tmp_path / "my.toml"
    config.write_text('[llm]\nknid = "openai"\n')
    with pytest.raises(ConfigError, match=r"valid keys: kind, base_url, model"):
        load_settings(config)


def test_unknown_llm_backend_lists_every_backend_including_extractive() -> None:
    """If this fails, users are not told that `extractive` is the offline drafter."""
    from copilot.backends.llm import build_chat_model
    from copilot.settings import LLMSettings

    with pytest.raises(UnknownBackendError) as caught:
        build_chat_model(LLMSettings(kind="gpt"))
    assert caught.value.valid == ["extractive", "fake", "ollama", "openai"]


@pytest.mark.parametrize("kind", ["ticket", "tickets", "article", "articles", "wiki"])
def test_ingest_kind_accepts_singular_and_plural(tmp_path: Path, kind: str) -> None:
    """If this fails, `--kind ticket` works in one command and fails in another."""
    path = tmp_path / "items.jsonl"
    path.write_text('{"id": "1", "title": "Export", "body": "Open the export menu."}\n')
    result = CliRunner().invoke(
        cli,
        ["--data-dir", str(tmp_path / "d"), "ingest", str(path), "--kind", kind, "--json"],
        env=FAKES,
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("kind", ["article", "articles"])
def test_search_kind_accepts_singular_and_plural(fake_settings: Settings, kind: str) -> None:
    """If this fails, `search --kind articles` is refused although ingest takes it."""
    result = CliRunner().invoke(cli, ["search", "export", "--kind", kind, "--help"], env=FAKES)
    assert result.exit_code == 0
    assert "singular or plural" in result.output


def test_replay_and_ingest_help_link_the_formats_document() -> None:
    """If this fails, users cannot find which fields their export needs."""
    for command in ("replay", "ingest"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert "docs/formats.md" in result.output
    assert "freshdesk" in CliRunner().invoke(cli, ["replay", "--help"]).output
    assert (Path(__file__).resolve().parents[2] / "docs" / "formats.md").is_file()


def test_default_brand_is_neutral_and_a_set_brand_signs() -> None:
    """If this fails, every new team's drafts are signed by the demo's fictional company."""
    assert Settings().drafting.brand == ""
    assert signature("en", brand="") == "The support team"
    assert signature("de", brand="") == "Ihr Support-Team"
    assert signature("en", brand="Acme") == "The Acme support team"


def test_demo_sets_its_own_brand_unless_one_is_configured() -> None:
    """If this fails, the demo's drafts lose their brand or override a team's own."""
    from copilot.cli.demo import demo_settings

    assert demo_settings(Settings()).drafting.brand == "Quillbox"
    own = Settings(drafting=DraftingSettings(brand="Acme"))
    assert demo_settings(own).drafting.brand == "Acme"


def test_progress_lines_show_an_eta_and_the_end() -> None:
    """If this fails, `make demo` prints nothing for minutes while the replay runs."""
    now = [0.0]
    out = io.StringIO()
    lines = ProgressLines("replay", stream=out, every_s=10, clock=lambda: now[0])
    lines(0, 100)
    now[0] = 20.0
    lines(10, 100)  # 10 tickets in 20 s: 90 left take 180 s
    now[0] = 21.0
    lines(11, 100)  # too soon and too little: no line
    now[0] = 200.0
    lines(100, 100)
    printed = out.getvalue().splitlines()
    assert printed == [
        "replay: 0/100 (0%), 0s elapsed, ETA unknown",
        "replay: 10/100 (10%), 20s elapsed, ETA 3m00s",
        "replay: 100/100 (100%), 3m20s elapsed, done",
    ]


def test_stage_summary_names_every_stage_and_the_total() -> None:
    """If this fails, a slow replay does not say which stage took the time."""
    text = stage_summary({"read_s": 0.2, "observe_s": 125.0, "total_s": 130.0, "report_s": 1.0})
    assert text == "stages: read 0.2s, observe 2m05s, report 1.0s; total 2m10s"
