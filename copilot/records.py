"""Records: drafts, agent feedback and replay runs in a SQL database (SQLAlchemy).

A SQLite file in the data dir by default; PostgreSQL is a URL change (``records.url``). Several
server workers write to one database, so SQLite runs in WAL mode with a busy timeout, and every
write is one short transaction that starts with its write (no read-then-upgrade deadlocks).

The feedback loop: each draft the API returns is stored with its confidence; the agent's verdict
(accepted, edited, rejected) is stored with the text actually sent and the word-level edit
distance between draft and sent text. ``labelled_examples`` turns both into calibration data.
"""

from __future__ import annotations

import difflib
import logging
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, get_args

from sqlalchemy import (
    JSON,
    DateTime,
    Engine,
    ForeignKey,
    String,
    Text,
    create_engine,
    delete,
    event,
    func,
    make_url,
    select,
)
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from copilot.datafiles import records_fix, sqlite_failure
from copilot.domain import Draft, Ticket
from copilot.errors import (
    BackendUnavailableError,
    ConfigError,
    CopilotError,
    DataDirNotWritableError,
    InputError,
    NotFoundError,
)
from copilot.pii import names_beside_placeholders, scrub
from copilot.settings import RecordsSettings, StoreText

WRITABLE_FIX = "Make it writable, or pass another --data-dir (or records.url)."

log = logging.getLogger(__name__)

Verdict = Literal["accepted", "edited", "rejected"]
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
# Above this many cells the exact edit-distance table is too slow for a request; see below.
_EXACT_LIMIT = 1_000_000


class Base(DeclarativeBase):
    """Declarative base of the records tables."""


class DraftRow(Base):
    """One draft the copilot returned."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    ticket_id: Mapped[str | None] = mapped_column(String(200))
    subject: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float]
    # The uncalibrated score a calibrator is fitted on, when the drafter reports one.
    raw_confidence: Mapped[float | None]
    escalate: Mapped[bool]
    reasons: Mapped[list[str]] = mapped_column(JSON)
    citations: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    drafter: Mapped[str] = mapped_column(String(64))


class FeedbackRow(Base):
    """One verdict of an agent on a draft (a draft may get several; the latest counts)."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    draft_id: Mapped[str] = mapped_column(ForeignKey("drafts.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    verdict: Mapped[str] = mapped_column(String(16))
    final_text: Mapped[str | None] = mapped_column(Text)
    edit_distance: Mapped[int]
    edit_ratio: Mapped[float]


class ReplayRunRow(Base):
    """A replay run whose report folder may live anywhere."""

    __tablename__ = "replay_runs"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    tickets: Mapped[int]
    deflection_rate: Mapped[float]
    ci_low: Mapped[float]
    ci_high: Mapped[float]
    threshold: Mapped[float]


@dataclass(frozen=True)
class FeedbackRecord:
    """A stored verdict, as the API returns it."""

    id: int
    draft_id: str
    verdict: Verdict
    edit_distance: int
    edit_ratio: float

    def as_json(self) -> dict[str, object]:
        """The ``POST /api/v1/feedback`` response shape."""
        return {
            "feedback_id": self.id,
            "draft_id": self.draft_id,
            "verdict": self.verdict,
            "edit_distance": self.edit_distance,
            "edit_ratio": round(self.edit_ratio, 4),
        }


@dataclass(frozen=True)
class ReplayRun:
    """Headline numbers of a replay run and where its report folder is."""

    id: str
    path: str
    created_at: datetime
    tickets: int
    deflection_rate: float
    ci_low: float
    ci_high: float
    threshold: float


def default_url(data_dir: Path) -> str:
    """The SQLite file used when ``records.url`` is empty."""
    return f"sqlite:///{(data_dir / 'records.sqlite').resolve()}"


def edit_distance(draft: str, sent: str) -> int:
    """Word-level Levenshtein distance: words inserted, deleted or replaced to turn one into
    the other.

    Common leading and trailing words are skipped first (edits are usually local). When the rest
    is still too large for an exact table, the cost of difflib's edit script is returned: a
    valid sequence of edits, so an upper bound that is exact for most real edits.
    """
    a, b = draft.split(), sent.split()
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[start : len(a) - end], b[start : len(b) - end]
    if not a or not b:
        return max(len(a), len(b))
    if len(a) * len(b) > _EXACT_LIMIT:
        opcodes = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
        return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in opcodes if tag != "equal")
    previous = list(range(len(b) + 1))
    for i, word in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
            )
        previous = current
    return previous[-1]


