"""The replay job: tickets file -> observations -> verdicts -> gaps -> report folder.

``ReplayJob`` is what ``copilot replay`` runs (``eval.compose.build_replay_job`` builds it from
settings): it writes the report folder, saves the fitted calibration as the data dir's pending
one and records the run. It takes its collaborators ready-made (``ReplayParts``), so it knows
nothing of settings files or the command line. ``replay_tickets`` writes one report folder;
``replay_whatif`` replays once more with extra articles and reports the uplift per gap. The
per-ticket loop they drive is ``eval.ticket_loop``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from copilot.backends.embedder import Embedder
from copilot.calibration import CALIBRATION_FILE
from copilot.domain import Kind
from copilot.errors import InputError
from eval.articles import ArticleDrafter
from eval.asof import ReplayTicket, Visibility, load_replay_tickets
from eval.attribution import CROSS_LANGUAGE, CROSS_LANGUAGE_Z
from eval.checkpoint import Checkpoint
from eval.coverage import KnowledgeCheck
from eval.cross_judging import rejudge_across_languages
from eval.gaps import Gap, GapOptions, find_gaps
from eval.observation import Observation
from eval.reports import summary, write_report
from eval.scoring import Fit, ScoredReplay, Target, score_replay
from eval.stale import find_stale_articles
from eval.ticket_loop import Progress, TicketObserver, observe_all
from eval.truth import has_labels, truth_check
from eval.whatif import uplift

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReplayOptions:
    """Decisions of one replay run (thresholds, limits, parallelism)."""

    threshold: float | None = None  # None: deflect as many as calibration expects
    target_precision: float = 0.9
    support_threshold: float = 0.55
    lexical_support_threshold: float = 0.3
    cross_language_support_z: float = 3.25
    resolution_lag_s: float = 0.0
    knowledge_kinds: tuple[Kind, ...] | None = None
    limit: int | None = None
    ticket_format: str = "auto"  # auto, jsonl, csv, zendesk, freshdesk (docs/formats.md)
    workers: int = 1
    min_gap_size: int = 3  # see eval.gaps.GapOptions
    calibrate: bool = True
    calibration_target: Target = "agreement"
    target_error: float | None = None  # choose the threshold for this error among deflected


@dataclass
class ReplayParts:
    """Collaborators of a replay, built by the caller (``eval.compose`` from settings)."""

    embedder: Embedder
    articles: ArticleDrafter
    observer: TicketObserver | None = None
    observer_factory: Callable[[], TicketObserver] | None = None
    is_indexed: Callable[[str], bool] = lambda _doc_id: True
    published: Mapping[str, float] = field(default_factory=dict)
    # Looks gap tickets up in the current knowledge (None: no lookup, every failed ticket of
    # missing knowledge is a gap candidate).
    knowledge: KnowledgeCheck | None = None
    dense_langs: tuple[str, ...] = ("en",)  # languages the embedder reads (gap clustering)
    # What the manifest records: embedder, drafter, judge, prompt hash, index snapshot, settings.
    describe: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReplayOutcome:
    """What a replay produced (and wrote to its folder ``out``)."""

    out: Path
    data: dict[str, Any]
    scored: ScoredReplay
    gaps: list[Gap]
    tickets: list[ReplayTicket]
    # Seconds per stage in order (read, observe, score, gaps, report) and total_s.
    timings: dict[str, float] = field(default_factory=dict)
    # Where the job saved the fitted calibration (the data dir's pending one), if it did.
    calibration_saved: Path | None = None

    def summary(self) -> dict[str, Any]:
        """The ``copilot replay --json`` summary (docs/ARCHITECTURE.md)."""
        data = self.data
        summary = {
            "out": str(self.out),
            "tickets": data["tickets"],
            "deflected": data["deflected"],
            "deflection_rate": data["deflection_rate"],
            "ci_low": data["ci_low"],
            "ci_high": data["ci_high"],
            "threshold": data["threshold"],
            "answered_correctly": data["answered_correctly"],
            "knowledge_coverage": data["knowledge_coverage"],
            "failure_reasons": data["failure_reasons"],
            "risk_control": data.get("risk_control"),
            "calibration_saved": str(self.calibration_saved) if self.calibration_saved else None,
        }
        if "whatif" in data:
            summary["uplift"] = data["whatif"]["uplift"]
        return summary


class RunRecorder(Protocol):
    """Registers a finished run (the records database, so the report pages list it)."""

    def record(self, out: Path, data: dict[str, Any]) -> None:
        """Record the run whose report folder is ``out`` and whose report data is ``data``."""
        ...


@dataclass(frozen=True)
class WhatIf:
    """A what-if replay: parts whose indexes also hold ``articles`` extra articles."""

    parts: ReplayParts
    articles: int


@dataclass(frozen=True)
class ReplayJob:
    """One replay of ``tickets_path`` into the report folder ``out``, with its side effects.

    ``run`` writes the report folder (and with ``whatif`` the what-if replay), saves the fitted
    calibration to ``pending_calibration`` (None: not saved, e.g. a ``--limit`` run) and
    registers the run with ``recorder``. ``fresh`` drops the folder's checkpoints first.
    """

    tickets_path: Path
    out: Path
    options: ReplayOptions
    parts: ReplayParts
    whatif: WhatIf | None = None
    fresh: bool = False
    pending_calibration: Path | None = None
    recorder: RunRecorder | None = None

    def run(self, *, progress: Progress | None = None) -> ReplayOutcome:
        """Replay, write the report folder, save the calibration, record the run."""
        if self.fresh:
            shutil.rmtree(self.out / "checkpoint", ignore_errors=True)
            shutil.rmtree(self.out / "whatif", ignore_errors=True)
        if self.whatif is None:
            outcome = replay_tickets(
                self.tickets_path,
                self.out,
                options=self.options,
                parts=self.parts,
                progress=progress,
            )
        else:
            outcome = replay_whatif(
                self.tickets_path,
                self.out,
                options=self.options,
                parts=self.parts,
                whatif=self.whatif,
                progress=progress,
            )
        fitted = outcome.scored.calibration
        if fitted is not None and self.pending_calibration is not None:
            fitted.save(self.pending_calibration)
            outcome.calibration_saved = self.pending_calibration
        if self.recorder is not None:
            self.recorder.record(self.out, outcome.data)
        return outcome


def dataset_sha256(path: Path) -> str:
    """SHA-256 of the tickets file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprint(*parts: object) -> str:
    """A short stable hash of JSON-able parts (what makes two runs' observations comparable)."""
    blob = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _support_thresholds(options: ReplayOptions) -> dict[str, float]:
    return {
        "cosine": options.support_threshold,
        "term_recall": options.lexical_support_threshold,
        CROSS_LANGUAGE: options.support_threshold,
        CROSS_LANGUAGE_Z: options.cross_language_support_z,
    }


