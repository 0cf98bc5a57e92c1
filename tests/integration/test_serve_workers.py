"""`copilot serve --workers 2` on a real `chroma run` server under concurrent drafts and feedback.

The embedder is the in-repo fake so the two workers start in seconds; the index, the server,
the workers and the records database are all real.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from copilot.records import Records
from copilot.settings import load_settings
from tests.integration.conftest import free_port
from tests.unit.copilot.api.test_api import ARTICLES

pytestmark = pytest.mark.integration

COPILOT = Path(sys.executable).parent / "copilot"
REQUESTS = 40
QUESTIONS = [
    "How do I reset my password?",
    "Where can I download an invoice as PDF?",
    "How can I export all my data?",
    "Can I get a refund for my purchase?",
]


def write_config(path: Path, chroma_url: str) -> Path:
    collection = f"workers-{uuid.uuid4().hex[:8]}"
    path.write_text(
        f'[embedder]\nkind = "fake"\n'
        f'[index]\nkind = "chroma-http"\nurl = "{chroma_url}"\ncollection = "{collection}"\n'
        f'[api]\nrate_limit_per_minute = 100000\nlog_format = "json"\n'
    )
    return path


def ingest_articles(config: Path, data_dir: Path, env: dict[str, str]) -> None:
    """Index the example articles into the Chroma server and the shared BM25 file (by the CLI,
    so no Chroma client stays open in the test process)."""
    source = data_dir.parent / "articles.jsonl"
    rows = [
        {"id": doc_id, "title": title, "body": body, "url": f"https://h.example/{doc_id}"}
        for doc_id, title, body in ARTICLES
    ]
    source.write_text("\n".join(json.dumps(row) for row in rows))
    cmd = [str(COPILOT), "--config", str(config), "--data-dir", str(data_dir)]
    cmd += ["ingest", str(source), "--kind", "articles", "--json"]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["added"] == len(ARTICLES)


@pytest.fixture
def two_workers(chroma_server: str, tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """Base URL, data dir and log file of `copilot serve --workers 2`."""
    data_dir = tmp_path / "data"
    config = write_config(tmp_path / "serve.toml", chroma_server)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COPILOT_", "PROMETHEUS_"))}
    ingest_articles(config, data_dir, env)
    port = free_port()
    log_path = tmp_path / "serve.log"
    cmd = [str(COPILOT), "--config", str(config), "--data-dir", str(data_dir)]
    cmd += ["serve", "--workers", "2", "--port", str(port)]
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(proc, url, log_path)
        yield url, data_dir, log_path
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def wait_until_serving(proc: subprocess.Popen[bytes], url: str, log_path: Path) -> None:
    """Both workers started and the port answers, or a RuntimeError with the log."""
    deadline = time.monotonic() + 90
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"copilot serve exited early:\n{log_path.read_text()}")
        started = log_path.read_text().count("Started server process")
        try:
            healthy = httpx.get(f"{url}/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            healthy = False
        if healthy and started >= 2:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"copilot serve not ready in 90 s:\n{log_path.read_text()}")
        time.sleep(0.3)


def draft_and_feedback(url: str, i: int) -> tuple[int, int]:
    """One agent: ask for a draft, then send a verdict on it."""
    with httpx.Client(base_url=url, timeout=60) as client:
        draft = client.post(
            "/api/v1/drafts",
            json={"subject": f"Question {i}", "body": QUESTIONS[i % len(QUESTIONS)]},
        )
        if draft.status_code != 200:
            return draft.status_code, 0
        verdict = ("accepted", "edited", "rejected")[i % 3]
        payload = {"draft_id": draft.json()["draft_id"], "verdict": verdict}
        if verdict == "edited":
            payload["final_text"] = draft.json()["text"] + f"\nTicket {i}."
        feedback = client.post("/api/v1/feedback", json=payload)
        return draft.status_code, feedback.status_code


def test_two_workers_answer_concurrent_drafts_and_store_every_feedback(
    two_workers: tuple[str, Path, Path],
) -> None:
    """With two workers on a Chroma server, a request fails or a feedback row is lost."""
    url, data_dir, log_path = two_workers
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda i: draft_and_feedback(url, i), range(REQUESTS)))
    assert results == [(200, 201)] * REQUESTS
    records = Records.open(load_settings(data_dir=data_dir).records, data_dir)
    assert records.counts() == {"drafts": REQUESTS, "feedback": REQUESTS}
    metrics = httpx.get(f"{url}/metrics", timeout=10).text
    counted = sum(
        float(m)
        for m in re.findall(r'^copilot_feedback_total\{verdict="\w+"\} (\S+)$', metrics, re.M)
    )
    assert counted == REQUESTS  # both workers' counts, summed over the multiprocess directory
    log = log_path.read_text()
    assert "with 2 workers sharing the Chroma server" in log
    assert "forgot" not in log
    assert "reset my password" not in log
