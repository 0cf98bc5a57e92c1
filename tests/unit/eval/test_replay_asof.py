"""As-of visibility rules and ticket loading for replay."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from copilot.domain import Document
from eval.asof import ReplayTicket, Visibility, load_replay_tickets

DAY = 86400.0


def _ticket(
    tid: str,
    day: int | None,
    *,
    thread: str | None = None,
    resolved_day: int | None = None,
) -> ReplayTicket:
    created = datetime(2026, 1, day, 12, tzinfo=UTC) if day else None
    resolved = datetime(2026, 1, resolved_day, 12, tzinfo=UTC) if resolved_day else None
    return ReplayTicket(
        doc=Document(id=tid, kind="ticket", title="t", body="b", created_at=created),
        thread_id=thread,
        resolved_at=resolved,
    )


def test_filters_hide_knowledge_created_at_or_after_the_ticket() -> None:
    """If this fails, a replayed ticket can see knowledge written after it was created."""
    ticket = _ticket("a", 10)
    filters = Visibility([ticket]).filters_for(ticket)
    assert filters.available_before == ticket.created
    assert "a" in filters.exclude_doc_ids


def test_recent_ticket_is_hidden_until_its_resolution_lag_has_passed() -> None:
    """If this fails, a ticket sees the answer to another ticket that was not yet resolved."""
    earlier, later = _ticket("early", 10), _ticket("later", 11)
    same_day = Visibility([earlier, later], resolution_lag_s=2 * DAY)
    assert "early" in same_day.filters_for(later).exclude_doc_ids
    short = Visibility([earlier, later], resolution_lag_s=0.5 * DAY)
    assert "early" not in short.filters_for(later).exclude_doc_ids


def test_known_resolution_time_overrides_the_lag() -> None:
    """If this fails, a ticket resolved late leaks its resolution to tickets in between."""
    slow = _ticket("slow", 2, resolved_day=20)
    middle = _ticket("middle", 10)
    vis = Visibility([slow, middle], resolution_lag_s=DAY)
    assert "slow" in vis.filters_for(middle).exclude_doc_ids
    after = _ticket("after", 21)
    assert "slow" not in Visibility([slow, after]).filters_for(after).exclude_doc_ids


def test_other_tickets_of_the_same_thread_are_always_hidden() -> None:
    """If this fails, a follow-up message sees the earlier part of its own conversation."""
    first, second = _ticket("m1", 1, thread="x"), _ticket("m2", 25, thread="x")
    vis = Visibility([first, second], resolution_lag_s=0)
    assert "m1" in vis.filters_for(second).exclude_doc_ids


def test_undated_ticket_sees_everything_but_itself() -> None:
    """If this fails, tickets without a timestamp are wrongly cut off from all knowledge."""
    undated = _ticket("u", None)
    filters = Visibility([undated, _ticket("d", 3)]).filters_for(undated)
    assert filters.available_before is None
    assert filters.exclude_doc_ids == frozenset({"u"})


def test_knowledge_kinds_restrict_what_a_ticket_may_draw_on() -> None:
    """If this fails, replay ignores replay.knowledge_kinds (e.g. past tickets leak in)."""
    ticket = _ticket("a", 5)
    filters = Visibility([ticket], kinds=("article", "wiki")).filters_for(ticket)
    assert filters.kinds == ("article", "wiki")


def test_tickets_load_in_time_order_with_undated_last_and_extra_fields(tmp_path: Path) -> None:
    """If this fails, replay runs tickets out of order or loses thread and resolution times."""
    rows = [
        {"id": "c", "body": "x", "created_at": None},
        {"id": "b", "body": "x", "created_at": "2026-02-01T00:00:00Z", "thread_id": "t1"},
        {
            "id": "a",
            "body": "x",
            "created_at": "2026-01-01T00:00:00Z",
            "resolved_at": "2026-01-03T00:00:00Z",
        },
        {"id": "bad"},
    ]
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    tickets, errors = load_replay_tickets(path)
    assert [t.id for t in tickets] == ["a", "b", "c"]
    assert tickets[1].thread_id == "t1"
    assert tickets[0].resolved_at == datetime(2026, 1, 3, tzinfo=UTC)
    assert len(errors) == 1
