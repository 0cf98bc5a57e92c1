"""Parallel replay: `copilot replay --workers N` against a `chroma run` server, 1 against 2.

Serves the Chroma index of a data dir that already holds the doc2dial articles (see
bench_replay_doc2dial, which builds one) with `chroma run` on a free loopback port, then runs
`copilot replay TICKETS --limit N --fresh --json --workers W` with `index.kind = chroma-http`,
the worker counts taking turns for --rounds rounds. Reported: the observe stage's tickets/s
from each run's manifest (worker start-up included, report writing not), medians, and the
speed-up of 2 workers over 1. The data dir's embedding cache is warm after the first run.

Run: .venv/bin/python -m bench.bench_replay_workers --data-dir DIR [--limit 200] [--rounds 2]
Writes bench/results/replay_workers.json.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.common import write_result

ROOT = Path(__file__).resolve().parents[1]
TICKETS = ROOT.parent / "shared" / "data" / "doc2dial_val" / "tickets.jsonl"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_chroma(path: Path, port: int) -> subprocess.Popen[bytes]:
    """`chroma run` over ``path``; waits until it answers."""
    exe = str(Path(sys.executable).parent / "chroma")
    cmd = [exe, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2).raise_for_status()
            return proc
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("chroma run did not answer within 120 s")


def replay(data_dir: Path, url: str, *, workers: int, limit: int, out: Path) -> dict[str, Any]:
    """One `copilot replay` run; the observe stage's seconds and tickets/s from its manifest."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPILOT_")}
    env.update(
        COPILOT_INDEX__KIND="chroma-http",
        COPILOT_INDEX__URL=url,
        COPILOT_EMBEDDER__THREADS="1",
        OMP_NUM_THREADS="1",
        ANONYMIZED_TELEMETRY="False",
        HF_HUB_OFFLINE="1",
        PYTHONPATH=str(ROOT),
    )
    cmd = [sys.executable, "-m", "copilot.cli", "--data-dir", str(data_dir), "replay"]
    cmd += [str(TICKETS), "--out", str(out), "--limit", str(limit), "--fresh", "--json"]
    cmd += ["--workers", str(workers)]
    subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=ROOT)
    timings = json.loads((out / "manifest.json").read_text())["timings"]
    return {
        "workers": workers,
        "observe_s": timings["observe_s"],
        "tickets_per_s": timings["tickets_per_s"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    port = free_port()
    server = start_chroma(args.data_dir / "chroma", port)
    url = f"http://127.0.0.1:{port}"
    runs: dict[int, list[float]] = {1: [], 2: []}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-workers-") as tmp:
            replay(args.data_dir, url, workers=1, limit=args.limit, out=Path(tmp) / "warm")
            for n in range(args.rounds):
                for workers in runs:
                    out = Path(tmp) / f"w{workers}-{n}"
                    done = replay(args.data_dir, url, workers=workers, limit=args.limit, out=out)
                    runs[workers].append(done["tickets_per_s"])
                    print(done, file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=30)
    one, two = statistics.median(runs[1]), statistics.median(runs[2])
    result = {
        "tickets": args.limit,
        "rounds": args.rounds,
        "cpu_count": os.cpu_count(),
        "one_worker_tickets_per_s": round(one, 2),
        "two_workers_tickets_per_s": round(two, 2),
        "speedup_2_vs_1": round(two / one, 2),
        "runs": {str(k): v for k, v in runs.items()},
    }
    write_result("replay_workers", result)
    print(result)


if __name__ == "__main__":
    main()
