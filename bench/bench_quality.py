"""Retrieval quality per mode on doc2dial (when present) and the German evaluation set.

Runs `copilot eval retrieval DATASET --mode all --json` in a temporary data dir per dataset.
Run: .venv/bin/python -m bench.bench_quality
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.common import write_result

ROOT = Path(__file__).resolve().parents[1]
DATASETS = {
    "doc2dial (EN)": ROOT.parent / "shared" / "data" / "doc2dial_val",
    "German eval set": ROOT / "tests" / "fixtures" / "german_eval",
}


def main() -> None:
    results = {}
    for name, path in DATASETS.items():
        if not (path / "articles.jsonl").exists():
            print(f"skip {name}: {path} not present")
            continue
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "copilot.cli",
                "eval",
                "retrieval",
                str(path),
                "--mode",
                "all",
                "--json",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        results[name] = json.loads(out)
        print(name, json.dumps(results[name]["modes"]))
    write_result("quality", {"datasets": results})


if __name__ == "__main__":
    main()
