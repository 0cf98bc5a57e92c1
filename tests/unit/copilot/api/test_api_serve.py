"""`copilot serve` refuses unsafe or impossible setups before starting anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from copilot.api import server
from copilot.api.server import app_from_env, check_shared_index, run_server
from copilot.cli import cli
from copilot.errors import BackendUnavailableError, ConfigError
from copilot.settings import Settings, load_settings
from tests.unit.copilot.api.test_api import KEY


def test_serve_refuses_a_public_bind_without_keys(tmp_path: Path) -> None:
    """If this fails, the server binds 0.0.0.0 without API keys: the API is open to anyone."""
    result = CliRunner().invoke(
        cli,
        ["--data-dir", str(tmp_path), "serve", "--host", "0.0.0.0"],
        env={"COPILOT_API_KEYS": ""},
    )
    assert result.exit_code == 1
    assert "Refusing to bind 0.0.0.0 without API keys" in result.output


def test_several_workers_without_a_chroma_server_say_so(tmp_path: Path) -> None:
    """If this fails, `serve --workers 2` on the embedded index starts workers that each see
    their own index."""
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "serve", "--workers", "2"])
    assert result.exit_code == 1
    assert "needs a Chroma server" in result.output
    assert "chroma run" in result.output


def test_several_workers_with_an_unreachable_chroma_server_say_so(fake_settings: Settings) -> None:
    """If this fails, a configured but unreachable Chroma server is only noticed by the first
    request."""
    settings = fake_settings.model_copy(
        update={
            "index": fake_settings.index.model_copy(
                update={"kind": "chroma-http", "url": "http://127.0.0.1:9"}
            )
        }
    )
    with pytest.raises(BackendUnavailableError, match="No Chroma server answers"):
        check_shared_index(settings)


def test_a_public_bind_with_keys_passes_the_check(
    fake_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A public bind starts once API keys are set in COPILOT_API_KEYS (with the access log off)."""
    started: list[dict[str, object]] = []
    monkeypatch.setenv("COPILOT_API_KEYS", KEY)
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: started.append(kw))
    run_server(fake_settings, host="0.0.0.0", port=8123, workers=1, announce=lambda _: None)
    assert len(started) == 1
    assert started[0]["host"] == "0.0.0.0"
    assert started[0]["access_log"] is False


def test_workers_rebuild_the_app_from_config_file_and_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker's app_from_env reads the --config file and the data dir the CLI was given."""
    config = tmp_path / "serve.toml"
    config.write_text(
        '[embedder]\nkind = "fake"\n[index]\nkind = "memory"\n[lexical]\nkind = "memory"\n'
        '[drafting]\nbrand = "Acme"\n'
    )
    monkeypatch.setenv(server.ENV_CONFIG, str(config))
    monkeypatch.setenv("COPILOT_DATA_DIR", str(tmp_path / "data"))
    app = app_from_env()
    settings = app.state.ctx.settings
    assert settings.drafting.brand == "Acme"
    assert settings.data_dir == tmp_path / "data"
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
    assert (tmp_path / "data" / "records.sqlite").exists()


def test_worker_settings_that_differ_from_the_given_ones_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If this fails, settings passed in code silently differ from what the workers read back."""
    monkeypatch.delenv(server.ENV_CONFIG, raising=False)
    monkeypatch.setenv("COPILOT_DATA_DIR", str(tmp_path))  # restored after the test
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "metrics"))
    settings = load_settings(data_dir=tmp_path, drafting={"brand": "Only in code"})
    with pytest.raises(ConfigError, match="differ"):
        server._export_settings(settings, require_keys=False)
