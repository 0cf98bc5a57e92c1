"""Commands: replay and eval (they mount library code from ``eval`` and ``ingest``)."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any, cast

import click

from copilot import __version__
from copilot.cli.render import echo_json, progress_bar
from copilot.errors import InputError
from copilot.retrieval import MODES, Mode
from copilot.services import Copilot
from copilot.settings import Settings


def replay_to(
    copilot: Copilot, tickets_path: Path, out: Path, *, threshold: float | None, limit: int | None
) -> dict[str, Any]:
    """Replay a tickets file into the report folder ``out``; returns the ``--json`` summary."""
    from eval.gaps import find_gaps
    from eval.replay import load_tickets, run_replay
    from eval.reports import file_hash, write_report

    copilot.require_index()
    tickets, skipped = load_tickets(tickets_path)
    if limit is not None:
        tickets = tickets[:limit]
    if not tickets:
        raise InputError(f"{tickets_path} holds no readable tickets.")
    chosen = copilot.settings.replay.threshold if threshold is None else threshold
    with progress_bar("replay", total=len(tickets)) as update:
        result = run_replay(tickets, drafter=copilot.drafter, threshold=chosen, progress=update)
    result.skipped = skipped
    gaps = find_gaps(result.verdicts, embedder=copilot.embedder)
    manifest = {
        "dataset": str(tickets_path),
        "dataset_sha256": file_hash(tickets_path),
        "tickets": len(tickets),
        "skipped": [e.as_json() for e in skipped],
        "embedder": copilot.embedder.model_id,
        "drafter": copilot.settings.llm.kind,
        "threshold": chosen,
        "code_version": _code_version(),
        "settings": copilot.settings.redacted(),
        "seconds": round(result.seconds, 2),
    }
    data = write_report(out, result=result, gaps=gaps, manifest=manifest)
    return {
        "out": str(out),
        "tickets": data["tickets"],
        "deflection_rate": data["deflection_rate"],
        "ci_low": data["ci_low"],
        "ci_high": data["ci_high"],
        "threshold": chosen,
    }


def _code_version() -> str:
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent,
        ).stdout.strip()
        return f"{__version__}+{rev}"
    except (OSError, subprocess.CalledProcessError):
        return __version__


@click.command()
@click.argument("tickets_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for report.json, report.html, gaps/ and the rest.",
)
@click.option("--threshold", type=click.FloatRange(0, 1), help="Deflect at this confidence.")
@click.option("--limit", type=click.IntRange(1), help="Replay only the first N tickets.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary on stdout.")
@click.pass_obj
def replay(
    settings: Settings,
    tickets_path: Path,
    out: Path,
    threshold: float | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """Replay historical tickets in time order against the knowledge that existed then."""
    data = replay_to(Copilot(settings), tickets_path, out, threshold=threshold, limit=limit)
    if as_json:
        echo_json(data)
    else:
        click.echo(
            f"{data['tickets']} tickets: {100 * data['deflection_rate']:.1f}% would deflect "
            f"(95% CI {100 * data['ci_low']:.1f}–{100 * data['ci_high']:.1f}%). "
            f"Report: {out / 'report.html'}"
        )


@click.group(name="eval")
def eval_group() -> None:
    """Measure retrieval quality on a labelled dataset."""


@eval_group.command(name="retrieval")
@click.argument("dataset_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--mode", type=click.Choice([*MODES, "all"]), default="all", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout.")
@click.pass_context
def eval_retrieval(ctx: click.Context, dataset_dir: Path, mode: str, as_json: bool) -> None:
    """Index DATASET_DIR/articles.jsonl and score retrieval for DATASET_DIR/tickets.jsonl."""
    from copilot.cli.commands import ingest_path
    from eval.retrieval_eval import evaluate_mode, gold_tickets, load_tickets

    settings = cast(Settings, ctx.obj)
    articles, tickets_file = dataset_dir / "articles.jsonl", dataset_dir / "tickets.jsonl"
    for needed in (articles, tickets_file):
        if not needed.exists():
            raise InputError(
                f"{needed} is missing: DATASET_DIR needs articles.jsonl and tickets.jsonl."
            )
    explicit = ctx.find_root().params.get("data_dir") is not None
    with tempfile.TemporaryDirectory(prefix="copilot-eval-") as tmp:
        run_settings = settings if explicit else settings.model_copy(update={"data_dir": Path(tmp)})
        copilot = Copilot(run_settings)
        ingest_path(copilot, articles, kind="article", fmt="jsonl", sync=False, show_progress=True)
        tickets, _ = load_tickets(tickets_file)
        labelled = gold_tickets(tickets)
        modes = list(MODES) if mode == "all" else [mode]
        results = {}
        for m in modes:
            with progress_bar(f"eval {m}", total=len(labelled)) as update:
                scores = evaluate_mode(
                    copilot.retriever, labelled, mode=cast(Mode, m), progress=update
                )
            results[m] = scores.as_json()
    data = {"n": len(labelled), "skipped": len(tickets) - len(labelled), "modes": results}
    if as_json:
        echo_json(data)
    else:
        click.echo(json.dumps(data, indent=2))
