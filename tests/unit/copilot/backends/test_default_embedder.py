"""The default embedder (int8 MiniLM): old data dirs keep their model, a failed export falls
back to torch with one warning."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from copilot.backends import embedder_registry
from copilot.backends.embedder import Embedder, FakeEmbedder
from copilot.backends.embedder_registry import build_embedder
from copilot.backends.vector_index import build_vector_index
from copilot.embedder_choice import EmbedderChoice, resolve_choice, write_choice
from copilot.errors import ConfigError
from copilot.settings import EmbedderSettings, IndexSettings, load_settings


def test_the_shipped_default_is_the_int8_model() -> None:
    """If this fails, the README's default (and its benchmark rows) no longer match the code."""
    assert load_settings().embedder.kind == "onnx-int8"


def test_a_data_dir_recorded_with_torch_minilm_keeps_it_under_the_default(tmp_path: Path) -> None:
    """If this fails, upgrading makes every existing MiniLM data dir refuse to open."""
    write_choice(tmp_path, EmbedderChoice("sentence-transformers", "embedder.kind in settings"))
    choice = resolve_choice(EmbedderSettings(), tmp_path)
    assert choice.kind == "sentence-transformers"
    assert choice.recorded


@pytest.mark.parametrize(
    ("model_id", "kind"),
    [("all-MiniLM-L6-v2", "sentence-transformers"), ("model-onnx-int8", "onnx-int8")],
)
def test_an_unrecorded_index_keeps_the_model_it_was_built_with(
    tmp_path: Path, model_id: str, kind: str
) -> None:
    """If this fails, an index from before recorded choices meets another model's vectors."""
    build_vector_index(IndexSettings(), tmp_path, model_id=model_id, dimension=8)
    assert resolve_choice(EmbedderSettings(), tmp_path).kind == kind


def test_an_empty_data_dir_gets_the_default(tmp_path: Path) -> None:
    """If this fails, new data dirs are built with the slow embedder."""
    assert resolve_choice(EmbedderSettings(), tmp_path / "new").kind == "onnx-int8"


def test_naming_another_kind_than_recorded_still_fails(tmp_path: Path) -> None:
    """If this fails, an explicit switch of model silently mixes two vector spaces."""
    write_choice(tmp_path, EmbedderChoice("onnx-int8", "embedder.kind in settings"))
    with pytest.raises(ConfigError, match="re-index"):
        resolve_choice(EmbedderSettings(kind="sentence-transformers"), tmp_path)


def test_a_failed_int8_export_falls_back_to_torch_with_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """If this fails, a machine without onnxruntime (or a model without a fast tokenizer)
    cannot embed at all under the default settings."""
    torch_stand_in = FakeEmbedder()

    def fake_torch(cfg: EmbedderSettings) -> Embedder:
        return torch_stand_in

    monkeypatch.setattr(embedder_registry, "_sentence_transformers", fake_torch)
    folder = tmp_path / "model-without-tokenizer"
    folder.mkdir()
    with caplog.at_level(logging.WARNING, logger="copilot.backends.embedder_registry"):
        built = build_embedder(EmbedderSettings(kind="onnx-int8", model_path=str(folder)))
    assert built is torch_stand_in
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "using sentence-transformers on torch" in warnings[0].getMessage()
