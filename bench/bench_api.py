"""Latency of POST /api/v1/drafts (extractive drafter) over a 100k-chunk index, on loopback.

The index: N synthetic support chunks (bench/synthetic.py) in embedded Chroma and in BM25. Their
vectors are embeddings of a 2,000-text pool plus small noise, so 100k chunks build in minutes;
each embedder gets its own index, cached under --work-dir. The server is `copilot serve` with one
worker, the extractive drafter, the records database and INFO logs to a file. Three embedders
are measured: the real all-MiniLM-L6-v2 with torch (`sentence-transformers`) and quantized
(`onnx-int8`), which embed the query and the drafter's candidate sentences, and the hashing
`fake` embedder (the cost of everything but the model). The load comes from `wrk` (apt-get
install wrk) with a Lua script walking through 4,000 distinct tickets (no measured ticket
repeats, so no query vector comes from a cache), or, without wrk, a closed-loop Python
generator. Before measuring, the server drafts --warmup other tickets, as a server that has been
up a while has: the heading lines (embedded at ingest) and the
answer sentences it has embedded before come from the data dir's embedding cache. The index
also holds the drafter's passage vectors, as `copilot ingest` stores them (pooled from token
states for the 2,000 really embedded chunks, the section's chunk vector for the noisy copies);
with --baseline each embedder is first served with them hidden (every candidate passage
embedded per request, as before ingest stored them).

    .venv/bin/python -m bench.bench_api                 # 100k chunks, 20 s per level
    .venv/bin/python -m bench.bench_api --chunks 20000 --duration 10 --embedders fake

Writes bench/results/api.json. Goal on 2 cores: p50 <= 50 ms and p95 <= 150 ms (concurrency 1).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from bench.common import hide_passage_vectors, percentiles, write_result
from bench.synthetic import PLACES, TOPICS, VERBS, synthetic_chunks, vectors_for
from copilot.backends.embedder import TokenStateEmbedder
from copilot.backends.lexical_index import PassageVector, PassageVectorStore
from copilot.backends.vector_cache import CACHE_FILE
from copilot.domain import Chunk, heading_line
from copilot.passage_vectors import pooled_passage_vectors
from copilot.passages import passage_key, section_units, sections_of
from ingest.chunking import embedding_text
from ingest.job import PASSAGE_VECTORS_VERSION

GOAL = {"p50_ms": 50.0, "p95_ms": 150.0}
BATCH = 5000
TICKETS = 4000  # more than a level sends, so no measured ticket repeats
SNAPSHOT = "embeddings.after-ingest.sqlite"  # the cache as ingest leaves it (see restore)

WRK_SCRIPT = """
local bodies = %(bodies)s
local i = 0
request = function()
  i = i %% #bodies + 1
  return wrk.format("POST", "/api/v1/drafts", {["Content-Type"] = "application/json"}, bodies[i])
end
done = function(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests": %%d, "duration_us": %%d, "status_errors": %%d, "connect_errors": %%d, ' ..
    '"timeouts": %%d, "p50_us": %%d, "p95_us": %%d, "p99_us": %%d, "max_us": %%d}\\n',
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect,
    summary.errors.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max))
end
"""


def tickets(n: int = 50, *, seed: int = 7, start: int = 0) -> list[dict[str, str]]:
    """Ticket bodies in the synthetic corpus' vocabulary, each one different."""
    rng = random.Random(seed)
    out = []
    for i in range(start, start + n):
        topic, verb, place = rng.choice(TOPICS), rng.choice(VERBS), rng.choice(PLACES)
        out.append(
            {
                "subject": f"Question about {topic}",
                "body": f"Hello, how do I {verb} the {topic}? I looked in {place} but could "
                f"not find it. Ticket {i}.",
                "customer_name": "Alex Example",
            }
        )
    return out


