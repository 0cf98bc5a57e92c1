"""The per-ticket loop of a replay: one observation per ticket, under its as-of filters.

A replay (``eval.replay_job``) sends historical tickets in time order against only the
knowledge that existed then. The expensive part is one *observation* per ticket: its draft
under the as-of filters (``eval.asof``), the judge's agreement with the human resolution and
the best visible support for that resolution. Observations are appended to a checkpoint as
they are made, so a killed run continues where it stopped, and they can be made by several
worker processes that share a Chroma server. Everything after that (calibration, verdicts,
metrics, gaps) is cheap and done in ``eval.scoring``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from multiprocessing import get_context
from typing import Any, Protocol

from copilot.domain import SearchFilters, Ticket
from copilot.drafting import Drafter
from eval.asof import ReplayTicket, Visibility
from eval.attribution import SupportFinder
from eval.checkpoint import Checkpoint
from eval.judging import Judge, answer_text
from eval.observation import Observation

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class TicketObserver(Protocol):
    """Makes the observation of one ticket under its as-of filters."""

    def observe(self, ticket: ReplayTicket, filters: SearchFilters) -> Observation:
        """Draft, judge and look for support, seeing only what ``filters`` let through."""
        ...


class ReplayObserver:
    """The standard observer: a drafter, a judge and a support finder."""

    def __init__(
        self, *, drafter: Drafter, judge: Judge, support: SupportFinder, brand: str = ""
    ) -> None:
        self.drafter = drafter
        self.judge = judge
        self.support = support
        self.brand = brand

    def prepare(self, tickets: Sequence[ReplayTicket]) -> int:
        """Before observing ``tickets``: embed the questions and resolutions they search with
        and fetch their dense neighbours in few requests (``Retriever.prefetch``). What each
        observation then finds is exactly what it finds without this; returns how many
        searches were prepared."""
        drafts = getattr(self.drafter, "retrieval_queries", None)
        queries: list[tuple[str, int]] = []
        support: list[tuple[str, int]] = []
        for ticket in tickets:
            if drafts is not None:
                queries += drafts(_ticket_query(ticket))
            if ticket.doc.resolution:
                support += self.support.retrieval_queries(ticket.doc.resolution)
        retriever = getattr(self.drafter, "retriever", None)
        if retriever is self.support.retriever:
            return int(retriever.prefetch(queries + support))
        done = self.support.retriever.prefetch(support)
        return done + (int(retriever.prefetch(queries)) if retriever is not None else 0)

    def observe(self, ticket: ReplayTicket, filters: SearchFilters) -> Observation:
        started = time.perf_counter()
        doc = ticket.doc
        query = _ticket_query(ticket)
        draft = self.drafter.draft(query, filters=filters)
        retrieved = list(dict.fromkeys(r.chunk.doc_id for r in draft.retrieved))
        kinds = {r.chunk.doc_id: r.chunk.kind for r in draft.retrieved}
        titles = {r.chunk.doc_id: r.chunk.title for r in draft.retrieved}
        answer = answer_text(draft.text, brand=self.brand) if draft.citations else ""
        judgement = None
        support = None
        if doc.resolution:
            self._warm_resolution(doc.resolution)
            judgement = self.judge.judge(
                question=query.text, answer=answer, resolution=doc.resolution, lang=draft.lang
            )
            support = self.support.find(doc.resolution, filters=filters, lang=draft.lang)
        extra = doc.extra
        return Observation(
            id=doc.id,
            raw_confidence=float(draft.confidence),
            escalate=draft.escalate,
            reasons=list(draft.reasons),
            retrieved_doc_ids=retrieved,
            retrieved_kinds=[kinds[d] for d in retrieved],
            retrieved_titles=[titles[d] for d in retrieved],
            draft=draft.text,
            answer=answer,
            agreement=None if judgement is None else judgement.score,
            agreed=None if judgement is None else judgement.agreed,
            judge=self.judge.name if judgement is None else judgement.method,
            judge_signals={} if judgement is None else judgement.signals,
            support_score=None if support is None else support.score,
            support_doc_id=None if support is None else support.doc_id,
            supported=None if support is None else support.supported,
            support_method="" if support is None else support.method,
            created_at=doc.created_at.isoformat() if doc.created_at else None,
            lang=draft.lang,
            tags=list(doc.tags),
            subject=doc.title,
            body=doc.body,
            resolution=doc.resolution,
            gold_article_ids=[str(g) for g in _as_list(extra.get("gold_article_ids"))],
            in_scope=_flag(extra.get("in_scope")),
            hidden=len(filters.exclude_doc_ids),
            seconds=time.perf_counter() - started,
            cited_doc_ids=list(dict.fromkeys(c.doc_id for c in draft.citations)),
            features={k: float(v) for k, v in draft.features.items()},
        )

    def _warm_resolution(self, resolution: str) -> None:
        """Embed the resolution's substance as the support search's query (``prepare`` did
        for a block) before the judge reads it: an embedder that serves one vector for both
        roles (``query_is_passage``) then gives the judge that vector in a one-by-one replay
        too, not one computed beside the draft's answer (int8 vectors depend on their batch)."""
        for query, _ in self.support.retrieval_queries(resolution):
            self.support.retriever.embedder.embed_query(query)


