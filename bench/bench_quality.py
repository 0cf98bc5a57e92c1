"""Retrieval quality per mode on doc2dial (when present) and the German evaluation set.

Runs `copilot eval retrieval DATASET --mode all --json` in a temporary data dir per dataset, or,
for doc2dial, in ``--doc2dial-data-dir DIR`` when given: `make bench` passes the data dir that
bench_ingest's ours-torch run left (same articles, default settings), so the corpus is embedded
once for both; the eval's ingest finds every article unchanged and only scores the tickets.

Run: .venv/bin/python -m bench.bench_quality [--doc2dial-data-dir DIR]
"""

from __future__ import annotations

import argparse
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
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--doc2dial-data-dir", type=Path, help="data dir to index doc2dial in")
    args = parser.parse_args()
    results = {}
    for name, path in DATASETS.items():
        if not (path / "articles.jsonl").exists():
            print(f"skip {name}: {path} not present")
            continue
        data_dir = args.doc2dial_data_dir if name.startswith("doc2dial") else None
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "copilot.cli",
                *(["--data-dir", str(data_dir)] if data_dir else []),
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
