"""The onnx-int8 embedder: exported from the local model, cached, and close to the torch model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from copilot.backends.embedder import SentenceTransformerEmbedder
from copilot.backends.embedder_registry import EMBEDDERS
from copilot.backends.onnx_embedder import OnnxInt8Embedder
from copilot.settings import EmbedderSettings

pytestmark = pytest.mark.integration

TEXTS = [
    "How do I reset my password?",
    "ok",
    "Wie ändere ich die Rechnungsadresse für alle künftigen Rechnungen? " * 30,
    "The CSV export only contains invoices of the selected period.",
]


@pytest.fixture(scope="module")
def onnx_embedder(tmp_path_factory: pytest.TempPathFactory) -> OnnxInt8Embedder:
    """Exported once into a temporary cache for this module."""
    return OnnxInt8Embedder(cache_dir=tmp_path_factory.mktemp("onnx-cache"))


def test_int8_vectors_stay_close_to_the_torch_model(
    onnx_embedder: OnnxInt8Embedder, real_embedder: SentenceTransformerEmbedder
) -> None:
    """The export or quantization broke the model (pooling, masking, truncation)."""
    quantized = onnx_embedder.embed_documents(TEXTS)
    reference = real_embedder.embed_documents(TEXTS)
    assert quantized.shape == reference.shape
    np.testing.assert_allclose(np.linalg.norm(quantized, axis=1), 1.0, atol=1e-4)
    # Activations are quantized per batch, so a text's batch mates move its vector a little
    # (a one-token text the most: "ok" lies 0.96-0.975 from the torch vector, doc2dial's
    # questions 0.994 at the median); broken pooling, masking or truncation moves it far.
    cosines = np.sum(quantized * reference, axis=1)
    assert float(np.min(cosines)) > 0.95
    assert float(np.median(cosines)) > 0.99
    assert onnx_embedder.count_tokens(TEXTS) == real_embedder.count_tokens(TEXTS)
    assert onnx_embedder.max_tokens == real_embedder.max_tokens


def test_batch_order_and_padding_barely_change_a_vector(onnx_embedder: OnnxInt8Embedder) -> None:
    """Sorting by length or padding in a batch moved a text's vector (masking is broken).

    Dynamic quantization scales activations per batch, so batch mates shift a vector a
    little; a broken attention mask or pooling over padding shifts it a lot.
    """
    alone = onnx_embedder.embed_query(TEXTS[0])
    batched = onnx_embedder.embed_documents(list(reversed(TEXTS)))[-1]
    assert float(alone @ batched) > 0.98


def test_registry_builds_it_from_config_and_reuses_the_cached_export(
    onnx_embedder: OnnxInt8Embedder, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """embedder.kind = "onnx-int8" was not buildable, or the export was redone every time."""
    cache = Path(str(tmp_path_factory.getbasetemp())) / "onnx-cache0"
    exported = sorted((cache / "onnx").glob("*.onnx"))  # the export and its token-states copy
    assert [p.name.endswith("-int8-states.onnx") for p in exported] == [True, False]
    mtimes = [p.stat().st_mtime_ns for p in exported]
    built = EMBEDDERS.build("onnx-int8", EmbedderSettings(kind="onnx-int8", cache_dir=str(cache)))
    assert built.model_id.endswith("-onnx-int8")
    assert [p.stat().st_mtime_ns for p in exported] == mtimes


def test_token_states_come_from_the_pass_that_makes_the_vectors(
    onnx_embedder: OnnxInt8Embedder,
) -> None:
    """The token states were not those the returned vectors are the mean of."""
    vectors, states = onnx_embedder.embed_with_token_states(TEXTS)
    assert np.allclose(vectors, onnx_embedder.embed_documents(TEXTS), atol=1e-5)
    for vector, tokens in zip(vectors, states, strict=True):
        mean = tokens.states.mean(axis=0)
        assert float(mean @ vector) / float(np.linalg.norm(mean)) > 0.9999
        assert tokens.offsets.shape == (len(tokens.states), 2)


def test_pooled_passage_vectors_stay_close_to_each_passages_own_embedding(
    onnx_embedder: OnnxInt8Embedder,
) -> None:
    """A passage vector pooled from its chunk's token states strayed from its own embedding."""
    from copilot.domain import Document
    from copilot.passage_vectors import pooled_passage_vectors
    from copilot.passages import passage_key, section_units, sections_of
    from ingest.chunking import chunk_document, embedding_text

    body = (
        "## Export invoices\nOpen Reports and choose Export. Pick CSV or PDF as the format. "
        "The file arrives by e-mail within a few minutes. Large exports are split into several "
        "files of at most 10,000 rows.\n## Add a VAT ID\n1. Open Settings.\n2. Click Billing.\n"
        "3. Enter the VAT ID and save.\n## Why a VAT ID fails\nVIES may be down for a few hours. "
        "Try again later, or contact us if it keeps failing."
    )
    doc = Document(id="kb-1", kind="article", title="Billing guide", body=body, lang="en")
    chunks = chunk_document(
        doc, max_tokens=60, overlap_tokens=8, count_tokens=onnx_embedder.count_tokens
    )
    _, states = onnx_embedder.embed_with_token_states([embedding_text(c) for c in chunks])
    pooled = {
        (p.chunk_id, p.key): p.vector
        for p in pooled_passage_vectors(chunks, states, max_sentences=4)
    }
    units = [u for s in sections_of(chunks) for u in section_units(s, max_sentences=4)]
    own = onnx_embedder.embed_documents([u.embedding_text() for u in units])
    cosines = [
        float(pooled[(u.chunk.id, passage_key(u))] @ v) for u, v in zip(units, own, strict=True)
    ]
    assert len(cosines) == len(units) >= 3
    assert min(cosines) > 0.75
