"""Per-item failures that a job records and skips (the job itself carries on)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ItemError:
    """One source item (line, row, file) that could not be read."""

    source: str
    error: str

    def as_json(self) -> dict[str, str]:
        """The ``errors`` entry of ``ingest --json``."""
        return {"source": self.source, "error": self.error}