def edit_ratio(draft: str, sent: str, distance: int) -> float:
    """The edit distance as a share of the longer text's words (0 unchanged, 1 rewritten)."""
    return distance / max(len(draft.split()), len(sent.split()), 1)


@dataclass(frozen=True)
class PurgeReport:
    """What ``Records.purge`` deleted."""

    drafts: int
    feedback: int
    older_than_days: int
    cutoff: datetime

    def as_json(self) -> dict[str, object]:
        """The ``copilot records purge --json`` shape."""
        return {
            "drafts": self.drafts,
            "feedback": self.feedback,
            "older_than_days": self.older_than_days,
            "cutoff": self.cutoff.isoformat(),
        }


class Records:
    """Drafts, feedback and replay runs in one SQL database.

    ``store_text`` says what is kept of customer text (ticket subject and body, the text an
    agent sent): ``"scrubbed"`` (PII replaced, the default), ``"none"`` or ``"raw"``. The draft
    text is the copilot's own words but may greet the customer by name, so it is scrubbed
    unless ``"raw"``.
    """

    def __init__(self, url: str, *, store_text: StoreText = "scrubbed") -> None:
        self.url = url
        self.store_text = store_text
        self._engine = _engine(url)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)

    @classmethod
    def open(
        cls, settings: RecordsSettings, data_dir: Path, *, apply_retention: bool = True
    ) -> Records:
        """The configured database with its tables created and ``retention_days`` applied."""
        records = cls(settings.url or default_url(data_dir), store_text=settings.store_text)
        records.create_schema()
        if apply_retention and settings.retention_days:
            records.purge(older_than_days=settings.retention_days)
        return records

    def create_schema(self) -> None:
        """Create missing tables (safe when several workers start at once)."""
        for attempt in range(5):
            try:
                Base.metadata.create_all(self._engine)
                return
            except OperationalError as exc:
                # Another worker created the same table between our check and our CREATE.
                if attempt == 4 or not _transient(exc):
                    raise self._unavailable(exc) from exc
                time.sleep(0.2 * (attempt + 1))
            except DatabaseError as exc:  # not a database at all: no retry helps
                raise self._unavailable(exc) from exc

    def close(self) -> None:
        """Release pooled connections."""
        self._engine.dispose()

    def add_draft(self, draft: Draft, *, ticket: Ticket, drafter: str) -> str:
        """Store ``draft`` and the ticket text as ``store_text`` says; returns the new draft id."""
        draft_id = uuid.uuid4().hex
        names = [ticket.customer_name] if ticket.customer_name else []
        row = DraftRow(
            id=draft_id,
            created_at=datetime.now(UTC),
            ticket_id=ticket.id,
            subject=self._customer_text(ticket.subject, names=names),
            body=self._customer_text(ticket.body, names=names),
            lang=draft.lang,
            text=self._own_text(draft.text, names=names),
            confidence=float(draft.confidence),
            raw_confidence=draft.raw_confidence,
            escalate=draft.escalate,
            reasons=list(draft.reasons),
            citations=[
                {**c, "quote": self._own_text(str(c.get("quote") or ""), names=names)}
                for c in _citations(draft)
            ],
            drafter=drafter,
        )
        self._write([row])
        return draft_id

    def add_feedback(
        self, draft_id: str, *, verdict: Verdict, final_text: str | None
    ) -> FeedbackRecord:
        """Store an agent's verdict on a draft with the edit distance to the text sent.

        ``final_text`` defaults to the draft itself for "accepted"; "edited" needs it.
        """
        if verdict not in VERDICTS:
            raise InputError(f"Unknown verdict {verdict!r}: use one of {', '.join(VERDICTS)}.")
        if verdict == "edited" and final_text is None:
            raise InputError('An "edited" verdict needs final_text: the text actually sent.')
        draft_text = self._draft_text(draft_id)
        if final_text is not None and self.store_text != "raw":
            # The stored draft has [NAME] where it greeted the customer: the words the agent
            # kept there are that name, and are scrubbed wherever the sent text repeats them.
            names = names_beside_placeholders(draft_text, final_text)
            final_text = scrub(final_text, names=names)
        sent = draft_text if final_text is None and verdict == "accepted" else final_text
        # A rejection without replacement text counts as deleting every word of the draft.
        distance = edit_distance(draft_text, sent or "")
        ratio = edit_ratio(draft_text, sent or "", distance)
        row = FeedbackRow(
            draft_id=draft_id,
            created_at=datetime.now(UTC),
            verdict=verdict,
            final_text=None if self.store_text == "none" else sent,
            edit_distance=distance,
            edit_ratio=ratio,
        )
        self._write([row])
        return FeedbackRecord(row.id, draft_id, verdict, distance, ratio)

    def purge(self, *, older_than_days: int, now: datetime | None = None) -> PurgeReport:
        """Delete drafts created more than ``older_than_days`` days ago, with their feedback,
        and any older feedback. Replay runs are kept (they hold no customer text)."""
        if older_than_days < 0:
            raise InputError("older_than_days must be 0 or more.")
        cutoff = (now or datetime.now(UTC)) - timedelta(days=older_than_days)
        old_drafts = select(DraftRow.id).where(DraftRow.created_at < cutoff)
        try:
            with self._sessions.begin() as session:
                feedback = _deleted(
                    session.execute(
                        delete(FeedbackRow).where(
                            (FeedbackRow.created_at < cutoff) | FeedbackRow.draft_id.in_(old_drafts)
                        )
                    )
                )
                drafts = _deleted(
                    session.execute(delete(DraftRow).where(DraftRow.created_at < cutoff))
                )
        except SQLAlchemyError as exc:
            raise self._unavailable(exc) from exc
        log.info("Purged %d drafts and %d feedback rows before %s", drafts, feedback, cutoff)
        return PurgeReport(drafts, feedback, older_than_days, cutoff)

    def record_replay_run(self, run: ReplayRun) -> None:
        """Insert or replace a replay run by id."""
        try:
            with self._sessions.begin() as session:
                session.merge(ReplayRunRow(**run.__dict__))
        except SQLAlchemyError as exc:
            raise self._unavailable(exc) from exc

    def replay_runs(self) -> list[ReplayRun]:
        """Recorded replay runs, newest first."""
        stmt = select(ReplayRunRow).order_by(ReplayRunRow.created_at.desc())
        try:
            with self._read() as session:
                rows = session.scalars(stmt).all()
        except SQLAlchemyError as exc:
            raise self._unavailable(exc) from exc
        return [
            ReplayRun(
                id=r.id,
                path=r.path,
                created_at=_utc(r.created_at),
                tickets=r.tickets,
                deflection_rate=r.deflection_rate,
                ci_low=r.ci_low,
                ci_high=r.ci_high,
                threshold=r.threshold,
            )
            for r in rows
        ]

    def counts(self) -> dict[str, int]:
        """How many drafts and feedback rows are stored."""
        with self._read() as session:
            drafts = session.scalar(select(func.count()).select_from(DraftRow)) or 0
            feedback = session.scalar(select(func.count()).select_from(FeedbackRow)) or 0
        return {"drafts": int(drafts), "feedback": int(feedback)}

    def labelled_examples(
        self, *, max_edit_ratio: float = 0.3, with_text: bool = False
    ) -> Iterator[dict[str, object]]:
        """One example per draft with feedback (its latest verdict), oldest draft first.

        ``label`` is 1 when the draft was good enough to send: accepted, or edited by at most
        ``max_edit_ratio`` of its words; 0 otherwise. ``confidence`` is what the copilot
        predicted, so (confidence, label) pairs are calibration data.
        """
        latest = (
            select(FeedbackRow.draft_id, func.max(FeedbackRow.id).label("fid"))
            .group_by(FeedbackRow.draft_id)
            .subquery()
        )
        stmt = (
            select(DraftRow, FeedbackRow)
            .join(latest, latest.c.draft_id == DraftRow.id)
            .join(FeedbackRow, FeedbackRow.id == latest.c.fid)
            .order_by(DraftRow.created_at, DraftRow.id)
        )
        with self._read() as session:
            for draft, fb in session.execute(stmt):
                yield _example(draft, fb, max_edit_ratio=max_edit_ratio, with_text=with_text)

    def _customer_text(self, text: str | None, *, names: Sequence[str]) -> str | None:
        if text is None or self.store_text == "none":
            return None
        return text if self.store_text == "raw" else scrub(text, names=names)

    def _own_text(self, text: str, *, names: Sequence[str]) -> str:
        return text if self.store_text == "raw" else scrub(text, names=names)

    def _draft_text(self, draft_id: str) -> str:
        try:
            with self._read() as session:
                text = session.scalar(select(DraftRow.text).where(DraftRow.id == draft_id))
        except SQLAlchemyError as exc:
            raise self._unavailable(exc) from exc
        if text is None:
            raise NotFoundError(
                f"No draft with id {draft_id!r}: send the draft_id that POST /api/v1/drafts "
                "returned."
            )
        return text

    def _write(self, rows: Sequence[Base]) -> None:
        try:
            with self._sessions.begin() as session:
                session.add_all(rows)
        except SQLAlchemyError as exc:
            raise self._unavailable(exc) from exc

    def _read(self) -> Session:
        return self._sessions()

    def _unavailable(self, exc: Exception) -> CopilotError:
        url = make_url(self.url)
        if url.drivername.startswith("sqlite") and url.database and url.database != ":memory:":
            path = Path(url.database)
            cause = getattr(exc, "orig", None) or exc
            return sqlite_failure(f"The records database {path}", cause, fix=records_fix(path))
        where = url.render_as_string(hide_password=True)
        return BackendUnavailableError(
            f"The records database at {where} failed ({type(exc).__name__}): check records.url "
            "and that the database is reachable and writable."
        )


