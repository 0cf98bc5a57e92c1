"""Resumable replay: checkpoints keep finished observations; a re-run only does the rest."""

from __future__ import annotations

import contextlib
from pathlib import Path

from copilot.domain import Document, SearchFilters
from eval.asof import ReplayTicket, Visibility
from eval.checkpoint import Checkpoint
from eval.observation import Observation
from eval.ticket_loop import observe_all


class CountingObserver:
    """Makes trivial observations and counts them; can be told to fail after N."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.calls = 0
        self.fail_after = fail_after

    def observe(self, ticket: ReplayTicket, filters: SearchFilters) -> Observation:
        if self.fail_after is not None and self.calls >= self.fail_after:
            raise KeyboardInterrupt  # the run is killed here
        self.calls += 1
        return Observation(
            id=ticket.id,
            raw_confidence=0.5,
            escalate=False,
            reasons=[],
            retrieved_doc_ids=[],
            retrieved_kinds=[],
            retrieved_titles=[],
            draft="d",
            answer="a",
            agreement=None,
            agreed=None,
            judge="none",
            judge_signals={},
            support_score=None,
            support_doc_id=None,
            supported=None,
            created_at=None,
            lang="en",
        )


def _tickets(n: int) -> list[ReplayTicket]:
    return [ReplayTicket(Document(id=f"t{i}", kind="ticket", title="", body="b")) for i in range(n)]


def _run(
    tickets: list[ReplayTicket], observer: CountingObserver, folder: Path, key: str
) -> list[Observation]:
    checkpoint = Checkpoint(folder, fingerprint=key, sync_every=1)
    try:
        return observe_all(
            tickets, visibility=Visibility(tickets), observer=observer, checkpoint=checkpoint
        )
    finally:
        checkpoint.close()


def test_killed_replay_continues_where_it_stopped(tmp_path: Path) -> None:
    """If this fails, a long replay killed midway must start again from scratch."""
    tickets = _tickets(10)
    first = CountingObserver(fail_after=4)
    with contextlib.suppress(KeyboardInterrupt):
        _run(tickets, first, tmp_path, "k")
    second = CountingObserver()
    done = _run(tickets, second, tmp_path, "k")
    assert second.calls == 6
    assert [o.id for o in done] == [t.id for t in tickets]


def test_line_cut_short_by_a_kill_is_observed_again(tmp_path: Path) -> None:
    """If this fails, a half-written checkpoint line crashes the re-run or loses a ticket."""
    tickets = _tickets(3)
    _run(tickets, CountingObserver(), tmp_path, "k")
    path = tmp_path / "observations.jsonl"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:2]) + "\n" + lines[2][:15])
    again = CountingObserver()
    done = _run(tickets, again, tmp_path, "k")
    assert again.calls == 1
    assert len(done) == 3
    assert _run(tickets, CountingObserver(), tmp_path, "k")[2].id == "t2"


def test_checkpoint_of_other_data_or_settings_is_not_reused(tmp_path: Path) -> None:
    """If this fails, a re-run mixes observations made under different settings."""
    tickets = _tickets(3)
    _run(tickets, CountingObserver(), tmp_path, "old")
    fresh = CountingObserver()
    _run(tickets, fresh, tmp_path, "new")
    assert fresh.calls == 3
    assert len((tmp_path / "observations.old.jsonl").read_text().splitlines()) == 3
