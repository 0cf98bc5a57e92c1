"""Shared helpers for benchmarks: machine info, repeated timing, result files.

Every comparison in this folder is a ratio measured in the same process or script, reported as
the median of at least five runs after a warm-up, because the machines are noisy.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def machine_info() -> dict[str, Any]:
    """Where a result was measured."""
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        rev = "unknown"
    else:
        # Code measured before it was committed says so (results are often written first).
        code = ["copilot", "eval", "ingest", "apps", "bench/bench_*.py", "bench/common.py"]
        changed = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", *code], check=False)
        rev += "+changes" if changed.returncode == 1 else ""
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {
        "cpu_count": os.cpu_count(),
        "memory_gib": round(mem / 2**30, 1),
        "machine": platform.machine(),
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "code_version": rev,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        # the machines are shared: how busy this one was when the result was written
        "loadavg_1_5_15min": [round(x, 2) for x in os.getloadavg()],
    }


def median_time(fn: Callable[[], object], *, runs: int = 5, warmup: int = 1) -> dict[str, float]:
    """Median, min and max seconds of ``fn`` over ``runs`` runs after ``warmup`` runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "runs": runs,
    }


def percentiles(samples_s: list[float]) -> dict[str, float]:
    """p50/p95/p99 in milliseconds."""
    ordered = sorted(samples_s)

    def pct(p: float) -> float:
        return 1000 * ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]

    return {
        "p50_ms": round(pct(0.50), 2),
        "p95_ms": round(pct(0.95), 2),
        "p99_ms": round(pct(0.99), 2),
        "n": len(ordered),
    }


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    VmHWM from /proc where there is one: ``ru_maxrss`` of a process started by a large one
    (fork, then exec) can report the parent's size instead of its own.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_result(name: str, data: dict[str, Any]) -> Path:
    """Write ``bench/results/NAME.json`` with machine info."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {"name": name, "machine": machine_info(), **data}
    path.write_text(json.dumps(payload, indent=2) + "\n")
    print(f"wrote {path}")
    return path


def hide_passage_vectors(data_dir: Path, *, hidden: bool) -> None:
    """Hide a data dir's passage vectors (``copilot.passage_vectors``) from the drafter, so
    that it embeds every candidate passage per draft as before ingest stored them (the
    baseline of a same-run comparison), or show them again."""
    conn = sqlite3.connect(data_dir / "lexical.sqlite")
    try:
        with conn:
            if hidden:
                conn.execute(
                    "UPDATE passage_vectors SET model = 'hidden:' || model "
                    "WHERE model NOT LIKE 'hidden:%'"
                )
            else:
                conn.execute(
                    "UPDATE passage_vectors SET model = substr(model, 8) "
                    "WHERE model LIKE 'hidden:%'"
                )
    finally:
        conn.close()
