"""What-if replay: the same tickets again, with extra articles (drafted or hand-written) added.

The extra articles go into small in-memory overlay indexes that are searched together with the
real ones, so the real index is never touched. They count as having existed all along (no
timestamp): the question is "how many of these tickets would have been deflected if this
knowledge had been there". Lexical scores of the overlay come from its own small corpus and
are merged by score with the main index's; dense (cosine) scores merge exactly.
"""

from __future__ import annotations

import dataclasses
import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copilot.backends.embedder import Embedder, Vectors
from copilot.backends.lexical_index import (
    ChunkStore,
    FakeLexicalIndex,
    LexicalIndex,
    TermStatistics,
)
from copilot.backends.vector_index import FakeVectorIndex, VectorIndex
from copilot.domain import Chunk, Document, ScoredChunk, SearchFilters
from copilot.errors import InputError
from eval.articles import strip_draft_notes
from eval.gaps import Gap
from eval.metrics import Rate
from eval.scoring import Verdict
from ingest.chunking import chunk_document, embedding_text
from ingest.connectors import CONNECTORS, detect_format
from ingest.errors import ItemError


def load_extra_articles(folder: Path) -> list[Document]:
    """Articles from a folder of Markdown files (or a JSONL/CSV file), draft notes removed."""
    fmt = detect_format(folder)
    if fmt not in CONNECTORS:
        raise InputError(f"{folder}: give a folder of Markdown articles or a JSONL/CSV file.")
    docs = []
    for item in CONNECTORS[fmt].read(folder, kind="article"):
        if isinstance(item, ItemError):
            continue
        docs.append(
            dataclasses.replace(
                item,
                id=f"whatif:{item.id}",
                body=strip_draft_notes(item.body),
                created_at=None,
                updated_at=None,
            )
        )
    if not docs:
        raise InputError(f"{folder} holds no readable articles for the what-if replay.")
    return docs


def overlay_indexes(
    docs: Sequence[Document], *, embedder: Embedder, max_tokens: int = 200, overlap: int = 32
) -> tuple[FakeVectorIndex, FakeLexicalIndex]:
    """Chunk, embed and index ``docs`` in memory."""
    chunks = [
        c
        for d in docs
        for c in chunk_document(
            d,
            max_tokens=min(max_tokens, embedder.max_tokens),
            overlap_tokens=overlap,
            count_tokens=embedder.count_tokens,
        )
    ]
    vectors = FakeVectorIndex(model_id=embedder.model_id, dimension=embedder.dimension)
    vectors.upsert(chunks, embedder.embed_documents([embedding_text(c) for c in chunks]))
    lexical = FakeLexicalIndex()
    lexical.upsert(chunks)
    return vectors, lexical


def _merge(a: list[ScoredChunk], b: list[ScoredChunk], k: int) -> list[ScoredChunk]:
    return heapq.nlargest(k, [*a, *b], key=lambda s: (s.score, s.chunk.id))


class OverlayVectorIndex:
    """Searches a base vector index and an overlay together; writes go to the overlay."""

    def __init__(self, base: VectorIndex, overlay: VectorIndex) -> None:
        self.base = base
        self.overlay = overlay

    def upsert(self, chunks: Sequence[Chunk], vectors: Vectors) -> None:
        self.overlay.upsert(chunks, vectors)

    def delete(self, ids: Sequence[str]) -> None:
        self.overlay.delete(ids)

    def ids_for_doc(self, doc_id: str) -> set[str]:
        return self.base.ids_for_doc(doc_id) | self.overlay.ids_for_doc(doc_id)

    def query(
        self, vector: Vectors, *, k: int, filters: SearchFilters | None = None
    ) -> list[ScoredChunk]:
        return _merge(
            self.base.query(vector, k=k, filters=filters),
            self.overlay.query(vector, k=k, filters=filters),
            k,
        )

    def count(self) -> int:
        return self.base.count() + self.overlay.count()


