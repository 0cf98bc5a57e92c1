"""Scale run: N synthetic chunks (default 1M) into a `chroma run` server.

Measures insert rate, the server's resident memory and query latency as the collection grows.
Vectors are MiniLM embeddings of a pool of synthetic texts plus small noise (see synthetic.py).
Not part of `make bench` (it takes tens of minutes); run it on its own:

    .venv/bin/python -m bench.bench_scale --chunks 1000000

At every checkpoint it records the insert rate (overall and since the last checkpoint), the
server's resident memory (VmRSS now, VmHWM peak), the data folder's size on disk, the query
latency of 200 top-8 queries (after a warm-up) and the load average, and rewrites
bench/results/scale.json, so an interrupted run still leaves its measured points. The server's
data lives in a temporary folder under --tmp (default /tmp) and is removed at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

from bench.common import percentiles, write_result
from bench.synthetic import synthetic_chunks, vectors_for
from copilot.backends.embedder import SentenceTransformerEmbedder
from copilot.backends.vector_index import build_vector_index
from copilot.settings import IndexSettings


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_mb(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return fields


def _disk_mb(path: Path) -> int:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20)


def _save(points: list[dict[str, object]], *, target: int, status: str, disk_mb: int) -> None:
    write_result(
        "scale",
        {
            "description": "synthetic chunks (MiniLM vectors of 2,000 texts plus noise) into a "
            "`chroma run` server on this machine, one client, batches of upserts",
            "target_chunks": target,
            "status": status,
            "disk_mb": disk_mb,
            "points": points,
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument(
        "--checkpoints", type=int, nargs="*", default=[10_000, 100_000, 300_000, 600_000]
    )
    parser.add_argument("--tmp", default="/tmp", help="where the server's data folder goes")
    args = parser.parse_args()
    embedder = SentenceTransformerEmbedder()
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = _port()
    started_run = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-scale-", dir=args.tmp) as tmp:
        proc = subprocess.Popen(
            [exe, "run", "--path", f"{tmp}/db", "--host", "127.0.0.1", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            for _ in range(200):
                try:
                    if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.3)
            index = build_vector_index(
                IndexSettings(kind="chroma-http", url=url, collection="scale"),
                Path(tmp),
                model_id=embedder.model_id,
                dimension=embedder.dimension,
            )
            queries = embedder.embed_documents(
                [
                    f"how do I change my {w}?"
                    for w in (
                        "password",
                        "invoice",
                        "VAT ID",
                        "bank",
                        "plan",
                        "role",
                        "token",
                        "export",
                    )
                ]
                * 25
            )
            points: list[dict[str, object]] = []
            inserted, insert_s = 0, 0.0
            last_n, last_s = 0, 0.0
            stream = synthetic_chunks(args.chunks)
            pool = None
            marks = sorted({*args.checkpoints, args.chunks})
            while inserted < args.chunks:
                batch = [next(stream) for _ in range(min(args.batch, args.chunks - inserted))]
                if pool is None:
                    pool = vectors_for(batch, embedder, pool=2000)
                    vecs = pool
                else:
                    rng = np.random.default_rng(inserted)
                    vecs = pool[rng.integers(0, len(pool), len(batch))]
                    vecs = vecs + rng.normal(0, 0.02, vecs.shape).astype(np.float32)
                    vecs = (vecs / np.linalg.norm(vecs, axis=1, keepdims=True)).astype(np.float32)
                start = time.perf_counter()
                index.upsert(batch, vecs)
                insert_s += time.perf_counter() - start
                inserted += len(batch)
                if inserted in marks:
                    for q in queries[:10]:
                        index.query(q, k=8)  # warm-up
                    samples = []
                    for q in queries:
                        t0 = time.perf_counter()
                        index.query(q, k=8)
                        samples.append(time.perf_counter() - t0)
                    disk = _disk_mb(Path(tmp, "db"))
                    point = {
                        "chunks": inserted,
                        "insert_rate_per_s": round(inserted / insert_s),
                        "insert_rate_since_last_per_s": round(
                            (inserted - last_n) / (insert_s - last_s)
                        ),
                        "server_memory_mb": _rss_mb(proc.pid),
                        "disk_mb": disk,
                        "query": percentiles(samples),
                        "elapsed_s": round(time.perf_counter() - started_run),
                        "loadavg": [round(x, 2) for x in os.getloadavg()],
                    }
                    last_n, last_s = inserted, insert_s
                    print(point, flush=True)
                    points.append(point)
                    done = inserted >= args.chunks
                    _save(
                        points,
                        target=args.chunks,
                        status="complete" if done else "partial",
                        disk_mb=disk,
                    )
        finally:
            proc.terminate()
            proc.wait(timeout=60)


if __name__ == "__main__":
    main()