def _stable(describe: dict[str, Any]) -> dict[str, Any]:
    """The parts of a description that change observations (not the code version, timings)."""
    return {k: v for k, v in describe.items() if k not in ("code_version", "settings")}


def read_tickets(
    path: Path, *, limit: int | None, fmt: str = "auto"
) -> tuple[list[ReplayTicket], int]:
    """Tickets in replay order (first ``limit``) and how many could not be read."""
    tickets, skipped = load_replay_tickets(path, fmt=fmt)
    for error in skipped:
        log.warning("Skipped %s: %s", error.source, error.error)
    if limit is not None:
        tickets = tickets[:limit]
    if not tickets:
        raise InputError(
            f"{path} holds no readable tickets: check the file's format (docs/formats.md)."
        )
    undated = sum(1 for t in tickets if t.created is None)
    if undated:
        log.warning(
            "%d of %d tickets have no created_at: they are replayed against all knowledge "
            "(the report counts them)",
            undated,
            len(tickets),
        )
    return tickets, len(skipped)


def observe(
    tickets: list[ReplayTicket],
    *,
    folder: Path,
    key: str,
    options: ReplayOptions,
    parts: ReplayParts,
    progress: Progress | None,
) -> tuple[list[Observation], float]:
    """Observations of every ticket, resuming from ``folder``'s checkpoint; and seconds taken."""
    started = time.perf_counter()
    checkpoint = Checkpoint(folder / "checkpoint", fingerprint=key)
    try:
        observations = observe_all(
            tickets,
            visibility=Visibility(
                tickets, resolution_lag_s=options.resolution_lag_s, kinds=options.knowledge_kinds
            ),
            observer=parts.observer,
            observer_factory=parts.observer_factory,
            workers=options.workers,
            checkpoint=checkpoint,
            progress=progress,
        )
    finally:
        checkpoint.close()
    return observations, time.perf_counter() - started


def replay_tickets(
    tickets_path: Path,
    out: Path,
    *,
    options: ReplayOptions,
    parts: ReplayParts,
    progress: Progress | None = None,
) -> ReplayOutcome:
    """Replay ``tickets_path`` and write the whole report folder ``out``."""
    started = time.perf_counter()
    tickets, skipped = read_tickets(tickets_path, limit=options.limit, fmt=options.ticket_format)
    timings: dict[str, float] = {"read_s": time.perf_counter() - started}
    sha = dataset_sha256(tickets_path)
    key = fingerprint(
        sha,
        options.limit,
        options.resolution_lag_s,
        options.knowledge_kinds,
        _stable(parts.describe),
    )
    observations, timings["observe_s"] = observe(
        tickets, folder=out, key=key, options=options, parts=parts, progress=progress
    )
    observations = rejudge_across_languages(observations, embedder=parts.embedder)
    scored, gaps, data = _analyse(observations, tickets, skipped, options, parts, timings)
    tick = time.perf_counter()
    timings["total_s"] = tick - started
    manifest = _manifest(tickets_path, sha, len(tickets), skipped, options, parts, scored, timings)
    data["seconds"] = round(timings["total_s"], 2)
    write_report(out, data=data, verdicts=scored.verdicts, gaps=gaps, manifest=manifest)
    if scored.calibration is not None:
        scored.calibration.save(out / CALIBRATION_FILE)
    timings["report_s"] = time.perf_counter() - tick
    timings["total_s"] = time.perf_counter() - started
    return ReplayOutcome(
        out=out, data=data, scored=scored, gaps=gaps, tickets=tickets, timings=timings
    )


