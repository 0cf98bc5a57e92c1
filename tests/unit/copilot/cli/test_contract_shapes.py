"""The `--json` shapes of every command against the contract in docs/ARCHITECTURE.md."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from copilot.cli import cli
from copilot.confidence import REASON_CODES
from copilot.drafting import DRAFTER_REASON_CODES
from eval.attribution import FAILURE_REASONS
from eval.scoring import NON_BLOCKING_REASONS
from tests.unit.replay_fixtures import articles, tickets, write_jsonl

CONTRACT = Path(__file__).resolve().parents[4] / "docs" / "ARCHITECTURE.md"


def documented_shapes() -> dict[str, set[str]]:
    """Command name -> every key its documented `--json` object names (first code span)."""
    text = CONTRACT.read_text(encoding="utf-8")
    section = text.split("`--json` prints one JSON object", 1)[1].split("Exit codes", 1)[0]
    shapes: dict[str, set[str]] = {}
    for item in re.split(r"\n- ", section)[1:]:
        name, _, rest = item.partition(":")
        span = re.search(r"`(\{.*?\})`", rest, re.DOTALL)
        if span:
            shapes[name.strip()] = set(re.findall(r'"([^"]+)"', span.group(1)))
    return shapes


def all_keys(value: Any) -> set[str]:
    """Every key of a JSON value: nested objects and the objects inside lists too."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in all_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in all_keys(v)}
    return set()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """One `--json` object per command, from a small fake-embedder data dir."""
    tmp = tmp_path_factory.mktemp("contract")
    (tmp / "set").mkdir()
    mp = pytest.MonkeyPatch()
    mp.setenv("COPILOT_EMBEDDER__KIND", "fake")
    runner = CliRunner()
    base = ["--data-dir", str(tmp / "data")]
    arts = write_jsonl(tmp / "set" / "articles.jsonl", articles())
    tks = write_jsonl(tmp / "set" / "tickets.jsonl", tickets(per_topic=3))
    broken = tmp / "broken.jsonl"  # one bad row, so `errors` holds an item to check
    broken.write_text(arts.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")

    def run(*args: str, exit_code: int = 0) -> dict[str, Any]:
        result = runner.invoke(cli, [*base, *args])
        assert result.exit_code == exit_code, result.output
        parsed: dict[str, Any] = json.loads(result.stdout)
        return parsed

    try:
        return {
            "ingest": run("ingest", str(broken), "--kind", "articles", "--json", exit_code=1),
            "search": run("search", "password reset", "--json"),
            "draft": run("draft", "--text", "How do I reset my password?", "--json"),
            "replay": run("replay", str(tks), "--out", str(tmp / "out"), "--json"),
            "eval retrieval": run("eval", "retrieval", str(tmp / "set"), "--json"),
        }
    finally:
        mp.undo()


@pytest.mark.parametrize("command", ["ingest", "search", "draft", "replay", "eval retrieval"])
def test_json_output_has_every_documented_key(
    command: str, outputs: dict[str, dict[str, Any]]
) -> None:
    """Each key the contract names is in the command's `--json` object (renames break scripts)."""
    documented = documented_shapes()[command]
    assert documented <= all_keys(outputs[command])


@pytest.mark.parametrize("command", ["ingest", "search", "draft", "replay", "eval retrieval"])
def test_json_output_adds_no_undocumented_top_level_key(
    command: str, outputs: dict[str, dict[str, Any]]
) -> None:
    """A new top-level `--json` key is documented in docs/ARCHITECTURE.md before it ships."""
    assert set(outputs[command]) <= documented_shapes()[command]


def test_the_contract_lists_every_command_shape() -> None:
    """The contract page still documents the five `--json` commands."""
    assert set(documented_shapes()) >= {"ingest", "search", "draft", "replay", "eval retrieval"}


def test_the_contract_lists_every_reason_code_and_which_ones_block_deflection() -> None:
    """Integrations key on reason codes: a new one must be documented with what it means."""
    text = CONTRACT.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\s*\| `([a-z_]+)` \|", text, re.MULTILINE))
    assert documented == {*REASON_CODES, *DRAFTER_REASON_CODES}
    assert sorted(NON_BLOCKING_REASONS) == ["weak_evidence"]
    assert "every one but\n  `weak_evidence` keeps a replayed ticket from deflecting" in text


def test_the_contract_lists_every_failure_reason() -> None:
    """Tools read tickets.jsonl's failure_reason: every value must be documented."""
    text = CONTRACT.read_text(encoding="utf-8")
    line = text.split("(`failure_reason` one of", 1)[1].split("null when deflected", 1)[0]
    assert re.findall(r"`([a-z_]+)`", line) == list(FAILURE_REASONS)
