"""Request and response models of the HTTP API (they are the OpenAPI schema)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from copilot.records import Verdict
from copilot.retrieval import Mode


def _clean(text: str) -> str:
    """Reject text no database or model can take: NUL bytes and lone surrogates."""
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("must be valid Unicode (no lone surrogates)") from exc
    return text


# A character that is not white space to Python nor to JSON Schema (ECMA) regexes: the schema
# and the validator agree on what "blank" means, so no schema-valid text is refused.
NON_SPACE = r"[^\s\x1c-\x1f\x85\ufeff]"
# Text the validator accepts has no NUL character: said in the schema too, so schema-valid
# text is never refused. (Lone surrogates are refused as well, but no JSON generator makes
# them and schema regex engines differ on surrogate ranges, so the schema leaves them out.)
CLEAN_TEXT = r"^[^\x00]*$"
CLEAN_NON_SPACE = r"^[^\x00]*[^\s\x1c-\x1f\x85\ufeff\x00][^\x00]*$"


def _not_blank(text: str) -> str:
    if not re.search(NON_SPACE, text):
        raise ValueError("must contain some non-space text")
    return text


Text = Annotated[str, AfterValidator(_clean), Field(json_schema_extra={"pattern": CLEAN_TEXT})]
Required = Annotated[
    str,
    AfterValidator(_clean),
    AfterValidator(_not_blank),
    Field(json_schema_extra={"pattern": CLEAN_NON_SPACE}),
]


class Strict(BaseModel):
    """Request bodies reject unknown fields, so a typo fails instead of being ignored."""

    model_config = ConfigDict(extra="forbid")


class DraftRequest(Strict):
    """A ticket to draft a reply for."""

    subject: Text | None = Field(default=None, max_length=500)
    body: Required = Field(max_length=20_000, description="The customer's message.")
    customer_name: Text | None = Field(
        default=None, max_length=200, description="Used for the greeting only; never logged."
    )
    lang: str | None = Field(
        default=None,
        pattern=r"^[a-z]{2}(-[A-Za-z]{2})?$",
        description="Reply language (en, de; others get English); detected when absent.",
    )
    ticket_id: Text | None = Field(
        default=None, max_length=200, description="Your helpdesk's ticket id."
    )


class CitationOut(BaseModel):
    doc_id: str
    title: str
    url: str | None
    quote: str


class DraftResponse(BaseModel):
    """A draft reply with its sources and the decision to escalate."""

    draft_id: str = Field(description="Send it back with POST /api/v1/feedback.")
    text: str
    citations: list[CitationOut]
    confidence: float = Field(ge=0, le=1)
    escalate: bool
    reasons: list[str] = Field(
        description="Why it escalates: needs_account_action, no_relevant_knowledge, "
        "weak_evidence, conflicting_sources, suspicious_source, internal_guidance, ..."
    )
    lang: str
    internal_notes: list[str] = Field(
        default_factory=list,
        description="Agent-only notes of the sources (internal wiki sections, lines marked "
        "Intern:/Internal:). For the agent only: never part of `text`, never send them.",
    )
    calibrated: bool = Field(
        default=False,
        description="True when `confidence` comes from a calibration fitted on your own "
        "replayed tickets and applied; false: hand-set prior weights, not checked against "
        "your tickets (run a replay, then `copilot calibration apply`).",
    )


class SearchRequest(Strict):
    query: Required = Field(max_length=2000)
    k: int = Field(default=5, ge=1, le=100)
    mode: Mode | None = None


class SearchHit(BaseModel):
    chunk_id: str
    doc_id: str
    kind: str
    title: str
    text: str
    score: float
    url: str | None


class SearchResponse(BaseModel):
    results: list[SearchHit]


class FeedbackRequest(Strict):
    """What the agent did with a draft."""

    # "edited" needs the text actually sent: said in the schema too, so clients see it.
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "if": {"properties": {"verdict": {"const": "edited"}}, "required": ["verdict"]},
            "then": {"required": ["final_text"], "properties": {"final_text": {"type": "string"}}},
        },
    )

    draft_id: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
    verdict: Verdict
    final_text: Text | None = Field(
        default=None,
        max_length=20_000,
        description='The text actually sent. Required for "edited"; defaults to the draft for '
        '"accepted".',
    )


class FeedbackResponse(BaseModel):
    feedback_id: int
    draft_id: str
    verdict: Verdict
    edit_distance: int = Field(description="Words inserted, deleted or replaced.")
    edit_ratio: float = Field(description="edit_distance over the longer text's word count.")


class ReplaySummary(BaseModel):
    """Headline numbers of one replay run."""

    id: str
    created_at: str | None
    tickets: int | None
    deflection_rate: float | None
    ci_low: float | None
    ci_high: float | None
    threshold: float | None
    gaps: int | None
    has_html: bool


class ReplayList(BaseModel):
    replays: list[ReplaySummary]


class ReplayDetail(BaseModel):
    """One run: its summary, ``report.json``, ``manifest.json`` and ``gaps.json`` gaps."""

    summary: ReplaySummary
    report: dict[str, object]
    manifest: dict[str, object]
    gaps: list[dict[str, object]]


# The most bytes one character can take in a JSON body: "\\ud83d\\ude00" is one emoji.
JSON_BYTES_PER_CHAR = 12
REQUEST_MODELS: tuple[type[BaseModel], ...] = (DraftRequest, SearchRequest, FeedbackRequest)


def max_request_bytes(models: tuple[type[BaseModel], ...] = REQUEST_MODELS) -> int:
    """Bytes of the largest valid request body: every text field at its ``max_length`` in
    characters that JSON escapes longest, plus room for names, numbers and whitespace."""
    largest = 0
    for model in models:
        total = 0
        for name, field in model.model_fields.items():
            limit = next(
                (m.max_length for m in field.metadata if getattr(m, "max_length", None)), None
            )
            total += len(name) + 8 + (limit * JSON_BYTES_PER_CHAR if limit else 64)
        largest = max(largest, total)
    return largest + 1024


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    """Every error: a stable code and a message that says what to do."""

    error: ErrorBody


class Health(BaseModel):
    status: Literal["ok"]
    version: str
