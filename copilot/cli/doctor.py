"""Command: doctor (checks a data dir and says how to repair what is wrong)."""

from __future__ import annotations

import click

from copilot.cli.render import echo_json
from copilot.datafiles import check_data_dir
from copilot.services import Components
from copilot.settings import Settings


def chunk_counts(settings: Settings) -> dict[str, int]:
    """Chunks per the manifest, the vector index and the lexical index."""
    from ingest.manifest import Manifest

    copilot = Components(settings)
    return {
        "manifest": Manifest.open(settings.data_dir).chunk_count(),
        "vector": copilot.vector_count(),
        "lexical": copilot.lexical_index.count(),
    }


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON report on stdout.")
@click.pass_obj
def doctor(settings: Settings, as_json: bool) -> None:
    """Check the data dir: every file opens and passes SQLite's integrity check, the indexes
    hold as many chunks as the manifest says, and the folder is writable. Exit code 1 when
    something is wrong; each problem comes with what to do."""
    checks = check_data_dir(settings, counts=lambda: chunk_counts(settings))
    healthy = all(c.ok for c in checks)
    if as_json:
        echo_json(
            {
                "data_dir": str(settings.data_dir),
                "ok": healthy,
                "checks": [c.as_json() for c in checks],
            }
        )
    else:
        for check in checks:
            mark = "ok  " if check.ok else "FAIL"
            click.echo(f"{mark} {check.name}: {check.path}: {check.detail}")
            if not check.ok:
                click.echo(f"     fix: {check.fix}")
        click.echo("Data dir is healthy." if healthy else "Problems found: see the fixes above.")
    if not healthy:
        raise SystemExit(1)
