"""Registers a finished replay run in the records database, so the report pages list it."""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from copilot.errors import CopilotError
from copilot.records import Records, ReplayRun
from copilot.settings import RecordsSettings

log = logging.getLogger(__name__)


def run_id(out: Path, *, data_dir: Path) -> str:
    """The run's id: its folder name under DATA_DIR/replays, else the name plus a path hash."""
    path = out.resolve()
    if path.parent == (data_dir / "replays").resolve():
        return path.name
    return f"{path.name}-{hashlib.sha256(str(path).encode()).hexdigest()[:6]}"


class RecordsRunRecorder:
    """A ``RunRecorder`` over the configured records database.

    The report folder is written before the run is recorded, so a records outage only logs a
    warning: it never fails the replay.
    """

    def __init__(self, settings: RecordsSettings, *, data_dir: Path) -> None:
        self.settings = settings
        self.data_dir = data_dir

    def record(self, out: Path, data: dict[str, Any]) -> None:
        """Insert or replace the run of the report folder ``out``."""
        run = ReplayRun(
            id=run_id(out, data_dir=self.data_dir),
            path=str(out.resolve()),
            created_at=datetime.now(UTC),
            tickets=int(data["tickets"]),
            deflection_rate=float(data["deflection_rate"]),
            ci_low=float(data["ci_low"]),
            ci_high=float(data["ci_high"]),
            threshold=float(data["threshold"]),
        )
        try:
            records = Records.open(self.settings, self.data_dir)
            try:
                records.record_replay_run(run)
            finally:
                records.close()
        except CopilotError as exc:  # the report is written; a records outage must not fail it
            log.warning("The run was not recorded: %s", exc.message)
