"""A real `chroma run` server stops while the API answers: 503 `index_unavailable` that says
what to do; started again on the same port, the same app answers 200 (no restart)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from copilot.api.server import create_app
from copilot.services import Components
from copilot.settings import Settings, load_settings
from tests.integration.conftest import free_port
from tests.unit.copilot.api.test_api import PASSWORD_TICKET, seed

pytestmark = pytest.mark.integration


class ChromaServer:
    """A `chroma run` process on one loopback port and folder that can be stopped and started."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
        args = ["run", "--path", str(self.path / "db"), "--host", "127.0.0.1"]
        with (self.path / "server.log").open("ab") as log:  # the child keeps its own handle
            self._proc = subprocess.Popen(
                [exe, *args, "--port", str(self.port)], stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while not self.answers():
            if self._proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"chroma run did not start: {self.path / 'server.log'}")
            time.sleep(0.3)

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None

    def answers(self) -> bool:
        try:
            return httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False


@pytest.fixture
def chroma(tmp_path: Path) -> Iterator[ChromaServer]:
    server = ChromaServer(tmp_path)
    server.start()
    yield server
    server.stop()


def settings_for(url: str, data_dir: Path) -> Settings:
    return load_settings(
        data_dir=data_dir,
        embedder={"kind": "fake"},
        index={"kind": "chroma-http", "url": url, "collection": "unavailable-test"},
        lexical={"kind": "memory"},
    )


def test_a_stopped_chroma_server_is_503_and_a_restarted_one_200(
    chroma: ChromaServer, tmp_path: Path
) -> None:
    """A stopped Chroma server gives 500, a message without what to do, or needs a restart."""
    settings = settings_for(chroma.url, tmp_path / "data")
    copilot = Components(settings)
    seed(copilot)
    query = {"query": "reset password", "mode": "dense"}
    with TestClient(create_app(settings, copilot=copilot, environ={})) as client:
        assert client.post("/api/v1/search", json=query).status_code == 200
        chroma.stop()
        search = client.post("/api/v1/search", json=query)
        draft = client.post("/api/v1/drafts", json=PASSWORD_TICKET)
        chroma.start()
        again = client.post("/api/v1/search", json=query)
        drafted = client.post("/api/v1/drafts", json=PASSWORD_TICKET)
    assert (search.status_code, draft.status_code) == (503, 503)
    error = search.json()["error"]
    assert error["code"] == draft.json()["error"]["code"] == "index_unavailable"
    assert chroma.url in error["message"]
    assert "chroma run" in error["message"]
    assert again.status_code == 200, again.text
    assert again.json()["results"][0]["doc_id"] == "a-password"
    assert drafted.status_code == 200, drafted.text
