"""`copilot replay` and a Python call of the eval job run the same job (real Chroma, fake embedder).

Both read one settings file and one data dir; each writes its own report folder. Every file of
the two folders must match once the run's own timings are taken out, and so must the fitted
calibration each saved as the data dir's pending one; both runs are recorded.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from copilot.calibration import PENDING_FILE
from copilot.cli import cli
from copilot.records import Records
from copilot.settings import load_settings
from eval.compose import ReplayRequest, build_replay_job
from tests.unit.replay_fixtures import articles, tickets, write_jsonl

pytestmark = pytest.mark.integration

CONFIG = """
[embedder]
kind = "fake"

[index]
kind = "chroma"

[lexical]
kind = "bm25"
"""
# Keys that hold the run's own wall-clock times (durations, the moment a model was fitted).
TIMED = {"seconds", "timings", "fitted_at"}


def _untimed(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _untimed(v) for k, v in value.items() if k not in TIMED}
    if isinstance(value, list):
        return [_untimed(v) for v in value]
    return value


def _lines(content: bytes) -> list[Any]:
    return [_untimed(json.loads(line)) for line in content.splitlines()]


def _files(folder: Path) -> dict[str, bytes]:
    skip = {"report.html", "report.md"}  # rendered views of report.json, they show the seconds
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in skip and p.suffix in {".json", ".jsonl", ".md", ".txt"}
    }


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_replay_and_python_job_write_the_same_report_and_calibration(tmp_path: Path) -> None:
    """If this fails, a Python caller of the eval job gets another report or calibration than
    `copilot replay` with the same settings (the job's side effects live in the CLI again)."""
    config = tmp_path / "copilot.toml"
    config.write_text(CONFIG, encoding="utf-8")
    data = tmp_path / "data"
    base = ["--config", str(config), "--data-dir", str(data)]
    arts = write_jsonl(tmp_path / "articles.jsonl", articles())
    tix = write_jsonl(tmp_path / "tickets.jsonl", tickets())
    _cli(*base, "ingest", str(arts), "--kind", "article")
    _cli(*base, "ingest", str(tix), "--kind", "ticket")

    summary = json.loads(_cli(*base, "replay", str(tix), "--out", str(tmp_path / "cli"), "--json"))
    pending_cli = json.loads((data / PENDING_FILE).read_text())
    settings = load_settings(config, data_dir=data)
    outcome = build_replay_job(settings, ReplayRequest(tix, tmp_path / "py")).run()
    pending_py = json.loads((data / PENDING_FILE).read_text())

    cli_files, py_files = _files(tmp_path / "cli"), _files(tmp_path / "py")
    assert set(cli_files) == set(py_files)
    assert {"report.json", "manifest.json", "calibration.json", "gaps.json"} <= set(cli_files)
    for name, content in cli_files.items():
        if name.endswith(".json"):
            assert _untimed(json.loads(content)) == _untimed(json.loads(py_files[name])), name
        elif name.endswith(".jsonl"):
            assert _lines(content) == _lines(py_files[name]), name
        else:
            assert content == py_files[name], name
    assert _untimed(pending_cli) == _untimed(pending_py)
    assert pending_py["weights"]  # a fitted model, not an empty file
    assert summary["calibration_saved"] == str(outcome.calibration_saved)
    assert _untimed(summary | {"out": ""}) == _untimed(outcome.summary() | {"out": ""})
    records = Records.open(settings.records, data)
    try:
        recorded = {run.path for run in records.replay_runs()}
    finally:
        records.close()
    assert {str((tmp_path / name).resolve()) for name in ("cli", "py")} <= recorded
