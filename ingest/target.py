"""Where an ingest job puts documents: the embedder, both indexes and the manifest."""

from __future__ import annotations

from dataclasses import dataclass

from copilot.backends.embedder import Embedder
from copilot.backends.lexical_index import LexicalIndex
from copilot.backends.vector_index import VectorIndex
from ingest.manifest import Manifest


@dataclass(frozen=True)
class IngestTarget:
    """Where documents go."""

    embedder: Embedder
    vector_index: VectorIndex
    lexical_index: LexicalIndex
    manifest: Manifest
    # Embeds each chunk's "title - heading" line ahead of queries (a ``CachingEmbedder`` with
    # the data dir's ``VectorCache``); None leaves that to the first query that needs it.
    headings: Embedder | None = None
