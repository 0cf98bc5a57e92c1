"""Composition root: builds the configured backends once, lazily, from ``Settings``.

Nothing heavy happens at import or construction time; the embedding model loads on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property

from copilot.backends.caching_embedder import CachingEmbedder
from copilot.backends.embedder import Embedder, embedder_languages
from copilot.backends.embedder_registry import EMBEDDERS, build_embedder
from copilot.backends.lexical_index import LEXICAL_INDEXES, LexicalIndex, build_lexical_index
from copilot.backends.vector_cache import VectorCache
from copilot.backends.vector_index import (
    VECTOR_INDEXES,
    VectorIndex,
    build_vector_index,
    embedded_chroma_count,
)
from copilot.calibration import CALIBRATION_FILE, load_calibrator
from copilot.confidence import Calibrate
from copilot.drafting import Drafter, ExtractiveDrafter
from copilot.embedder_choice import AUTO, EmbedderChoice, resolve_choice, write_choice
from copilot.errors import NoIndexError
from copilot.retrieval import FusionWeights, Retriever
from copilot.settings import RetrievalSettings, Settings


def fusion_weights(cfg: RetrievalSettings, *, multilingual: bool) -> FusionWeights:
    """The hybrid weights for an English-only or a multilingual embedder."""
    if multilingual:
        return FusionWeights(
            dense=cfg.multilingual_dense_weight,
            lexical=cfg.multilingual_lexical_weight,
            heading=cfg.multilingual_heading_weight,
        )
    return FusionWeights(
        dense=cfg.dense_weight, lexical=cfg.lexical_weight, heading=cfg.heading_weight
    )


class Components:
    """The configured components of one process (CLI run, server worker, replay): embedder,
    indexes, retriever and drafter, each built from ``Settings`` on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        if settings.embedder.kind != AUTO:
            EMBEDDERS.check(settings.embedder.kind)
        VECTOR_INDEXES.check(settings.index.kind)
        LEXICAL_INDEXES.check(settings.lexical.kind)

    @cached_property
    def embedder_choice(self) -> EmbedderChoice:
        """The data dir's embedder kind (recorded by its first ingest) and why."""
        return resolve_choice(self.settings.embedder, self.settings.data_dir)

    def choose_embedder(self, languages: Callable[[], Sequence[str]]) -> EmbedderChoice:
        """Before an ingest: settle the data dir's embedder and record it.

        ``languages`` (those of the documents about to be indexed) is called only when
        ``embedder.kind = "auto"`` meets a data dir without an index or a recorded choice.
        """
        choice = resolve_choice(self.settings.embedder, self.settings.data_dir, languages=languages)
        if not choice.recorded:
            choice = write_choice(self.settings.data_dir, choice)
        before = self.__dict__.get("embedder_choice")
        if before is None or before.kind != choice.kind:  # built on a provisional guess
            built = ("embedder", "cached_embedder", "vector_index", "retriever", "drafter")
            for name in built:
                self.__dict__.pop(name, None)
        self.__dict__["embedder_choice"] = choice
        return choice

    @cached_property
    def embedder(self) -> Embedder:
        cfg = self.settings.embedder
        return build_embedder(cfg.model_copy(update={"kind": self.embedder_choice.kind}))

    @cached_property
    def cached_embedder(self) -> Embedder:
        """The embedder behind an LRU cache and the data dir's ``VectorCache``, for queries,
        headings and answer sentences that recur across drafts (ingest embeds chunks with
        the plain one, their texts never repeat, and heading lines through this one)."""
        store = VectorCache(
            self.settings.data_dir,
            model_id=self.embedder.model_id,
            dimension=self.embedder.dimension,
        )
        return CachingEmbedder(self.embedder, max_items=50_000, store=store)

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
        """The configured retriever over the data dir's indexes."""
        return self.build_retriever()

    def build_retriever(
        self,
        *,
        vector_index: VectorIndex | None = None,
        lexical_index: LexicalIndex | None = None,
    ) -> Retriever:
        """A retriever as configured, over other indexes where given (a what-if overlay)."""
        cfg = self.settings.retrieval
        langs = cfg.dense_langs or list(embedder_languages(self.embedder))
        return Retriever(
            embedder=self.cached_embedder,
            vector_index=self.vector_index if vector_index is None else vector_index,
            lexical_index=self.lexical_index if lexical_index is None else lexical_index,
            mode=cfg.mode,
            candidates=cfg.candidates,
            weights=fusion_weights(cfg, multilingual=len(set(langs)) > 1),
            dense_langs=langs,
            foreign_dense=cfg.foreign_dense_factor,
        )

    @cached_property
    def drafter(self) -> Drafter:
        """The extractive drafter, or the LLM chain when ``llm.kind`` names a chat model.

        ``calibrate`` maps the raw evidence score to a calibrated confidence; without it a
        draft's confidence is the raw score (``copilot.confidence.raw_score``).
        """
        return self.build_drafter(
            calibrate=load_calibrator(self.settings.data_dir / CALIBRATION_FILE)
        )

    def build_drafter(
        self, *, calibrate: Calibrate | None, retriever: Retriever | None = None
    ) -> Drafter:
        """A drafter as configured, with ``calibrate`` applied to its raw confidence, reading
        through ``retriever`` (default: the configured one)."""
        llm, drafting = self.settings.llm, self.settings.drafting
        retriever = self.retriever if retriever is None else retriever
        if llm.kind == "extractive":
            return ExtractiveDrafter(
                retriever, settings=drafting, docs=drafting.docs, calibrate=calibrate
            )
        from copilot.backends.llm import build_chat_model
        from copilot.chain import ChainDrafter, PromptTemplates

        return ChainDrafter(
            retriever,
            model=build_chat_model(llm),
            settings=drafting,
            templates=PromptTemplates.load(llm.prompts_dir),
            calibrate=calibrate,
            endpoint=f"{llm.base_url or llm.kind} (model {llm.model or '?'})",
        )

    def vector_count(self) -> int:
        """Chunks in the vector index; an embedded Chroma index is counted from its file,
        without loading chromadb or the embedding model."""
        if self.settings.index.kind == "chroma" and "vector_index" not in self.__dict__:
            found = embedded_chroma_count(self.settings.data_dir, self.settings.index.collection)
            if found is not None:
                return found
        return self.vector_index.count()

    def require_index(self) -> None:
        """Raise ``NoIndexError`` unless something has been ingested."""
        data_dir = self.settings.data_dir
        if self.settings.index.kind == "chroma" and not (data_dir / "chroma").exists():
            raise NoIndexError(str(data_dir))
        # Ingest fills both indexes; the SQLite BM25 index answers "any chunk?" with one row
        # read (counting 100k chunks in Chroma took ~11 ms of every API draft).
        is_empty = getattr(self.lexical_index, "is_empty", None)
        if is_empty is not None and not is_empty():
            return
        if self.vector_index.count() == 0:
            raise NoIndexError(str(data_dir))
