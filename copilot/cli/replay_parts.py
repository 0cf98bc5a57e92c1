"""Composition of a replay's collaborators from ``Settings`` (used by ``copilot replay``).

This is composition-root code, like ``copilot.services``: it builds the replay's drafter (the
configured one, uncalibrated, because a replay *fits* the calibration), the judge, the support
finder and the article drafter, and describes them for the run manifest.
"""

from __future__ import annotations

import copy
import hashlib
import subprocess
from pathlib import Path
from typing import Any

from copilot import __version__
from copilot.backends.embedder import Embedder
from copilot.services import Copilot
from copilot.settings import Settings

LLM_OFF = ("extractive", "")


def replay_embedder(copilot: Copilot) -> Embedder:
    """The configured embedder behind a cache (replays embed the same passages again and again)."""
    return copilot.cached_embedder


def replay_drafter(copilot: Copilot, embedder: Embedder) -> Any:
    """The configured drafter, uncalibrated (a replay fits the calibration on raw scores),
    reading through ``embedder`` (a copy of the configured retriever with the cached embedder).
    """
    drafter: Any = copilot.build_drafter(calibrate=None)
    retriever = copy.copy(drafter.retriever)
    retriever.embedder = embedder
    drafter.retriever = retriever
    return drafter


def build_observer(copilot: Copilot, *, embedder: Embedder | None = None) -> Any:
    """The replay observer: drafter, judge and support finder over one set of indexes."""
    from eval.attribution import SupportFinder
    from eval.replay import ReplayObserver

    embedder = embedder or replay_embedder(copilot)
    drafter = replay_drafter(copilot, embedder)
    return ReplayObserver(
        drafter=drafter,
        judge=build_judge(copilot.settings, embedder),
        support=SupportFinder(
            drafter.retriever,
            threshold=copilot.settings.replay.support_threshold,
            lexical_threshold=copilot.settings.replay.lexical_support_threshold,
        ),
        brand=copilot.settings.drafting.brand,
    )


def observer_in_worker(settings_data: dict[str, Any]) -> Any:
    """Build an observer in a worker process from plain settings data (picklable entry point)."""
    return build_observer(Copilot(Settings(**settings_data)))


def build_knowledge_check(copilot: Copilot, *, observer: Any) -> Any:
    """The gap report's look-up in the current knowledge: the replay's retriever and support
    test, over the kinds the replay draws on, without as-of filters."""
    from eval.coverage import IndexKnowledgeCheck

    return IndexKnowledgeCheck(
        observer.drafter.retriever,
        support=observer.support,
        kinds=tuple(copilot.settings.replay.knowledge_kinds),
    )


def build_judge(settings: Settings, embedder: Embedder) -> Any:
    """The LLM rubric judge when an LLM is configured, else the embedding judge."""
    from eval.judging import EmbeddingJudge, LLMJudge

    fallback = EmbeddingJudge(
        embedder,
        threshold=settings.replay.agreement_threshold,
        lexical_threshold=settings.replay.lexical_agreement_threshold,
        dense_langs=settings.retrieval.dense_langs,
    )
    if settings.llm.kind in LLM_OFF:
        return fallback
    from copilot.backends.llm import build_chat_model

    return LLMJudge(build_chat_model(settings.llm), fallback=fallback)


def build_article_drafter(settings: Settings, embedder: Embedder) -> Any:
    """Gap articles: written by the LLM when one is configured, else extractive."""
    from eval.articles import ExtractiveArticleDrafter, LLMArticleDrafter

    extractive = ExtractiveArticleDrafter(embedder)
    if settings.llm.kind in LLM_OFF:
        return extractive
    from copilot.backends.llm import build_chat_model

    return LLMArticleDrafter(build_chat_model(settings.llm), fallback=extractive)


def index_snapshot(copilot: Copilot) -> dict[str, Any]:
    """Documents per kind, chunk count and a hash of every indexed document's content hash."""
    from ingest.manifest import Manifest

    entries = Manifest.open(copilot.settings.data_dir).entries()
    digest = hashlib.sha256()
    kinds: dict[str, int] = {}
    for (kind, doc_id), entry in sorted(entries.items()):
        digest.update(f"{kind}\0{doc_id}\0{entry.content_hash}\n".encode())
        kinds[kind] = kinds.get(kind, 0) + 1
    return {
        "documents": len(entries),
        "by_kind": kinds,
        "chunks": copilot.vector_index.count(),
        "content_hash": digest.hexdigest(),
    }


def describe(copilot: Copilot, *, observer: Any, articles: Any) -> dict[str, Any]:
    """What a run manifest records about the components (no secrets)."""
    from eval.articles import ARTICLE_PROMPT
    from eval.judging import RUBRIC, prompt_hash

    settings = copilot.settings
    llm = settings.llm
    prompts = [RUBRIC, ARTICLE_PROMPT, *_drafting_prompts(settings)]
    return {
        "index": index_snapshot(copilot),
        "embedder": {"kind": settings.embedder.kind, "model_id": copilot.embedder.model_id},
        "drafter": {
            "class": type(observer.drafter).__name__,
            "llm": None if llm.kind in LLM_OFF else {"kind": llm.kind, "model": llm.model},
        },
        "judge": observer.judge.name,
        "agreement_threshold": settings.replay.agreement_threshold,
        "article_drafter": articles.name,
        "prompt_hash": prompt_hash(*prompts),
        "retrieval": settings.retrieval.model_dump(mode="json"),
        "drafting": settings.drafting.model_dump(mode="json"),
        "code_version": code_version(),
        "settings": settings.redacted(),
    }


def _drafting_prompts(settings: Settings) -> list[str]:
    folder = Path(getattr(settings.drafting, "prompts_dir", "") or "") or (
        Path(__file__).resolve().parents[2] / "config" / "prompts"
    )
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))]


def code_version() -> str:
    """Package version plus the git commit when run from a checkout."""
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent,
        ).stdout.strip()
        return f"{__version__}+{rev}"
    except (OSError, subprocess.CalledProcessError):
        return __version__
