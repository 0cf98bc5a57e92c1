"""Replay reports: JSON for tools, Markdown for reviews, self-contained HTML for people."""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eval.gaps import Gap
from eval.metrics import wilson_interval
from eval.replay import ReplayResult, Verdict


def summary(result: ReplayResult) -> dict[str, Any]:
    """Headline numbers and breakdowns of a replay (``report.json``)."""
    low, high = result.interval()
    verdicts = result.verdicts
    with_res = [v for v in verdicts if v.agreement is not None]
    verified = sum(1 for v in with_res if v.would_deflect and v.failure_reason is None)
    reasons: dict[str, int] = defaultdict(int)
    for v in verdicts:
        if v.failure_reason:
            reasons[v.failure_reason] += 1
    return {
        "tickets": len(verdicts),
        "deflected": result.deflected,
        "deflection_rate": round(result.deflection_rate, 4),
        "ci_low": round(low, 4),
        "ci_high": round(high, 4),
        "threshold": result.threshold,
        "verified_deflection_rate": round(verified / len(with_res), 4) if with_res else None,
        "undated_tickets": result.undated,
        "failure_reasons": dict(sorted(reasons.items())),
        "by_language": breakdown(verdicts, lambda v: [v.lang]),
        "by_topic": breakdown(verdicts, lambda v: v.tags[:1] or ["(none)"]),
        "by_month": breakdown(verdicts, lambda v: [(v.created_at or "undated")[:7]]),
        "seconds": round(result.seconds, 2),
    }


def breakdown(verdicts: Iterable[Verdict], keys: Any) -> dict[str, dict[str, float]]:
    """Deflection rate with its Wilson interval per group."""
    groups: dict[str, list[Verdict]] = defaultdict(list)
    for v in verdicts:
        for key in keys(v):
            groups[key].append(v)
    out = {}
    for key in sorted(groups):
        n = len(groups[key])
        hits = sum(v.would_deflect for v in groups[key])
        low, high = wilson_interval(hits, n)
        out[key] = {
            "n": n,
            "rate": round(hits / n, 4),
            "ci_low": round(low, 4),
            "ci_high": round(high, 4),
        }
    return out


def write_report(
    out: Path, *, result: ReplayResult, gaps: list[Gap], manifest: dict[str, Any]
) -> dict[str, Any]:
    """Write every report file into ``out`` and return the summary."""
    out.mkdir(parents=True, exist_ok=True)
    data = summary(result)
    data["gaps"] = [g.as_json() for g in gaps]
    (out / "report.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    with (out / "tickets.jsonl").open("w", encoding="utf-8") as fh:
        for v in result.verdicts:
            fh.write(json.dumps(v.as_json(), ensure_ascii=False) + "\n")
    gaps_doc = {"gaps": [g.as_json() for g in gaps]}
    (out / "gaps.json").write_text(json.dumps(gaps_doc, indent=2, ensure_ascii=False) + "\n")
    gap_dir = out / "gaps"
    gap_dir.mkdir(exist_ok=True)
    for old in gap_dir.glob("*.md"):
        old.unlink()
    for g in gaps:
        (gap_dir / f"{g.id}-{_slug(g.label)}.md").write_text(g.draft_article, encoding="utf-8")
    (out / "report.md").write_text(render_markdown(data, gaps), encoding="utf-8")
    (out / "report.html").write_text(render_html(data, gaps), encoding="utf-8")
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return data


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "gap"


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def render_markdown(data: dict[str, Any], gaps: list[Gap]) -> str:
    """The report for people who read diffs."""
    lines = [
        "# Replay report",
        "",
        f"- Tickets replayed: {data['tickets']} ({data['undated_tickets']} undated, saw all "
        "knowledge)",
        f"- Would deflect: {data['deflected']} = **{_pct(data['deflection_rate'])}** "
        f"(95% CI {_pct(data['ci_low'])} – {_pct(data['ci_high'])}) at threshold "
        f"{data['threshold']}",
        f"- Verified deflection (deflected and agreed with the human reply): "
        f"{_pct(data['verified_deflection_rate'])}",
        "",
        "## Why tickets were not deflected",
        "",
        "| reason | tickets |",
        "|---|---|",
        *[f"| {k} | {n} |" for k, n in data["failure_reasons"].items()],
        "",
        "## Deflection by language",
        "",
        "| language | tickets | rate | 95% CI |",
        "|---|---|---|---|",
        *[
            f"| {k} | {v['n']} | {_pct(v['rate'])} | {_pct(v['ci_low'])} – {_pct(v['ci_high'])} |"
            for k, v in data["by_language"].items()
        ],
        "",
        "## Knowledge gaps",
        "",
        "| gap | tickets | key terms | example |",
        "|---|---|---|---|",
        *[f"| {g.id} | {g.size} | {g.label} | {g.example_questions[0]} |" for g in gaps],
        "",
    ]
    return "\n".join(lines)


def _bars(rows: dict[str, dict[str, float]], title: str) -> str:
    """An inline SVG bar chart of rates with interval whiskers."""
    width, bar_h, gap = 560, 18, 6
    height = len(rows) * (bar_h + gap) + 30
    parts = [
        f'<svg role="img" aria-label="{html.escape(title)}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><text x="0" y="14" font-size="13">'
        f"{html.escape(title)}</text>"
    ]
    for i, (key, v) in enumerate(rows.items()):
        y = 24 + i * (bar_h + gap)
        w = 360 * v["rate"]
        lo, hi = 150 + 360 * v["ci_low"], 150 + 360 * v["ci_high"]
        parts.append(
            f'<text x="0" y="{y + 13}" font-size="12">{html.escape(key[:22])} ({int(v["n"])})'
            f'</text><rect x="150" y="{y}" width="{w:.1f}" height="{bar_h}" fill="#3b82f6"/>'
            f'<line x1="{lo:.1f}" x2="{hi:.1f}" y1="{y + 9}" y2="{y + 9}" stroke="#111" '
            f'stroke-width="2"/><text x="{515}" y="{y + 13}" font-size="12">'
            f"{100 * v['rate']:.0f}%</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def render_html(data: dict[str, Any], gaps: list[Gap]) -> str:
    """A self-contained page (no network): headline, charts, gaps."""
    gap_rows = "".join(
        f"<tr><td>{g.id}</td><td>{g.size}</td><td>{html.escape(g.label)}</td>"
        f"<td>{html.escape(g.example_questions[0])}</td></tr>"
        for g in gaps
    )
    reasons = "".join(
        f"<tr><td>{html.escape(k)}</td><td>{n}</td></tr>"
        for k, n in data["failure_reasons"].items()
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Replay report</title>
<style>body{{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;color:#111}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left}}
.big{{font-size:2em;font-weight:600}}</style></head><body>
<h1>Replay report</h1>
<p class="big">{_pct(data["deflection_rate"])} would deflect</p>
<p>95% interval {_pct(data["ci_low"])} – {_pct(data["ci_high"])}; {data["tickets"]} tickets;
threshold {data["threshold"]}; verified deflection {_pct(data["verified_deflection_rate"])}.</p>
<h2>Deflection by month</h2>{_bars(data["by_month"], "Deflection rate by month")}
<h2>Deflection by topic</h2>{_bars(data["by_topic"], "Deflection rate by topic")}
<h2>Why tickets were not deflected</h2><table><tr><th>reason</th><th>tickets</th></tr>{reasons}
</table>
<h2>Knowledge gaps</h2><table><tr><th>gap</th><th>tickets</th><th>key terms</th>
<th>example question</th></tr>{gap_rows}</table>
</body></html>
"""
