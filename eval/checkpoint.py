"""Checkpoints: a replay appends each observation as it is made; a re-run continues from them.

The checkpoint belongs to one *fingerprint* (dataset, index snapshot, settings that change
observations). A re-run with another fingerprint starts over rather than mixing two runs. A
line cut short by a kill is ignored, and that ticket is simply observed again.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import IO

from eval.observation import Observation

log = logging.getLogger(__name__)


class Checkpoint:
    """``observations.jsonl`` plus ``fingerprint.txt`` in a folder."""

    def __init__(self, folder: Path, *, fingerprint: str, sync_every: int = 50) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.sync_every = sync_every
        self._fh: IO[str] | None = None
        self._unsynced = 0

    @property
    def path(self) -> Path:
        return self.folder / "observations.jsonl"

    def load(self) -> dict[str, Observation]:
        """Observations of an earlier run with the same fingerprint (empty otherwise)."""
        stamp = self.folder / "fingerprint.txt"
        previous = stamp.read_text().strip() if stamp.is_file() else ""
        if previous and previous != self.fingerprint and self.path.is_file():
            # Keep the other run's observations beside it: they may still be wanted.
            kept = self.path.with_name(f"observations.{previous}.jsonl")
            self.path.replace(kept)
            log.warning(
                "Checkpoint %s is from other data or settings: moved to %s", self.folder, kept.name
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp.write_text(self.fingerprint + "\n")
        done: dict[str, Observation] = {}
        if self.path.is_file():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                try:
                    obs = Observation.from_json(json.loads(line))
                except (ValueError, TypeError):
                    continue  # a line cut short by a kill: observe that ticket again
                done[obs.id] = obs
        if done:
            log.info("Resuming replay: %d tickets already observed", len(done))
        return done

    def append(self, obs: Observation) -> None:
        """Write one observation; fsync every ``sync_every`` lines."""
        if self._fh is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            cut = self.path.is_file() and not self.path.read_bytes().endswith(b"\n")
            self._fh = self.path.open("a", encoding="utf-8")
            if cut and self.path.stat().st_size:
                self._fh.write("\n")  # end a line cut short by a kill before appending
        self._fh.write(json.dumps(obs.as_json(), ensure_ascii=False) + "\n")
        self._unsynced += 1
        if self._unsynced >= self.sync_every:
            self.flush()

    def flush(self) -> None:
        """Push written lines to disk."""
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._unsynced = 0

    def close(self) -> None:
        """Flush and close the file."""
        if self._fh is not None:
            self.flush()
            self._fh.close()
            self._fh = None
