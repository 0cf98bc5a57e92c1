"""Does confidence see a knowledge gap? doc2dial with gap_holdout.json's articles withheld.

Builds an index of the doc2dial articles minus the held-out ones (real MiniLM embedder, embedded
Chroma, BM25), replays all 661 opening tickets with the real replay job (calibration target
"support", cross-fitted; threshold mode "expected") and measures, for "affected" (the ticket's
gold article was withheld) against the rest:

- the replay's own decision: share of affected tickets kept back (TPR), share of the others kept
  back (FPR), share of kept-back tickets that are affected (the issue's targets: >= 0.6, >= 0.5);
- the ROC AUC of the raw and calibrated confidence and of retrieval signals a confidence could
  use (best dense cosine, BM25 per question term, heading cosine, fused margin, key-term coverage
  of the best document), with the best operating points: TPR at FPR <= 0.15, and the highest TPR
  whose kept-back set is at least half affected;
- whether the calibration label ("visible knowledge supports the human resolution") differs
  between affected and other tickets, and how often retrieval ranks a non-affected ticket's own
  gold article first (a ticket whose article is indexed but not found looks like a gap).

Run: .venv/bin/python -m bench.bench_gap_signal [--data-dir DIR]  (about 10 minutes on 2 cores;
``--data-dir`` keeps the index for a re-run). Writes bench/results/gap_signal.json.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.stats import rankdata

from bench.common import write_result
from copilot.cli.commands import ingest_path
from copilot.confidence import term_coverage
from copilot.domain import SearchFilters
from copilot.retrieval import DocumentHits
from copilot.services import Components
from copilot.settings import load_settings
from copilot.text import content_terms, strip_salutations
from eval.compose import ReplayRequest, run_replay

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "doc2dial_val"
KNOWLEDGE = SearchFilters(kinds=("article", "wiki"))


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _write(path: Path, rows: Sequence[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return path


def auc(scores: Sequence[float], positive: Sequence[bool]) -> float:
    """ROC AUC of ``scores`` (higher: more likely positive), ties counted half."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(positive, dtype=bool)
    ranks = rankdata(s)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def operating_points(scores: Sequence[float], positive: Sequence[bool]) -> dict[str, float]:
    """Keeping back the highest scores: TPR at FPR <= 0.15, and the best TPR (with its FPR)
    whose kept-back set is at least half positive."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(positive, dtype=bool)[np.argsort(-s, kind="stable")]
    tp, fp = np.cumsum(y), np.cumsum(~y)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    half = tp / (tp + fp) >= 0.5
    best = int(np.argmax(np.where(half, tp, -1))) if half.any() else -1
    within = fp / n_neg <= 0.15
    return {
        "tpr_at_fpr_0.15": round(float(tp[within].max()) / n_pos if within.any() else 0.0, 3),
        "tpr_at_half_affected": round(float(tp[best]) / n_pos if best >= 0 else 0.0, 3),
        "fpr_at_half_affected": round(float(fp[best]) / n_neg if best >= 0 else 0.0, 3),
    }


def retrieval_signals(copilot: Components, question: str) -> dict[str, float]:
    """Evidence of the best documents for ``question`` (what a confidence could draw on)."""
    groups: list[DocumentHits] = copilot.retriever.search_documents(
        question, k=10, filters=KNOWLEDGE
    )
    if not groups:
        return {}
    top = groups[0]
    second = groups[1].score if len(groups) > 1 else 0.0
    terms = max(1, len(content_terms(question, "en")))
    text = " ".join(f"{p.chunk.title} {p.chunk.heading} {p.chunk.text}" for p in top.passages)
    return {
        "best_dense_cosine": max(g.signals.dense or 0.0 for g in groups),
        "bm25_per_question_term": max(g.signals.lexical or 0.0 for g in groups) / terms,
        "best_heading_cosine": max(g.signals.heading or 0.0 for g in groups),
        "fused_margin": (top.score - second) / top.score if top.score > 0 else 0.0,
        "coverage_of_best_document": term_coverage(question, text, lang="en"),
        "both_modes_rank_it_first": float(
            top.signals.dense_rank == 1 and top.signals.lexical_rank == 1
        ),
    }


def build_index(copilot: Components, work: Path, held: set[str]) -> None:
    """Ingest the articles that are not held out (skipped when the index exists)."""
    if (copilot.settings.data_dir / "chroma").exists():
        return
    articles = [a for a in _rows(DATA / "articles.jsonl") if a["id"] not in held]
    path = _write(work / "articles.jsonl", articles)
    ingest_path(copilot, path, kind="article", fmt="jsonl", sync=False, show_progress=True)


def measure(data_dir: Path, work: Path) -> dict[str, Any]:
    holdout = json.loads((DATA / "gap_holdout.json").read_text(encoding="utf-8"))
    affected = set(holdout["affected_ticket_ids"])
    copilot = Components(load_settings(data_dir=data_dir))
    build_index(copilot, work, set(holdout["holdout_article_ids"]))
    tickets = {t["id"]: t for t in _rows(DATA / "tickets.jsonl")}
    out = work / "replay"
    run_replay(copilot, ReplayRequest(DATA / "tickets.jsonl", out)).summary()
    verdicts = _rows(out / "tickets.jsonl")
    y = [v["id"] in affected for v in verdicts]
    kept = [not v["would_deflect"] for v in verdicts]
    hit = [k for k, a in zip(kept, y, strict=True) if a]
    rest = [k for k, a in zip(kept, y, strict=True) if not a]
    features: dict[str, list[float]] = {
        "raw_confidence": [v["raw_confidence"] for v in verdicts],
        "calibrated_confidence": [v["confidence"] for v in verdicts],
    }
    gold_first = []
    for v in verdicts:
        t = tickets[v["id"]]
        text = f"{t['subject']}\n{t['body']}".strip() if t.get("subject") else t["body"]
        for name, value in retrieval_signals(copilot, strip_salutations(text)).items():
            features.setdefault(name, []).append(value)
        if v["id"] not in affected:
            gold_first.append(v["retrieved_doc_ids"][:1] == t["gold_article_ids"][:1])
    signals = {}
    for name, values in features.items():
        low_means_gap = [-x for x in values]
        signals[name] = {"auc": round(auc(low_means_gap, y), 3)} | operating_points(
            low_means_gap, y
        )
    supported = [v["support"]["score"] if v["support"] else 0.0 for v in verdicts]
    bar = copilot.settings.replay.support_threshold
    label = [s >= bar for s in supported]
    return {
        "tickets": len(verdicts),
        "affected": sum(y),
        "replay": {
            "kept_back": sum(kept),
            "affected_kept_back": round(sum(hit) / len(hit), 3),
            "others_kept_back": round(sum(rest) / len(rest), 3),
            "kept_back_that_are_affected": round(sum(hit) / max(1, sum(kept)), 3),
        },
        "signals": signals,
        "support_score_auc": round(auc([-s for s in supported], y), 3),
        "supported_affected": round(np.mean([s for s, a in zip(label, y, strict=True) if a]), 3),
        "supported_others": round(np.mean([s for s, a in zip(label, y, strict=True) if not a]), 3),
        "others_gold_article_retrieved_first": round(sum(gold_first) / len(gold_first), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    if not (DATA / "gap_holdout.json").exists():
        print(f"skip: {DATA} not present")
        return
    with tempfile.TemporaryDirectory(prefix="gap-signal-") as tmp:
        work = Path(tmp)
        result = measure(args.data_dir or work / "data", work)
    print(json.dumps(result, indent=2))
    write_result("gap_signal", result)


if __name__ == "__main__":
    main()