def build_index(work: Path, chunks: int, embedder: str) -> dict[str, Any]:
    """Create (or reuse) the data dir with ``chunks`` synthetic chunks for ``embedder``."""
    from copilot.services import Components
    from copilot.settings import load_settings

    marker = work / "bench-index.json"
    if marker.exists() and json.loads(marker.read_text()).get("chunks") == chunks:
        print(f"reusing the index in {work}", file=sys.stderr)
        info = json.loads(marker.read_text())
        if info.get("passage_vectors") != PASSAGE_VECTORS_VERSION:
            copilot = Components(load_settings(data_dir=work, embedder={"kind": embedder}))
            rows = list(synthetic_chunks(chunks))
            info["passage_vectors"] = PASSAGE_VECTORS_VERSION
            info["passages"] = store_passage_vectors(
                copilot, rows, vectors_for(rows, copilot.embedder)
            )
            marker.write_text(json.dumps(info))
        if not (work / SNAPSHOT).exists():  # built before ingest cached heading lines
            for stale in work.glob(f"{CACHE_FILE}*"):
                stale.unlink()
            copilot = Components(load_settings(data_dir=work, embedder={"kind": embedder}))
            embed_heading_lines(copilot, synthetic_chunks(chunks))
            snapshot_ingest_cache(copilot, work)
        return dict(json.loads(marker.read_text()))
    shutil.rmtree(work, ignore_errors=True)
    copilot = Components(load_settings(data_dir=work, embedder={"kind": embedder}))
    started = time.perf_counter()
    rows = list(synthetic_chunks(chunks))
    vectors = vectors_for(rows, copilot.embedder)
    for start in range(0, len(rows), BATCH):
        copilot.vector_index.upsert(rows[start : start + BATCH], vectors[start : start + BATCH])
        copilot.lexical_index.upsert(rows[start : start + BATCH])
        print(f"indexed {min(start + BATCH, len(rows))}/{len(rows)}", file=sys.stderr)
    embed_heading_lines(copilot, rows)
    snapshot_ingest_cache(copilot, work)
    passages = store_passage_vectors(copilot, rows, vectors)
    info = {
        "passage_vectors": PASSAGE_VECTORS_VERSION,
        "passages": passages,
        "chunks": copilot.vector_index.count(),
        "build_s": round(time.perf_counter() - started, 1),
        "vectors": f"{copilot.embedder.model_id} embeddings of 2,000 synthetic texts, "
        "plus small noise for the rest",
        "vector_index": "chroma (embedded, HNSW cosine)",
        "lexical_index": "bm25 (SQLite)",
    }
    marker.write_text(json.dumps(info))
    return info


def store_passage_vectors(
    copilot: Any, rows: list[Chunk], vectors: np.ndarray, *, pool: int = 2000
) -> dict[str, int]:
    """What `copilot ingest` stores besides the chunks: the drafter's passage vectors.

    The documents among the ``pool`` chunks that were really embedded get vectors pooled from
    their token states, as ingest makes them; the passages of the other documents (whose chunk
    vectors are noisy copies too) get their section's chunk vector. Nothing is stored for an
    embedder without token access, as ingest would not either.
    """
    embedder = copilot.embedder
    store = copilot.lexical_index
    if not (isinstance(embedder, TokenStateEmbedder) and isinstance(store, PassageVectorStore)):
        return {"pooled": 0, "copied": 0}
    max_sentences = copilot.settings.drafting.max_sentences
    row_of = {c.id: n for n, c in enumerate(rows)}
    docs: dict[str, list[Chunk]] = {}
    for chunk in rows:
        docs.setdefault(chunk.doc_id, []).append(chunk)
    pooled: list[PassageVector] = []
    copied: list[PassageVector] = []
    for chunks in docs.values():
        if all(row_of[c.id] < pool for c in chunks):
            _, states = embedder.embed_with_token_states([embedding_text(c) for c in chunks])
            pooled += pooled_passage_vectors(chunks, states, max_sentences=max_sentences)
            continue
        for section in sections_of(chunks):
            vector = vectors[row_of[section.hit.chunk.id]]
            for unit in section_units(section, max_sentences=max_sentences):
                copied.append(PassageVector(unit.chunk.id, passage_key(unit), vector))
    model = copilot.embedder.model_id
    for start in range(0, len(pooled) + len(copied), BATCH):
        store.put_passage_vectors((pooled + copied)[start : start + BATCH], model_id=model)
    print(f"stored {len(pooled)} pooled and {len(copied)} copied passage vectors", file=sys.stderr)
    return {"pooled": len(pooled), "copied": len(copied)}


