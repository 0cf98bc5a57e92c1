"""Scale run: N synthetic chunks (default 1M) into a `chroma run` server.

Measures insert rate, the server's resident memory and query latency as the collection grows.
Vectors are MiniLM embeddings of a pool of synthetic texts plus small noise (see synthetic.py).
Not part of `make bench` (it takes tens of minutes); run it on its own:

    .venv/bin/python -m bench.bench_scale --chunks 1000000
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--checkpoints", type=int, nargs="*", default=[100_000, 300_000])
    args = parser.parse_args()
    embedder = SentenceTransformerEmbedder()
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = _port()
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
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
            points = []
            inserted, insert_s = 0, 0.0
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
                    samples = []
                    for q in queries:
                        t0 = time.perf_counter()
                        index.query(q, k=8)
                        samples.append(time.perf_counter() - t0)
                    point = {
                        "chunks": inserted,
                        "insert_rate_per_s": round(inserted / insert_s),
                        "server_memory_mb": _rss_mb(proc.pid),
                        "query": percentiles(samples),
                    }
                    print(point, flush=True)
                    points.append(point)
            disk = sum(f.stat().st_size for f in Path(tmp, "db").rglob("*") if f.is_file())
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    write_result(
        "scale",
        {
            "description": "synthetic chunks into a chroma run server, one client",
            "disk_mb": round(disk / 2**20),
            "points": points,
        },
    )


if __name__ == "__main__":
    main()
