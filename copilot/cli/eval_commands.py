"""Commands: replay and eval (they mount library code from ``eval`` and ``ingest``)."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import click

from copilot.cli.render import ProgressLines, echo_json, progress_bar, stage_summary
from copilot.errors import InputError
from copilot.retrieval import MODES, Mode
from copilot.services import Copilot
from copilot.settings import Settings
from ingest.connectors import TICKET_FORMATS


def replay_to(
    copilot: Copilot,
    tickets_path: Path,
    out: Path,
    *,
    threshold: float | None,
    limit: int | None,
    with_articles: Path | None = None,
    workers: int | None = None,
    fresh: bool = False,
    show_progress: bool = True,
    target_error: float | None = None,
    fmt: str = "auto",
) -> dict[str, Any]:
    """Replay a tickets file into the report folder ``out``; returns the ``--json`` summary.

    A re-run into the same folder continues from its checkpoint (``fresh`` starts over). With
    ``with_articles`` the tickets are replayed again with those articles added, and the
    report gains the deflection uplift per gap. The confidence model the replay fits is saved
    as the data dir's *pending* calibration, never applied to the live drafter
    (``copilot calibration apply`` does that); the summary says where it went.
    """
    from copilot.calibration import PENDING_FILE
    from eval.pipeline import ReplayOptions, run_replay_job, run_whatif_job

    copilot.require_index()
    settings = copilot.settings
    cfg = settings.replay
    if threshold is None and cfg.threshold_mode == "fixed":
        threshold = cfg.threshold
    if target_error is None and cfg.threshold_mode == "target":
        target_error = cfg.target_error
    options = ReplayOptions(
        threshold=threshold,
        target_precision=cfg.target_precision,
        support_threshold=cfg.support_threshold,
        lexical_support_threshold=cfg.lexical_support_threshold,
        resolution_lag_s=cfg.resolution_lag_hours * 3600,
        knowledge_kinds=tuple(cfg.knowledge_kinds),
        calibration_target=cfg.calibration_target,
        limit=limit,
        ticket_format=fmt,
        workers=workers or cfg.workers,
        target_error=None if threshold is not None else target_error,
    )
    _check_workers(settings, options.workers)
    if fresh:
        shutil.rmtree(out / "checkpoint", ignore_errors=True)
        shutil.rmtree(out / "whatif", ignore_errors=True)
    parts = _replay_parts(copilot, tickets_path, options.workers)
    with _replay_progress("replay", show_progress) as update:
        if with_articles is None:
            outcome = run_replay_job(
                tickets_path, out, options=options, parts=parts, progress=update
            )
        else:
            whatif, count = _whatif_parts(copilot, with_articles, parts)
            outcome = run_whatif_job(
                tickets_path,
                out,
                options=options,
                parts=parts,
                whatif_parts=whatif,
                articles=count,
                progress=update,
            )
    data = outcome.data
    if show_progress:
        click.echo(stage_summary(outcome.timings), err=True)
    pending = None
    if outcome.scored.calibration is not None and limit is None:
        pending = settings.data_dir / PENDING_FILE
        outcome.scored.calibration.save(pending)
    _record_run(copilot, out, data)
    summary = {
        "out": str(out),
        "tickets": data["tickets"],
        "deflection_rate": data["deflection_rate"],
        "ci_low": data["ci_low"],
        "ci_high": data["ci_high"],
        "threshold": data["threshold"],
        "answered_correctly": data["answered_correctly"],
        "knowledge_coverage": data["knowledge_coverage"],
        "calibration_saved": str(pending) if pending else None,
    }
    if "whatif" in data:
        summary["uplift"] = data["whatif"]["uplift"]
    return summary


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
    if data.get("calibration_saved"):
        lines.append(
            f"Fitted confidence model saved to {data['calibration_saved']}, NOT applied to "
            "drafts: review it with `copilot calibration show`, then `copilot calibration "
            "apply`."
        )
    return lines


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def _check_workers(settings: Settings, workers: int) -> None:
    if workers > 1 and settings.index.kind != "chroma-http":
        raise InputError(
            f"--workers {workers} needs a Chroma server that every worker can reach: start "
            '`chroma run --path DIR --port 8001`, ingest with index.kind = "chroma-http", '
            "then replay with the same setting (or use --workers 1)."
        )


def _replay_parts(copilot: Copilot, tickets_path: Path, workers: int) -> Any:
    import functools

    from copilot.cli import replay_parts as rp
    from eval.pipeline import ReplayParts
    from eval.truth import published_times

    embedder = rp.replay_embedder(copilot)
    observer = rp.build_observer(copilot, embedder=embedder)
    articles = rp.build_article_drafter(copilot.settings, embedder)
    vector_index = copilot.vector_index
    factory = None
    if workers > 1:
        data = copilot.settings.model_dump(mode="python")
        factory = functools.partial(rp.observer_in_worker, data)
    return ReplayParts(
        embedder=embedder,
        articles=articles,
        knowledge=rp.build_knowledge_check(copilot, observer=observer),
        dense_langs=tuple(copilot.settings.retrieval.dense_langs),
        observer=None if factory else observer,
        observer_factory=factory,
        is_indexed=lambda doc_id: bool(vector_index.ids_for_doc(doc_id)),
        published=published_times(tickets_path.parent),
        describe=rp.describe(copilot, observer=observer, articles=articles),
    )


def _whatif_parts(copilot: Copilot, folder: Path, base: Any) -> tuple[Any, int]:
    """Replay parts whose indexes also hold the articles in ``folder`` (in memory)."""
    import dataclasses

    from copilot.cli import replay_parts as rp
    from eval.whatif import (
        OverlayLexicalIndex,
        OverlayVectorIndex,
        load_extra_articles,
        overlay_indexes,
    )

    docs = load_extra_articles(folder)
    cfg = copilot.settings.ingest
    vectors, lexical = overlay_indexes(
        docs, embedder=base.embedder, max_tokens=cfg.chunk_tokens, overlap=cfg.overlap_tokens
    )
    observer = rp.build_observer(copilot, embedder=base.embedder)
    retriever = observer.drafter.retriever
    retriever.vector_index = OverlayVectorIndex(retriever.vector_index, vectors)
    retriever.lexical_index = OverlayLexicalIndex(retriever.lexical_index, lexical)
    describe = dict(base.describe)
    describe["whatif"] = {"folder": str(folder), "articles": [d.id for d in docs]}
    whatif = dataclasses.replace(base, observer=observer, observer_factory=None, describe=describe)
    return whatif, len(docs)


def _record_run(copilot: Copilot, out: Path, data: dict[str, Any]) -> None:
    """Register the run in the records database so the report pages list it."""
    import hashlib
    from datetime import UTC, datetime

    from copilot.errors import CopilotError
    from copilot.records import Records, ReplayRun

    path = out.resolve()
    run_id = f"{path.name}-{hashlib.sha256(str(path).encode()).hexdigest()[:6]}"
    if path.parent == (copilot.settings.data_dir / "replays").resolve():
        run_id = path.name
    try:
        records = Records.open(copilot.settings.records, copilot.settings.data_dir)
        try:
            records.record_replay_run(
                ReplayRun(
                    id=run_id,
                    path=str(path),
                    created_at=datetime.now(UTC),
                    tickets=int(data["tickets"]),
                    deflection_rate=float(data["deflection_rate"]),
                    ci_low=float(data["ci_low"]),
                    ci_high=float(data["ci_high"]),
                    threshold=float(data["threshold"]),
                )
            )
        finally:
            records.close()
    except CopilotError as exc:  # the report is written; a records outage must not fail it
        click.echo(f"Warning: the run was not recorded: {exc.message}", err=True)


@contextmanager
def _replay_progress(label: str, show: bool) -> Iterator[Callable[[int, int], None] | None]:
    """Progress with an ETA on stderr: a live bar on a terminal, plain lines otherwise (nothing
    when ``show`` is off)."""
    if not show:
        yield None
        return
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        lines = ProgressLines(label)
        yield lambda done, total: lines(done, total)
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

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
    data = replay_to(
        Copilot(settings),
        tickets_path,
        out,
        threshold=threshold,
        limit=limit,
        with_articles=with_articles,
        workers=workers,
        fresh=fresh,
        target_error=target_error,
        fmt=fmt,
    )
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
