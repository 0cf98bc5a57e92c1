"""The persistent embedding cache: reused across processes, never required, never wrong."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from copilot.backends.caching_embedder import CachingEmbedder
from copilot.backends.embedder import FakeEmbedder, Vectors
from copilot.backends.vector_cache import CACHE_FILE, VectorCache
from copilot.domain import heading_line
from copilot.services import Components
from copilot.settings import Settings


class CountingEmbedder(FakeEmbedder):
    """A fake embedder that records every text it was asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        self.seen.extend(texts)
        return super().embed_documents(texts)


def _caching(data_dir: Path, inner: CountingEmbedder) -> CachingEmbedder:
    store = VectorCache(data_dir, model_id=inner.model_id, dimension=inner.dimension)
    return CachingEmbedder(inner, store=store)


def test_a_second_process_reuses_what_the_first_embedded(tmp_path: Path) -> None:
    """If this fails, every server worker and restart embeds headings and sentences again."""
    first, second = CountingEmbedder(), CountingEmbedder()
    texts = ["Reset your password - Steps", "Open Settings and choose Security."]
    expected = _caching(tmp_path, first).embed_documents(texts)
    got = _caching(tmp_path, second).embed_documents([*texts, "A new sentence."])
    assert second.seen == ["A new sentence."]
    np.testing.assert_allclose(got[:2], expected)
    np.testing.assert_allclose(got[2], FakeEmbedder().embed_documents(["A new sentence."])[0])


def test_vectors_of_another_model_are_not_reused(tmp_path: Path) -> None:
    """If this fails, switching the embedder mixes vector spaces through the cache."""
    VectorCache(tmp_path, model_id="model-a", dimension=64).put_many(
        ["hello"], FakeEmbedder().embed_documents(["hello"])
    )
    assert VectorCache(tmp_path, model_id="model-b", dimension=64).get_many(["hello"]) == {}
    assert VectorCache(tmp_path, model_id="model-a", dimension=32).get_many(["hello"]) == {}


def test_no_file_is_created_in_a_missing_data_dir(tmp_path: Path) -> None:
    """If this fails, a search on an empty data dir leaves files behind."""
    missing = tmp_path / "nowhere"
    inner = CountingEmbedder()
    vectors = _caching(missing, inner).embed_documents(["some text"])
    assert vectors.shape == (1, inner.dimension)
    assert not missing.exists()


def test_a_broken_cache_file_costs_time_not_correctness(tmp_path: Path) -> None:
    """If this fails, a damaged cache file breaks drafting instead of being bypassed."""
    (tmp_path / CACHE_FILE).write_bytes(b"this is not a database")
    inner = CountingEmbedder()
    vectors = _caching(tmp_path, inner).embed_documents(["some text"])
    np.testing.assert_allclose(vectors, FakeEmbedder().embed_documents(["some text"]))
    assert inner.seen == ["some text"]


def test_ingest_embeds_every_heading_line_ahead_of_queries(
    tmp_path: Path, fake_settings: Settings
) -> None:
    """If this fails, the first query about each document pays for embedding its headings."""
    source = tmp_path / "articles.jsonl"
    rows = [
        {
            "id": "a1",
            "title": "Passwords",
            "body": "# Reset\nOpen Settings.\n# Change\nUse Profile.",
        },
        {"id": "a2", "title": "Invoices", "body": "Export them as CSV from the Invoices page."},
    ]
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    copilot = Components(fake_settings)
    from copilot.cli.commands import ingest_path

    ingest_path(copilot, source, kind="article", fmt="auto", sync=False, show_progress=False)
    probe = copilot.embedder.embed_query("anything")
    chunks = [hit.chunk for hit in copilot.vector_index.query(probe, k=100)]
    lines = {heading_line(c) for c in chunks}
    assert "Passwords - Reset" in lines  # the headings were seen at all
    store = VectorCache(
        fake_settings.data_dir,
        model_id=copilot.embedder.model_id,
        dimension=copilot.embedder.dimension,
    )
    assert set(store.get_many(sorted(lines))) == lines


class PrefixedEmbedder(CountingEmbedder):
    """Like e5: a query is embedded differently from the same text as a passage."""

    def embed_query(self, text: str) -> Vectors:
        vector: Vectors = super().embed_documents([f"query: {text}"])[0]
        return vector


class UnprefixedEmbedder(CountingEmbedder):
    """Like MiniLM: a query is embedded exactly as the same text as a passage."""

    query_is_passage = True


def test_one_vector_serves_both_roles_only_where_the_embedder_says_so() -> None:
    """A resolution embedded as a query was embedded again as a passage by an embedder
    without query prefixes, or an e5-like embedder got its query vector as a passage."""
    plain = UnprefixedEmbedder()
    cached = CachingEmbedder(plain)
    query = cached.embed_query("Open Reports.")
    assert np.allclose(cached.embed_documents(["Open Reports."])[0], query)
    assert plain.seen == ["Open Reports."]
    prefixed = PrefixedEmbedder()
    cached = CachingEmbedder(prefixed)
    query = cached.embed_query("Open Reports.")
    passage = cached.embed_documents(["Open Reports."])[0]
    assert prefixed.seen == ["query: Open Reports.", "Open Reports."]
    assert not np.allclose(passage, query)
