"""Replay throughput with the extractive drafter over a large index (default 100k chunks).

Builds an embedded Chroma index and the SQLite BM25 index from synthetic support-like chunks
(``bench/synthetic.py``: real MiniLM vectors for a pool of texts, reused with noise for the
rest), dated over two years so that the as-of filters do real work. Then replays synthetic
dated tickets through the same observer and loop ``copilot replay`` uses (extractive drafter,
embedding judge, support finder, leakage filters, blocks of ``--block`` tickets prefetched from
Chroma) and reports tickets per second after a warm-up; latency percentiles are each
observation's own time.

``--embedder`` picks the model (for the index and at replay time): ``sentence-transformers``
(the default MiniLM, PyTorch), ``onnx-int8`` (the same model quantized) or ``fake`` (hashing;
measures the replay machinery and the index without a model).

Run: .venv/bin/python -m bench.bench_replay [--chunks 100000] [--tickets 300]
     [--embedder sentence-transformers|onnx-int8|fake ...]
Writes bench/results/replay.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import percentiles, write_result
from bench.synthetic import PLACES, TOPICS, VERBS, synthetic_chunks, vectors_for
from copilot.backends.embedder import Embedder
from copilot.domain import Chunk, Document
from copilot.services import Components
from copilot.settings import load_settings
from eval.asof import ReplayTicket, Visibility
from eval.compose import build_observer
from eval.ticket_loop import observe_all

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
START = datetime(2025, 1, 1, tzinfo=UTC)


def dated(chunks: list[Chunk], *, seed: int = 2) -> list[Chunk]:
    """Give every document a creation date in 2025–2026 (its chunks share it)."""
    rng = random.Random(seed)
    dates: dict[str, datetime] = {}
    out = []
    for c in chunks:
        when = dates.setdefault(c.doc_id, START + timedelta(days=rng.randrange(0, 700)))
        out.append(dataclasses.replace(c, created_at=when, updated_at=when))
    return out


def build_index(copilot: Components, n: int, *, batch: int = 5000) -> dict[str, float]:
    """Fill both indexes with ``n`` synthetic chunks; returns build timings."""
    started = time.perf_counter()
    chunks = dated(list(synthetic_chunks(n)))
    vectors = vectors_for(chunks, copilot.embedder)
    for i in range(0, n, batch):
        copilot.vector_index.upsert(chunks[i : i + batch], vectors[i : i + batch])
        copilot.lexical_index.upsert(chunks[i : i + batch])
    return {"build_s": round(time.perf_counter() - started, 1)}


def tickets(n: int, *, seed: int = 3) -> list[ReplayTicket]:
    """Dated synthetic tickets with a resolution, in time order."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        topic, verb, place = rng.choice(TOPICS), rng.choice(VERBS), rng.choice(PLACES)
        when = START + timedelta(days=400 + i * 300 / n, hours=rng.randrange(24))
        out.append(
            ReplayTicket(
                Document(
                    id=f"bench-{i}",
                    kind="ticket",
                    title=f"Question about {topic}",
                    body=f"Hello, how do I {verb} my {topic} in {place}? Thanks",
                    resolution=f"To manage your {topic}, {verb} {place} and then {verb} {topic}.",
                    created_at=when,
                    lang="en",
                )
            )
        )
    return out


def run(kind: str, *, chunks: int, n_tickets: int, warmup: int, block: int) -> dict[str, Any]:
    """Build the index once per embedder, replay, and time it."""
    with tempfile.TemporaryDirectory(prefix="bench-replay-") as tmp:
        settings = load_settings(data_dir=Path(tmp), embedder={"kind": kind})
        copilot = Components(settings)
        built = build_index(copilot, chunks)
        observer = build_observer(copilot)
        embedder: Embedder = observer.support.retriever.embedder  # the one the drafter uses
        todo = tickets(n_tickets + warmup)
        vis = Visibility(todo, resolution_lag_s=86400)
        observe_all(todo[:warmup], visibility=vis, observer=observer)
        started = time.perf_counter()
        made = observe_all(todo[warmup:], visibility=vis, observer=observer, block=block)
        seconds = time.perf_counter() - started
        per_ticket = [o.seconds for o in made]
        hits = getattr(embedder, "hits", 0)
        misses = getattr(embedder, "misses", 0)
        return {
            "embedder": kind,
            "chunks": copilot.vector_index.count(),
            "tickets": n_tickets,
            "seconds": round(seconds, 2),
            "tickets_per_s": round(n_tickets / seconds, 2),
            "block": block,
            "latency": percentiles(per_ticket),
            "embedding_cache_hit_rate": round(hits / max(1, hits + misses), 3),
            **built,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--tickets", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument(
        "--block", type=int, default=64, help="tickets per prefetched block (1: one by one)"
    )
    parser.add_argument(
        "--embedder", nargs="*", default=["fake", "onnx-int8", "sentence-transformers"]
    )
    args = parser.parse_args()
    results = [
        run(kind, chunks=args.chunks, n_tickets=args.tickets, warmup=args.warmup, block=args.block)
        for kind in args.embedder
    ]
    for r in results:
        print(f"{r['embedder']}: {r['tickets_per_s']} tickets/s over {r['chunks']} chunks")
    best = max(r["tickets_per_s"] for r in results)
    write_result(
        "replay",
        {
            "goal_tickets_per_s": 50,
            "best_tickets_per_s": best,
            "runs": results,
            "note": "single process, extractive drafter, embedded Chroma + SQLite BM25; "
            f"load average {os.getloadavg()[0]:.2f} when written",
        },
    )


if __name__ == "__main__":
    main()
