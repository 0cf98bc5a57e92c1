"""Replay reports: JSON for tools, Markdown for reviews, a self-contained HTML page for people.

``report.json`` holds the headline numbers (deflection rate with its Wilson interval, verified
deflection), breakdowns by topic, tag, language and month, failure reasons, the threshold
sweep, calibration, gaps, stale articles and, when the tickets are labelled, the ground-truth
check. ``report.html`` shows the same with inline SVG charts and loads nothing from a network.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from eval import charts
from eval.articles import NOTES_MARKER
from eval.attribution import FAILURE_REASONS, FAILURE_WORDS
from eval.gaps import Gap
from eval.metrics import Rate
from eval.output_safety import safe_markdown, with_csp
from eval.scoring import ScoredReplay, Verdict

Keys = Callable[[Verdict], Iterable[str]]


def summary(
    scored: ScoredReplay,
    *,
    undated: int,
    skipped: int,
    gaps: Sequence[Gap],
    stale: Sequence[dict[str, Any]] = (),
    truth: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything ``report.json`` holds."""
    verdicts = scored.verdicts
    overall = Rate(scored.deflected, len(verdicts)).as_json()
    judged = [v for v in verdicts if v.obs.agreed is not None]
    verified = Rate(sum(_verified(v) for v in judged), len(judged))
    reasons = Counter(v.failure_reason for v in verdicts if v.failure_reason)
    recommended = scored.recommended
    return {
        "answered_correctly": scored.answered_correctly(),
        "knowledge_coverage": scored.knowledge_coverage(),
        "tickets": len(verdicts),
        "deflected": scored.deflected,
        "deflected_outcomes": scored.deflected_outcomes(),
        "deflection_rate": overall["rate"],
        "ci_low": overall["ci_low"],
        "ci_high": overall["ci_high"],
        "threshold": round(scored.threshold, 4),
        "threshold_mode": scored.threshold_mode,
        "risk_control": scored.risk.as_json() if scored.risk else None,
        "expected_deflection_rate": round(_expected(verdicts), 4),
        "verified_deflection_rate": verified.as_json()["rate"] if judged else None,
        "verified_deflection": verified.as_json() if judged else None,
        "tickets_with_resolution": len(judged),
        "undated_tickets": undated,
        "skipped_tickets": skipped,
        "failure_reasons": {r: reasons.get(r, 0) for r in FAILURE_REASONS},
        "by_topic": breakdown(verdicts, lambda v: v.obs.tags[:1] or ["(none)"]),
        "by_tag": breakdown(verdicts, lambda v: v.obs.tags or ["(none)"]),
        "by_language": breakdown(verdicts, lambda v: [v.obs.lang]),
        "by_month": breakdown(verdicts, lambda v: [(v.obs.created_at or "undated")[:7]]),
        "sweep": [p.as_json() for p in scored.sweep],
        "target_precision": scored.target_precision,
        "recommended_threshold": recommended.as_json() if recommended else None,
        "calibration": scored.calibration_json(),
        "gaps": [g.as_json() for g in gaps],
        "stale_articles": list(stale),
        "internal_answers": internal_answers(verdicts),
        "confident_errors": confident_errors(verdicts),
        "truth": truth,
    }


CONFIDENT_ERRORS = 10


def confident_errors(
    verdicts: Sequence[Verdict], *, limit: int = CONFIDENT_ERRORS
) -> dict[str, Any]:
    """The most confident drafts that disagreed with the human reply, among the drafts that
    could deflect (no blocking reason code, a resolution to judge them by).

    The risk-controlled threshold is tested from the most confident draft down, so a wrong
    draft near the top holds back every draft below it: these are the ones to fix first
    (the knowledge they quoted, or the drafter). ``ranked``: how many drafts were ranked;
    ``outcomes``: "1" (agreed) or "0" per rank; ``deflected``: how many of them deflect;
    per draft its ``rank`` (1 = most confident), ``id``, ``confidence``, ``subject``,
    ``cited_doc_ids``, ``cause`` (its failure reason) and whether it ``deflected``.
    """
    ranked = sorted(
        (v for v in verdicts if not v.blocked and v.correct is not None),
        key=lambda v: (-v.confidence, v.id),
    )
    wrong = [(n, v) for n, v in enumerate(ranked, 1) if v.correct is False][:limit]
    return {
        "ranked": len(ranked),
        # Per rank, "1" when the draft agreed with the human reply, "0" when not.
        "outcomes": "".join("1" if v.correct else "0" for v in ranked),
        "deflected": sum(v.would_deflect for v in ranked),
        "drafts": [
            {
                "rank": n,
                "id": v.id,
                "confidence": round(v.confidence, 4),
                "subject": v.obs.subject,
                "cited_doc_ids": list(v.obs.cited_doc_ids),
                "cause": v.cause,
                "deflected": v.would_deflect,
            }
            for n, v in wrong
        ],
    }


