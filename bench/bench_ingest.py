"""Ingest speed against the plain LangChain pipeline, int8 quality, and peak memory.

Three pipelines on ../shared/data/doc2dial_val/articles.jsonl (273 articles), all in one process:

- ``langchain``: RecursiveCharacterTextSplitter(1000, 150) + HuggingFaceEmbeddings on the same
  local model + Chroma.from_documents (what a LangChain tutorial does);
- ``ours-torch``: what ``copilot --data-dir DIR ingest ARTICLES`` runs (``ingest_path`` with the
  default settings and the sentence-transformers embedder: structure-aware chunks, PII pass,
  language detection, Chroma *and* the BM25 index, manifest, heading lines embedded into the
  data dir's vector cache);
- ``ours-int8``: the same with the ``onnx-int8`` embedder.

Each model is loaded once (timed apart). Then:

1. Quality, once: every pipeline ingests the *full* corpus into a fresh folder (one run each,
   timed but not a median; ``--keep-index DIR`` keeps ours-torch's data dir, which
   bench_quality then reuses instead of embedding the corpus again), and dense article-level
   recall@5 over the 661 doc2dial tickets is
   measured on it (chunks ranked by cosine, first occurrence of each article counts). This run
   is also every pipeline's warm-up.
2. Speed, ``--runs`` rounds (default 5): every pipeline ingests a fixed subset of
   ``--subset`` articles (default 16: every 17th article, 6% of the corpus) into a
   fresh folder; the pipelines take turns inside a round (rotating the order), so a busy spell
   on the shared machine hits all of them. Speed ratios are the median of the per-round ratios,
   times the median of the rounds.

``--rss-chunks N`` ingests N synthetic one-chunk documents (fake 384-d embedder, real Chroma +
BM25 + manifest) in a fresh process and reports its peak RSS.

Run: .venv/bin/python -m bench.bench_ingest [--runs 5] [--subset 16] [--rss-chunks 10000]
     [--keep-index DIR] [--rss-only]
Needs: pip install -e ".[bench]" (langchain-text-splitters, langchain-huggingface,
langchain-chroma).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import RESULTS, peak_rss_mb, write_result

ROOT = Path(__file__).resolve().parents[1]
DOC2DIAL = ROOT.parent / "shared" / "data" / "doc2dial_val"
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

QueryFn = Callable[[str], list[str]]  # query -> article ids, best first


@dataclass
class Pipeline:
    """A loaded pipeline: ``ingest(articles_file, workdir) -> (chunks, search)``."""

    load_s: float
    ingest: Callable[[Path, Path], tuple[int, QueryFn]]


def load_gold_queries() -> list[tuple[str, str]]:
    """``(query, gold article id)`` for every doc2dial ticket."""
    out = []
    for line in (DOC2DIAL / "tickets.jsonl").read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        query = (
            t["body"]
            if t.get("subject") in (None, "", t["body"])
            else f"{t['subject']}\n{t['body']}"
        )
        out.append((query, str(t["gold_article_ids"][0])))
    return out


def write_subset(n: int, dest: Path) -> Path:
    """Every k-th article (k = 273 // n), ``n`` of them, into ``dest``."""
    lines = (DOC2DIAL / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    step = max(1, len(lines) // n)
    dest.write_text("\n".join(lines[::step][:n]) + "\n", encoding="utf-8")
    return dest


def recall_at_5(search: QueryFn, tickets: list[tuple[str, str]]) -> float:
    hits = sum(gold in search(query)[:5] for query, gold in tickets)
    return hits / len(tickets)


def first_occurrences(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def load_langchain() -> Pipeline:
    from langchain_chroma import Chroma
    from langchain_core.documents import Document as LCDocument
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from copilot.backends.embedder import default_model_path

    started = time.perf_counter()
    embeddings = HuggingFaceEmbeddings(
        model_name=str(default_model_path()), encode_kwargs={"normalize_embeddings": True}
    )
    load_s = time.perf_counter() - started

    def ingest(articles: Path, workdir: Path) -> tuple[int, QueryFn]:
        docs = []
        for line in articles.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            docs.append(LCDocument(page_content=rec["body"], metadata={"doc_id": rec["id"]}))
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=150)
        chunks = splitter.split_documents(docs)
        store = Chroma.from_documents(
            chunks,
            embeddings,
            persist_directory=str(workdir / "langchain"),
            collection_metadata={"hnsw:space": "cosine"},
        )

        def search(query: str) -> list[str]:
            found = store.similarity_search(query, k=50)
            return first_occurrences([d.metadata["doc_id"] for d in found])

        return len(chunks), search

    return Pipeline(load_s, ingest)


def load_ours(kind: str) -> Pipeline:
    from copilot.cli.commands import ingest_path
    from copilot.services import Components
    from copilot.settings import load_settings

    started = time.perf_counter()
    embedder = Components(load_settings(embedder={"kind": kind})).embedder
    embedder.embed_documents(["load the model now"])  # lazy backends load on first use
    load_s = time.perf_counter() - started

    def ingest(articles: Path, workdir: Path) -> tuple[int, QueryFn]:
        # exactly `copilot --data-dir DIR ingest ARTICLES --kind articles`, model already loaded
        copilot = Components(load_settings(data_dir=workdir, embedder={"kind": kind}))
        # Settle the data dir's embedder choice first: settling it later drops an embedder
        # set before it (built on a guess) and loads the model again inside the timing.
        copilot.choose_embedder(lambda: [])
        copilot.embedder = embedder
        report = ingest_path(
            copilot, articles, kind="article", fmt="jsonl", sync=False, show_progress=False
        )
        if report["failed"] or not report["added"]:
            raise RuntimeError(f"unexpected ingest report: {report}")
        index = copilot.vector_index

        def search(query: str) -> list[str]:
            found = index.query(embedder.embed_query(query), k=50)
            return first_occurrences([s.chunk.doc_id for s in found])

        return int(str(report["chunks"])), search

    return Pipeline(load_s, ingest)


def timed_ingest(pipeline: Pipeline, articles: Path) -> tuple[float, int]:
    """Seconds and chunks of one ingest into a fresh folder."""
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        started = time.perf_counter()
        chunks, _ = pipeline.ingest(articles, Path(tmp))
        return time.perf_counter() - started, chunks


def full_corpus(
    pipeline: Pipeline, tickets: list[tuple[str, str]], articles: Path, *, keep: Path | None
) -> dict[str, Any]:
    """One full-corpus ingest (the warm-up) and its recall@5; into ``keep`` when given."""
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        workdir = keep or Path(tmp)
        started = time.perf_counter()
        chunks, search = pipeline.ingest(articles, workdir)
        seconds = time.perf_counter() - started
        return {
            "ingest_s": round(seconds, 2),
            "chunks": chunks,
            "recall@5": round(recall_at_5(search, tickets), 4),
        }


def measure_rss(chunks: int) -> dict[str, Any]:
    """Peak RSS of a fresh process that ingests ``chunks`` one-chunk documents."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_ingest", "--rss-child", str(chunks)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def add_rss_to_results(chunks: int) -> None:
    """Measure peak RSS and merge it into an existing bench/results/ingest.json."""
    path = RESULTS / "ingest.json"
    previous = json.loads(path.read_text()) if path.exists() else {}
    rss = measure_rss(chunks)
    rss["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    print(f"rss: {rss}")
    previous.setdefault("summary", {})["rss"] = rss
    previous.pop("name", None)
    if "machine" in previous:
        previous["machine_pipelines"] = previous.pop("machine")
    write_result("ingest", previous)


def rss_child(n: int) -> None:
    import random

    from bench.synthetic import synthetic_text
    from copilot.backends.embedder import FakeEmbedder
    from copilot.backends.lexical_index import SQLiteBM25Index
    from copilot.backends.vector_index import build_vector_index
    from copilot.settings import IndexSettings
    from ingest.job import IngestOptions, run_ingest
    from ingest.manifest import Manifest
    from ingest.target import IngestTarget

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "docs.jsonl"
        with source.open("w") as fh:
            for i in range(n):
                title, body = synthetic_text(rng, i)
                fh.write(json.dumps({"id": f"d{i}", "title": title, "body": body}) + "\n")
        embedder = FakeEmbedder(dimension=384)
        data = Path(tmp) / "data"
        index = build_vector_index(IndexSettings(), data, model_id=embedder.model_id, dimension=384)
        target = IngestTarget(
            embedder, index, SQLiteBM25Index(data / "lexical.sqlite"), Manifest.open(data)
        )
        started = time.perf_counter()
        report = run_ingest(
            source, target=target, kind="article", options=IngestOptions(batch_size=256)
        )
        print(
            json.dumps(
                {
                    "documents": n,
                    "chunks": report.chunks,
                    "seconds": round(time.perf_counter() - started, 1),
                    "peak_rss_mb": round(peak_rss_mb(), 1),
                }
            )
        )


def speed_rounds(pipelines: dict[str, Pipeline], subset: Path, runs: int) -> dict[str, Any]:
    """``runs`` rounds over the subset, the pipelines taking turns in a rotating order."""
    names = list(pipelines)
    times: dict[str, list[float]] = {n: [] for n in names}
    chunks: dict[str, int] = {}
    for r in range(runs):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            seconds, chunks[name] = timed_ingest(pipelines[name], subset)
            times[name].append(seconds)
        print(f"round {r + 1}: " + ", ".join(f"{n} {times[n][-1]:.1f}s" for n in names), flush=True)
    return {"times": times, "chunks": chunks}


def median_ratio(a: list[float], b: list[float]) -> float:
    """Median over rounds of a[i] / b[i]."""
    return round(statistics.median(x / y for x, y in zip(a, b, strict=True)), 3)


def speed_only(subset_size: int, runs: int) -> None:
    """The speed rounds alone, each pipeline warmed up on the subset first."""
    loadavg_start = [round(x, 2) for x in os.getloadavg()]
    pipelines = {"langchain": load_langchain(), "ours-int8": load_ours("onnx-int8")}
    with tempfile.TemporaryDirectory(prefix="bench-ingest-subset-") as tmp:
        subset = write_subset(subset_size, Path(tmp) / "articles.jsonl")
        for pipeline in pipelines.values():
            timed_ingest(pipeline, subset)
        rounds = speed_rounds(pipelines, subset, runs)
    times = rounds["times"]
    summary = {
        "ratio_int8_vs_langchain": median_ratio(times["ours-int8"], times["langchain"]),
        "median_s": {n: round(statistics.median(t), 2) for n, t in times.items()},
        "runs_s": {n: [round(x, 2) for x in t] for n, t in times.items()},
        "chunks": rounds["chunks"],
    }
    print(json.dumps(summary, indent=2))
    write_result(
        "ingest_speed",
        {
            "method": f"median of {runs} rounds over {subset_size} doc2dial articles, the "
            "pipelines taking turns after one warm-up ingest each; the ratio is the median of "
            "the per-round ratios",
            "summary": summary,
            "loadavg_start": loadavg_start,
            "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed rounds over the subset")
    parser.add_argument("--subset", type=int, default=16, help="articles in the timed subset")
    parser.add_argument("--rss-chunks", type=int, default=10_000, help="0 skips the RSS run")
    parser.add_argument("--rss-only", action="store_true", help="only the RSS run, merged into")
    parser.add_argument(
        "--keep-index",
        type=Path,
        help="leave ours-torch's full-corpus data dir here (a `copilot ingest` data dir of the "
        "doc2dial articles with the default settings; bench_quality can reuse it)",
    )
    parser.add_argument(
        "--speed-only",
        action="store_true",
        help="only the speed rounds (warm-up: one subset ingest each), written to "
        "bench/results/ingest_speed.json; recall stays in ingest.json",
    )
    parser.add_argument("--rss-child", type=int, default=0, help=argparse.SUPPRESS)
    # smoke test of this script: the subset stands in for the full corpus, 50 tickets
    parser.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child:
        rss_child(args.rss_child)
        return
    if args.rss_only:
        add_rss_to_results(args.rss_chunks)
        return
    if not (DOC2DIAL / "articles.jsonl").exists():
        sys.exit(f"{DOC2DIAL} is missing: the benchmark needs the doc2dial subset.")
    if args.speed_only:
        speed_only(args.subset, args.runs)
        return
    tickets = load_gold_queries()
    loadavg_start = [round(x, 2) for x in os.getloadavg()]
    pipelines = {
        "langchain": load_langchain(),
        "ours-torch": load_ours("sentence-transformers"),
        "ours-int8": load_ours("onnx-int8"),
    }
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-ingest-subset-") as tmp:
        subset = write_subset(args.subset, Path(tmp) / "articles.jsonl")
        corpus = subset if args.smoke else DOC2DIAL / "articles.jsonl"
        for name, pipeline in pipelines.items():
            keep = args.keep_index if name == "ours-torch" else None
            full = full_corpus(pipeline, tickets[:50] if args.smoke else tickets, corpus, keep=keep)
            results[name] = {"load_s": round(pipeline.load_s, 2), "full": full}
            print(f"{name} full corpus: {full}", flush=True)
        rounds = speed_rounds(pipelines, subset, args.runs)
    times = rounds["times"]
    for name in pipelines:
        results[name]["subset"] = {
            "median_s": round(statistics.median(times[name]), 2),
            "min_s": round(min(times[name]), 2),
            "max_s": round(max(times[name]), 2),
            "runs_s": [round(t, 2) for t in times[name]],
            "chunks": rounds["chunks"][name],
        }
    lc, torch, int8 = times["langchain"], times["ours-torch"], times["ours-int8"]
    full = {n: r["full"] for n, r in results.items()}
    summary: dict[str, Any] = {
        "ratio_int8_vs_langchain": median_ratio(int8, lc),
        "ratio_torch_vs_langchain": median_ratio(torch, lc),
        "int8_speedup_vs_torch": round(1 / median_ratio(int8, torch), 2),
        "int8_recall5_change_points": round(
            100 * (full["ours-int8"]["recall@5"] - full["ours-torch"]["recall@5"]), 2
        ),
    }
    summary["goal_half_of_langchain_met"] = summary["ratio_int8_vs_langchain"] <= 0.5
    summary["goal_recall_not_worse_met"] = (
        full["ours-int8"]["recall@5"] >= full["langchain"]["recall@5"]
    )
    print(json.dumps(summary, indent=2))
    if args.rss_chunks:
        summary["rss"] = measure_rss(args.rss_chunks)
        print(f"rss: {summary['rss']}")
    write_result(
        "ingest",
        {
            "method": (
                f"speed: median of {args.runs} rounds over a fixed subset of {args.subset} "
                "doc2dial articles (evenly spread), pipelines taking turns, after a warm-up; "
                "ratios are medians of per-round ratios. Quality: one full-corpus ingest per "
                "pipeline (273 articles), dense recall@5 over the doc2dial tickets."
            ),
            "pipelines": results,
            "summary": summary,
            "tickets": len(tickets),
            "subset_articles": args.subset,
            "runs": args.runs,
            "loadavg_start": loadavg_start,
            "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        },
    )


if __name__ == "__main__":
    main()
