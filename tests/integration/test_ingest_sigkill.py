"""A real `copilot ingest` killed with SIGKILL midway leaves a state the next run completes:
embedded Chroma, the BM25 SQLite index and the manifest agree, no duplicates, nothing lost."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from copilot.backends.embedder import FakeEmbedder
from copilot.backends.vector_index import build_vector_index
from copilot.settings import IndexSettings

pytestmark = pytest.mark.integration

DOCS = 300


def copilot_exe() -> str:
    return str(Path(sys.executable).parent / "copilot")


def cli_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        COPILOT_DATA_DIR=str(data_dir),
        COPILOT_EMBEDDER__KIND="fake",
        COPILOT_INGEST__BATCH_SIZE="4",
        ANONYMIZED_TELEMETRY="False",
    )
    return env


def manifest_rows(data_dir: Path) -> list[tuple[str, str]]:
    path = data_dir / "manifest.sqlite"
    if not path.exists():
        return []
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT doc_id, chunk_ids FROM documents").fetchall()
    except sqlite3.OperationalError:  # table not created yet, or locked for a moment
        return []


def write_source(path: Path) -> Path:
    with path.open("w") as fh:
        for i in range(DOCS):
            body = " ".join(f"Article {i} sentence {j} about setting {i * j}." for j in range(30))
            fh.write(json.dumps({"id": f"a{i}", "title": f"Article {i}", "body": body}) + "\n")
    return path


def test_sigkilled_ingest_is_completed_by_the_next_run(tmp_path: Path) -> None:
    """After SIGKILL and a re-run, the indexes held duplicates, stale or missing chunks."""
    source = write_source(tmp_path / "articles.jsonl")
    data_dir = tmp_path / "data"
    env = cli_env(data_dir)
    cmd = [copilot_exe(), "ingest", str(source), "--kind", "articles", "--json"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(manifest_rows(data_dir)) < 40 and proc.poll() is None:
        assert time.monotonic() < deadline, "ingest made no progress within 120 s"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = len(manifest_rows(data_dir))
    assert 0 < killed_at < DOCS, f"the kill did not land midway ({killed_at} of {DOCS} done)"

    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, f"the re-run failed after the kill: {rerun.stderr[-2000:]}"
    report = json.loads(rerun.stdout)
    assert report["failed"] == 0
    assert report["unchanged"] >= killed_at
    assert report["added"] + report["unchanged"] == DOCS

    rows = manifest_rows(data_dir)
    manifest_ids = [c for _, ids in rows for c in json.loads(ids)]
    with sqlite3.connect(data_dir / "lexical.sqlite") as conn:
        lexical_ids = [r[0] for r in conn.execute("SELECT id FROM chunks")]
    embedder = FakeEmbedder()
    chroma = build_vector_index(
        IndexSettings(), data_dir, model_id=embedder.model_id, dimension=embedder.dimension
    )
    chroma_ids = chroma._coll.get(include=[])["ids"]  # type: ignore[attr-defined]
    assert len(rows) == DOCS
    assert len(manifest_ids) == len(set(manifest_ids))
    assert sorted(manifest_ids) == sorted(lexical_ids) == sorted(chroma_ids)
    assert chroma.count() == len(manifest_ids)
    assert {c.split(":")[1] for c in chroma_ids} == {f"a{i}" for i in range(DOCS)}