def internal_answers(verdicts: Sequence[Verdict]) -> list[dict[str, Any]]:
    """The internal wiki pages that alone answered tickets (``internal_only``): drafts never
    send them to customers, so each is a help-center article waiting to be written. Most
    tickets first; per page its id, title, ticket count and ticket ids."""
    pages: dict[str, dict[str, Any]] = {}
    for v in verdicts:
        if v.failure_reason != "internal_only":
            continue
        obs = v.obs
        kinds = zip(obs.retrieved_doc_ids, obs.retrieved_kinds, obs.retrieved_titles, strict=True)
        found = next(((d, t) for d, k, t in kinds if k == "wiki"), None)
        if found is None:
            continue
        doc_id, title = found
        page = pages.setdefault(doc_id, {"doc_id": doc_id, "title": title, "ticket_ids": []})
        page["ticket_ids"].append(obs.id)
    rows = [p | {"tickets": len(p["ticket_ids"])} for p in pages.values()]
    return sorted(rows, key=lambda p: (-p["tickets"], p["doc_id"]))


_MODES = {
    "fixed": "fixed threshold",
    "target": "chosen to keep wrong answers among deflected tickets within the target error",
    "expected": "chosen to deflect as many tickets as the calibrated confidences expect",
}
TARGETS = {
    "support": "the visible knowledge supports the human resolution",
    "agreement": "the draft agrees with the human resolution",
}


def _expected(verdicts: Sequence[Verdict]) -> float:
    """Mean calibrated confidence: the expected share of tickets deflected."""
    return sum(0.0 if v.blocked else v.confidence for v in verdicts) / max(1, len(verdicts))


def _verified(v: Verdict) -> bool:
    return v.would_deflect and v.correct is True


def breakdown(verdicts: Iterable[Verdict], keys: Keys) -> dict[str, dict[str, Any]]:
    """Deflection (and verified deflection where judged) with Wilson intervals per group."""
    groups: dict[str, list[Verdict]] = defaultdict(list)
    for v in verdicts:
        for key in keys(v):
            groups[key].append(v)
    out = {}
    for key in sorted(groups):
        members = groups[key]
        row: dict[str, Any] = dict(
            Rate(sum(v.would_deflect for v in members), len(members)).as_json()
        )
        judged = [v for v in members if v.obs.agreed is not None]
        row["verified_rate"] = (
            round(sum(_verified(v) for v in judged) / len(judged), 4) if judged else None
        )
        out[key] = row
    return out


