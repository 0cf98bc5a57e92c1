"""Replay runs as the API and the report pages show them (read-only).

A run is a report folder written by ``copilot replay``: the folders under ``DATA_DIR/replays``
and any run recorded in the records database, wherever its folder lives. Only files are read;
ids are looked up in that listing, never joined onto a path, so ``../`` cannot escape.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from copilot.errors import NotFoundError
from copilot.records import ReplayRun

log = logging.getLogger(__name__)


class ReplayStore:
    """Finds replay report folders and reads their JSON and HTML files."""

    def __init__(self, root: Path, *, recorded: Callable[[], list[ReplayRun]]) -> None:
        self.root = root
        self._recorded = recorded

    def summaries(self) -> list[dict[str, Any]]:
        """One summary per readable run, newest first."""
        out = []
        for run_id, folder in self._folders().items():
            try:
                out.append(self._summary(run_id, folder))
            except (OSError, ValueError) as exc:
                log.warning("Skipping replay folder %s: %s", folder, exc)
        out.sort(key=lambda s: (s["created_at"] or "", s["id"]), reverse=True)
        return out

    def detail(self, run_id: str) -> dict[str, Any]:
        """Summary, ``report.json``, ``manifest.json`` and the gaps of one run."""
        folder = self._folder(run_id)
        try:
            return {
                "summary": self._summary(run_id, folder),
                "report": _read_json(folder / "report.json"),
                "manifest": _read_json(folder / "manifest.json", missing={}),
                "gaps": _gaps(folder),
            }
        except (OSError, ValueError) as exc:
            log.warning("Replay folder %s unreadable: %s", folder, exc)
            raise _unreadable(run_id, exc) from exc

    def report_html(self, run_id: str) -> str:
        """The self-contained ``report.html`` of one run."""
        try:
            return (self._folder(run_id) / "report.html").read_text(encoding="utf-8")
        except OSError as exc:
            raise NotFoundError(
                f"Replay run {run_id!r} has no report.html: re-run `copilot replay` to write it."
            ) from exc

    def _folder(self, run_id: str) -> Path:
        folder = self._folders().get(run_id)
        if folder is None:
            raise NotFoundError(
                f"No replay run {run_id!r}: GET /api/v1/replays lists the runs there are."
            )
        return folder

    def _folders(self) -> dict[str, Path]:
        found: dict[str, Path] = {}
        if self.root.is_dir():
            for folder in sorted(self.root.iterdir()):
                if (folder / "report.json").is_file():
                    found[folder.name] = folder
        for run in self._recorded():
            if (Path(run.path) / "report.json").is_file():
                found[run.id] = Path(run.path)
        return found

    def _summary(self, run_id: str, folder: Path) -> dict[str, Any]:
        report = _read_json(folder / "report.json")
        modified = (folder / "report.json").stat().st_mtime
        gaps = report.get("gaps")
        return {
            "id": run_id,
            "created_at": datetime.fromtimestamp(modified, tz=UTC).isoformat(timespec="seconds"),
            "tickets": _number(report.get("tickets"), int),
            "deflection_rate": _number(report.get("deflection_rate"), float),
            "ci_low": _number(report.get("ci_low"), float),
            "ci_high": _number(report.get("ci_high"), float),
            "threshold": _number(report.get("threshold"), float),
            "gaps": len(gaps) if isinstance(gaps, list) else None,
            "has_html": (folder / "report.html").is_file(),
        }


MAX_JSON_BYTES = 64 * 1024 * 1024  # a report of 100k tickets is a few MB


def _read_json(path: Path, *, missing: dict[str, Any] | None = None) -> dict[str, Any]:
    """A JSON object from ``path`` (NaN and Infinity read as null); ``ValueError`` naming the
    file for anything else (invalid JSON, nesting too deep to parse, too large, no object)."""
    if missing is not None and not path.exists():
        return missing
    if path.stat().st_size > MAX_JSON_BYTES:
        raise ValueError(f"{path.name} is larger than {MAX_JSON_BYTES} bytes")
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_constant=lambda _: None)
    except RecursionError as exc:
        raise ValueError(f"{path.name} is nested too deeply") from exc
    except ValueError as exc:
        raise ValueError(f"{path.name} is not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path.name} is not a JSON object")
    return data


def _gaps(folder: Path) -> list[dict[str, Any]]:
    gaps = _read_json(folder / "gaps.json", missing={}).get("gaps")
    if gaps is None:
        gaps = _read_json(folder / "report.json").get("gaps", [])
    return [g for g in gaps if isinstance(g, dict)] if isinstance(gaps, list) else []


def _number(value: object, kind: type[int] | type[float]) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value) or abs(value) > 2**53:
        return None
    return kind(value)


def _unreadable(run_id: str, exc: Exception) -> NotFoundError:
    return NotFoundError(
        f"Replay run {run_id!r} has no readable report ({exc}): if `copilot replay` is still "
        "writing it, try again when it has finished; otherwise re-run the replay into that "
        "folder or remove the folder."
    )
