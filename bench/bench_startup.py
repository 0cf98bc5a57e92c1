"""Cold start of CLI commands: a new process per run, the embedders taking turns.

Measures `copilot draft --text ... --json` (loads the embedder, opens Chroma and BM25, drafts)
for each embedder over its own small index (the demo articles, ingested once per embedder
before timing), and `copilot --help` / `copilot doctor --json` (no model). Each round runs
every command once, in turn, so load on a shared machine hits them alike; the table reports
the median of the rounds and each draft's time as a ratio to the first embedder's.

Run: .venv/bin/python -m bench.bench_startup [--runs 5]
     [--embedders sentence-transformers onnx-int8]
Writes bench/results/startup.json.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import write_result

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "copilot" / "demo" / "data" / "articles.jsonl"
QUESTION = "How do I add my VAT ID to invoices?"


def copilot_cmd(data_dir: Path, *args: str) -> list[str]:
    """The CLI as a new Python process."""
    return [sys.executable, "-m", "copilot.cli", "--data-dir", str(data_dir), *args]


def run_env(embedder: str) -> dict[str, str]:
    """Environment of one run: offline, one embedder, explicit thread count."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPILOT_")}
    env.update(
        COPILOT_EMBEDDER__KIND=embedder,
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        OMP_NUM_THREADS=env.get("OMP_NUM_THREADS", "1"),
        PYTHONPATH=str(ROOT),
    )
    return env


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one process; fails loudly when it does."""
    started = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def measure(embedders: list[str], runs: int, work: Path) -> dict[str, Any]:
    """Rounds of every command in turn; medians and ratios to the first embedder."""
    dirs = {e: work / e for e in embedders}
    for embedder, data_dir in dirs.items():
        cmd = copilot_cmd(data_dir, "ingest", str(ARTICLES), "--kind", "articles", "--json")
        subprocess.run(cmd, env=run_env(embedder), check=True, capture_output=True, cwd=ROOT)
    commands = {
        f"draft ({e})": (copilot_cmd(d, "draft", "--text", QUESTION, "--json"), e)
        for e, d in dirs.items()
    }
    first = embedders[0]
    commands["--help"] = (copilot_cmd(dirs[first], "--help"), first)
    commands["doctor --json"] = (copilot_cmd(dirs[first], "doctor", "--json"), first)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (cmd, embedder) in commands.items():
            times[name].append(timed(cmd, run_env(embedder)))
    base = times[f"draft ({first})"]
    rows = []
    for name, samples in times.items():
        ratios = [a / b for a, b in zip(samples, base, strict=True)]
        rows.append(
            {
                "command": name,
                "median_s": round(statistics.median(samples), 2),
                "min_s": round(min(samples), 2),
                "max_s": round(max(samples), 2),
                "vs_first_draft": round(statistics.median(ratios), 2),
            }
        )
    return {"runs": runs, "baseline": f"draft ({first})", "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--embedders", nargs="+", default=["sentence-transformers", "onnx-int8"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        result = measure(args.embedders, args.runs, Path(tmp))
    path = write_result("startup", result)
    for row in result["rows"]:
        print(row)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
