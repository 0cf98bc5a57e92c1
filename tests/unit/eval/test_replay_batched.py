"""Batched replay: blocks of tickets prefetched from Chroma give the one-by-one verdicts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from copilot.backends.embedder import FakeEmbedder, Vectors
from copilot.backends.vector_index import ChromaIndex
from copilot.domain import Kind, SearchFilters
from copilot.services import Components
from copilot.settings import load_settings
from eval.asof import ReplayTicket, Visibility, load_replay_tickets
from eval.compose import build_observer
from eval.observation import Observation
from eval.scoring import score_replay
from eval.ticket_loop import observe_all
from tests.unit.replay_fixtures import ingested

LAG_S = 20 * 86400.0
ARTICLES: tuple[Kind, ...] = ("article", "wiki")


@pytest.fixture
def chroma_components(tmp_path: Path) -> Components:
    """Fake embedder over the real embedded Chroma and SQLite BM25 (what prefetch serves)."""
    settings = load_settings(data_dir=tmp_path / "data", embedder={"kind": "fake"})
    return Components(settings)


def _replay(
    components: Components,
    tickets: list[ReplayTicket],
    *,
    block: int,
    kinds: tuple[Kind, ...] = ("article", "wiki", "ticket"),
) -> tuple[list[Observation], int]:
    observer = build_observer(components)
    visibility = Visibility(tickets, resolution_lag_s=LAG_S, kinds=kinds)
    observations = observe_all(tickets, visibility=visibility, observer=observer, block=block)
    index = components.vector_index  # the one the observer's retriever reads
    assert isinstance(index, ChromaIndex)
    return observations, index.prefetch_hits


def _comparable(observation: Observation) -> dict[str, Any]:
    data = observation.as_json()
    data.pop("seconds")
    return data


def test_a_batched_replay_gives_the_observations_and_verdicts_of_a_one_by_one_replay(
    chroma_components: Components, tmp_path: Path
) -> None:
    """If this fails, prefetching a block of tickets changed what a ticket sees (and so its
    draft, judge, support or verdict), or leaked another ticket's knowledge into it."""
    tickets, _ = load_replay_tickets(ingested(chroma_components, tmp_path / "ds"))
    single, single_hits = _replay(chroma_components, tickets, block=1)
    batched, batched_hits = _replay(chroma_components, tickets, block=8)
    assert single_hits == 0
    assert batched_hits >= len(tickets)  # the batched run really used the prefetched results
    assert [_comparable(o) for o in batched] == [_comparable(o) for o in single]
    options: dict[str, Any] = {"threshold": None, "target_precision": 0.9}
    one = score_replay(single, **options).verdicts
    many = score_replay(batched, **options).verdicts
    assert [(v.obs.id, v.would_deflect, v.failure_reason, v.confidence) for v in many] == [
        (v.obs.id, v.would_deflect, v.failure_reason, v.confidence) for v in one
    ]


def test_prefetched_neighbours_are_not_used_after_the_index_changes(
    chroma_components: Components, tmp_path: Path
) -> None:
    """If this fails, a write between prefetch and query serves stale neighbours."""
    ingested(chroma_components, tmp_path / "ds", with_tickets=False)
    index = chroma_components.vector_index
    assert isinstance(index, ChromaIndex)
    vector = chroma_components.embedder.embed_query("reset password")
    index.prefetch([(10, vector[None, :])])
    chunk = index.query(vector, k=1)[0].chunk
    index.delete([chunk.id])
    after = index.query(vector, k=10, filters=SearchFilters(kinds=("article",)))
    assert index.prefetch_hits == 0
    assert chunk.id not in {h.chunk.id for h in after}


class BatchSensitiveEmbedder(FakeEmbedder):
    """Like int8 ONNX with dynamic quantization: a text's vector depends a little on the
    other texts of its model call (here on how many there are); like MiniLM, it embeds a
    query as the same text's passage."""

    query_is_passage = True

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        vectors = super().embed_documents(texts)
        vectors[:, 1] += 0.01 * len(texts)
        normalized: Vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        return normalized


def _fresh_components(folder: Path) -> tuple[Components, Path]:
    settings = load_settings(data_dir=folder / "data", embedder={"kind": "fake"})
    components = Components(settings)
    tickets_file = ingested(components, folder / "ds")
    for built in ("cached_embedder", "retriever", "drafter"):
        components.__dict__.pop(built, None)
    components.__dict__["embedder"] = BatchSensitiveEmbedder()
    return components, tickets_file


def test_a_batched_replay_of_a_fresh_data_dir_embeds_every_text_as_a_one_by_one_replay(
    tmp_path: Path,
) -> None:
    """If this fails, the first batched replay of a data dir embeds some text in another
    model call than a one-by-one replay does, and with an embedder whose vectors depend on
    their batch (int8 ONNX) its observations differ."""
    one, tickets_file = _fresh_components(tmp_path / "one")
    many, _ = _fresh_components(tmp_path / "many")
    tickets, _ = load_replay_tickets(tickets_file)
    # Articles only: the fixture's past tickets tie, and two Chroma indexes may order ties
    # differently (here the data dirs differ, not only the block size).
    single, _ = _replay(one, tickets, block=1, kinds=ARTICLES)
    batched, batched_hits = _replay(many, tickets, block=8, kinds=ARTICLES)
    assert batched_hits >= len(tickets)
    assert [_comparable(o) for o in batched] == [_comparable(o) for o in single]
