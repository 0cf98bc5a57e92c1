"""The LLM drafter's sufficient-context check: rubric prompt, verdict, confidence, endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from copilot.backends.llm import build_chat_model
from copilot.calibration import LogisticCalibrator
from copilot.chain import ChainDrafter, PromptTemplates, parse_sufficiency
from copilot.confidence import INSUFFICIENT_CONTEXT
from copilot.domain import Ticket
from copilot.settings import DraftingSettings, LLMSettings
from tests.loopback import ChatCompletionsHandler, serve_handler
from tests.unit.copilot.test_chain import retriever

TICKET = Ticket(body="How do I reset my password on the login page?", customer_name="Ann Lee")
REPLY = "Click Forgot password on the login page to get a reset link [1]."
SUFFICIENT = '{"score": 2, "reason": "The passage gives the steps."}'
INSUFFICIENT = '{"score": 0, "reason": "Nothing about this."}'


def _drafter(model: object, calibrate: object = None, **settings: object) -> ChainDrafter:
    return ChainDrafter(
        retriever(),
        model=model,  # type: ignore[arg-type]
        settings=DraftingSettings(threshold=0.0, **settings),  # type: ignore[arg-type]
        calibrate=calibrate,  # type: ignore[arg-type]
    )


def test_the_rubric_prompt_is_a_config_file_with_the_fence_nonce() -> None:
    """If this fails, the sufficiency rubric is not editable or passages are not fenced."""
    rubric = PromptTemplates.load().sufficiency
    assert "{nonce}" in rubric
    assert '"score": 0|1|2' in rubric


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (SUFFICIENT, 1.0),
        ('Sure: {"score": 1, "reason": "x"}', 0.5),
        (INSUFFICIENT, 0.0),
        ('{"score": 7}', None),
        ("no json here", None),
    ],
)
def test_sufficiency_replies_are_read_strictly(reply: str, expected: float | None) -> None:
    """If this fails, an unreadable verdict counts as a real one (or a real one is lost)."""
    assert parse_sufficiency(reply) == expected


def test_insufficient_context_escalates_with_its_reason() -> None:
    """If this fails, the model's own "these passages do not answer it" is ignored."""
    draft = _drafter(FakeListChatModel(responses=[INSUFFICIENT, REPLY])).draft(TICKET)
    assert draft.escalate
    assert INSUFFICIENT_CONTEXT in draft.reasons
    assert draft.features["sufficient"] == 0.0


def test_sufficient_context_raises_confidence_over_partial() -> None:
    """If this fails, the sufficiency verdict does not enter the confidence."""
    model = LogisticCalibrator({"sufficient": 4.0, "similarity": 0.5}, -2.0)
    full = _drafter(FakeListChatModel(responses=[SUFFICIENT, REPLY]), model).draft(TICKET)
    partial = _drafter(
        FakeListChatModel(responses=['{"score": 1, "reason": "a step is missing"}', REPLY]), model
    ).draft(TICKET)
    assert INSUFFICIENT_CONTEXT not in full.reasons
    assert full.features["sufficient"] == 1.0
    assert partial.features["sufficient"] == 0.5
    assert full.confidence > partial.confidence


def test_the_check_can_be_switched_off() -> None:
    """If this fails, teams whose model cannot follow the rubric pay a useless call."""
    draft = _drafter(FakeListChatModel(responses=[REPLY]), sufficiency_check=False).draft(TICKET)
    assert "Forgot password" in draft.text
    assert draft.features["sufficient"] == 1.0  # no verdict: neutral


class _Rubric(ChatCompletionsHandler):
    """An OpenAI-compatible endpoint answering the rubric with JSON and drafts with REPLY."""

    verdict: ClassVar[str] = INSUFFICIENT
    seen: ClassVar[list[str]] = []

    def answer(self, messages: list[dict[str, Any]]) -> str:
        system = str(messages[0]["content"])
        type(self).seen.append(system)
        return type(self).verdict if "Rubric:" in system else REPLY


@pytest.fixture
def rubric_server() -> Iterator[str]:
    with serve_handler(_Rubric) as url:
        yield f"{url}/v1"


def test_an_openai_compatible_endpoint_judges_sufficiency(rubric_server: str) -> None:
    """If this fails, the check does not work against vLLM, llama.cpp or similar servers."""
    model = build_chat_model(
        LLMSettings(kind="openai", model="tiny", base_url=rubric_server, max_retries=0)
    )
    _Rubric.seen.clear()
    draft = _drafter(model).draft(TICKET)
    assert any("Rubric:" in s for s in _Rubric.seen)
    assert INSUFFICIENT_CONTEXT in draft.reasons
    assert draft.escalate
