"""What a replay's run manifest records about its components (no secrets)."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path
from typing import Any

from copilot import __version__
from copilot.services import Components
from copilot.settings import CONFIG_DIR, Settings
from eval.articles import ARTICLE_PROMPT, ArticleDrafter
from eval.judging import RUBRIC, prompt_hash
from eval.ticket_loop import ReplayObserver
from ingest.manifest import Manifest

LLM_OFF = ("extractive", "")  # llm.kind values that mean: no chat model


def describe(
    components: Components, *, observer: ReplayObserver, articles: ArticleDrafter
) -> dict[str, Any]:
    """Index snapshot, embedder, drafter, judge, prompt hash, settings and code version."""
    settings = components.settings
    llm = settings.llm
    prompts = [RUBRIC, ARTICLE_PROMPT, *drafting_prompts(settings)]
    return {
        "index": index_snapshot(components),
        "embedder": {
            "kind": components.embedder_choice.kind,
            "reason": components.embedder_choice.reason,
            "model_id": components.embedder.model_id,
        },
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


def index_snapshot(components: Components) -> dict[str, Any]:
    """Documents per kind, chunk count and a hash of every indexed document's content hash."""
    entries = Manifest.open(components.settings.data_dir).entries()
    digest = hashlib.sha256()
    kinds: dict[str, int] = {}
    for (kind, doc_id), entry in sorted(entries.items()):
        digest.update(f"{kind}\0{doc_id}\0{entry.content_hash}\n".encode())
        kinds[kind] = kinds.get(kind, 0) + 1
    return {
        "documents": len(entries),
        "by_kind": kinds,
        "chunks": components.vector_index.count(),
        "content_hash": digest.hexdigest(),
    }


def prompts_folder(settings: Settings) -> Path:
    """The drafting prompts' folder: ``llm.prompts_dir``, else the shipped prompts."""
    return Path(settings.llm.prompts_dir) if settings.llm.prompts_dir else CONFIG_DIR / "prompts"


def drafting_prompts(settings: Settings) -> list[str]:
    """The text of every drafting prompt (``*.md``) the configured drafter may read."""
    return [p.read_text(encoding="utf-8") for p in sorted(prompts_folder(settings).glob("*.md"))]


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