def purge_records(
    settings: RecordsSettings, data_dir: Path, *, older_than_days: int | None = None
) -> PurgeReport:
    """Delete drafts and feedback older than ``older_than_days`` (default: the configured
    ``records.retention_days``) from the configured database."""
    days = settings.retention_days if older_than_days is None else older_than_days
    if older_than_days is None and not days:
        raise InputError(
            "records.retention_days is 0 (keep forever): give --older-than-days N, or set "
            "records.retention_days in your config."
        )
    records = Records.open(settings, data_dir, apply_retention=False)
    try:
        return records.purge(older_than_days=days)
    finally:
        records.close()


def _deleted(result: Any) -> int:
    """Rows a DELETE removed (``CursorResult.rowcount``)."""
    return int(getattr(result, "rowcount", 0) or 0)


def _citations(draft: Draft) -> list[dict[str, Any]]:
    citations = draft.as_json()["citations"]
    assert isinstance(citations, list)
    return citations


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _example(
    draft: DraftRow, fb: FeedbackRow, *, max_edit_ratio: float, with_text: bool
) -> dict[str, object]:
    good = fb.verdict == "accepted" or (fb.verdict == "edited" and fb.edit_ratio <= max_edit_ratio)
    example: dict[str, object] = {
        "draft_id": draft.id,
        "created_at": _utc(draft.created_at).isoformat(),
        "ticket_id": draft.ticket_id,
        "lang": draft.lang,
        "confidence": draft.confidence,
        "raw_confidence": draft.raw_confidence,
        "escalate": draft.escalate,
        "reasons": draft.reasons,
        "cited_doc_ids": [c.get("doc_id") for c in draft.citations],
        "drafter": draft.drafter,
        "verdict": fb.verdict,
        "edit_distance": fb.edit_distance,
        "edit_ratio": round(fb.edit_ratio, 4),
        "label": int(good),
    }
    if with_text:
        example.update(
            subject=draft.subject, body=draft.body, draft=draft.text, final_text=fb.final_text
        )
    return example


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise ConfigError(
            f"records.url is not a database URL ({exc}): fix it in your config."
        ) from exc
    if not parsed.drivername.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataDirNotWritableError(
                f"The folder {folder}", problem=f"it cannot be created ({exc})", fix=WRITABLE_FIX
            ) from exc
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _transient(exc: OperationalError) -> bool:
    """A race between workers creating tables, not a damaged or read-only file."""
    text = str(exc.orig).lower()
    return "already exists" in text or "locked" in text or "busy" in text


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Deleted rows (purged or retention-expired text) are overwritten, not left in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()
