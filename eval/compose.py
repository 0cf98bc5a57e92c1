"""Composition root of the replay: a ``ReplayJob`` built from ``Settings``.

``copilot replay`` and a Python caller run the same job: ``build_replay_job(settings,
ReplayRequest(tickets, out)).run()`` writes the report folder, saves the fitted calibration as
the data dir's pending one and records the run. Here the replay's collaborators are built:
the configured drafter (uncalibrated, because a replay *fits* the calibration), the judge,
the support finder, the article drafter and the knowledge check; and they are described for
the run manifest. Every collaborator is passed in when it is built, never patched afterwards.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copilot.backends.caching_embedder import CachingEmbedder
from copilot.backends.embedder import Embedder, embedder_languages
from copilot.backends.embedder_registry import build_embedder
from copilot.backends.lexical_index import LexicalIndex
from copilot.backends.vector_index import VectorIndex
from copilot.calibration import PENDING_FILE
from copilot.errors import InputError
from copilot.retrieval import Mode
from copilot.services import Components
from copilot.settings import Settings
from eval.articles import ArticleDrafter, ExtractiveArticleDrafter, LLMArticleDrafter
from eval.attribution import SupportFinder
from eval.coverage import IndexKnowledgeCheck
from eval.judging import EmbeddingJudge, Judge, LLMJudge
from eval.replay_job import ReplayJob, ReplayOptions, ReplayOutcome, ReplayParts, WhatIf
from eval.retrieval_eval import evaluate_mode, gold_tickets, load_ticket_documents
from eval.run_manifest import LLM_OFF, describe
from eval.run_record import RecordsRunRecorder
from eval.ticket_loop import Progress, ReplayObserver
from eval.truth import published_times
from eval.whatif import (
    OverlayLexicalIndex,
    OverlayVectorIndex,
    load_extra_articles,
    overlay_indexes,
)
from ingest.compose import IngestJob, IngestRequest, build_ingest_job


@dataclass(frozen=True)
class ReplayRequest:
    """What one replay is asked to do (the arguments of ``copilot replay``).

    ``threshold`` and ``target_error`` of None take ``replay.threshold_mode`` from settings;
    ``workers`` of None takes ``replay.workers``. A ``limit`` run saves no calibration.
    """

    tickets_path: Path
    out: Path
    threshold: float | None = None
    target_error: float | None = None
    limit: int | None = None
    ticket_format: str = "auto"
    with_articles: Path | None = None
    workers: int | None = None
    fresh: bool = False


def build_replay_job(
    settings: Settings, request: ReplayRequest, *, components: Components | None = None
) -> ReplayJob:
    """The replay job for ``request`` as ``settings`` configure it.

    ``components`` (built from the same ``settings``) shares models already loaded; by default
    they are built here. Fails with ``NoIndexError`` before anything is written when nothing
    has been ingested.
    """
    if components is None:
        components = Components(settings)
    elif components.settings is not settings:
        raise ValueError("components must be built from the settings the job is built from")
    components.require_index()
    options = replay_options(settings, request)
    check_workers(settings, options.workers)
    parts = build_replay_parts(components, request.tickets_path, workers=options.workers)
    whatif = None
    if request.with_articles is not None:
        whatif = build_whatif(components, request.with_articles, base=parts)
    return ReplayJob(
        tickets_path=request.tickets_path,
        out=request.out,
        options=options,
        parts=parts,
        whatif=whatif,
        fresh=request.fresh,
        pending_calibration=None if request.limit is not None else settings.data_dir / PENDING_FILE,
        recorder=RecordsRunRecorder(settings.records, data_dir=settings.data_dir),
    )


def replay_options(settings: Settings, request: ReplayRequest) -> ReplayOptions:
    """The run's decisions: the request's where given, else the ``replay`` settings."""
    cfg = settings.replay
    threshold, target_error = request.threshold, request.target_error
    if threshold is None and cfg.threshold_mode == "fixed":
        threshold = cfg.threshold
    if target_error is None and cfg.threshold_mode == "target":
        target_error = cfg.target_error
    return ReplayOptions(
        threshold=threshold,
        target_precision=cfg.target_precision,
        support_threshold=cfg.support_threshold,
        lexical_support_threshold=cfg.lexical_support_threshold,
        cross_language_support_z=cfg.cross_language_support_z,
        resolution_lag_s=cfg.resolution_lag_hours * 3600,
        knowledge_kinds=tuple(cfg.knowledge_kinds),
        calibration_target=cfg.calibration_target,
        limit=request.limit,
        ticket_format=request.ticket_format,
        workers=request.workers or cfg.workers,
        target_error=None if threshold is not None else target_error,
    )


def check_workers(settings: Settings, workers: int) -> None:
    """More than one worker needs an index every worker process can reach."""
    if workers > 1 and settings.index.kind != "chroma-http":
        raise InputError(
            f"--workers {workers} needs a Chroma server that every worker can reach: start "
            '`chroma run --path DIR --port 8001`, ingest with index.kind = "chroma-http", '
            "then replay with the same setting (or use --workers 1)."
        )


def build_replay_parts(components: Components, tickets_path: Path, *, workers: int) -> ReplayParts:
    """The replay's collaborators over the data dir's indexes (``workers`` > 1: each worker
    process builds its own observer from the settings)."""
    settings = components.settings
    observer = build_observer(components)
    articles = build_article_drafter(settings, components.cached_embedder)
    vector_index = components.vector_index
    factory = None
    if workers > 1:
        factory = functools.partial(observer_in_worker, settings.model_dump(mode="python"))
    return ReplayParts(
        embedder=components.cached_embedder,
        articles=articles,
        knowledge=build_knowledge_check(components, observer=observer),
        # Gap clustering reads question vectors only in the languages set here; by default
        # (an empty retrieval.dense_langs) none, so it clusters on words alone: measured on
        # the demo, question vectors split planted topics (MiniLM: one topic 50% in one gap,
        # English apart from German; e5: one topic 36%, purity 0.64 against 0.77 on words).
        dense_langs=tuple(settings.retrieval.dense_langs),
        observer=None if factory else observer,
        observer_factory=factory,
        is_indexed=lambda doc_id: bool(vector_index.ids_for_doc(doc_id)),
        published=published_times(tickets_path.parent),
        describe=describe(components, observer=observer, articles=articles),
    )


def build_whatif(components: Components, folder: Path, *, base: ReplayParts) -> WhatIf:
    """Replay parts whose indexes also hold the articles in ``folder`` (in memory)."""
    docs = load_extra_articles(folder)
    cfg = components.settings.ingest
    vectors, lexical = overlay_indexes(
        docs, embedder=base.embedder, max_tokens=cfg.chunk_tokens, overlap=cfg.overlap_tokens
    )
    observer = build_observer(
        components,
        vector_index=OverlayVectorIndex(components.vector_index, vectors),
        lexical_index=OverlayLexicalIndex(components.lexical_index, lexical),
    )
    parts = ReplayParts(
        embedder=base.embedder,
        articles=base.articles,
        observer=observer,
        is_indexed=base.is_indexed,
        published=base.published,
        knowledge=base.knowledge,
        dense_langs=base.dense_langs,
        describe=base.describe
        | {"whatif": {"folder": str(folder), "articles": [d.id for d in docs]}},
    )
    return WhatIf(parts=parts, articles=len(docs))


def build_observer(
    components: Components,
    *,
    vector_index: VectorIndex | None = None,
    lexical_index: LexicalIndex | None = None,
) -> ReplayObserver:
    """The replay observer: the configured drafter (uncalibrated: a replay fits the
    calibration on raw scores), the judge and the support finder over one retriever (over
    other indexes where given)."""
    settings = components.settings
    retriever = components.build_retriever(vector_index=vector_index, lexical_index=lexical_index)
    scorer, langs = judging_embedder(components)
    bridge = bridge_embedder(components)
    return ReplayObserver(
        drafter=components.build_drafter(calibrate=None, retriever=retriever),
        judge=build_judge(settings, scorer, langs=langs),
        support=SupportFinder(
            retriever,
            threshold=settings.replay.support_threshold,
            lexical_threshold=settings.replay.lexical_support_threshold,
            z_threshold=settings.replay.cross_language_support_z,
            scorer=scorer,
            scorer_langs=langs,
            bridge=bridge,
        ),
        brand=settings.drafting.brand,
    )


def judging_embedder(components: Components) -> tuple[Embedder, list[str]]:
    """What a replay compares drafts and passages with human resolutions by, and for which
    languages (others: key-term share).

    The replay's cosine thresholds (agreement, support) were fitted on MiniLM, whose cosines
    spread from about 0 (unrelated) to 1. A multilingual e5 model puts nearly every pair at
    0.8-0.9 (demo: answerable tickets' best support median 0.894, the others' 0.877), so with
    it every ticket counted as supported and no gap was found. So the measuring stays on
    MiniLM (English; German by key terms, as before) whichever model retrieves.
    """
    settings = components.settings
    embedder = components.cached_embedder
    langs = settings.retrieval.dense_langs or list(embedder_languages(embedder))
    if len(set(langs)) < 2:
        return embedder, langs
    minilm = build_embedder(settings.embedder.model_copy(update={"kind": "sentence-transformers"}))
    return CachingEmbedder(minilm, max_items=50_000), ["en"]


def bridge_embedder(components: Components) -> Embedder | None:
    """The data dir's embedder when it reads several languages (it finds the passage that
    supports a human reply in another language), else None."""
    embedder = components.cached_embedder
    return embedder if len(set(embedder_languages(embedder))) > 1 else None


def observer_in_worker(settings_data: dict[str, Any]) -> ReplayObserver:
    """Build an observer in a worker process from plain settings data (picklable entry point)."""
    return build_observer(Components(Settings(**settings_data)))


def build_knowledge_check(
    components: Components, *, observer: ReplayObserver
) -> IndexKnowledgeCheck:
    """The gap report's look-up in the current knowledge: the replay's retriever and support
    test, over the kinds the replay draws on, without as-of filters."""
    return IndexKnowledgeCheck(
        observer.support.retriever,
        support=observer.support,
        kinds=tuple(components.settings.replay.knowledge_kinds),
    )


def build_judge(settings: Settings, embedder: Embedder, *, langs: list[str]) -> Judge:
    """The LLM rubric judge when an LLM is configured, else the embedding judge (cosine
    in ``langs``, key terms in other languages)."""
    fallback = EmbeddingJudge(
        embedder,
        threshold=settings.replay.agreement_threshold,
        lexical_threshold=settings.replay.lexical_agreement_threshold,
        dense_langs=langs,
    )
    if settings.llm.kind in LLM_OFF:
        return fallback
    from copilot.backends.llm import build_chat_model  # LangChain loads only when configured

    return LLMJudge(build_chat_model(settings.llm), fallback=fallback)


def build_article_drafter(settings: Settings, embedder: Embedder) -> ArticleDrafter:
    """Gap articles: written by the LLM when one is configured, else extractive."""
    extractive = ExtractiveArticleDrafter(embedder)
    if settings.llm.kind in LLM_OFF:
        return extractive
    from copilot.backends.llm import build_chat_model  # LangChain loads only when configured

    return LLMArticleDrafter(build_chat_model(settings.llm), fallback=extractive)


def run_replay(
    components: Components, request: ReplayRequest, *, progress: Progress | None = None
) -> ReplayOutcome:
    """Build the replay job for ``request`` on ``components`` and run it."""
    job = build_replay_job(components.settings, request, components=components)
    return job.run(progress=progress)


# --- retrieval eval (`copilot eval retrieval`) ------------------------------------------------

Update = Callable[[int, int | None], None]
# Opens one progress display: (label, total or None) -> a context that yields ``update``.
ProgressBars = Callable[[str, int | None], AbstractContextManager[Update]]


@dataclass(frozen=True)
class RetrievalEvalJob:
    """Retrieval quality on a labelled dataset: its articles indexed by ``ingest``, then every
    ticket with gold article ids searched in each of ``modes`` (``eval.retrieval_eval``)."""

    components: Components
    ingest: IngestJob
    tickets_file: Path
    modes: tuple[Mode, ...]

    def run(self, *, progress: ProgressBars | None = None) -> dict[str, Any]:
        """Index, search, score: the ``eval retrieval --json`` shape."""
        bars = progress or _no_progress
        with bars(f"ingest {self.ingest.request.path.name}", None) as update:
            self.ingest.run(progress=update)
        tickets, _ = load_ticket_documents(self.tickets_file)
        labelled = gold_tickets(tickets)
        results = {}
        for mode in self.modes:
            with bars(f"eval {mode}", len(labelled)) as update:
                scores = evaluate_mode(
                    self.components.retriever, labelled, mode=mode, progress=update
                )
            results[mode] = scores.as_json()
        return {"n": len(labelled), "skipped": len(tickets) - len(labelled), "modes": results}


def build_retrieval_eval_job(
    settings: Settings, dataset_dir: Path, *, modes: Sequence[Mode]
) -> RetrievalEvalJob:
    """The retrieval eval of ``dataset_dir`` (``articles.jsonl`` and ``tickets.jsonl``) into
    the data dir of ``settings``."""
    articles, tickets_file = dataset_dir / "articles.jsonl", dataset_dir / "tickets.jsonl"
    for needed in (articles, tickets_file):
        if not needed.exists():
            raise InputError(
                f"{needed} is missing: DATASET_DIR needs articles.jsonl and tickets.jsonl."
            )
    components = Components(settings)
    request = IngestRequest(articles, kind="article", fmt="jsonl")
    ingest = build_ingest_job(settings, request, components=components)
    return RetrievalEvalJob(components, ingest, tickets_file, tuple(modes))


@contextmanager
def _no_progress(_label: str, _total: int | None) -> Iterator[Update]:
    yield lambda _done, _of: None
