"""Search and draft latency (p50/p95) at 10k and 100k chunks, embedded Chroma + BM25.

The retriever and the extractive drafter are the ones `copilot serve` builds (``Components`` with
the default settings, its caching embedder over the real MiniLM) in one process. One index grows
through the sizes (10k chunks, measure, add 90k more, measure). Chunk vectors are MiniLM
embeddings of a pool of 2,000 synthetic texts plus small noise (bench/synthetic.py); each
chunk's "title - heading" line is embedded into the data dir's cache, as `copilot ingest` does.
Every query is a distinct text, so its embedding (real MiniLM) is part of the time measured.
At each size: every retrieval mode and the extractive draft, 5 warm-up queries then
``--queries`` timed ones (p50/p95/p99), the process's peak RSS so far and the load average.

Run: .venv/bin/python -m bench.bench_search [--sizes 10000 100000] [--queries 60]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import peak_rss_mb, percentiles, write_result
from bench.synthetic import TOPICS, synthetic_chunks, vectors_for
from copilot.domain import Chunk, Ticket, heading_line
from copilot.retrieval import MODES
from copilot.services import Components
from copilot.settings import load_settings

QUESTIONS = [
    "How do I {t}? We are customer {i}.",
    "Where can I change my {t}? Account {i}.",
    "My {t} does not work since invoice {i}, what can I do?",
    "Is there a way to turn off {t} for my team of {i} people?",
    "Can you explain {t} in the mobile app? Case {i}.",
]
BATCH = 5000


def queries(n: int, *, seed: int) -> list[str]:
    """``n`` distinct questions (no query vector comes from a cache)."""
    rng = random.Random(seed)
    return [
        rng.choice(QUESTIONS).format(t=rng.choice(TOPICS), i=seed * 100_000 + i) for i in range(n)
    ]


def grow(copilot: Components, chunks: list[Chunk], vectors: Any) -> float:
    """Add chunks to both indexes and cache their heading lines; seconds taken."""
    started = time.perf_counter()
    for i in range(0, len(chunks), BATCH):
        copilot.vector_index.upsert(chunks[i : i + BATCH], vectors[i : i + BATCH])
        copilot.lexical_index.upsert(chunks[i : i + BATCH])
    lines = list(dict.fromkeys(heading_line(c) for c in chunks))
    for i in range(0, len(lines), BATCH):
        copilot.cached_embedder.embed_documents(lines[i : i + BATCH])
    return time.perf_counter() - started


def timed(fn: Any, texts: list[str], warmup: list[str]) -> dict[str, float]:
    for q in warmup:
        fn(q)
    samples = []
    for q in texts:
        start = time.perf_counter()
        fn(q)
        samples.append(time.perf_counter() - start)
    return percentiles(samples)


def measure(copilot: Components, n: int, *, seed: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    retriever, drafter = copilot.retriever, copilot.drafter
    for j, mode in enumerate(MODES):
        texts = queries(n + 5, seed=seed * 10 + j)
        out[f"search_{mode}"] = timed(
            lambda q, m=mode: retriever.search(q, k=8, mode=m), texts[5:], texts[:5]
        )
    texts = queries(n + 5, seed=seed * 10 + 9)
    out["draft_extractive"] = timed(lambda q: drafter.draft(Ticket(body=q)), texts[5:], texts[:5])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=60)
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        copilot = Components(load_settings(data_dir=Path(tmp)))
        chunks = list(synthetic_chunks(sizes[-1]))
        vectors = vectors_for(chunks, copilot.embedder)
        done = 0
        for n, size in enumerate(sizes, start=1):
            seconds = grow(copilot, chunks[done:size], vectors[done:size])
            print(f"size {size}: added {size - done} chunks in {seconds:.1f}s", flush=True)
            done = size
            result: dict[str, Any] = dict(measure(copilot, args.queries, seed=n))
            result["peak_rss_mb"] = {"value": round(peak_rss_mb(), 1)}
            result["loadavg"] = [round(x, 2) for x in os.getloadavg()]
            results[str(size)] = result
            print(f"  {result}", flush=True)
    write_result(
        "search",
        {
            "description": "latency per query in one process: the retriever and extractive "
            "drafter `copilot serve` builds (default settings, embedded Chroma + SQLite BM25), "
            "distinct queries embedded with the real MiniLM; one index grown through the sizes",
            "results": results,
        },
    )


if __name__ == "__main__":
    main()
