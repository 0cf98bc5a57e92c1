"""`copilot replay` end to end on fakes: every file, the JSON contract, resume, what-if."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import SecretStr

from copilot.calibration import CALIBRATION_FILE, PENDING_FILE
from copilot.cli import cli
from copilot.cli.render import headline_lines
from copilot.services import Components
from copilot.settings import CONFIG_DIR, Settings
from eval.articles import ARTICLE_PROMPT
from eval.compose import ReplayRequest, run_replay
from eval.judging import RUBRIC, prompt_hash
from tests.unit.replay_fixtures import ingested

REPORT_FILES = (
    "report.json",
    "tickets.jsonl",
    "gaps.json",
    "report.md",
    "report.html",
    "manifest.json",
)
VERDICT_KEYS = {
    "id",
    "confidence",
    "would_deflect",
    "failure_reason",
    "retrieved_doc_ids",
    "cited_doc_ids",
    "draft",
    "agreement",
}


@pytest.fixture
def replayed(fake_copilot: Components, tmp_path: Path) -> tuple[Path, Path, dict[str, object]]:
    tickets = ingested(fake_copilot, tmp_path / "data")
    out = tmp_path / "out"
    summary = run_replay(fake_copilot, ReplayRequest(tickets, out)).summary()
    return tickets, out, summary


def test_replay_writes_every_report_file_with_the_contract_shapes(
    replayed: tuple[Path, Path, dict[str, object]],
) -> None:
    """If this fails, the replay folder breaks ARCHITECTURE.md's contract for tools and pages."""
    _, out, summary = replayed
    for name in REPORT_FILES:
        assert (out / name).is_file(), name
    assert set(summary) >= {"out", "tickets", "deflection_rate", "ci_low", "ci_high", "threshold"}
    answered, coverage = summary["answered_correctly"], summary["knowledge_coverage"]
    assert isinstance(answered, dict)
    assert isinstance(coverage, dict)
    assert set(answered) == {"rate", "ci_low", "ci_high", "target_error"}
    assert set(coverage) == {"rate", "ci_low", "ci_high"}
    lines = [json.loads(x) for x in (out / "tickets.jsonl").read_text().splitlines()]
    assert len(lines) == summary["tickets"] == 30
    assert all(set(line) >= VERDICT_KEYS for line in lines)
    assert all((line["failure_reason"] is None) == line["would_deflect"] for line in lines)
    gaps = json.loads((out / "gaps.json").read_text())["gaps"]
    assert {"id", "label", "size", "ticket_ids", "example_questions", "draft_article"} <= set(
        gaps[0]
    )
    assert len(list((out / "gaps").glob("*.md"))) == len(gaps)


def test_deflection_rate_lies_within_its_interval(
    replayed: tuple[Path, Path, dict[str, object]],
) -> None:
    """If this fails, the headline number and its confidence interval disagree."""
    _, out, summary = replayed
    report = json.loads((out / "report.json").read_text())
    assert report["ci_low"] <= report["deflection_rate"] <= report["ci_high"]
    assert summary["deflection_rate"] == report["deflection_rate"]
    assert report["deflected"] == sum(
        json.loads(x)["would_deflect"] for x in (out / "tickets.jsonl").read_text().splitlines()
    )


def test_deliberate_gap_tickets_are_attributed_to_missing_knowledge_and_clustered(
    replayed: tuple[Path, Path, dict[str, object]],
) -> None:
    """If this fails, writers do not learn about topics no article covers."""
    _, out, _ = replayed
    lines = [json.loads(x) for x in (out / "tickets.jsonl").read_text().splitlines()]
    gap_ids = {x["id"] for x in lines if x["tags"] == ["gap"]}
    assert all(not x["would_deflect"] for x in lines if x["id"] in gap_ids)
    gaps = json.loads((out / "gaps.json").read_text())["gaps"]
    assert any(set(g["ticket_ids"]) <= gap_ids and g["size"] >= 2 for g in gaps)


def test_manifest_records_what_the_run_depended_on_without_secrets(
    fake_settings: Settings, tmp_path: Path
) -> None:
    """If this fails, a replay cannot be reproduced or audited, or it leaks an API key."""
    settings = fake_settings.model_copy(
        update={"api": fake_settings.api.model_copy(update={"keys": [SecretStr("s3cret-key")]})}
    )
    copilot = Components(settings)
    tickets = ingested(copilot, tmp_path / "data")
    out = tmp_path / "out"
    run_replay(copilot, ReplayRequest(tickets, out, threshold=0.4)).summary()
    text = (out / "manifest.json").read_text()
    manifest = json.loads(text)
    assert "s3cret-key" not in text
    assert len(manifest["dataset"]["sha256"]) == 64
    assert manifest["index"]["documents"] == 34
    assert len(manifest["index"]["content_hash"]) == 64
    assert manifest["embedder"]["model_id"].startswith("fake")
    assert manifest["thresholds"]["deflect"] == 0.4
    for key in ("drafter", "judge", "prompt_hash", "code_version", "settings", "timings"):
        assert manifest[key], key


def test_rerun_into_the_same_folder_continues_from_the_checkpoint(
    fake_copilot: Components, replayed: tuple[Path, Path, dict[str, object]]
) -> None:
    """If this fails, re-running a finished replay redoes all the work."""
    tickets, out, first = replayed
    checkpoint = out / "checkpoint" / "observations.jsonl"
    before = checkpoint.read_text()
    again = run_replay(fake_copilot, ReplayRequest(tickets, out)).summary()
    assert checkpoint.read_text() == before
    assert again["deflection_rate"] == first["deflection_rate"]


