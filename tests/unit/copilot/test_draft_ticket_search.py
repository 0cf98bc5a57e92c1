"""Drafts skip work that cannot change them: a past-ticket search over an index without
tickets, and counting every chunk to learn that the index is not empty."""

from __future__ import annotations

from pathlib import Path

from copilot.backends.embedder import Vectors
from copilot.backends.vector_index import DelegatingVectorIndex, VectorIndex
from copilot.cli.commands import ingest_path
from copilot.domain import ScoredChunk, SearchFilters, Ticket
from copilot.drafting import retrieve_for_draft
from copilot.services import Components
from copilot.settings import load_settings
from tests.unit.replay_fixtures import articles, tickets, write_jsonl


class CountingVectors(DelegatingVectorIndex):
    """Counts the searches limited to past tickets."""

    def __init__(self, inner: VectorIndex) -> None:
        super().__init__(inner)
        self.ticket_searches = 0

    def query(
        self, vector: Vectors, *, k: int, filters: SearchFilters | None = None
    ) -> list[ScoredChunk]:
        if filters is not None and filters.kinds == ("ticket",):
            self.ticket_searches += 1
        return self.inner.query(vector, k=k, filters=filters)


def test_past_tickets_are_searched_only_once_tickets_are_indexed(tmp_path: Path) -> None:
    """If this fails, every draft over articles alone pays a search that cannot find
    anything, or a draft stops finding past tickets once some are indexed."""
    settings = load_settings(
        data_dir=tmp_path / "data", embedder={"kind": "fake"}, index={"kind": "memory"}
    )
    components = Components(settings)
    source = write_jsonl(tmp_path / "articles.jsonl", articles())
    ingest_path(components, source, kind="article", fmt="jsonl", sync=False, show_progress=False)
    counting = CountingVectors(components.vector_index)
    retriever = components.build_retriever(vector_index=counting)
    question = Ticket(body="How do I reset my password?").text
    before = retrieve_for_draft(retriever, question, docs=3, filters=None)
    assert counting.ticket_searches == 0
    assert before
    rows = write_jsonl(tmp_path / "tickets.jsonl", tickets())
    ingest_path(components, rows, kind="ticket", fmt="jsonl", sync=False, show_progress=False)
    after = retrieve_for_draft(retriever, question, docs=3, filters=None)
    assert counting.ticket_searches == 1
    assert any(group.passages[0].chunk.kind == "ticket" for group in after)


class UncountableVectors(DelegatingVectorIndex):
    """A vector index whose count must not be asked for."""

    def count(self) -> int:
        raise AssertionError("counted every chunk of the vector index")


def test_a_filled_index_is_recognised_without_counting_every_chunk(tmp_path: Path) -> None:
    """If this fails, every API draft counts all chunks of Chroma again (~11 ms at 100k)."""
    settings = load_settings(
        data_dir=tmp_path / "data", embedder={"kind": "fake"}, index={"kind": "memory"}
    )
    components = Components(settings)
    source = write_jsonl(tmp_path / "articles.jsonl", articles())
    ingest_path(components, source, kind="article", fmt="jsonl", sync=False, show_progress=False)
    components.__dict__["vector_index"] = UncountableVectors(components.vector_index)
    components.require_index()
    assert not components.lexical_index.is_empty()  # type: ignore[attr-defined]
