"""``copilot records``: housekeeping of the records database (drafts, feedback)."""

from __future__ import annotations

import click

from copilot.cli.render import echo_json
from copilot.settings import Settings


@click.group("records")
def records_group() -> None:
    """The records database: drafts and agent feedback the server stored."""


@records_group.command("purge")
@click.option(
    "--older-than-days",
    type=click.IntRange(min=0),
    default=None,
    help="Delete drafts and feedback older than N days (default: records.retention_days).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary on stdout.")
@click.pass_obj
def purge(settings: Settings, older_than_days: int | None, as_json: bool) -> None:
    """Delete drafts and feedback older than N days (with their stored customer text)."""
    from copilot.records import purge_records

    report = purge_records(settings.records, settings.data_dir, older_than_days=older_than_days)
    if as_json:
        echo_json(report.as_json())
    else:
        click.echo(
            f"Deleted {report.drafts} drafts and {report.feedback} feedback rows older than "
            f"{report.older_than_days} days (before {report.cutoff:%Y-%m-%d %H:%M} UTC)."
        )
