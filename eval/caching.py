"""An embedding cache for replay: the same article sentences come back for ticket after ticket."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from copilot.backends.embedder import Embedder, Vectors


class CachingEmbedder:
    """Wraps an ``Embedder``; texts it has embedded before are served from memory (LRU)."""

    def __init__(self, inner: Embedder, *, max_items: int = 200_000) -> None:
        self.inner = inner
        self.max_items = max_items
        self._cache: OrderedDict[str, Vectors] = OrderedDict()
        self.hits = 0
        self.misses = 0

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    @property
    def max_tokens(self) -> int:
        return self.inner.max_tokens

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.inner.count_tokens(texts)

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        if missing:
            for text, vector in zip(missing, self.inner.embed_documents(missing), strict=True):
                self._remember(text, vector)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            vector = self._cache.get(text)
            if vector is None:  # evicted within this very call: embed it again
                vector = self.inner.embed_documents([text])[0]
            else:
                self._cache.move_to_end(text)
            out[row] = vector
        return out

    def embed_query(self, text: str) -> Vectors:
        vector: Vectors = self.embed_documents([text])[0]
        return vector

    def _remember(self, text: str, vector: Vectors) -> None:
        self._cache[text] = vector
        if len(self._cache) > self.max_items:
            self._cache.popitem(last=False)