def snapshot_ingest_cache(copilot: Any, work: Path) -> None:
    """Keep a copy of the embedding cache as ingest leaves it (closed first: WAL merged)."""
    copilot.cached_embedder.store.close()
    shutil.copyfile(work / CACHE_FILE, work / SNAPSHOT)


def restore_ingest_cache(work: Path) -> None:
    """Reset the embedding cache to what ingest leaves (heading lines only).

    Without this, the answer sentences embedded for the same measured tickets in an earlier
    run would be cached, and every run after the first would look faster than a new question.
    """
    for stale in work.glob(f"{CACHE_FILE}*"):
        stale.unlink()
    shutil.copyfile(work / SNAPSHOT, work / CACHE_FILE)


def embed_heading_lines(copilot: Any, chunks: Iterable[Chunk]) -> None:
    """What `copilot ingest` does besides indexing: embed each "title - heading" line once."""
    lines = list(dict.fromkeys(heading_line(c) for c in chunks))
    for start in range(0, len(lines), BATCH):
        copilot.cached_embedder.embed_documents(lines[start : start + BATCH])
    print(f"embedded {len(lines)} heading lines", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(work: Path, port: int, *, embedder: str, threads: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPILOT_")}
    env.update(
        COPILOT_API__RATE_LIMIT_PER_MINUTE="100000000",
        COPILOT_EMBEDDER__KIND=embedder,
        COPILOT_EMBEDDER__THREADS=str(threads),  # onnxruntime's threads, as torch's below
        ANONYMIZED_TELEMETRY="False",
        OMP_NUM_THREADS=str(threads),
        MKL_NUM_THREADS=str(threads),
    )
    exe = Path(sys.executable).parent / "copilot"
    log = (work / "serve.log").open("wb")
    cmd = [str(exe), "--data-dir", str(work), "serve", "--port", str(port)]
    return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)


def wait_ready(url: str, proc: subprocess.Popen[bytes], *, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("copilot serve exited; see serve.log in the work dir")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"copilot serve did not answer within {timeout} s")


def server_peak_rss_mb(pid: int) -> float | None:
    """The server's peak resident memory (VmHWM), None where /proc does not tell."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def warm_up(url: str, bodies: list[dict[str, str]], n: int = 30) -> None:
    with httpx.Client(base_url=url, timeout=120) as client:
        for body in (bodies * 2)[:n]:
            resp = client.post("/api/v1/drafts", json=body)
            resp.raise_for_status()


def run_wrk(
    url: str, bodies: list[dict[str, str]], *, concurrency: int, duration: int
) -> dict[str, Any]:
    lua = WRK_SCRIPT % {"bodies": "{" + ", ".join(_lua_string(json.dumps(b)) for b in bodies) + "}"}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(lua)
    try:
        cmd = ["wrk", "-t1", f"-c{concurrency}", f"-d{duration}s", "--timeout", "30s", "-s"]
        out = subprocess.run([*cmd, fh.name, url], capture_output=True, text=True, check=True)
    finally:
        os.unlink(fh.name)
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("RESULT "))
    raw = json.loads(line.removeprefix("RESULT "))
    seconds = raw["duration_us"] / 1e6
    errors = raw["status_errors"] + raw["connect_errors"] + raw["timeouts"]
    return {
        "concurrency": concurrency,
        "requests": raw["requests"],
        "errors": errors,
        "rps": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "max_ms": round(raw["max_us"] / 1000, 1),
    }


def _lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


def run_python(
    url: str, bodies: list[dict[str, str]], *, concurrency: int, duration: int
) -> dict[str, Any]:
    """Closed loop: ``concurrency`` threads, each sending the next ticket when one returns."""
    samples: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def worker(offset: int) -> None:
        nonlocal errors
        with httpx.Client(base_url=url, timeout=30) as client:
            i = offset
            while time.monotonic() < stop_at:
                started = time.perf_counter()
                ok = client.post("/api/v1/drafts", json=bodies[i % len(bodies)]).status_code
                elapsed = time.perf_counter() - started
                with lock:
                    samples.append(elapsed)
                    errors += ok != 200
                i += concurrency

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stats = percentiles(samples)
    return {
        "concurrency": concurrency,
        "requests": len(samples),
        "errors": errors,
        "rps": round(len(samples) / duration, 1),
        "p50_ms": round(stats["p50_ms"], 1),
        "p95_ms": round(stats["p95_ms"], 1),
        "p99_ms": round(stats["p99_ms"], 1),
        "max_ms": round(1000 * max(samples), 1),
    }


def bench_embedder(
    args: argparse.Namespace, embedder: str, tool: str, *, passages: bool = True
) -> dict[str, Any]:
    """Build or reuse the index for ``embedder``, serve it, and load it at each level
    (``passages=False``: with the passage vectors hidden, as before ingest stored them)."""
    work = args.work_dir / embedder
    index = build_index(work, args.chunks, embedder)
    hide_passage_vectors(work, hidden=not passages)
    # Every measured ticket is new to the server (no cached query vector); the warm-up uses
    # other tickets, as a server that has been up a while has seen other questions.
    warm = tickets(args.warmup, seed=3, start=100_000)
    bodies = tickets(TICKETS, seed=7)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    restore_ingest_cache(work)
    proc = start_server(work, port, embedder=embedder, threads=args.torch_threads)
    try:
        wait_ready(url, proc)
        warm_up(url, warm, n=len(warm))
        load = run_wrk if tool == "wrk" else run_python
        levels = []
        for n, c in enumerate(args.concurrency):
            part = bodies[n * TICKETS // len(args.concurrency) :]
            levels.append(load(url, part, concurrency=c, duration=args.duration))
        peak_rss_mb = server_peak_rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        hide_passage_vectors(work, hidden=False)
    first = levels[0]
    for level in levels:
        print(
            f"{embedder} c={level['concurrency']}: p50 {level['p50_ms']} ms, p95 "
            f"{level['p95_ms']} ms, p99 {level['p99_ms']} ms, {level['rps']} req/s, "
            f"{level['errors']} errors"
        )
    return {
        "embedder": embedder if passages else f"{embedder} without passage vectors",
        "index": index,
        "levels": levels,
        "server_peak_rss_mb": peak_rss_mb,
        "goal_met": first["p50_ms"] <= GOAL["p50_ms"] and first["p95_ms"] <= GOAL["p95_ms"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=20, help="Seconds per concurrency level.")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4])
    parser.add_argument(
        "--embedders",
        nargs="+",
        default=["sentence-transformers", "onnx-int8", "fake"],
        help="Embedder kinds to serve with (each gets its own index).",
    )
    parser.add_argument(
        "--torch-threads", type=int, default=1, help="OMP_NUM_THREADS of the server."
    )
    parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="Also serve each index with its passage vectors hidden (every candidate passage "
        "embedded per request, as before ingest pooled them), before the measured run.",
    )
    parser.add_argument(
        "--warmup", type=int, default=200, help="Tickets sent before measuring (not measured)."
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "copilot-bench-api",
        help="Where the indexes are built and cached (one folder per embedder).",
    )
    args = parser.parse_args()
    tool = args.tool if args.tool != "auto" else ("wrk" if shutil.which("wrk") else "python")
    runs = []
    for embedder in args.embedders:
        if args.baseline:  # the same index with the passage vectors hidden, measured first
            runs.append(bench_embedder(args, embedder, tool, passages=False))
        runs.append(bench_embedder(args, embedder, tool))
    table = [
        "| embedder | chunks | concurrency | p50 ms | p95 ms | p99 ms | req/s | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        for level in run["levels"]:
            table.append(
                f"| {run['embedder']} | {run['index']['chunks']:,} | {level['concurrency']} | "
                f"{level['p50_ms']} | {level['p95_ms']} | {level['p99_ms']} | {level['rps']} | "
                f"{level['errors']} |"
            )
    load = os.getloadavg()
    write_result(
        "api",
        {
            "endpoint": "POST /api/v1/drafts",
            "server": "copilot serve, 1 uvicorn worker, extractive drafter, records in SQLite, "
            "INFO logs to a file",
            "torch_threads": args.torch_threads,
            "tool": tool
            if tool == "python"
            else f"wrk -t1 (Lua script, {TICKETS} distinct tickets)",
            "warmup_tickets": args.warmup,
            "duration_s_per_level": args.duration,
            "load_average_after": [round(x, 2) for x in load],
            "goal": {**GOAL, "judged_at_concurrency": args.concurrency[0]},
            "runs": runs,
            "table": table,
        },
    )


if __name__ == "__main__":
    main()
