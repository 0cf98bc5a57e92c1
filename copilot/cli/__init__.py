"""The ``copilot`` command line: parse input, call one library function, render the result.

This is the one module of ``copilot`` that mounts commands from ``ingest`` and ``eval``.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from copilot.errors import CopilotError
from copilot.settings import load_settings

# Commands that read or write the data dir: its files are checked before they run.
DATA_DIR_COMMANDS = frozenset({"ingest", "search", "draft", "replay", "serve", "demo", "feedback"})


class CopilotGroup(click.Group):
    """Turns ``CopilotError`` into its message and exit code 1, never a traceback; so too a
    damaged database or a file that cannot be written, which no backend wrapped."""

    def invoke(self, ctx: click.Context) -> Any:
        from sqlalchemy.exc import DatabaseError

        try:
            return super().invoke(ctx)
        except CopilotError as exc:
            click.echo(f"Error: {exc.message}", err=True)
            ctx.exit(1)
        except (sqlite3.DatabaseError, DatabaseError) as exc:
            click.echo(f"Error: a database failed ({exc}). {_doctor_hint(ctx)}", err=True)
            ctx.exit(1)
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            click.echo(
                f"Error: cannot use{where}: {exc.strerror or exc}. Check that it exists and is "
                f"writable. {_doctor_hint(ctx)}",
                err=True,
            )
            ctx.exit(1)


def _doctor_hint(ctx: click.Context) -> str:
    settings = ctx.obj
    data_dir = getattr(settings, "data_dir", None)
    target = f" --data-dir {data_dir}" if data_dir is not None else ""
    return f"`copilot{target} doctor` checks every file of the data dir and says how to fix it."


def setup_logging(verbose: bool) -> None:
    """Log to stderr; library modules only ever call ``logging.getLogger(__name__)``."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("bm25s", "chromadb", "httpx", "sentence_transformers", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


@click.group(cls=CopilotGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (TOML) that overrides config/default.toml.",
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="COPILOT_DATA_DIR",
    help="Where indexes and records live (default ./.copilot, env COPILOT_DATA_DIR).",
)
@click.option("-v", "--verbose", is_flag=True, help="Debug logging on stderr.")
@click.version_option(package_name="support-copilot")
@click.pass_context
def cli(ctx: click.Context, config_file: Path | None, data_dir: Path | None, verbose: bool) -> None:
    """Support copilot: draft replies from your knowledge, replay past tickets, find gaps.

    Start with `copilot ingest PATH`, then `copilot search`, `copilot draft` or
    `copilot replay`. `copilot demo` runs everything on bundled example data.
    """
    setup_logging(verbose)
    ctx.obj = load_settings(config_file, data_dir=data_dir)
    if ctx.invoked_subcommand in DATA_DIR_COMMANDS:
        from copilot.datafiles import preflight

        preflight(ctx.obj)


def _mount() -> None:
    from copilot.cli import commands
    from copilot.cli.calibration_commands import calibration
    from copilot.cli.demo import demo
    from copilot.cli.doctor import doctor
    from copilot.cli.eval_commands import eval_group, replay
    from copilot.cli.records_commands import records_group

    cli.add_command(commands.ingest)
    cli.add_command(commands.search)
    cli.add_command(commands.draft)
    cli.add_command(replay)
    cli.add_command(eval_group)
    cli.add_command(commands.serve)
    cli.add_command(commands.feedback)
    cli.add_command(records_group)
    cli.add_command(demo)
    cli.add_command(calibration)
    cli.add_command(doctor)


_mount()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="copilot")