def _ticket_query(ticket: ReplayTicket) -> Ticket:
    doc = ticket.doc
    return Ticket(body=doc.body, subject=doc.title, lang=doc.lang, id=doc.id)


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


def observe_all(
    tickets: Sequence[ReplayTicket],
    *,
    visibility: Visibility,
    observer: TicketObserver | None = None,
    observer_factory: Callable[[], TicketObserver] | None = None,
    workers: int = 1,
    checkpoint: Checkpoint | None = None,
    progress: Progress | None = None,
    batch_size: int = 16,
    block: int = 64,
) -> list[Observation]:
    """Observe every ticket (those already in ``checkpoint`` are kept), in ``tickets`` order.

    Tickets go in blocks of ``block``: an observer with ``prepare`` (``ReplayObserver``)
    first embeds the block's questions and resolutions and fetches their neighbours from the
    vector index in few requests, then observes each ticket under its own as-of filters
    (``block=1`` is the one-by-one replay; the observations are the same).

    With ``workers`` > 1 the work is spread over processes, each building its own observer
    with ``observer_factory`` (a picklable callable); the indexes must then be shareable
    between processes (a Chroma server, SQLite BM25).
    """
    done = checkpoint.load() if checkpoint else {}
    todo = [t for t in tickets if t.id not in done]
    total = len(tickets)
    if progress:
        progress(total - len(todo), total)
    if todo and workers > 1:
        if observer_factory is None:
            raise ValueError("parallel replay needs an observer_factory")
        made = _observe_parallel(todo, visibility, observer_factory, workers, batch_size)
    else:
        local = observer or (observer_factory() if observer_factory else None)
        if local is None:
            raise ValueError("replay needs an observer or an observer_factory")
        made = _observe_blocks(local, todo, visibility, block)
    for count, obs in enumerate(made, start=1):
        done[obs.id] = obs
        if checkpoint:
            checkpoint.append(obs)
        if progress:
            progress(total - len(todo) + count, total)
    if checkpoint:
        checkpoint.flush()
    return [done[t.id] for t in tickets]


def _observe_blocks(
    observer: TicketObserver, todo: Sequence[ReplayTicket], visibility: Visibility, block: int
) -> Iterator[Observation]:
    prepare = getattr(observer, "prepare", None)
    for start in range(0, len(todo), max(1, block)):
        part = todo[start : start + max(1, block)]
        if prepare is not None and len(part) > 1:
            prepare(part)
        for ticket in part:
            yield observer.observe(ticket, visibility.filters_for(ticket))


# --- parallel workers -------------------------------------------------------------------------

_WORKER: TicketObserver | None = None


def _init_worker(factory: Callable[[], TicketObserver]) -> None:
    global _WORKER  # one observer per worker process, built once
    _WORKER = factory()


def _observe_batch(batch: list[tuple[ReplayTicket, SearchFilters]]) -> list[dict[str, Any]]:
    if _WORKER is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("replay worker was not initialised")
    prepare = getattr(_WORKER, "prepare", None)
    if prepare is not None and len(batch) > 1:
        prepare([ticket for ticket, _ in batch])
    return [_WORKER.observe(ticket, filters).as_json() for ticket, filters in batch]


def _observe_parallel(
    todo: Sequence[ReplayTicket],
    visibility: Visibility,
    factory: Callable[[], TicketObserver],
    workers: int,
    batch_size: int,
) -> Iterator[Observation]:
    batches = [
        [(t, visibility.filters_for(t)) for t in todo[i : i + batch_size]]
        for i in range(0, len(todo), batch_size)
    ]
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=_init_worker,
        initargs=(factory,),
    ) as pool:
        pending: set[Future[list[dict[str, Any]]]] = set()
        queue = iter(batches)
        for batch in queue:
            pending.add(pool.submit(_observe_batch, batch))
            if len(pending) >= workers * 2:
                break
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                for data in future.result():
                    yield Observation.from_json(data)
                nxt = next(queue, None)
                if nxt is not None:
                    pending.add(pool.submit(_observe_batch, nxt))
