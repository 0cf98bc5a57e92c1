"""No leakage: a replayed ticket never sees itself, its resolution, or anything newer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from copilot.backends.embedder import Vectors
from copilot.backends.lexical_index import LexicalIndex
from copilot.backends.vector_index import DelegatingVectorIndex, VectorIndex
from copilot.domain import Chunk, ScoredChunk, SearchFilters
from copilot.services import Components
from eval.asof import ReplayTicket, Visibility, load_replay_tickets
from eval.compose import build_observer
from eval.observation import Observation
from eval.ticket_loop import TicketObserver, observe_all
from tests.unit.replay_fixtures import ingested

LAG_S = 20 * 86400.0  # longer than the gap between some tickets: the lag matters


class Recorder:
    """Remembers every chunk any index returned while a ticket was being replayed."""

    def __init__(self) -> None:
        self.current: ReplayTicket | None = None
        self.seen: list[tuple[ReplayTicket, Chunk]] = []

    def note(self, hits: list[ScoredChunk]) -> list[ScoredChunk]:
        assert self.current is not None
        self.seen.extend((self.current, h.chunk) for h in hits)
        return hits


class RecordingVectors(DelegatingVectorIndex):
    def __init__(self, inner: VectorIndex, recorder: Recorder) -> None:
        super().__init__(inner)
        self.recorder = recorder

    def query(
        self, vector: Vectors, *, k: int, filters: SearchFilters | None = None
    ) -> list[ScoredChunk]:
        return self.recorder.note(self.inner.query(vector, k=k, filters=filters))


class RecordingLexical:
    def __init__(self, inner: LexicalIndex, recorder: Recorder) -> None:
        self.inner, self.recorder = inner, recorder

    def upsert(self, chunks: Sequence[Chunk]) -> None:
        self.inner.upsert(chunks)

    def delete(self, ids: Sequence[str]) -> None:
        self.inner.delete(ids)

    def ids_for_doc(self, doc_id: str) -> set[str]:
        return self.inner.ids_for_doc(doc_id)

    def count(self) -> int:
        return self.inner.count()

    def query(
        self, text: str, *, k: int, filters: SearchFilters | None = None
    ) -> list[ScoredChunk]:
        return self.recorder.note(self.inner.query(text, k=k, filters=filters))


class Tagging:
    """Tells the recorder which ticket is being replayed."""

    def __init__(self, inner: TicketObserver, recorder: Recorder) -> None:
        self.inner, self.recorder = inner, recorder

    def observe(self, ticket: ReplayTicket, filters: SearchFilters) -> Observation:
        self.recorder.current = ticket
        return self.inner.observe(ticket, filters)


def _replay(copilot: Components, tickets_file: Path) -> tuple[list[ReplayTicket], Recorder]:
    recorder = Recorder()
    # Record what retrieval receives (after any post-filtering), for drafts and support alike.
    observer = build_observer(
        copilot,
        vector_index=RecordingVectors(copilot.vector_index, recorder),
        lexical_index=RecordingLexical(copilot.lexical_index, recorder),
    )
    tickets, _ = load_replay_tickets(tickets_file)
    observe_all(
        tickets,
        visibility=Visibility(tickets, resolution_lag_s=LAG_S),
        observer=Tagging(observer, recorder),
    )
    return tickets, recorder


def test_replayed_ticket_never_retrieves_itself_its_resolution_or_later_knowledge(
    fake_copilot: Components, tmp_path: Path
) -> None:
    """If this fails, replay leaks: a ticket saw itself, its answer or future knowledge."""
    tickets_file = ingested(fake_copilot, tmp_path / "data")
    tickets, recorder = _replay(fake_copilot, tickets_file)
    created = {t.id: t.created for t in tickets}
    resolutions = {t.id: t.doc.resolution or "" for t in tickets}
    assert any(c.kind == "ticket" for _, c in recorder.seen), "no past ticket was ever seen"
    for ticket, chunk in recorder.seen:
        assert ticket.created is not None
        assert chunk.doc_id != ticket.id
        assert resolutions[ticket.id] not in chunk.text
        if chunk.kind == "ticket":
            source_created = created[chunk.doc_id]
            assert source_created is not None
            assert source_created + LAG_S < ticket.created
        else:
            assert chunk.available_at < ticket.created


def test_article_published_after_a_ticket_is_never_retrieved_for_it(
    fake_copilot: Components, tmp_path: Path
) -> None:
    """If this fails, tickets older than an article were answered from that future article."""
    tickets_file = ingested(fake_copilot, tmp_path / "data")
    _, recorder = _replay(fake_copilot, tickets_file)
    published = datetime(2026, 6, 1, tzinfo=UTC).timestamp()
    late = [(t, c) for t, c in recorder.seen if c.doc_id == "kb-4"]
    assert any(t.created and t.created > published for t, _ in late), "late article never used"
    assert all(t.created and t.created > published for t, _ in late)


def test_ticket_of_the_same_thread_is_never_retrieved(
    fake_copilot: Components, tmp_path: Path
) -> None:
    """If this fails, a follow-up ticket saw the earlier message of its own conversation."""
    folder = tmp_path / "data"
    tickets_file = ingested(fake_copilot, folder)
    lines = tickets_file.read_text().splitlines()
    # Put every webhook ticket into one thread.
    threaded = [
        line.replace('"tags": ["webhook"]', '"tags": ["webhook"], "thread_id": "th-1"')
        for line in lines
    ]
    tickets_file.write_text("\n".join(threaded) + "\n")
    tickets, recorder = _replay(fake_copilot, tickets_file)
    thread = {t.id for t in tickets if t.thread_id == "th-1"}
    assert len(thread) > 1
    for ticket, chunk in recorder.seen:
        if ticket.id in thread:
            assert chunk.doc_id not in thread
