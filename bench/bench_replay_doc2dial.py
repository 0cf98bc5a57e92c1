"""Replay throughput on doc2dial (661 tickets over its 273 articles) with default settings.

Uses a data dir with the articles ingested by `copilot ingest` (built here when missing) and the
observer `copilot replay` builds (default embedder, extractive drafter, judge, support finder,
as-of filters). The first pass is what a first replay of a data dir costs: the drafter ranks
the candidate passages with the vectors ingest pooled for them and embeds only the best two
per ticket, and the support finder ranks the sentences it compares with each human resolution
by their pooled vectors and embeds only those that may decide the support (both kept in the
data dir's embedding cache). With --baseline, a first pass with those vectors hidden (every
candidate passage and sentence embedded, as before) is measured before it, on the same fresh
data dir, and the share of tickets whose support decision (supported, and by which document)
is the same in both passes is reported. Then rounds of the whole replay alternate between
one-by-one observation (block 1) and the batched replay (blocks of 64 tickets prefetched from
Chroma); the table gives the median tickets/s of each and their ratio. Process start-up and
model load are not counted; the load average is recorded before and after.

Run: .venv/bin/python -m bench.bench_replay_doc2dial [--data-dir DIR] [--rounds 2]
Writes bench/results/replay_doc2dial.json.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.common import hide_passage_vectors, write_result
from copilot.backends.caching_embedder import CachingEmbedder
from copilot.backends.vector_cache import CACHE_FILE
from copilot.services import Components
from copilot.settings import load_settings
from eval.asof import Visibility, load_replay_tickets
from eval.compose import build_observer
from eval.observation import Observation
from eval.ticket_loop import observe_all

ROOT = Path(__file__).resolve().parents[1]
DOC2DIAL = ROOT.parent / "shared" / "data" / "doc2dial_val"


def ensure_index(data_dir: Path) -> None:
    """Ingest the doc2dial articles with default settings unless ``data_dir`` has them."""
    if (data_dir / "manifest.sqlite").exists():
        return
    cmd = [sys.executable, "-m", "copilot.cli", "--data-dir", str(data_dir), "ingest"]
    cmd += [str(DOC2DIAL / "articles.jsonl"), "--kind", "articles", "--json"]
    subprocess.run(cmd, check=True, capture_output=True)


def replay_once(components: Components, *, block: int, limit: int | None) -> dict[str, float]:
    """Observe every ticket once; seconds and tickets/s (observer built before the clock)."""
    return replay_observed(components, block=block, limit=limit)[0]


def replay_observed(
    components: Components, *, block: int, limit: int | None
) -> tuple[dict[str, float], list[Observation]]:
    """``replay_once`` and the observations it made."""
    tickets, _ = load_replay_tickets(DOC2DIAL / "tickets.jsonl")
    tickets = tickets[:limit] if limit else tickets
    settings = components.settings.replay
    visibility = Visibility(
        tickets,
        resolution_lag_s=settings.resolution_lag_hours * 3600,
        kinds=tuple(settings.knowledge_kinds),
    )
    observer = build_observer(components)
    started = time.perf_counter()
    made = observe_all(tickets, visibility=visibility, observer=observer, block=block)
    seconds = time.perf_counter() - started
    done = {"tickets": len(tickets), "seconds": round(seconds, 2)}
    return done | {"tickets_per_s": len(tickets) / seconds}, made


def support_decision(obs: Observation) -> tuple[bool | None, str | None]:
    """Whether a ticket's resolution is supported, and by which document when it is."""
    return obs.supported, obs.support_doc_id if obs.supported else None


def same_support(a: Sequence[Observation], b: Sequence[Observation]) -> float:
    """The share of tickets whose support decision is the same in ``a`` and ``b``."""
    same = sum(support_decision(x) == support_decision(y) for x, y in zip(a, b, strict=True))
    return same / len(a) if a else 1.0


def first_pass_without_passage_vectors(
    data_dir: Path, *, limit: int | None
) -> tuple[dict[str, float], list[Observation]]:
    """The first replay of the fresh data dir with its passage vectors hidden (every
    candidate passage embedded, as before ingest stored them); the embedding cache is put
    back as ingest left it afterwards, so the measured first pass starts from the same state."""
    cache = data_dir / CACHE_FILE
    saved = data_dir / "embeddings.before-baseline.sqlite"
    components = Components(load_settings(data_dir=data_dir))
    cached = components.cached_embedder
    assert isinstance(cached, CachingEmbedder)
    assert cached.store is not None
    store = cached.store
    store.close()  # WAL merged into the file
    shutil.copyfile(cache, saved)
    hide_passage_vectors(data_dir, hidden=True)
    try:
        done, made = replay_observed(components, block=64, limit=limit)
    finally:
        hide_passage_vectors(data_dir, hidden=False)
        store.close()
        for stale in data_dir.glob(f"{CACHE_FILE}*"):
            stale.unlink()
        shutil.move(saved, cache)
    print(f"first pass without passage vectors: {done}", file=sys.stderr)
    return done, made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/copilot-bench-d2d-replay"))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="First replay the data dir with its passage vectors hidden (as before ingest "
        "stored them); meaningful on a fresh data dir.",
    )
    args = parser.parse_args()
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    ensure_index(args.data_dir)
    load_before = os.getloadavg()
    baseline = (
        first_pass_without_passage_vectors(args.data_dir, limit=args.limit)
        if args.baseline
        else None
    )
    components = Components(load_settings(data_dir=args.data_dir))
    first, observed = replay_observed(components, block=64, limit=args.limit)
    print(f"first pass: {first}", file=sys.stderr)
    runs: dict[int, list[float]] = {1: [], 64: []}
    for _ in range(args.rounds):
        for block in runs:
            done = replay_once(components, block=block, limit=args.limit)
            runs[block].append(done["tickets_per_s"])
            print(f"block {block}: {done}", file=sys.stderr)
    one, many = statistics.median(runs[1]), statistics.median(runs[64])
    result: dict[str, Any] = {
        "embedder": components.embedder_choice.kind,
        "model_id": components.embedder.model_id,
        "chunks": components.vector_index.count(),
        "tickets": first["tickets"],
        "first_pass": {k: round(v, 2) for k, v in first.items()},
        "first_pass_tickets_per_s": round(first["tickets_per_s"], 2),
        "first_pass_without_passage_vectors_tickets_per_s": (
            round(baseline[0]["tickets_per_s"], 2) if baseline else None
        ),
        "first_pass_without_passage_vectors": (
            {k: round(v, 2) for k, v in baseline[0].items()} if baseline else None
        ),
        "first_pass_vs_without": (
            round(first["tickets_per_s"] / baseline[0]["tickets_per_s"], 2) if baseline else None
        ),
        "same_support_decision_as_without": (
            round(same_support(baseline[1], observed), 4) if baseline else None
        ),
        "rounds": args.rounds,
        "one_by_one_tickets_per_s": round(one, 2),
        "batched_tickets_per_s": round(many, 2),
        "batched_vs_one_by_one": round(many / one, 2),
        "goal_tickets_per_s": 50,
        "load_average": [round(x, 2) for x in (*load_before, *os.getloadavg())],
    }
    write_result("replay_doc2dial", result)
    print(result)


if __name__ == "__main__":
    main()