def write_report(
    out: Path,
    *,
    data: dict[str, Any],
    verdicts: Sequence[Verdict],
    gaps: Sequence[Gap],
    manifest: dict[str, Any],
) -> None:
    """Write every report file into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    _write_json(out / "report.json", data)
    with (out / "tickets.jsonl").open("w", encoding="utf-8") as fh:
        for v in verdicts:
            fh.write(json.dumps(v.as_json(), ensure_ascii=False) + "\n")
    # Markdown is escaped where it is written (ticket text is customer input: no live HTML,
    # only http(s) links); the HTML page carries its own strict CSP.
    _write_json(
        out / "gaps.json",
        {"gaps": [g.as_json() | {"draft_article": _safe_article(g)} for g in gaps]},
    )
    gap_dir = out / "gaps"
    gap_dir.mkdir(exist_ok=True)
    for old in gap_dir.glob("*.md"):
        old.unlink()
    for g in gaps:
        (gap_dir / gap_filename(g)).write_text(_safe_article(g), encoding="utf-8")
    (out / "report.md").write_text(safe_markdown(render_markdown(data)), encoding="utf-8")
    (out / "report.html").write_text(with_csp(render_html(data)), encoding="utf-8")
    _write_json(out / "manifest.json", manifest)


def _safe_article(gap: Gap) -> str:
    return safe_markdown(gap.draft_article, keep=(NOTES_MARKER,))


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def gap_filename(gap: Gap) -> str:
    """``gap-01-dark-mode.md``: the gap id and a slug of its label."""
    slug = re.sub(r"[^a-z0-9]+", "-", gap.label.lower()).strip("-")[:40] or "gap"
    return f"{gap.id}-{slug}.md"


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _ci(row: dict[str, Any]) -> str:
    return f"{_pct(row['ci_low'])} – {_pct(row['ci_high'])}"


def render_markdown(data: dict[str, Any]) -> str:
    """The report for people who read diffs."""
    lines = ["# Replay report", "", *_headline_md(data), ""]
    lines += ["## Why tickets were not deflected", ""]
    lines += ["| reason | tickets | what it means |", "|---|---|---|"]
    lines += [f"| {k} | {n} | {_failure_words(k)} |" for k, n in data["failure_reasons"].items()]
    for title, key in (("topic", "by_topic"), ("language", "by_language"), ("month", "by_month")):
        lines += ["", f"## Deflection by {title}", ""]
        lines += [f"| {title} | tickets | rate | 95% CI | verified |", "|---|---|---|---|---|"]
        lines += [
            f"| {k} | {v['n']} | {_pct(v['rate'])} | {_ci(v)} | {_pct(v['verified_rate'])} |"
            for k, v in data[key].items()
        ]
    lines += ["", *_sweep_md(data), "", *_calibration_md(data), "", *_truth_md(data.get("truth"))]
    lines += ["", *_gaps_md(data["gaps"]), "", *_stale_md(data["stale_articles"])]
    lines += ["", *_internal_md(data.get("internal_answers") or [])]
    lines += ["", *_confident_errors_md(data.get("confident_errors"))]
    lines += ["", *_whatif_md(data.get("whatif"))]
    return "\n".join(lines).rstrip() + "\n"


def _headline_md(data: dict[str, Any]) -> list[str]:
    lines = [*_answered_md(data)]
    verified = data.get("verified_deflection")
    lines += [
        f"- Tickets replayed: {data['tickets']} ({data['undated_tickets']} without a timestamp, "
        f"which saw all knowledge; {data['skipped_tickets']} unreadable and skipped)",
        f"- Would deflect: {data['deflected']} = {_pct(data['deflection_rate'])} "
        f"(95% CI {_ci(data)}) at confidence threshold {data['threshold']} "
        f"({_MODES.get(data.get('threshold_mode', 'fixed'), '')})",
    ]
    outcomes = data.get("deflected_outcomes")
    if outcomes:
        lines.append(
            f"  - of these, agreed with the human resolution: {outcomes['agreed']}, did not: "
            f"{outcomes['disagreed']}, no resolution to check: {outcomes['unjudged']}"
        )
    if verified:
        lines.append(
            f"- Verified deflection (would deflect and agreed with the human resolution): "
            f"{_pct(verified['rate'])} (95% CI {_ci(verified)}) of "
            f"{verified['n']} tickets with a resolution"
        )
    risk = data.get("risk_control")
    if risk:
        lines += ["", f"**What the threshold guarantees.** {risk['guarantee']}"]
    return lines


def _answered_md(data: dict[str, Any]) -> list[str]:
    right = data.get("answered_correctly") or {}
    known = data.get("knowledge_coverage") or {}
    lines = []
    if right.get("rate") is not None:
        target = right.get("target_error")
        at = f" at a target error of {_pct(target)}" if target else ""
        lines.append(
            f"- **Answered correctly{at}: {_pct(right['rate'])}** of all tickets "
            f"(95% CI {_ci(right)}): deflected with a draft that agrees with the human reply"
        )
    if known.get("rate") is not None:
        lines.append(
            f"- Knowledge coverage: {_pct(known['rate'])} (95% CI {_ci(known)}) of the tickets "
            "ask something the visible knowledge answers"
        )
    return lines


def _sweep_md(data: dict[str, Any]) -> list[str]:
    rec = data.get("recommended_threshold")
    target = data["target_precision"]
    lines = ["## Threshold sweep", ""]
    if rec:
        lines.append(
            f"Target precision {_pct(target)} is reached at threshold **{rec['threshold']}**: "
            f"coverage {_pct(rec['coverage'])}, precision {_pct(rec['precision'])} "
            f"(95% CI {_pct(rec['precision_ci_low'])} – {_pct(rec['precision_ci_high'])})."
        )
    else:
        lines.append(f"No threshold reaches the target precision of {_pct(target)}.")
    lines += [
        "",
        "| threshold | coverage | precision | deflected | judged |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {p['threshold']:.2f} | {_pct(p['coverage'])} | {_pct(p['precision'])} | "
        f"{p['deflected']} | {p['judged']} |"
        for p in data["sweep"][::5]
    ]
    return lines


def _calibration_md(data: dict[str, Any]) -> list[str]:
    cal = data["calibration"]
    fitted = cal["fitted"]
    target = TARGETS.get(cal["target"], cal["target"])
    lines = ["## Calibration", ""]
    if fitted and fitted.get("kind") == "logistic":
        weights = ", ".join(
            f"{n} {w:+.2f}" for n, w in zip(fitted["features"], fitted["weights"], strict=True)
        )
        lines.append(
            f"Confidence is the probability that {target}: a logistic regression of that "
            f"outcome on the drafter's evidence features, fitted on {fitted['n']} tickets with "
            f"a resolution ({fitted['positives']} agreed). Each ticket's confidence comes from "
            "a model fitted on the other folds (5-fold cross-fitting), so no ticket's own "
            f"outcome sets it. Weights per unit of feature: {weights}; bias {fitted['bias']}."
        )
    elif fitted:
        lines.append(
            f"Confidence is calibrated to the probability that {target}: a Platt fit on "
            f"{fitted['n']} tickets with a resolution (a={fitted['a']}, b={fitted['b']}); each "
            "ticket's confidence comes from a fit on the other folds (5-fold cross-fitting)."
        )
    else:
        lines.append("Too few labelled tickets to fit a calibration: confidence is the raw score.")
    lines += [
        f"Expected calibration error {cal['ece']} (against agreement with the human reply: "
        f"{cal['ece_agreement']}), Brier score {cal['brier']}, ROC AUC for agreement "
        f"{cal.get('auc_agreement')}.",
        "",
        "Reliability table: per confidence bin, the predicted probability (mean confidence) "
        "against the observed rate.",
        "",
        "| confidence bin | tickets | mean confidence | outcome rate | agreed with human |",
        "|---|---|---|---|---|",
    ]
    agreement = {r["low"]: r for r in cal["reliability_agreement"]}
    lines += [
        f"| {r['low']:.1f}–{r['high']:.1f} | {r['n']} | {r['mean_confidence']:.2f} | "
        f"{_pct(r['agreement_rate'])} | "
        f"{_pct(agreement[r['low']]['agreement_rate']) if r['low'] in agreement else 'n/a'} |"
        for r in cal["reliability"]
    ]
    return lines


def _truth_md(truth: dict[str, Any] | None) -> list[str]:
    if not truth:
        return []
    return [
        "## Ground-truth check",
        "",
        f"- Answerable by the knowledge (in scope, gold article published before the ticket): "
        f"{_pct(truth['answerable']['rate'])}",
        f"- Predicted deflection: {_pct(truth['predicted_deflection']['rate'])} "
        f"(error {100 * truth['error']:+.1f} points)",
        f"- Deflected tickets that were answerable: {_pct(truth['deflected_answerable']['rate'])}",
        f"- Unanswerable tickets not deflected: "
        f"{_pct(truth['unanswerable_not_deflected']['rate'])}",
        f"- Not-deflected tickets that were unanswerable: "
        f"{_pct(truth['not_deflected_unanswerable']['rate'])}",
    ]


def _gaps_md(gaps: Sequence[dict[str, Any]]) -> list[str]:
    lines = ["## Knowledge gaps", ""]
    if not gaps:
        return [*lines, "No gaps: every ticket that failed had some supporting knowledge."]
    lines += [
        "| gap | question | tickets | languages | first / last seen | key terms | closest article |"
    ]
    lines += ["|---|---|---|---|---|---|---|"]
    lines += [
        f"| {g['id']} | {_cell(g['label'])} | {g['size']} | {_langs(g)} | "
        f"{(g['first_seen'] or 'n/a')[:10]} / {(g['last_seen'] or 'n/a')[:10]} | "
        f"{_cell(', '.join(g['key_terms']))} | {_cell(_closest(g))} |"
        for g in gaps
    ]
    lines += ["", "Article drafts for each gap are in `gaps/`."]
    return lines


def _langs(gap: dict[str, Any]) -> str:
    return ", ".join(f"{lang} {n}" for lang, n in (gap.get("langs") or {}).items())


def _closest(gap: dict[str, Any]) -> str:
    found = gap.get("closest_article")
    return f"{found['title']} ({found['doc_id']})" if found else "none"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "/")[:120]


def _stale_md(stale: Sequence[dict[str, Any]]) -> list[str]:
    if not stale:
        return []
    lines = ["## Possibly stale or contradicting articles", ""]
    lines += ["| article | recent tickets | disagreed | earlier disagreement | contradictions |"]
    lines += ["|---|---|---|---|---|"]
    lines += [
        f"| {_cell(s['title'])} ({s['doc_id']}) | {s['recent_tickets']} | "
        f"{_pct(s['recent_disagreement'])} | {_pct(s['earlier_disagreement'])} | "
        f"{s['contradictions']} |"
        for s in stale
    ]
    return lines


_INTERNAL_TITLE = "Answered only by the internal wiki (candidates for help-center articles)"


_ERRORS_TITLE = "The most confident wrong drafts (fix these first)"
_ERRORS_HEADER = ("rank", "ticket", "confidence", "cited", "why", "deflected", "subject")


def _errors_intro(errors: dict[str, Any]) -> str:
    return (
        f"Of the {errors['ranked']} drafts that could deflect, ranked by confidence, these "
        "disagreed with the human reply. The threshold is tested from the top down, so a wrong "
        "draft near the top holds back every draft below it."
    )


def _error_row(d: dict[str, Any]) -> tuple[Any, ...]:
    cited = ", ".join(d["cited_doc_ids"]) or "-"
    return (
        d["rank"],
        d["id"],
        f"{d['confidence']:.3f}",
        cited,
        d["cause"] or "-",
        "yes" if d["deflected"] else "no",
        _cell(d["subject"] or ""),
    )


def _confident_errors_md(errors: dict[str, Any] | None) -> list[str]:
    if not errors or not errors["drafts"]:
        return []
    lines = [f"## {_ERRORS_TITLE}", "", _errors_intro(errors), ""]
    lines += ["| " + " | ".join(_ERRORS_HEADER) + " |", "|---" * len(_ERRORS_HEADER) + "|"]
    return lines + [
        "| " + " | ".join(str(c) for c in _error_row(d)) + " |" for d in errors["drafts"]
    ]


def _internal_md(pages: Sequence[dict[str, Any]]) -> list[str]:
    if not pages:
        return []
    lines = [f"## {_INTERNAL_TITLE}", "", "| internal page | tickets |", "|---|---|"]
    return lines + [f"| {_cell(p['title'])} ({p['doc_id']}) | {p['tickets']} |" for p in pages]


def _whatif_md(whatif: dict[str, Any] | None) -> list[str]:
    if not whatif:
        return []
    lines = [
        "## What-if: with the added articles",
        "",
        f"Deflection {_pct(whatif['before']['rate'])} → {_pct(whatif['after']['rate'])} "
        f"({100 * whatif['uplift']:+.1f} points) with {whatif['articles']} added articles.",
        "",
        "| gap | tickets | before | after | uplift | verified after |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {g['gap_id']} {g['label']} | {g['tickets']} | {_pct(g['before']['rate'])} | "
        f"{_pct(g['after']['rate'])} | {100 * g['uplift']:+.1f} | "
        f"{_pct(g['verified_after']['rate'])} |"
        for g in whatif["gaps"]
    ]
    return lines


_CSS = """body{font-family:system-ui,sans-serif;max-width:1060px;margin:2em auto;color:#111;
padding:0 1em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #d1d5db;
padding:3px 8px;text-align:left;font-size:14px}.big{font-size:2.2em;font-weight:650;margin:0}
.muted{color:#4b5563}.grid{display:flex;flex-wrap:wrap;gap:24px}section{margin-top:1.6em}
details{margin:.4em 0}pre{white-space:pre-wrap;background:#f9fafb;padding:8px;font-size:13px}"""


def render_html(data: dict[str, Any]) -> str:
    """A self-contained page: headline, charts, tables, gaps with their drafts."""
    rec = data.get("recommended_threshold")
    sections = [
        _html_headline(data),
        "<section><h2>Threshold sweep and calibration</h2><div class='grid'>"
        + charts.sweep_chart(
            data["sweep"], threshold=data["threshold"], chosen=rec["threshold"] if rec else None
        )
        + charts.calibration_chart(
            data["calibration"]["reliability"],
            agreement=data["calibration"]["reliability_agreement"],
        )
        + "</div></section>",
        "<section><h2>Deflection by topic</h2>"
        + charts.rate_bars(data["by_topic"], title="Deflection rate by topic (95% CI)")
        + "</section>",
        "<section><h2>Deflection by month</h2>"
        + charts.rate_bars(data["by_month"], title="Deflection rate by month (95% CI)")
        + charts.rate_bars(data["by_language"], title="Deflection rate by language (95% CI)")
        + "</section>",
        _html_table(
            "Why tickets were not deflected",
            ["reason", "tickets", "what it means"],
            [(k, n, _failure_words(k)) for k, n in data["failure_reasons"].items()],
        ),
        _html_reliability(data["calibration"]),
        _html_truth(data.get("truth")),
        _html_gaps(data["gaps"]),
        _html_stale(data["stale_articles"]),
        _html_internal(data.get("internal_answers") or []),
        _html_confident_errors(data.get("confident_errors")),
        _html_whatif(data.get("whatif")),
    ]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Replay report</title><style>{_CSS}</style></head><body>"
        + "".join(s for s in sections if s)
        + "</body></html>\n"
    )


def _html_headline(data: dict[str, Any]) -> str:
    verified = data.get("verified_deflection")
    extra = (
        f"; verified deflection <b>{_pct(verified['rate'])}</b> ({_ci(verified)})"
        if verified
        else ""
    )
    right = data.get("answered_correctly") or {}
    known = data.get("knowledge_coverage") or {}
    lead = ""
    if right.get("rate") is not None:
        target = right.get("target_error")
        at = f" at a target error of {_pct(target)}" if target else ""
        lead = (
            f"<p class='big'>{_pct(right['rate'])} answered correctly</p>"
            f"<p class='muted'>estimated share of all tickets{at}, 95% interval {_ci(right)}"
        )
        if known.get("rate") is not None:
            lead += f" · the knowledge answers {_pct(known['rate'])} ({_ci(known)})"
        lead += "</p>"
    outcomes = data.get("deflected_outcomes") or {}
    risk = data.get("risk_control")
    return (
        "<h1>Replay report</h1>"
        + lead
        + f"<p>{data['deflected']} tickets ({_pct(data['deflection_rate'])}) would deflect; "
        f"of these {outcomes.get('agreed', 0)} agreed with the human reply, "
        f"{outcomes.get('disagreed', 0)} did not, {outcomes.get('unjudged', 0)} had none.</p>"
        f"<p class='muted'>95% interval {_ci(data)} · {data['tickets']} tickets · threshold "
        f"{data['threshold']} ({_MODES.get(data.get('threshold_mode', 'fixed'), '')}){extra} · "
        f"{data['undated_tickets']} tickets without a timestamp saw all knowledge</p>"
        + (
            f"<p><b>What the threshold guarantees.</b> {html.escape(risk['guarantee'])}</p>"
            if risk
            else ""
        )
    )


def _html_reliability(cal: dict[str, Any]) -> str:
    rows = [
        (
            f"{r['low']:.1f}–{r['high']:.1f}",
            r["n"],
            f"{r['mean_confidence']:.2f}",
            _pct(r["agreement_rate"]),
        )
        for r in cal["reliability"]
    ]
    return _html_table(
        f"Reliability (ROC AUC {cal.get('auc_agreement')}, ECE {cal['ece']})",
        ["confidence bin", "tickets", "predicted", "observed"],
        rows,
    )


def _failure_words(reason: str) -> str:
    """A failure reason in words (empty for one this version does not know)."""
    return FAILURE_WORDS.get(reason, "")


def _html_table(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<section><h2>{html.escape(title)}</h2><table><tr>{head}</tr>{body}</table></section>"


def _html_truth(truth: dict[str, Any] | None) -> str:
    if not truth:
        return ""
    rows = [
        ("answerable by the knowledge", _pct(truth["answerable"]["rate"])),
        ("predicted deflection", _pct(truth["predicted_deflection"]["rate"])),
        ("error (points)", f"{100 * truth['error']:+.1f}"),
        ("unanswerable not deflected", _pct(truth["unanswerable_not_deflected"]["rate"])),
        ("not deflected that were unanswerable", _pct(truth["not_deflected_unanswerable"]["rate"])),
    ]
    return _html_table("Ground-truth check", ["measure", "value"], rows)


def _html_gaps(gaps: Sequence[dict[str, Any]]) -> str:
    if not gaps:
        return "<section><h2>Knowledge gaps</h2><p>No gaps found.</p></section>"
    items = "".join(
        f"<details><summary><b>{html.escape(g['id'])}</b> {html.escape(g['label'])} — "
        f"{g['size']} tickets ({html.escape(_langs(g))}), "
        f"{html.escape((g['first_seen'] or 'n/a')[:10])} to "
        f"{html.escape((g['last_seen'] or 'n/a')[:10])}</summary>"
        f"<p>Key terms: {html.escape(', '.join(g['key_terms']))}. "
        f"Closest article: {html.escape(_closest(g))}.</p>"
        f"<p>Examples: {html.escape('; '.join(e['id'] for e in g['examples']))}</p>"
        f"<pre>{html.escape(g['draft_article'])}</pre></details>"
        for g in gaps
    )
    return f"<section><h2>Knowledge gaps</h2>{charts.gap_chart(gaps)}{items}</section>"


def _html_stale(stale: Sequence[dict[str, Any]]) -> str:
    if not stale:
        return ""
    rows = [
        (
            f"{s['title']} ({s['doc_id']})",
            s["recent_tickets"],
            _pct(s["recent_disagreement"]),
            _pct(s["earlier_disagreement"]),
        )
        for s in stale
    ]
    header = ["article", "recent tickets", "disagreed", "earlier"]
    return _html_table("Possibly stale or contradicting articles", header, rows)


def _html_internal(pages: Sequence[dict[str, Any]]) -> str:
    if not pages:
        return ""
    rows = [(f"{p['title']} ({p['doc_id']})", p["tickets"]) for p in pages]
    return _html_table(_INTERNAL_TITLE, ["internal page", "tickets"], rows)


def _html_confident_errors(errors: dict[str, Any] | None) -> str:
    if not errors or not errors["drafts"]:
        return ""
    table = _html_table(_ERRORS_TITLE, _ERRORS_HEADER, [_error_row(d) for d in errors["drafts"]])
    strip = charts.ranking_strip(errors.get("outcomes", ""), deflected=errors.get("deflected", 0))
    intro = f"<p>{html.escape(_errors_intro(errors))}</p>{strip}"
    return table.replace("</h2>", f"</h2>{intro}", 1)


def _html_whatif(whatif: dict[str, Any] | None) -> str:
    if not whatif:
        return ""
    rows = [
        (
            f"{g['gap_id']} {g['label']}",
            g["tickets"],
            _pct(g["before"]["rate"]),
            _pct(g["after"]["rate"]),
            f"{100 * g['uplift']:+.1f}",
        )
        for g in whatif["gaps"]
    ]
    header = ["gap", "tickets", "before", "after", "uplift (points)"]
    return _html_table(
        f"What-if with {whatif['articles']} added articles: deflection "
        f"{_pct(whatif['before']['rate'])} → {_pct(whatif['after']['rate'])}",
        header,
        rows,
    )
