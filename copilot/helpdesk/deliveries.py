"""The redelivery guard: one note per ticket and question, however often a webhook arrives.

Helpdesks retry webhooks, and our own note updates the ticket, which may fire the trigger
again. Each note is claimed under a key made of the helpdesk, the ticket id and a hash of the
public conversation it answers, before any work starts; a second delivery with the same key
finds the claim and posts nothing. A failed attempt releases its claim so a later delivery may
try again; a claim left by a crashed process expires after ``stale_after_s``.

The table lives in the records database (``records.url``) and holds no ticket text.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, String, create_engine, delete, event, make_url, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

from copilot.errors import BackendUnavailableError


class _Base(DeclarativeBase):
    """Declarative base of the helpdesk table (kept apart from the records tables)."""


class DeliveryRow(_Base):
    """One claimed note: pending while it is drafted and posted, then posted."""

    __tablename__ = "helpdesk_deliveries"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    ticket_id: Mapped[str] = mapped_column(String(32), index=True)
    state: Mapped[str] = mapped_column(String(16))
    draft_id: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def delivery_key(kind: str, ticket_id: str, *, texts: Iterable[str]) -> str:
    """sha256 over the helpdesk, the ticket id and the texts a note answers."""
    digest = hashlib.sha256(f"{kind}\0{ticket_id}".encode())
    for text in texts:
        digest.update(b"\0" + " ".join(text.split()).encode())
    return digest.hexdigest()


class DeliveryLog:
    """Claims, posts and releases of webhook notes in one SQL table."""

    def __init__(
        self,
        engine: Engine,
        *,
        stale_after_s: float = 600.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.stale_after_s = stale_after_s
        self._clock = clock
        _Base.metadata.create_all(engine)

    @classmethod
    def open(cls, url: str) -> DeliveryLog:
        """The log in the database at ``url`` (a SQLAlchemy URL), its table created."""
        return cls(_engine(url))

    def claim(self, key: str, *, kind: str, ticket_id: str) -> bool:
        """True when this caller may post the note for ``key`` (nobody else holds it)."""
        now = datetime.fromtimestamp(self._clock(), tz=UTC)
        row = DeliveryRow(
            key=key, kind=kind, ticket_id=ticket_id, state="pending", draft_id=None, claimed_at=now
        )
        try:
            with self._sessions.begin() as session:
                session.add(row)
            return True
        except IntegrityError:
            return self._take_over_stale(key, now=now)
        except SQLAlchemyError as exc:
            raise _unavailable(exc) from exc

    def _take_over_stale(self, key: str, *, now: datetime) -> bool:
        with self._sessions.begin() as session:
            held = session.get(DeliveryRow, key, with_for_update=True)
            if held is None or held.state != "pending":
                return False
            age = now.timestamp() - _utc(held.claimed_at).timestamp()
            if age < self.stale_after_s:
                return False
            held.claimed_at = now
            return True

    def mark_posted(self, key: str, *, draft_id: str) -> None:
        """Record that the note for ``key`` is on the ticket."""
        with self._sessions.begin() as session:
            row = session.get(DeliveryRow, key)
            if row is not None:
                row.state, row.draft_id = "posted", draft_id

    def release(self, key: str) -> None:
        """Give up a pending claim (the attempt failed), so a redelivery may try again."""
        stmt = delete(DeliveryRow).where(DeliveryRow.key == key, DeliveryRow.state == "pending")
        with self._sessions.begin() as session:
            session.execute(stmt)

    def state(self, key: str) -> str | None:
        """``pending``, ``posted`` or None when nothing holds ``key``."""
        with self._sessions() as session:
            return session.scalar(select(DeliveryRow.state).where(DeliveryRow.key == key))

    def close(self) -> None:
        """Release pooled connections."""
        self._engine.dispose()


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _unavailable(exc: Exception) -> BackendUnavailableError:
    return BackendUnavailableError(
        f"The helpdesk delivery table failed ({type(exc).__name__}): check records.url and that "
        "the database is reachable and writable."
    )


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
    event.listen(engine, "connect", _wal)
    return engine


def _wal(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
