"""Parallel replay: worker processes share a real `chroma run` server and agree with one process.

The fake embedder keeps this fast; what is under test is the process pool, the shared Chroma
server and the shared SQLite BM25 index. Also: `copilot replay --json` prints only JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from copilot.services import Components
from copilot.settings import Settings, load_settings
from eval.compose import ReplayRequest, run_replay
from tests.unit.replay_fixtures import ingested

pytestmark = pytest.mark.integration


def _settings(data_dir: Path, url: str, collection: str) -> Settings:
    return load_settings(
        data_dir=data_dir,
        embedder={"kind": "fake"},
        index={"kind": "chroma-http", "url": url, "collection": collection},
    )


def test_two_workers_on_a_chroma_server_give_the_same_verdicts_as_one(
    chroma_server: str, tmp_path: Path
) -> None:
    """If this fails, parallel replay loses, duplicates or changes verdicts."""
    copilot = Components(_settings(tmp_path / "data", chroma_server, "replay-parallel"))
    tickets = ingested(copilot, tmp_path / "src")
    single = run_replay(copilot, ReplayRequest(tickets, tmp_path / "one")).summary()
    parallel = run_replay(copilot, ReplayRequest(tickets, tmp_path / "two", workers=2)).summary()

    def verdicts(folder: Path) -> dict[str, tuple[bool, list[str]]]:
        rows = [json.loads(x) for x in (folder / "tickets.jsonl").read_text().splitlines()]
        return {r["id"]: (r["would_deflect"], r["retrieved_doc_ids"]) for r in rows}

    assert verdicts(tmp_path / "two") == verdicts(tmp_path / "one")
    assert parallel["deflection_rate"] == single["deflection_rate"]
    manifest = json.loads((tmp_path / "two" / "manifest.json").read_text())
    assert manifest["workers"] == 2


def test_cli_replay_json_prints_one_json_object_on_stdout(tmp_path: Path) -> None:
    """If this fails, scripts that parse `copilot replay --json` break."""
    settings = load_settings(data_dir=tmp_path / "data", embedder={"kind": "fake"})
    tickets = ingested(Components(settings), tmp_path / "src")
    env = {**os.environ, "COPILOT_EMBEDDER__KIND": "fake", "ANONYMIZED_TELEMETRY": "False"}
    exe = str(Path(sys.executable).parent / "copilot")
    done = subprocess.run(
        [
            exe,
            "--data-dir",
            str(tmp_path / "data"),
            "replay",
            str(tickets),
            "--out",
            str(tmp_path / "out"),
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    data = json.loads(done.stdout)
    assert set(data) >= {"out", "tickets", "deflection_rate", "ci_low", "ci_high", "threshold"}
    assert data["ci_low"] <= data["deflection_rate"] <= data["ci_high"]
