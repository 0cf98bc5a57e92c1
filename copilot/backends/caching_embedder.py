"""An embedder behind an in-memory LRU and, optionally, the data dir's ``VectorCache``."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from copilot.backends.embedder import (
    Embedder,
    Role,
    Vectors,
    cosine_scale,
    cross_language_scale,
    embedder_languages,
    query_is_passage,
)
from copilot.backends.vector_cache import VectorCache


class CachingEmbedder:
    """Wraps an ``Embedder``; texts it has embedded before are served from memory (LRU).

    Queries, headings and answer sentences recur across drafts (in a replay, ticket after
    ticket), so drafting and retrieval read through one of these. With a ``store`` (the data
    dir's ``VectorCache``), misses are looked up there before the model runs, and what the
    model computes is written back, so other processes and later runs reuse it. Thread-safe.
    """

    def __init__(
        self, inner: Embedder, *, max_items: int = 200_000, store: VectorCache | None = None
    ) -> None:
        self.inner = inner
        self.max_items = max_items
        self.store = store
        self._cache: OrderedDict[tuple[Role, str], Vectors] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self._query_role: Role = "passage" if query_is_passage(inner) else "query"

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    @property
    def max_tokens(self) -> int:
        return self.inner.max_tokens

    @property
    def languages(self) -> tuple[str, ...]:
        return embedder_languages(self.inner)

    @property
    def cosine_scale(self) -> tuple[float, float]:
        return cosine_scale(self.inner)

    @property
    def cross_language_scale(self) -> tuple[float, float]:
        return cross_language_scale(self.inner)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.inner.count_tokens(texts)

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts, role="passage")

    def embed_query(self, text: str) -> Vectors:
        """Remembered in memory only: a question is rarely asked twice in the same words, so
        it is not worth a row in the shared store (answer sentences and headings are). For
        an embedder whose queries are embedded as passages (``query_is_passage``), one
        vector serves both roles (a replay embeds each human resolution as both)."""
        key: tuple[Role, str] = (self._query_role, text)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                self.hits += 1
                return cached
        self.misses += 1
        vector: Vectors = self.inner.embed_query(text)
        with self._lock:
            self._remember(key, vector)
        return vector

    def _embed(self, texts: Sequence[str], *, role: Role) -> Vectors:
        """Vectors in ``role`` (the key of both caches with the text: e5 embeds a text
        differently as a query and as a passage)."""
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if (role, t) not in self._cache))
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        store = self.store
        fresh = store.get_many(missing, role=role) if store is not None and missing else {}
        todo = [t for t in missing if t not in fresh]
        if todo:
            computed = self._compute(todo, role=role)
            fresh.update(zip(todo, computed, strict=True))
            if store is not None:
                store.put_many(todo, computed, role=role)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        with self._lock:
            for text, got in fresh.items():
                self._remember((role, text), got)
            for row, text in enumerate(texts):
                vector = fresh.get(text)
                if vector is None:
                    vector = self._cache.get((role, text))
                    if vector is not None:
                        self._cache.move_to_end((role, text))
                if vector is None:  # evicted by another thread meanwhile
                    vector = self._compute([text], role=role)[0]
                out[row] = vector
        return out

    def _compute(self, texts: Sequence[str], *, role: Role) -> Vectors:
        if role == "passage":
            return self.inner.embed_documents(texts)
        rows = [self.inner.embed_query(t) for t in texts]
        return np.stack(rows) if rows else np.zeros((0, self.dimension), dtype=np.float32)

    def _remember(self, key: tuple[Role, str], vector: Vectors) -> None:
        self._cache[key] = vector
        if len(self._cache) > self.max_items:
            self._cache.popitem(last=False)
