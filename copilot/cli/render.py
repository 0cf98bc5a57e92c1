"""Rendering helpers shared by the commands: JSON on stdout, progress on stderr."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TextIO

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from copilot.confidence import UNCALIBRATED_WORDS, reason_words
from copilot.domain import Draft


def echo_json(data: object) -> None:
    """One JSON object on stdout and nothing else."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@contextmanager
def progress_bar(
    label: str, total: int | None = None
) -> Iterator[Callable[[int, int | None], None]]:
    """A progress bar on stderr; yields ``update(done, total)``."""
    console = Console(stderr=True)
    columns = [TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task(label, total=total)

        def update(done: int, new_total: int | None) -> None:
            bar.update(task, completed=done, total=new_total if new_total is not None else total)

        yield update


class ProgressLines:
    """Progress as plain lines with an ETA, for a stderr that is not a terminal (``make``, CI,
    logs), where a live bar would print nothing until it ends: a line every ``every_s``
    seconds or ``step`` of the total, and one at the end."""

    def __init__(
        self,
        label: str,
        *,
        stream: TextIO | None = None,
        every_s: float = 15.0,
        step: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.every_s = every_s
        self.step = step
        self.clock = clock
        self._started = clock()
        self._first: int | None = None
        self._last_time = self._started
        self._last_share = -1.0

    def __call__(self, done: int, total: int | None) -> None:
        now = self.clock()
        if self._first is None:
            self._first, self._started = done, now  # resumed work does not count for the ETA
        share = done / total if total else 0.0
        finished = bool(total) and done >= (total or 0)
        if (
            not finished
            and now - self._last_time < self.every_s
            and (share - self._last_share < self.step)
        ):
            return
        self._last_time, self._last_share = now, share
        self.stream.write(self.line(done, total, now) + "\n")
        self.stream.flush()

    def line(self, done: int, total: int | None, now: float) -> str:
        """``replay: 120/300 (40%), 2m10s elapsed, ETA 3m15s``."""
        elapsed = now - self._started
        if not total:
            return f"{self.label}: {done} done, {duration(elapsed)} elapsed"
        text = (
            f"{self.label}: {done}/{total} ({100 * done / total:.0f}%), {duration(elapsed)} elapsed"
        )
        made = done - (self._first or 0)
        if done >= total:
            return text + ", done"
        if made > 0 and elapsed > 0:
            return text + f", ETA {duration(elapsed / made * (total - done))}"
        return text + ", ETA unknown"


def duration(seconds: float) -> str:
    """``42s``, ``3m05s``, ``1h02m``."""
    s = round(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


def stage_summary(timings: Mapping[str, float]) -> str:
    """``stages: read 0.1s, observe 6m12s, ...; total 6m40s`` from ``{"observe_s": ...}``."""
    stages = [f"{k.removesuffix('_s')} {_short(v)}" for k, v in timings.items() if k != "total_s"]
    total = timings.get("total_s")
    return "stages: " + ", ".join(stages) + (f"; total {_short(total)}" if total else "")


def _short(seconds: float) -> str:
    return f"{seconds:.1f}s" if seconds < 60 else duration(seconds)


def render_draft(draft: Draft) -> str:
    """A draft for people: text, then the decision and the sources."""
    verdict = "ESCALATE" if draft.escalate else "ready to send after review"
    lines = [draft.text, "", f"-- confidence {draft.confidence:.2f} ({verdict})"]
    if not draft.calibrated:
        lines.append(f"-- {UNCALIBRATED_WORDS}")
    if draft.reasons:
        lines.append("-- reasons:")
        lines += [f"   * {r}: {reason_words(r)}" for r in draft.reasons]
    for i, c in enumerate(draft.citations, start=1):
        lines.append(f"[{i}] {c.title} ({c.doc_id}){' ' + c.url if c.url else ''}")
    if draft.internal_notes:
        lines.append("-- internal notes (for the agent, not sent):")
        lines += [f"   * {note}" for note in draft.internal_notes]
    return "\n".join(lines)


@contextmanager
def eta_progress(label: str, show: bool) -> Iterator[Callable[[int, int], None] | None]:
    """Progress with an ETA on stderr: a live bar on a terminal, plain lines otherwise (nothing
    when ``show`` is off)."""
    if not show:
        yield None
        return
    console = Console(stderr=True)
    if not console.is_terminal:
        lines = ProgressLines(label)
        yield lambda done, total: lines(done, total)
        return
    columns = [
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=console) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def headline_lines(data: dict[str, Any]) -> list[str]:
    """The replay's summary in words: the answered-correctly headline first."""
    lines = []
    right = data.get("answered_correctly") or {}
    if right.get("rate") is not None:
        target = right.get("target_error")
        at = f" at a target error of {100 * target:.0f}%" if target else ""
        lines.append(
            f"{data['tickets']} tickets: {_pct(right['rate'])} estimated answered correctly{at} "
            f"(95% CI {_pct(right['ci_low'])}–{_pct(right['ci_high'])})."
        )
    known = data.get("knowledge_coverage") or {}
    if known.get("rate") is not None:
        lines.append(
            f"The knowledge answers {_pct(known['rate'])} of the tickets "
            f"(95% CI {_pct(known['ci_low'])}–{_pct(known['ci_high'])})."
        )
    lines.append(
        f"Would deflect: {_pct(data['deflection_rate'])} at threshold {data['threshold']} "
        f"(95% CI {_pct(data['ci_low'])}–{_pct(data['ci_high'])})."
    )
    reasons = sorted(
        ((n, r) for r, n in (data.get("failure_reasons") or {}).items() if n),
        key=lambda p: (-p[0], p[1]),
    )
    if reasons:
        lines.append(
            f"Not deflected: {sum(n for n, _ in reasons)} tickets: "
            + ", ".join(f"{n} {r}" for n, r in reasons)
            + " (the report says what each means)."
        )
    lines += _longer_history_lines(data.get("risk_control") or {})
    if data.get("calibration_saved"):
        lines.append(
            f"Fitted confidence model saved to {data['calibration_saved']}, NOT applied to "
            "drafts: review it with `copilot calibration show`, then `copilot calibration "
            "apply`."
        )
    return lines


def _longer_history_lines(risk: dict[str, Any]) -> list[str]:
    """What replaying more tickets would certify at today's error rates (``eval.risk``)."""
    if not risk:
        return []
    projection = risk.get("projection") or []
    missed = "" if risk.get("found") else "Nothing could be shown to meet the target error. "
    if not projection:
        return (
            [f"{missed}More tickets at today's error rates would not change that."]
            if missed
            else []
        )
    steps = ", ".join(f"{p['history']}x {_pct(p['deflect_share'])}" for p in projection)
    return [
        f"{missed}With more tickets replayed (an estimate at today's error rates), the share "
        f"that would deflect: {steps}."
    ]


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"
