"""Composition root of an ingest: an ``IngestJob`` built from ``Settings``.

``copilot ingest`` and a Python caller run the same job:
``build_ingest_job(settings, IngestRequest(path)).run()``. Building the job settles the data
dir's embedder (``embedder.kind = "auto"`` looks at the source's languages) and records it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from copilot.backends.embedder import embedder_languages
from copilot.domain import Kind
from copilot.embedder_choice import EmbedderChoice, unread_languages
from copilot.services import Components
from copilot.settings import IngestSettings, Settings
from ingest.job import IngestOptions, IngestReport, Progress, run_ingest, source_languages
from ingest.manifest import Manifest
from ingest.target import IngestTarget


@dataclass(frozen=True)
class IngestRequest:
    """What one ingest is asked to do (the arguments of ``copilot ingest``)."""

    path: Path
    kind: Kind | None = None
    fmt: str = "auto"
    sync: bool = False


@dataclass(frozen=True)
class IngestJob:
    """One ingest of ``request.path`` into ``target``, with the data dir's embedder choice."""

    request: IngestRequest
    target: IngestTarget
    options: IngestOptions
    embedder: EmbedderChoice
    # Share of documents in languages the embedder does not read that earns a warning.
    multilingual_share: float = 0.1

    def run(self, *, progress: Progress | None = None) -> IngestReport:
        """Index the source; the report names the embedder and why it was chosen."""
        request = self.request
        report = run_ingest(
            request.path,
            target=self.target,
            kind=request.kind,
            fmt=request.fmt,
            sync=request.sync,
            options=self.options,
            progress=progress,
        )
        warning = unread_languages(
            report.languages,
            reads=embedder_languages(self.target.embedder),
            kind=self.embedder.kind,
            share=self.multilingual_share,
        )
        report.embedder = self.embedder.as_json() | {"warning": warning}
        return report


def build_ingest_job(
    settings: Settings, request: IngestRequest, *, components: Components | None = None
) -> IngestJob:
    """The ingest job for ``request`` as ``settings`` configure it (``components``, built from
    the same settings, shares models already loaded)."""
    if components is None:
        components = Components(settings)
    elif components.settings is not settings:
        raise ValueError("components must be built from the settings the job is built from")
    choice = components.choose_embedder(
        lambda: source_languages(request.path, fmt=request.fmt, kind=request.kind)
    )
    target = IngestTarget(
        embedder=components.embedder,
        vector_index=components.vector_index,
        lexical_index=components.lexical_index,
        manifest=Manifest.open(settings.data_dir),
        headings=components.cached_embedder,
    )
    return IngestJob(
        request=request,
        target=target,
        options=ingest_options(settings.ingest, passage_sentences=settings.drafting.max_sentences),
        embedder=choice,
        multilingual_share=settings.embedder.multilingual_share,
    )


def ingest_options(cfg: IngestSettings, *, passage_sentences: int = 0) -> IngestOptions:
    """How documents are prepared, from the ``ingest`` settings (``passage_sentences``: the
    drafter's ``drafting.max_sentences``, for passage vectors pooled at ingest)."""
    return IngestOptions(
        chunk_tokens=cfg.chunk_tokens,
        overlap_tokens=cfg.overlap_tokens,
        scrub_tickets=cfg.scrub_pii_tickets,
        scrub_articles=cfg.scrub_pii_articles,
        batch_size=cfg.batch_size,
        passage_sentences=passage_sentences,
    )
