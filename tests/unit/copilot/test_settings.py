"""Settings: defaults, override file, env, unknown keys, unknown backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.errors import ConfigError, UnknownBackendError
from copilot.services import Components
from copilot.settings import load_settings


def test_defaults_come_from_default_toml() -> None:
    """Without overrides the shipped defaults apply (real embedder, embedded Chroma)."""
    s = load_settings()
    assert s.embedder.kind == "onnx-int8"
    assert s.index.kind == "chroma"
    assert s.data_dir == Path(".copilot")


def test_override_file_beats_defaults_key_by_key(tmp_path: Path) -> None:
    """An override file changes only the keys it names."""
    cfg = tmp_path / "c.toml"
    cfg.write_text('[drafting]\nthreshold = 0.8\n[index]\ncollection = "other"\n')
    s = load_settings(cfg)
    assert s.drafting.threshold == 0.8
    assert s.index.collection == "other"
    assert s.index.kind == "chroma"


def test_env_beats_override_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """COPILOT_SECTION__KEY must win over the config file."""
    cfg = tmp_path / "c.toml"
    cfg.write_text("[drafting]\nthreshold = 0.8\n")
    monkeypatch.setenv("COPILOT_DRAFTING__THRESHOLD", "0.3")
    assert load_settings(cfg).drafting.threshold == 0.3


def test_data_dir_argument_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--data-dir must beat the environment."""
    monkeypatch.setenv("COPILOT_DATA_DIR", "/elsewhere")
    assert load_settings(data_dir=tmp_path).data_dir == tmp_path


def test_unknown_key_is_rejected(tmp_path: Path) -> None:
    """A typo in a section must fail instead of being silently ignored."""
    cfg = tmp_path / "c.toml"
    cfg.write_text("[embedder]\nmodel_pth = 'x'\n")
    with pytest.raises(ConfigError, match="model_pth"):
        load_settings(cfg)


def test_missing_and_invalid_files_say_what_to_do(tmp_path: Path) -> None:
    """Bad --config paths and broken TOML give readable errors."""
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[index\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad)


def test_unknown_backend_lists_valid_names(tmp_path: Path) -> None:
    """An unknown backend kind must fail with the list of valid ones."""
    cfg = tmp_path / "c.toml"
    cfg.write_text('[index]\nkind = "pinecone"\n')
    with pytest.raises(UnknownBackendError) as info:
        Components(load_settings(cfg))
    assert "chroma" in info.value.message
    assert "chroma-http" in info.value.message
    assert "memory" in info.value.valid


def test_redacted_hides_api_keys() -> None:
    """Manifests must never contain API keys."""
    s = load_settings(api={"keys": ["secret-key-1"]})
    assert "secret-key-1" not in str(s.redacted())
