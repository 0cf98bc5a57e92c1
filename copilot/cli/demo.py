"""``copilot demo``: the whole loop on the bundled Quillbox data, offline."""

from __future__ import annotations

from pathlib import Path

import click

from copilot.cli.commands import ingest_path
from copilot.cli.eval_commands import run_with_progress
from copilot.cli.render import headline_lines, render_draft
from copilot.domain import Kind, Ticket
from copilot.services import Components
from copilot.settings import Settings

DEMO_DATA = Path(__file__).resolve().parent.parent / "demo" / "data"
DEMO_BRAND = "Quillbox"  # the fictional company of the demo data
DEMO_TICKETS = (
    Ticket(
        subject="Rechnung als XRechnung verschicken",
        body="Hallo, unser Kunde ist eine Behörde und verlangt eine XRechnung. "
        "Wie kann ich die Rechnung in diesem Format erstellen?",
        customer_name="Jonas Weber",
    ),
)


def demo_settings(settings: Settings) -> Settings:
    """The demo's own settings: its drafts are signed by Quillbox unless a brand is set."""
    if settings.drafting.brand:
        return settings
    drafting = settings.drafting.model_copy(update={"brand": DEMO_BRAND})
    return settings.model_copy(update={"drafting": drafting})


def run_demo(settings: Settings, *, out: Path | None) -> None:
    """Ingest the demo data, print one draft, replay the demo tickets, print the report path."""
    components = Components(demo_settings(settings))
    sources: list[tuple[Path, Kind]] = [
        (DEMO_DATA / "articles.jsonl", "article"),
        (DEMO_DATA / "wiki", "wiki"),
        (DEMO_DATA / "tickets.jsonl", "ticket"),
    ]
    warned = False
    for path, kind in sources:
        report = ingest_path(components, path, kind=kind, fmt="auto", sync=True, show_progress=True)
        click.echo(
            f"Ingested {kind}s from {path.name}: {report['added']} added, {report['updated']} "
            f"updated, {report['unchanged']} unchanged, {report['chunks']} chunks."
        )
        embedder = report["embedder"]
        if isinstance(embedder, dict) and embedder.get("warning") and not warned:
            click.echo(f"  warning: {embedder['warning']}")  # once: the cause is the same
            warned = True
    for ticket in DEMO_TICKETS:
        click.echo("\n=== Draft for a new ticket ===")
        click.echo(f"Customer: {ticket.customer_name}\nSubject: {ticket.subject}\n{ticket.body}\n")
        click.echo(render_draft(components.drafter.draft(ticket)))
    target = out or settings.data_dir / "replays" / "demo"
    click.echo("\n=== Replay of the demo tickets ===")
    from eval.compose import ReplayRequest, build_replay_job

    request = ReplayRequest(DEMO_DATA / "tickets.jsonl", target)
    job = build_replay_job(components.settings, request, components=components)
    for line in headline_lines(run_with_progress(job, show_progress=True).summary()):
        click.echo(line)
    click.echo(f"Report: {(target / 'report.html').resolve()}")
    click.echo(f"Gap drafts: {(target / 'gaps').resolve()}")


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Replay report folder (default DATA_DIR/replays/demo).",
)
@click.pass_obj
def demo(settings: Settings, out: Path | None) -> None:
    """Ingest the bundled demo data, draft one reply, replay the demo tickets."""
    run_demo(settings, out=out)
