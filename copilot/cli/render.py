"""Rendering helpers shared by the commands: JSON on stdout, progress on stderr."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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


def render_draft(draft: Draft) -> str:
    """A draft for people: text, then the decision and the sources."""
    verdict = "ESCALATE" if draft.escalate else "ready to send after review"
    lines = [draft.text, "", f"-- confidence {draft.confidence:.2f} ({verdict})"]
    if draft.reasons:
        lines.append(f"-- reasons: {', '.join(draft.reasons)}")
    for i, c in enumerate(draft.citations, start=1):
        lines.append(f"[{i}] {c.title} ({c.doc_id}){' ' + c.url if c.url else ''}")
    if draft.internal_notes:
        lines.append("-- internal notes (for the agent, not sent):")
        lines += [f"   * {note}" for note in draft.internal_notes]
    return "\n".join(lines)
