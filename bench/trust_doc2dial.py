"""doc2dial replay for issue 12: confidence AUC and the knowledge-coverage estimate.

Replays the ssa.gov tickets of ../shared/data/doc2dial_val with gap_holdout.json's articles
withheld (all 180 by default) and prints: the share of tickets whose article is indexed, the
share that would deflect, the replay's knowledge_coverage and answered_correctly, and the ROC
AUC of confidence for "the draft agrees with the human reply" (the judge's verdict).

Run: python -m bench.trust_doc2dial OUT_DIR [--others 151] [--affected 29] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from copilot.cli.commands import ingest_path
from copilot.services import Components
from copilot.settings import load_settings
from eval.calibration import roc_auc
from eval.compose import ReplayRequest, run_replay

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "doc2dial_val"


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def run(root: Path, *, others: int, affected_n: int, data: Path = DATA) -> dict[str, Any]:
    """Ingest, replay and measure (a rerun into ``root`` resumes from its checkpoint)."""
    hold = json.loads((data / "gap_holdout.json").read_text())
    held, affected = set(hold["holdout_article_ids"]), set(hold["affected_ticket_ids"])
    arts = [a for a in _rows(data / "articles.jsonl") if a.get("domain") == "ssa"]
    arts = [a for a in arts if a["id"] not in held]
    tix = [t for t in _rows(data / "tickets.jsonl") if t.get("domain") == "ssa"]
    chosen = [t for t in tix if t["id"] in affected][:affected_n]
    chosen += [t for t in tix if t["id"] not in affected][:others]
    root.mkdir(parents=True, exist_ok=True)
    (root / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in arts))
    (root / "tickets.jsonl").write_text("".join(json.dumps(t) + "\n" for t in chosen))
    copilot = Components(load_settings(data_dir=root / "data"))
    if not (root / "data" / "chroma").exists():
        articles = root / "articles.jsonl"
        ingest_path(copilot, articles, kind="article", fmt="jsonl", sync=False, show_progress=False)
    summary = run_replay(copilot, ReplayRequest(root / "tickets.jsonl", root / "out")).summary()
    verdicts = _rows(root / "out" / "tickets.jsonl")
    judged = [v for v in verdicts if v.get("agreed") is not None]
    return {
        "tickets": len(verdicts),
        "answerable_share": round(
            sum(v["id"] not in affected for v in verdicts) / len(verdicts), 4
        ),
        "would_deflect": round(sum(v["would_deflect"] for v in verdicts) / len(verdicts), 4),
        "knowledge_coverage": summary["knowledge_coverage"],
        "answered_correctly": summary["answered_correctly"],
        "auc_agreement": roc_auc(
            [v["confidence"] for v in judged], [bool(v["agreed"]) for v in judged]
        ),
    }


def main() -> None:
    """Print the numbers as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--others", type=int, default=151)
    parser.add_argument("--affected", type=int, default=29)
    parser.add_argument("--data", type=Path, default=DATA, help="the doc2dial_val folder")
    args = parser.parse_args()
    numbers = run(args.out, others=args.others, affected_n=args.affected, data=args.data)
    print(json.dumps(numbers, indent=2))


if __name__ == "__main__":
    main()
