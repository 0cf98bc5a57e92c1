"""Commands: show, apply and reset the confidence calibration a replay fitted."""

from __future__ import annotations

from typing import Any

import click

from copilot.cli.render import echo_json
from copilot.settings import Settings


@click.group()
def calibration() -> None:
    """The confidence model a replay fitted: drafts use it only once you apply it."""


@calibration.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout.")
@click.pass_obj
def show(settings: Settings, as_json: bool) -> None:
    """Show the applied calibration and the one the last replay fitted."""
    from copilot.calibration import calibration_status

    status = calibration_status(settings.data_dir)
    if as_json:
        echo_json(status)
        return
    click.echo(f"Applied: {_describe(status['applied']) or 'none (prior weights)'}")
    click.echo(f"Fitted by the last replay: {_describe(status['pending']) or 'none'}")
    if status["pending_differs"]:
        click.echo("Run `copilot calibration apply` to make drafts use the fitted one.")


@calibration.command("apply")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout.")
@click.pass_obj
def apply(settings: Settings, as_json: bool) -> None:
    """Make drafts use the calibration the last replay fitted."""
    from copilot.calibration import apply_calibration

    applied = apply_calibration(settings.data_dir)
    if as_json:
        echo_json({"applied": applied})
        return
    click.echo(f"Applied: {_describe(applied)}. Restart `copilot serve` to pick it up.")


@calibration.command("reset")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout.")
@click.pass_obj
def reset(settings: Settings, as_json: bool) -> None:
    """Stop using a fitted calibration: drafts use the prior weights again."""
    from copilot.calibration import reset_calibration

    removed = reset_calibration(settings.data_dir)
    if as_json:
        echo_json({"reset": removed})
        return
    click.echo("Calibration reset: drafts use the prior weights." if removed else "None applied.")


def _describe(data: dict[str, Any] | None) -> str:
    if not data:
        return ""
    fitted = f", fitted {data['fitted_at']}" if data.get("fitted_at") else ""
    size = f" on {data['n']} tickets ({data.get('positives', '?')} agreed)" if "n" in data else ""
    return f"{data.get('kind', '?')} model{size}{fitted}"