class OverlayLexicalIndex:
    """Searches a base lexical index and an overlay together; writes go to the overlay."""

    def __init__(self, base: LexicalIndex, overlay: LexicalIndex) -> None:
        self.base = base
        self.overlay = overlay

    def upsert(self, chunks: Sequence[Chunk]) -> None:
        self.overlay.upsert(chunks)

    def delete(self, ids: Sequence[str]) -> None:
        self.overlay.delete(ids)

    def ids_for_doc(self, doc_id: str) -> set[str]:
        return self.base.ids_for_doc(doc_id) | self.overlay.ids_for_doc(doc_id)

    def chunks_for_doc(self, doc_id: str) -> list[Chunk]:
        """The document's chunks from the overlay when it has them, else from the base."""
        for index in (self.overlay, self.base):
            if isinstance(index, ChunkStore) and (found := index.chunks_for_doc(doc_id)):
                return found
        return []

    def query(
        self, text: str, *, k: int, filters: SearchFilters | None = None
    ) -> list[ScoredChunk]:
        return _merge(
            self.base.query(text, k=k, filters=filters),
            self.overlay.query(text, k=k, filters=filters),
            k,
        )

    def count(self) -> int:
        return self.base.count() + self.overlay.count()

    def document_frequencies(
        self, terms: Sequence[str], *, filters: SearchFilters | None = None
    ) -> tuple[dict[str, int], int]:
        """Both indexes' document frequencies added up (their documents are distinct)."""
        totals = {t: 0 for t in terms}
        docs = 0
        for index in (self.base, self.overlay):
            if isinstance(index, TermStatistics):
                df, n = index.document_frequencies(terms, filters=filters)
                docs += n
                for t, v in df.items():
                    totals[t] += v
        return totals, docs


@dataclass(frozen=True)
class GapUplift:
    """Deflection of one gap's tickets before and after adding the articles."""

    gap_id: str
    label: str
    tickets: int
    before: Rate
    after: Rate
    verified_before: Rate
    verified_after: Rate

    def as_json(self) -> dict[str, Any]:
        """Plain JSON data; ``uplift`` in percentage points of deflection rate."""
        return {
            "gap_id": self.gap_id,
            "label": self.label,
            "tickets": self.tickets,
            "before": self.before.as_json(),
            "after": self.after.as_json(),
            "uplift": round(self.after.rate - self.before.rate, 4),
            "verified_before": self.verified_before.as_json(),
            "verified_after": self.verified_after.as_json(),
            "verified_uplift": round(self.verified_after.rate - self.verified_before.rate, 4),
        }


def uplift(
    baseline: Sequence[Verdict], whatif: Sequence[Verdict], *, gaps: Sequence[Gap]
) -> dict[str, Any]:
    """Per-gap and overall deflection uplift of the what-if run over the baseline."""
    before = {v.id: v for v in baseline}
    after = {v.id: v for v in whatif}
    rows = []
    for gap in gaps:
        ids = [i for i in gap.ticket_ids if i in before and i in after]
        rows.append(
            GapUplift(
                gap_id=gap.id,
                label=gap.label,
                tickets=len(ids),
                before=_rate([before[i] for i in ids]),
                after=_rate([after[i] for i in ids]),
                verified_before=_verified([before[i] for i in ids]),
                verified_after=_verified([after[i] for i in ids]),
            )
        )
    shared = [i for i in before if i in after]
    overall_before = _rate([before[i] for i in shared])
    overall_after = _rate([after[i] for i in shared])
    return {
        "tickets": len(shared),
        "before": overall_before.as_json(),
        "after": overall_after.as_json(),
        "uplift": round(overall_after.rate - overall_before.rate, 4),
        "gaps": [r.as_json() for r in rows],
    }


def _rate(verdicts: Sequence[Verdict]) -> Rate:
    return Rate(sum(v.would_deflect for v in verdicts), len(verdicts))


def _verified(verdicts: Sequence[Verdict]) -> Rate:
    return Rate(sum(v.would_deflect and v.obs.agreed is True for v in verdicts), len(verdicts))