def test_full_replay_saves_its_calibration_without_applying_it(
    fake_copilot: Components, replayed: tuple[Path, Path, dict[str, object]]
) -> None:
    """If this fails, a replay changes live drafts' confidence behind the user's back."""
    _, out, summary = replayed
    report = json.loads((out / "report.json").read_text())
    assert report["calibration"]["fitted"] is not None
    data_dir = fake_copilot.settings.data_dir
    saved = json.loads((data_dir / PENDING_FILE).read_text())
    assert saved["weights"] == report["calibration"]["fitted"]["weights"]
    assert summary["calibration_saved"] == str(data_dir / PENDING_FILE)
    assert not (data_dir / CALIBRATION_FILE).exists()


def test_whatif_with_the_drafted_gap_articles_raises_deflection_of_the_gaps(
    fake_copilot: Components, replayed: tuple[Path, Path, dict[str, object]]
) -> None:
    """If this fails, writers cannot see what publishing the drafted articles would gain."""
    tickets, out, _ = replayed
    summary = run_replay(
        fake_copilot, ReplayRequest(tickets, out, with_articles=out / "gaps")
    ).summary()
    whatif = json.loads((out / "whatif.json").read_text())
    assert whatif["articles"] >= 1
    assert any(g["uplift"] > 0 for g in whatif["gaps"])
    assert summary["uplift"] == whatif["uplift"] > 0
    assert "What-if" in (out / "report.md").read_text()


def test_cli_without_an_index_says_to_ingest_first(fake_settings: Settings, tmp_path: Path) -> None:
    """If this fails, replaying before ingesting crashes instead of saying what to do."""
    tickets = tmp_path / "t.jsonl"
    tickets.write_text('{"id": "1", "body": "hello there"}\n')
    result = CliRunner().invoke(
        cli,
        ["replay", str(tickets), "--out", str(tmp_path / "out"), "--json"],
        env={
            "COPILOT_DATA_DIR": str(fake_settings.data_dir),
            "COPILOT_EMBEDDER__KIND": "fake",
            "COPILOT_INDEX__KIND": "memory",
            "COPILOT_LEXICAL__KIND": "memory",
        },
    )
    assert result.exit_code == 1
    assert "copilot ingest" in result.output


def test_parallel_workers_need_a_chroma_server(fake_copilot: Components, tmp_path: Path) -> None:
    """If this fails, --workers silently runs against an index workers cannot share."""
    tickets = ingested(fake_copilot, tmp_path / "data")
    from copilot.errors import InputError

    with pytest.raises(InputError, match="chroma run"):
        run_replay(fake_copilot, ReplayRequest(tickets, tmp_path / "o", workers=2)).summary()


def test_manifest_hashes_the_prompts_folder_the_settings_name(
    fake_settings: Settings, tmp_path: Path
) -> None:
    """If this fails, the run manifest hashes the shipped prompts while the drafter reads the
    folder in `llm.prompts_dir` (two runs with different prompts look alike)."""
    prompts = tmp_path / "prompts"
    shutil.copytree(CONFIG_DIR / "prompts", prompts)
    (prompts / "draft_system.md").write_text("Answer only from the passages, {brand}.")
    llm = fake_settings.llm.model_copy(update={"prompts_dir": str(prompts)})
    components = Components(fake_settings.model_copy(update={"llm": llm}))
    tickets = ingested(components, tmp_path / "data")
    run_replay(components, ReplayRequest(tickets, tmp_path / "out", limit=5))
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())

    def hashed(folder: Path) -> str:
        texts = [p.read_text() for p in sorted(folder.glob("*.md"))]
        return prompt_hash(RUBRIC, ARTICLE_PROMPT, *texts)

    assert manifest["prompt_hash"] == hashed(prompts)
    assert manifest["prompt_hash"] != hashed(CONFIG_DIR / "prompts")


def test_the_summary_breaks_down_why_tickets_were_not_deflected(
    replayed: tuple[Path, Path, dict[str, object]],
) -> None:
    """The raw would-deflect count comes with its failure breakdown (`--json` and words)."""
    _, out, summary = replayed
    report = json.loads((out / "report.json").read_text())
    reasons = summary["failure_reasons"]
    assert isinstance(reasons, dict)
    assert reasons == report["failure_reasons"]
    assert summary["deflected"] == report["deflected"]
    assert sum(reasons.values()) == report["tickets"] - report["deflected"]
    lines = headline_lines(dict(summary))
    shown = next(line for line in lines if line.startswith("Not deflected: "))
    assert shown.startswith(f"Not deflected: {sum(reasons.values())} tickets: ")
    for reason, n in reasons.items():
        assert (f"{n} {reason}" in shown) == (n > 0)


def test_the_summary_says_what_a_longer_history_would_deflect() -> None:
    """If this fails, a replay that certifies nothing leaves ops without a next step."""
    base = {
        "tickets": 300,
        "deflection_rate": 0.0,
        "threshold": 1.0,
        "ci_low": 0.0,
        "ci_high": 0.01,
    }
    risk = {
        "found": False,
        "projection": [
            {"history": 2, "deflect_share": 0.077},
            {"history": 5, "deflect_share": 0.267},
        ],
    }
    lines = headline_lines(base | {"risk_control": risk})
    assert (
        "Nothing could be shown to meet the target error. With more tickets replayed (an "
        "estimate at today's error rates), the share that would deflect: 2x 7.7%, 5x 26.7%."
    ) in lines
    hopeless = headline_lines(base | {"risk_control": {"found": False, "projection": []}})
    assert any("would not change that" in line for line in hopeless)
    assert not any("more tickets" in line.lower() for line in headline_lines(base))
