"""Commands: replay and eval (they mount library code from ``eval`` and ``ingest``).

The replay is composed in ``eval.compose``: these commands parse, run the job and render.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from copilot.cli.render import echo_json, eta_progress, headline_lines, progress_bar, stage_summary
from copilot.retrieval import MODES, Mode
from copilot.settings import Settings
from ingest.connectors import TICKET_FORMATS

if TYPE_CHECKING:
    from eval.replay_job import ReplayJob, ReplayOutcome


def run_with_progress(job: ReplayJob, *, show_progress: bool) -> ReplayOutcome:
    """Run ``job`` with progress and an ETA on stderr, then the seconds per stage."""
    with eta_progress("replay", show_progress) as update:
        outcome = job.run(progress=update)
    if show_progress:
        click.echo(stage_summary(outcome.timings), err=True)
    return outcome


@click.command()
@click.argument("tickets_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for report.json, report.html, gaps/ and the rest (a re-run continues there).",
)
@click.option("--threshold", type=click.FloatRange(0, 1), help="Deflect at this confidence.")
@click.option(
    "--target-error",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    help="Pick the threshold that keeps wrong answers among deflected tickets at most this "
    "share (default replay.target_error).",
)
@click.option("--limit", type=click.IntRange(1), help="Replay only the first N tickets.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", *TICKET_FORMATS]),
    default="auto",
    show_default=True,
    help="Format of TICKETS_PATH, as for `copilot ingest` (docs/formats.md).",
)
@click.option(
    "--with-articles",
    type=click.Path(exists=True, path_type=Path),
    help="What-if: replay again with these articles added (e.g. OUT/gaps) and report the uplift.",
)
@click.option("--workers", type=click.IntRange(1, 64), help="Worker processes (Chroma server).")
@click.option("--fresh", is_flag=True, help="Ignore the checkpoint in --out and start over.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary on stdout.")
@click.pass_obj
def replay(
    settings: Settings,
    tickets_path: Path,
    out: Path,
    threshold: float | None,
    target_error: float | None,
    limit: int | None,
    fmt: str,
    with_articles: Path | None,
    workers: int | None,
    fresh: bool,
    as_json: bool,
) -> None:
    """Replay historical tickets in time order against the knowledge that existed then.

    TICKETS_PATH is a ticket export in any format `copilot ingest` reads: the common JSONL or
    CSV, a Zendesk export (tickets with comments) or a Freshdesk export (tickets with
    conversations); internal notes and private conversations are left out. Fields of every
    format: docs/formats.md. Progress with an ETA goes to stderr; a re-run into the same
    --out continues from its checkpoint.
    """
    from eval.compose import ReplayRequest, build_replay_job

    request = ReplayRequest(
        tickets_path,
        out,
        threshold=threshold,
        target_error=target_error,
        limit=limit,
        ticket_format=fmt,
        with_articles=with_articles,
        workers=workers,
        fresh=fresh,
    )
    outcome = run_with_progress(build_replay_job(settings, request), show_progress=True)
    data = outcome.summary()
    if as_json:
        echo_json(data)
        return
    for line in headline_lines(data):
        click.echo(line)
    click.echo(f"Report: {out / 'report.html'}")
    if "uplift" in data:
        click.echo(f"What-if with the added articles: {100 * data['uplift']:+.1f} points.")


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
    from eval.compose import build_retrieval_eval_job

    settings = cast(Settings, ctx.obj)
    modes = list(MODES) if mode == "all" else [cast(Mode, mode)]
    explicit = ctx.find_root().params.get("data_dir") is not None
    with tempfile.TemporaryDirectory(prefix="copilot-eval-") as tmp:
        run_settings = settings if explicit else settings.model_copy(update={"data_dir": Path(tmp)})
        job = build_retrieval_eval_job(run_settings, dataset_dir, modes=modes)
        data = job.run(progress=progress_bar)
    if as_json:
        echo_json(data)
    else:
        click.echo(json.dumps(data, indent=2))
