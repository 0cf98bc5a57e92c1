"""Composition root: builds the configured backends once, lazily, from ``Settings``.

Nothing heavy happens at import or construction time; the embedding model loads on first use.
"""

from __future__ import annotations

from functools import cached_property

from copilot.backends.embedder import EMBEDDERS, Embedder, build_embedder
from copilot.backends.lexical_index import LEXICAL_INDEXES, LexicalIndex, build_lexical_index
from copilot.backends.vector_index import VECTOR_INDEXES, VectorIndex, build_vector_index
from copilot.drafting import ExtractiveDrafter
from copilot.errors import NoIndexError
from copilot.retrieval import Retriever
from copilot.settings import Settings


class Copilot:
    """The configured components of one process (CLI run, server worker, replay)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        EMBEDDERS.check(settings.embedder.kind)
        VECTOR_INDEXES.check(settings.index.kind)
        LEXICAL_INDEXES.check(settings.lexical.kind)

    @cached_property
    def embedder(self) -> Embedder:
        return build_embedder(self.settings.embedder)

    @cached_property
    def vector_index(self) -> VectorIndex:
        return build_vector_index(
            self.settings.index,
            self.settings.data_dir,
            model_id=self.embedder.model_id,
            dimension=self.embedder.dimension,
        )

    @cached_property
    def lexical_index(self) -> LexicalIndex:
        return build_lexical_index(self.settings.lexical, self.settings.data_dir)

    @cached_property
    def retriever(self) -> Retriever:
        return Retriever(
            embedder=self.embedder,
            vector_index=self.vector_index,
            lexical_index=self.lexical_index,
            mode=self.settings.retrieval.mode,
            candidates=self.settings.retrieval.candidates,
        )

    @cached_property
    def drafter(self) -> ExtractiveDrafter:
        return ExtractiveDrafter(self.retriever, settings=self.settings.drafting)

    def require_index(self) -> None:
        """Raise ``NoIndexError`` unless something has been ingested."""
        data_dir = self.settings.data_dir
        if self.settings.index.kind == "chroma" and not (data_dir / "chroma").exists():
            raise NoIndexError(str(data_dir))
        if self.vector_index.count() == 0:
            raise NoIndexError(str(data_dir))
