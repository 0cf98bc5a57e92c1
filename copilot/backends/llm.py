"""Chat models for drafting: a name-keyed registry over LangChain chat models.

``openai`` talks to any OpenAI-compatible endpoint (vLLM, llama.cpp server, Ollama's ``/v1``),
``ollama`` to Ollama's native API, ``fake`` is the in-repo test double. ``invoke_chat`` turns
connection failures and timeouts into ``BackendUnavailableError`` / ``LLMTimeoutError`` with a
message that says what to do.

``InstructionFollowingFakeChatModel`` is deliberately gullible: it obeys any "ignore previous
instructions and ..." it finds in its prompt *outside* the untrusted-data fences, the way a weak
local model might. Tests use it to prove that retrieved passages reach the model fenced.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from pydantic import SecretStr

from copilot.backends.registry import Registry
from copilot.errors import BackendUnavailableError, ConfigError, CopilotError, LLMTimeoutError
from copilot.settings import LLMSettings

ChatModel = Runnable[LanguageModelInput, BaseMessage]

CHAT_MODELS: Registry[ChatModel] = Registry("llm", built_elsewhere=("extractive",))

OLLAMA_DEFAULT_URL = "http://127.0.0.1:11434"

# Fences the drafting prompt puts around untrusted text; the nonce makes them unforgeable.
FENCE = re.compile(
    r"<untrusted-data-(?P<nonce>[0-9a-f]{8,})(?P<attrs>[^>]*)>(?P<body>.*?)"
    r"</untrusted-data-(?P=nonce)>",
    re.DOTALL,
)
_OBEY = re.compile(r"ignore (?:all )?previous instructions and (?P<order>[^.\n]+)", re.I)


@CHAT_MODELS.register("openai")
def _openai(cfg: LLMSettings) -> ChatModel:
    from langchain_openai import ChatOpenAI

    if not cfg.base_url or not cfg.model:
        raise ConfigError(
            "llm.kind is 'openai' but llm.base_url or llm.model is empty: set both, e.g. "
            "base_url = 'http://127.0.0.1:8080/v1' (llama.cpp server, vLLM, Ollama's /v1)."
        )
    # Local OpenAI-compatible servers ignore the key, but the client insists on one.
    key = os.environ.get(cfg.api_key_env) or "not-needed"
    return ChatOpenAI(
        base_url=cfg.base_url,
        model=cfg.model,
        api_key=SecretStr(key),
        timeout=cfg.timeout_s,
        max_retries=cfg.max_retries,
        temperature=cfg.temperature,
    )


@CHAT_MODELS.register("ollama")
def _ollama(cfg: LLMSettings) -> ChatModel:
    from langchain_ollama import ChatOllama

    if not cfg.model:
        raise ConfigError("llm.kind is 'ollama' but llm.model is empty: set it, e.g. 'llama3.1'.")
    model = ChatOllama(
        base_url=cfg.base_url or OLLAMA_DEFAULT_URL,
        model=cfg.model,
        temperature=cfg.temperature,
        client_kwargs={"timeout": cfg.timeout_s},
    )
    if cfg.max_retries == 0:
        return model
    return model.with_retry(
        retry_if_exception_type=_transient_errors(),
        stop_after_attempt=cfg.max_retries + 1,
    )


@CHAT_MODELS.register("fake")
def _fake(cfg: LLMSettings) -> ChatModel:
    return InstructionFollowingFakeChatModel()


def build_chat_model(cfg: LLMSettings) -> ChatModel:
    """Build the chat model named by ``cfg.kind`` ("openai", "ollama" or "fake")."""
    return CHAT_MODELS.build(cfg.kind, cfg)


def _transient_errors() -> tuple[type[BaseException], ...]:
    import httpx

    return (httpx.ConnectError, httpx.TimeoutException, ConnectionError)


def invoke_chat(model: ChatModel, prompt: LanguageModelInput, *, where: str) -> str:
    """Run ``model`` on ``prompt`` and return the reply text; endpoint failures become
    ``BackendUnavailableError`` / ``LLMTimeoutError``."""
    try:
        reply = model.invoke(prompt)
    except Exception as exc:
        wrapped = wrap_llm_error(exc, where)
        if wrapped is None:
            raise
        raise wrapped from exc
    content = reply.content
    return content if isinstance(content, str) else reply.text


def wrap_llm_error(exc: BaseException, where: str) -> CopilotError | None:
    """Our error for an endpoint failure (unreachable, timed out); ``None`` for anything else."""
    if isinstance(exc, CopilotError):
        return None
    if _is_timeout(exc):
        return LLMTimeoutError(
            f"The LLM endpoint {where} did not answer in time: raise llm.timeout_s, use a "
            "smaller model, or set llm.kind = 'extractive' to draft offline."
        )
    if _is_connection(exc):
        return BackendUnavailableError(
            f"Cannot reach the LLM endpoint {where}: start the server (e.g. `ollama serve`, "
            "`llama-server`, vLLM), check llm.base_url and llm.model, or set "
            "llm.kind = 'extractive'."
        )
    return None


def _names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def _is_timeout(exc: BaseException) -> bool:
    names = _names(exc)
    if names & {"APITimeoutError", "TimeoutException", "TimeoutError", "ReadTimeout"}:
        return True
    return exc.__cause__ is not None and _is_timeout(exc.__cause__)


def _is_connection(exc: BaseException) -> bool:
    names = _names(exc)
    if names & {"APIConnectionError", "ConnectError", "ConnectionError", "RemoteProtocolError"}:
        return True
    if names & {"NotFoundError", "ResponseError"} and "model" in str(exc).lower():
        return True
    return exc.__cause__ is not None and _is_connection(exc.__cause__)


class InstructionFollowingFakeChatModel(BaseChatModel):
    """A gullible fake: obeys instructions it sees outside untrusted-data fences.

    Without such an instruction it answers with the first sentence of the first fenced
    passage, cited as ``[1]``; with no fenced passage it asks to escalate.
    """

    @property
    def _llm_type(self) -> str:
        return "instruction-following-fake"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        prompt = "\n".join(str(m.content) for m in messages)
        reply = fake_reply(prompt)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=reply))])


def fake_reply(prompt: str) -> str:
    """What the gullible fake answers to ``prompt``."""
    outside = FENCE.sub(" ", prompt)
    order = _OBEY.search(outside)
    if order:
        return f"Of course! We {order.group('order').strip()}."
    passages = [m.group("body") for m in FENCE.finditer(prompt) if "id=" in m.group("attrs")]
    sentences = _answer_sentences(passages)
    if not sentences:
        return "ESCALATE: no_relevant_knowledge"
    return " ".join(f"{s} [1]" for s in sentences[:1])


def _answer_sentences(passages: Sequence[str]) -> list[str]:
    for body in passages:
        for line in body.strip().splitlines():
            if line.strip() and not line.lstrip().startswith(("Title:", "Section:")):
                first = re.split(r"(?<=[.!?])\s", line.strip())[0]
                if len(first.split()) >= 3:
                    return [first]
    return []
