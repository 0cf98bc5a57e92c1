"""Ingest speed against the plain LangChain pipeline, int8 quality, and peak memory at scale.

Measured in one run on ../shared/data/doc2dial_val/articles.jsonl (273 articles):

- ``langchain``: RecursiveCharacterTextSplitter(1000, 150) + HuggingFaceEmbeddings on the same
  local model + Chroma.from_documents (what a LangChain tutorial does);
- ``ours-torch``: ``run_ingest`` with the sentence-transformers embedder (structure-aware
  chunks, PII pass, language detection, Chroma *and* the BM25 index, manifest);
- ``ours-int8``: the same with the ``onnx-int8`` embedder.

Model loading is timed apart from ingestion for every pipeline. Retrieval quality is dense
article-level recall@5 over the 661 doc2dial tickets (chunks ranked by cosine, first
occurrence of each article counts). ``--rss-chunks N`` ingests N synthetic one-chunk
documents (fake 384-d embedder, real Chroma + BM25 + manifest) in a fresh process and
reports its peak RSS.

Run: .venv/bin/python -m bench.bench_ingest [--runs 1] [--rss-chunks 100000] [--rss-only]
Needs: pip install -e ".[bench]" (langchain-text-splitters, langchain-huggingface,
langchain-chroma).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import RESULTS, peak_rss_mb, write_result

ROOT = Path(__file__).resolve().parents[1]
DOC2DIAL = ROOT.parent / "shared" / "data" / "doc2dial_val"
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

QueryFn = Callable[[str], list[str]]  # query -> article ids, best first


def load_tickets() -> list[tuple[str, str]]:
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


def recall_at_5(search: QueryFn, tickets: list[tuple[str, str]]) -> float:
    hits = sum(gold in search(query)[:5] for query, gold in tickets)
    return hits / len(tickets)


def first_occurrences(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def run_langchain(workdir: Path) -> tuple[dict[str, float], QueryFn]:
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
    started = time.perf_counter()
    docs = []
    for line in (DOC2DIAL / "articles.jsonl").read_text(encoding="utf-8").splitlines():
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
    ingest_s = time.perf_counter() - started

    def search(query: str) -> list[str]:
        found = store.similarity_search(query, k=50)
        return first_occurrences([d.metadata["doc_id"] for d in found])

    return {"load_s": load_s, "ingest_s": ingest_s, "chunks": len(chunks)}, search


def run_ours(kind: str, workdir: Path) -> tuple[dict[str, float], QueryFn]:
    from copilot.backends.embedder import build_embedder
    from copilot.backends.lexical_index import SQLiteBM25Index
    from copilot.backends.vector_index import build_vector_index
    from copilot.settings import EmbedderSettings, IndexSettings, IngestSettings
    from ingest.job import IngestOptions, IngestTarget, run_ingest
    from ingest.manifest import Manifest

    started = time.perf_counter()
    embedder = build_embedder(EmbedderSettings(kind=kind))
    load_s = time.perf_counter() - started
    data = workdir / kind
    index = build_vector_index(
        IndexSettings(), data, model_id=embedder.model_id, dimension=embedder.dimension
    )
    target = IngestTarget(
        embedder, index, SQLiteBM25Index(data / "lexical.sqlite"), Manifest.open(data)
    )
    cfg = IngestSettings()
    options = IngestOptions(
        chunk_tokens=cfg.chunk_tokens, overlap_tokens=cfg.overlap_tokens, batch_size=cfg.batch_size
    )
    started = time.perf_counter()
    report = run_ingest(DOC2DIAL / "articles.jsonl", target=target, kind="article", options=options)
    ingest_s = time.perf_counter() - started
    if report.failed or report.added != 273:
        raise RuntimeError(f"unexpected ingest report: {report.as_json()}")

    def search(query: str) -> list[str]:
        found = index.query(embedder.embed_query(query), k=50)
        return first_occurrences([s.chunk.doc_id for s in found])

    return {"load_s": load_s, "ingest_s": ingest_s, "chunks": report.chunks}, search


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
    from ingest.job import IngestOptions, IngestTarget, run_ingest
    from ingest.manifest import Manifest

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="ingest runs per pipeline (median)")
    parser.add_argument("--rss-chunks", type=int, default=100_000, help="0 skips the RSS run")
    parser.add_argument("--rss-only", action="store_true", help="only the RSS run, merged into")
    parser.add_argument("--rss-child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child:
        rss_child(args.rss_child)
        return
    if args.rss_only:
        add_rss_to_results(args.rss_chunks)
        return
    if not (DOC2DIAL / "articles.jsonl").exists():
        sys.exit(f"{DOC2DIAL} is missing: the benchmark needs the doc2dial subset.")
    tickets = load_tickets()
    pipelines: dict[str, Callable[[Path], tuple[dict[str, float], QueryFn]]] = {
        "langchain": run_langchain,
        "ours-torch": lambda w: run_ours("sentence-transformers", w),
        "ours-int8": lambda w: run_ours("onnx-int8", w),
    }
    results: dict[str, Any] = {}
    for name, run in pipelines.items():
        times = []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                stats, search = run(Path(tmp))
                times.append(stats["ingest_s"])
                if len(times) == args.runs:
                    stats["recall@5"] = recall_at_5(search, tickets)
        stats["ingest_s"] = sorted(times)[len(times) // 2]
        stats["ingest_runs_s"] = [round(t, 2) for t in times]
        results[name] = {k: round(v, 4) if isinstance(v, float) else v for k, v in stats.items()}
        print(f"{name}: {results[name]}", flush=True)
    base = results["langchain"]
    summary = {
        "ratio_int8_vs_langchain": round(results["ours-int8"]["ingest_s"] / base["ingest_s"], 3),
        "ratio_torch_vs_langchain": round(results["ours-torch"]["ingest_s"] / base["ingest_s"], 3),
        "int8_speedup_vs_torch": round(
            results["ours-torch"]["ingest_s"] / results["ours-int8"]["ingest_s"], 2
        ),
        "int8_recall5_change_points": round(
            100 * (results["ours-int8"]["recall@5"] - results["ours-torch"]["recall@5"]), 2
        ),
        "goal_half_of_langchain_met": results["ours-int8"]["ingest_s"] <= 0.5 * base["ingest_s"],
        "goal_recall_not_worse_met": results["ours-int8"]["recall@5"] >= base["recall@5"],
    }
    print(json.dumps(summary, indent=2))
    if args.rss_chunks:
        summary["rss"] = measure_rss(args.rss_chunks)
        print(f"rss: {summary['rss']}")
    load = [round(x, 2) for x in os.getloadavg()]  # the machines are shared: say how busy
    write_result(
        "ingest",
        {"pipelines": results, "summary": summary, "tickets": len(tickets), "loadavg_end": load},
    )


if __name__ == "__main__":
    main()
