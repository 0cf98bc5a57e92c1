"""A read-only data dir, for real: each command runs in a private mount namespace where the
data dir is bind-mounted read-only (root ignores file modes, not a read-only mount). Every
command exits 1 with a message that names the data dir and what to do, never a traceback.

Needs util-linux `unshare` and the right to make a mount namespace (root in CI); skips
cleanly without them.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from copilot.cli import cli
from tests.unit.copilot.cli.test_cli import ARTICLES

pytestmark = pytest.mark.integration

COMMANDS = {
    "ingest": ["ingest", "{src}"],
    "search": ["search", "reset password"],
    "draft": ["draft", "--text", "How do I reset my password?"],
    "replay": ["replay", "{tickets}", "--out", "{out}"],
    "serve": ["serve", "--port", "9"],
}


def can_unshare() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with ingested articles (fake embedder, real Chroma and BM25)."""
    if not can_unshare():
        pytest.skip("needs `unshare -m` (util-linux, root or a user namespace)")
    root = tmp_path_factory.mktemp("readonly")
    (root / "articles.jsonl").write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n")
    ticket = {"id": "t1", "subject": "Login", "body": "How do I reset my password?"}
    (root / "tickets.jsonl").write_text(json.dumps(ticket) + "\n")
    env = {"COPILOT_EMBEDDER__KIND": "fake"}
    result = CliRunner(env=env).invoke(
        cli, ["--data-dir", str(root / "data"), "ingest", str(root / "articles.jsonl")]
    )
    assert result.exit_code == 0, result.output
    return root


def run_read_only(data: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    """`copilot --data-dir DATA ARGS` with DATA mounted read-only for that process only."""
    cli_call = shlex.join([sys.executable, "-m", "copilot.cli", "--data-dir", str(data), *args])
    d = shlex.quote(str(data))
    script = f"mount --bind {d} {d} && mount -o remount,bind,ro {d} && exec {cli_call}"
    env = {**os.environ, "COPILOT_EMBEDDER__KIND": "fake", "PYTHONPATH": os.getcwd()}
    return subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_read_only_data_dir_exits_1_with_what_to_do(ingested: Path, name: str) -> None:
    """A read-only data dir ends a command in a traceback, or exit 0 with nothing written."""
    data = ingested / "data"
    values = {
        "src": str(ingested / "articles.jsonl"),
        "tickets": str(ingested / "tickets.jsonl"),
        "out": str(ingested / f"out-{name}"),
    }
    args = [a.format(**values) for a in COMMANDS[name]]
    done = run_read_only(data, args)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output
    assert f"The data dir {data} cannot be used: it is not writable" in output
    assert "Read-only file system" in output
    assert "--data-dir COPY" in output
