"""Inline SVG charts for the self-contained HTML report (no scripts, no network)."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

BLUE = "#2563eb"
ORANGE = "#ea580c"
GREY = "#9ca3af"
FONT = 'font-family="system-ui,sans-serif"'


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    label = html.escape(title)
    return (
        f'<svg role="img" aria-label="{label}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" {FONT}>'
        f"<title>{label}</title>{''.join(body)}</svg>"
    )


def rate_bars(rows: Mapping[str, Mapping[str, Any]], *, title: str, max_rows: int = 30) -> str:
    """Horizontal bars of rates with Wilson-interval whiskers; row labels show n."""
    items = list(rows.items())
    if len(items) > max_rows:  # the largest groups; the rest are in report.json
        items = sorted(items, key=lambda kv: -int(kv[1]["n"]))[:max_rows]
    width, left, plot, bar_h, gap = 700, 250, 380, 16, 6
    height = 34 + len(items) * (bar_h + gap) + 18
    body = [f'<text x="0" y="16" font-size="14" font-weight="600">{html.escape(title)}</text>']
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = left + plot * tick
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="26" y2="{height - 16}" stroke="#e5e7eb"/>'
            f'<text x="{x:.1f}" y="{height - 4}" font-size="10" text-anchor="middle">'
            f"{int(tick * 100)}%</text>"
        )
    for i, (key, row) in enumerate(items):
        y = 30 + i * (bar_h + gap)
        rate, low, high = float(row["rate"]), float(row["ci_low"]), float(row["ci_high"])
        body.append(
            f'<text x="{left - 6}" y="{y + 12}" font-size="11" text-anchor="end">'
            f"{html.escape(str(key)[:32])} (n={int(row['n'])})</text>"
            f'<rect x="{left}" y="{y}" width="{plot * rate:.1f}" height="{bar_h}" fill="{BLUE}"/>'
            f'<line x1="{left + plot * low:.1f}" x2="{left + plot * high:.1f}" y1="{y + 8}" '
            f'y2="{y + 8}" stroke="#111" stroke-width="1.5"/>'
            f'<text x="{left + plot + 8}" y="{y + 12}" font-size="11">{rate * 100:.0f}%</text>'
        )
    return _svg(width, height, title, body)


def _axes(body: list[str], *, left: int, top: int, size: int, x_label: str, y_label: str) -> None:
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = left + size * tick
        y = top + size - size * tick
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + size}" stroke="#e5e7eb"/>'
            f'<line x1="{left}" x2="{left + size}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e7eb"/>'
            f'<text x="{x:.1f}" y="{top + size + 14}" font-size="10" text-anchor="middle">'
            f"{tick:g}</text>"
            f'<text x="{left - 6}" y="{y + 3:.1f}" font-size="10" text-anchor="end">{tick:g}</text>'
        )
    body.append(
        f'<text x="{left + size / 2}" y="{top + size + 30}" font-size="11" '
        f'text-anchor="middle">{html.escape(x_label)}</text>'
        f'<text x="12" y="{top + size / 2}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 12 {top + size / 2})">{html.escape(y_label)}</text>'
    )


def _polyline(
    points: Sequence[tuple[float, float]], *, left: int, top: int, size: int, color: str
) -> str:
    coords = " ".join(f"{left + size * x:.1f},{top + size - size * y:.1f}" for x, y in points)
    return f'<polyline points="{coords}" fill="none" stroke="{color}" stroke-width="2"/>'


def sweep_chart(
    sweep: Sequence[Mapping[str, Any]], *, threshold: float, chosen: float | None
) -> str:
    """Coverage and precision against the threshold, with the current and recommended ones."""
    left, top, size = 50, 30, 300
    body = ['<text x="0" y="16" font-size="14" font-weight="600">Threshold sweep</text>']
    _axes(body, left=left, top=top, size=size, x_label="threshold", y_label="share")
    coverage = [(float(p["threshold"]), float(p["coverage"])) for p in sweep]
    precision = [
        (float(p["threshold"]), float(p["precision"])) for p in sweep if p["precision"] is not None
    ]
    body.append(_polyline(coverage, left=left, top=top, size=size, color=BLUE))
    if precision:
        body.append(_polyline(precision, left=left, top=top, size=size, color=ORANGE))
    for value, color, name in ((threshold, "#111", "current"), (chosen, "#16a34a", "target")):
        if value is not None:
            x = left + size * value
            body.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + size}" stroke="{color}" '
                f'stroke-dasharray="4 3"/><text x="{x + 3:.1f}" y="{top + 10}" font-size="10" '
                f'fill="{color}">{name}</text>'
            )
    body.append(_legend(left + size + 16, top + 10, [("coverage", BLUE), ("precision", ORANGE)]))
    return _svg(left + size + 110, top + size + 40, "Threshold sweep", body)


def calibration_chart(
    rows: Sequence[Mapping[str, Any]], *, agreement: Sequence[Mapping[str, Any]] = ()
) -> str:
    """Reliability diagram: observed outcome rate per confidence bin against the diagonal."""
    left, top, size = 50, 30, 300
    body = ['<text x="0" y="16" font-size="14" font-weight="600">Calibration</text>']
    _axes(body, left=left, top=top, size=size, x_label="confidence", y_label="observed rate")
    body.append(_polyline([(0, 0), (1, 1)], left=left, top=top, size=size, color=GREY))
    agreed = [(float(r["mean_confidence"]), float(r["agreement_rate"])) for r in agreement]
    if agreed:
        body.append(_polyline(agreed, left=left, top=top, size=size, color=ORANGE))
    points = [(float(r["mean_confidence"]), float(r["agreement_rate"])) for r in rows]
    if points:
        body.append(_polyline(points, left=left, top=top, size=size, color=BLUE))
    for row, (x, y) in zip(rows, points, strict=True):
        radius = 3 + min(6, int(row["n"]) ** 0.5 / 2)
        body.append(
            f'<circle cx="{left + size * x:.1f}" cy="{top + size - size * y:.1f}" r="{radius:.1f}" '
            f'fill="{BLUE}" fill-opacity="0.6"><title>n={int(row["n"])}</title></circle>'
        )
    legend = [("knowledge answers", BLUE), ("draft agreed", ORANGE), ("perfect", GREY)]
    body.append(_legend(left + size + 16, top + 10, legend))
    return _svg(left + size + 150, top + size + 40, "Calibration", body)


def gap_chart(gaps: Sequence[Mapping[str, Any]]) -> str:
    """Tickets per gap, largest first."""
    rows = {
        f"{g['id']} {g['label']}": {"n": g["size"], "rate": 0, "ci_low": 0, "ci_high": 0}
        for g in gaps
    }
    if not rows:
        return ""
    most = max(int(r["n"]) for r in rows.values())
    width, left, plot, bar_h, gap = 640, 260, 320, 16, 6
    height = 30 + len(rows) * (bar_h + gap)
    body = ['<text x="0" y="16" font-size="14" font-weight="600">Tickets per gap</text>']
    for i, (key, row) in enumerate(rows.items()):
        y = 26 + i * (bar_h + gap)
        w = plot * int(row["n"]) / most
        body.append(
            f'<text x="{left - 6}" y="{y + 12}" font-size="11" text-anchor="end">'
            f"{html.escape(key[:40])}</text>"
            f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{ORANGE}"/>'
            f'<text x="{left + w + 6:.1f}" y="{y + 12}" font-size="11">{int(row["n"])}</text>'
        )
    return _svg(width, height, "Tickets per gap", body)


def ranking_strip(outcomes: str, *, deflected: int, max_columns: int = 300) -> str:
    """The drafts that could deflect, most confident first, as columns: a draft that agreed
    with the human reply is blue, one that did not is orange (``outcomes``: "1"/"0" per
    rank); the first ``deflected`` are the ones the threshold sends. Past ``max_columns``
    drafts a column is a run of ranks, as tall as its share of disagreements."""
    n = len(outcomes)
    if n == 0:
        return ""
    columns = min(n, max_columns)
    left, top, plot_w, plot_h = 10, 40, 600, 60
    step = plot_w / columns
    title = "Drafts ranked by confidence: where the disagreements are"
    body = [f'<text x="0" y="16" font-size="14" font-weight="600">{html.escape(title)}</text>']
    cut = left + plot_w * min(deflected, n) / n
    if deflected:
        body.append(
            f'<rect x="{left}" y="{top - 4}" width="{cut - left:.1f}" height="{plot_h + 8}" '
            'fill="#dcfce7"/>'
        )
    width = max(step - 0.3, 0.5)
    for c in range(columns):
        first, last = c * n // columns, (c + 1) * n // columns
        disagreed = outcomes[first:last].count("0")
        wrong = disagreed / (last - first)
        x = left + c * step
        body.append(
            f'<rect x="{x:.1f}" y="{top}" width="{width:.1f}" '
            f'height="{plot_h * (1 - wrong):.1f}" fill="{BLUE}"/>'
        )
        if disagreed:
            body.append(
                f'<rect x="{x:.1f}" y="{top + plot_h * (1 - wrong):.1f}" width="{width:.1f}" '
                f'height="{plot_h * wrong:.1f}" fill="{ORANGE}"><title>ranks {first + 1}-'
                f"{last}: {disagreed} disagreed</title></rect>"
            )
    axis = top + plot_h + 16
    body.append(
        f'<text x="{left}" y="{axis}" font-size="10">rank 1 (most confident)</text>'
        f'<text x="{left + plot_w}" y="{axis}" font-size="10" text-anchor="end">rank {n}</text>'
    )
    if deflected:
        body.append(
            f'<line x1="{cut:.1f}" x2="{cut:.1f}" y1="{top - 6}" y2="{top + plot_h + 6}" '
            f'stroke="#16a34a" stroke-width="2"/><text x="{cut + 3:.1f}" y="{top - 8}" '
            f'font-size="10" fill="#16a34a">threshold: {deflected} deflected</text>'
        )
    else:
        body.append(
            f'<text x="{left}" y="{top - 8}" font-size="10" fill="#6b7280">'
            "no threshold could be shown to meet the target: none deflected</text>"
        )
    legend = [("agreed with the human reply", BLUE), ("disagreed", ORANGE)]
    body.append(_legend(left + plot_w + 16, top + 10, legend))
    return _svg(left + plot_w + 200, axis + 8, title, body)


def _legend(x: int, y: int, items: Sequence[tuple[str, str]]) -> str:
    parts = []
    for i, (name, color) in enumerate(items):
        yy = y + i * 16
        parts.append(
            f'<rect x="{x}" y="{yy - 8}" width="12" height="4" fill="{color}"/>'
            f'<text x="{x + 16}" y="{yy - 3}" font-size="11">{html.escape(name)}</text>'
        )
    return "".join(parts)
