"""Search and draft latency (p50/p95) at 10k and 100k chunks, embedded Chroma + BM25.

Run: .venv/bin/python -m bench.bench_search [--sizes 10000 100000] [--queries 60]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from bench.common import peak_rss_mb, percentiles, write_result
from bench.synthetic import TOPICS, synthetic_chunks, vectors_for
from copilot.backends.embedder import SentenceTransformerEmbedder
from copilot.backends.lexical_index import SQLiteBM25Index
from copilot.backends.vector_index import build_vector_index
from copilot.domain import Ticket
from copilot.drafting import ExtractiveDrafter
from copilot.retrieval import MODES, Retriever
from copilot.settings import DraftingSettings, IndexSettings

QUESTIONS = [
    "How do I {t}?",
    "Where can I change my {t}?",
    "My {t} does not work, what can I do?",
    "Is there a way to turn off {t} for my team?",
    "Can you explain {t} in the mobile app?",
]


def queries(n: int) -> list[str]:
    rng = random.Random(3)
    return [rng.choice(QUESTIONS).format(t=rng.choice(TOPICS)) for _ in range(n)]


def build(size: int, root: Path, embedder: SentenceTransformerEmbedder) -> Retriever:
    chunks = list(synthetic_chunks(size))
    vectors = vectors_for(chunks, embedder)
    index = build_vector_index(
        IndexSettings(kind="chroma"), root, model_id=embedder.model_id, dimension=embedder.dimension
    )
    lexical = SQLiteBM25Index(root / "lexical.sqlite")
    started = time.perf_counter()
    for i in range(0, size, 5000):
        index.upsert(chunks[i : i + 5000], vectors[i : i + 5000])
        lexical.upsert(chunks[i : i + 5000])
    print(f"  built {size} chunks in {time.perf_counter() - started:.1f}s")
    return Retriever(embedder=embedder, vector_index=index, lexical_index=lexical)


def measure(retriever: Retriever, texts: list[str]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for mode in MODES:
        for q in texts[:5]:
            retriever.search(q, k=8, mode=mode)  # warm-up (BM25 model, caches)
        samples = []
        for q in texts:
            start = time.perf_counter()
            retriever.search(q, k=8, mode=mode)
            samples.append(time.perf_counter() - start)
        out[f"search_{mode}"] = percentiles(samples)
    drafter = ExtractiveDrafter(retriever, settings=DraftingSettings())
    for q in texts[:5]:
        drafter.draft(Ticket(body=q))
    samples = []
    for q in texts:
        start = time.perf_counter()
        drafter.draft(Ticket(body=q))
        samples.append(time.perf_counter() - start)
    out["draft_extractive"] = percentiles(samples)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=60)
    args = parser.parse_args()
    embedder = SentenceTransformerEmbedder()
    texts = queries(args.queries)
    results = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
            print(f"size {size}")
            retriever = build(size, Path(tmp), embedder)
            results[str(size)] = measure(retriever, texts)
            results[str(size)]["peak_rss_mb"] = {"value": round(peak_rss_mb(), 1)}
            print(f"  {results[str(size)]}")
    write_result(
        "search",
        {
            "description": "search/draft latency per query (single process, embedded Chroma + BM25;"
            " query embedding with the real MiniLM included)",
            "results": results,
        },
    )


if __name__ == "__main__":
    main()
