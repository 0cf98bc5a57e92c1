"""Chat-model providers: registry, an OpenAI-compatible endpoint, clear errors when it is down.

The endpoints here are tiny loopback servers started by the test, never anything remote.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest

from copilot.backends.llm import build_chat_model, invoke_chat
from copilot.chain import ChainDrafter
from copilot.domain import Document, Ticket
from copilot.errors import (
    BackendUnavailableError,
    ConfigError,
    LLMTimeoutError,
    UnknownBackendError,
)
from copilot.services import Components
from copilot.settings import LLMSettings, Settings
from tests.loopback import ChatCompletionsHandler, serve_handler

REPLY = "Click Forgot password on the login page [1]."


class _ChatCompletions(ChatCompletionsHandler):
    """Answers like an OpenAI-compatible server (vLLM, llama.cpp) and keeps the prompts."""

    prompts: ClassVar[list[str]] = []

    def answer(self, messages: list[dict[str, Any]]) -> str:
        type(self).prompts.append(json.dumps(messages))
        return REPLY


@pytest.fixture
def openai_server() -> Iterator[str]:
    with serve_handler(_ChatCompletions) as url:
        yield f"{url}/v1"


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Accepts connections and never answers: an overloaded endpoint."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/v1"
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        sock.close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def llm(**kwargs: object) -> LLMSettings:
    defaults: dict[str, object] = {"kind": "openai", "model": "tiny", "max_retries": 0}
    return LLMSettings(**{**defaults, **kwargs})  # type: ignore[arg-type]


def test_an_unknown_llm_kind_names_the_valid_ones() -> None:
    """A typo in llm.kind must list what exists."""
    with pytest.raises(UnknownBackendError, match="fake, ollama, openai"):
        build_chat_model(LLMSettings(kind="gpt"))


@pytest.mark.parametrize("kind", ["openai", "ollama"])
def test_a_provider_without_a_model_is_a_config_error(kind: str) -> None:
    """Starting without llm.model would fail on the first ticket; fail at start instead."""
    with pytest.raises(ConfigError, match=r"llm\.model"):
        build_chat_model(LLMSettings(kind=kind, base_url="http://127.0.0.1:1/v1"))


def test_an_unreachable_endpoint_is_a_clear_backend_error() -> None:
    """A stopped llama.cpp/vLLM server must give a message that says what to do."""
    model = build_chat_model(llm(base_url=f"http://127.0.0.1:{closed_port()}/v1", timeout_s=5))
    with pytest.raises(BackendUnavailableError, match="start the server") as err:
        invoke_chat(model, "hello", where="test endpoint")
    assert not isinstance(err.value, LLMTimeoutError)


def test_a_silent_endpoint_times_out_with_its_own_error(silent_server: str) -> None:
    """A hanging endpoint must end after llm.timeout_s with LLMTimeoutError, not hang forever."""
    model = build_chat_model(llm(base_url=silent_server, timeout_s=0.5))
    started = time.monotonic()
    with pytest.raises(LLMTimeoutError, match="did not answer in time"):
        invoke_chat(model, "hello", where="test endpoint")
    assert time.monotonic() - started < 10


def test_the_chain_drafts_through_an_openai_compatible_endpoint(
    openai_server: str, fake_copilot: Components, fake_settings: Settings
) -> None:
    """The real ChatOpenAI client must carry our fenced prompt and bring back a cited answer."""
    from ingest.chunking import chunk_document, embedding_text

    article = Document(
        id="kb-pw",
        kind="article",
        title="Reset your password",
        body="## Reset\nClick Forgot password on the login page to get a reset link.",
        lang="en",
    )
    chunks = chunk_document(
        article, max_tokens=64, overlap_tokens=0, count_tokens=fake_copilot.embedder.count_tokens
    )
    fake_copilot.vector_index.upsert(
        chunks, fake_copilot.embedder.embed_documents([embedding_text(c) for c in chunks])
    )
    fake_copilot.lexical_index.upsert(chunks)
    settings = fake_settings.model_copy(update={"llm": llm(base_url=openai_server)})
    copilot = Components(settings)
    copilot.__dict__["retriever"] = fake_copilot.retriever
    drafter = copilot.drafter
    assert isinstance(drafter, ChainDrafter)
    draft = drafter.draft(Ticket(body="How do I reset my password?"))
    assert "Forgot password" in draft.text
    assert [c.doc_id for c in draft.citations] == ["kb-pw"]
    assert "untrusted-data-" in _ChatCompletions.prompts[-1]