def _analyse(
    observations: list[Observation],
    tickets: list[ReplayTicket],
    skipped: int,
    options: ReplayOptions,
    parts: ReplayParts,
    timings: dict[str, float],
) -> tuple[ScoredReplay, list[Gap], dict[str, Any]]:
    """Score the observations, find gaps and stale articles; the report data (timed)."""
    tick = time.perf_counter()
    scored = score_replay(
        observations,
        threshold=options.threshold,
        target_precision=options.target_precision,
        calibrate=options.calibrate,
        target=options.calibration_target,
        support_thresholds=_support_thresholds(options),
        target_error=options.target_error,
    )
    timings["score_s"] = time.perf_counter() - tick
    tick = time.perf_counter()
    gaps = find_gaps(
        scored.verdicts,
        embedder=parts.embedder,
        articles=parts.articles,
        knowledge=parts.knowledge,
        options=GapOptions(min_size=options.min_gap_size, dense_langs=parts.dense_langs),
    )
    stale = [s.as_json() for s in find_stale_articles(scored.verdicts)]
    timings["gaps_s"] = time.perf_counter() - tick
    truth = None
    if has_labels(scored.verdicts):
        truth = truth_check(scored.verdicts, is_indexed=parts.is_indexed, published=parts.published)
    data = summary(
        scored,
        undated=sum(1 for t in tickets if t.created is None),
        skipped=skipped,
        gaps=gaps,
        stale=stale,
        truth=truth,
    )
    return scored, gaps, data


def _manifest(
    tickets_path: Path,
    sha: str,
    tickets: int,
    skipped: int,
    options: ReplayOptions,
    parts: ReplayParts,
    scored: ScoredReplay,
    timings: dict[str, float],
) -> dict[str, Any]:
    observe_s = timings.get("observe_s", 0.0)
    return {
        "dataset": {
            "path": str(tickets_path),
            "sha256": sha,
            "tickets": tickets,
            "skipped": skipped,
        },
        **parts.describe,
        "thresholds": {
            "deflect": round(scored.threshold, 4),
            "mode": scored.threshold_mode,
            "support": options.support_threshold,
            "lexical_support": options.lexical_support_threshold,
            "cross_language_support_z": options.cross_language_support_z,
            "target_precision": options.target_precision,
            "target_error": options.target_error,
            "risk": scored.risk.as_json() if scored.risk else None,
            "recommended": scored.recommended.threshold if scored.recommended else None,
        },
        "resolution_lag_s": options.resolution_lag_s,
        "workers": options.workers,
        "calibration": scored.calibration.as_json() if scored.calibration else None,
        "timings": {k: round(v, 3) for k, v in timings.items()}
        | {"tickets_per_s": round(tickets / observe_s, 2) if observe_s else None},
    }


def replay_whatif(
    tickets_path: Path,
    out: Path,
    *,
    options: ReplayOptions,
    parts: ReplayParts,
    whatif: WhatIf,
    progress: Progress | None = None,
) -> ReplayOutcome:
    """Baseline replay (resumed if done), then the what-if replay; uplift per baseline gap.

    Both runs are scored with the baseline's calibration so that only the knowledge differs.
    """
    base = replay_tickets(tickets_path, out, options=options, parts=parts, progress=progress)
    key = fingerprint(
        dataset_sha256(tickets_path),
        options.limit,
        options.resolution_lag_s,
        _stable(whatif.parts.describe),
    )
    observations, _ = observe(
        base.tickets,
        folder=out / "whatif",
        key=key,
        options=options,
        parts=whatif.parts,
        progress=progress,
    )
    observations = rejudge_across_languages(observations, embedder=whatif.parts.embedder)
    fixed = base.scored.calibration
    before = _rescore(base.scored, [v.obs for v in base.scored.verdicts], options, fixed)
    after = _rescore(base.scored, observations, options, fixed)
    result = uplift(before.verdicts, after.verdicts, gaps=base.gaps) | {"articles": whatif.articles}
    (out / "whatif").mkdir(parents=True, exist_ok=True)
    (out / "whatif.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    with (out / "whatif" / "tickets.jsonl").open("w", encoding="utf-8") as fh:
        for v in after.verdicts:
            fh.write(json.dumps(v.as_json(), ensure_ascii=False) + "\n")
    base.data["whatif"] = result
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["whatif"] = whatif.parts.describe.get("whatif", {})
    write_report(
        out, data=base.data, verdicts=base.scored.verdicts, gaps=base.gaps, manifest=manifest
    )
    return base


def _rescore(
    like: ScoredReplay,
    observations: list[Observation],
    options: ReplayOptions,
    fixed: Fit | None,
) -> ScoredReplay:
    return score_replay(
        observations,
        threshold=like.threshold,
        target_precision=like.target_precision,
        calibrate=options.calibrate,
        fixed_calibration=fixed,
        target=options.calibration_target,
        support_thresholds=_support_thresholds(options),
        target_error=options.target_error,
    )
