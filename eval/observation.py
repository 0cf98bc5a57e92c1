"""The observation of one replayed ticket: what the per-ticket loop makes and checkpoints."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Observation:
    """What replaying one ticket produced, before calibration and scoring (checkpointed)."""

    id: str
    raw_confidence: float
    escalate: bool
    reasons: list[str]
    retrieved_doc_ids: list[str]
    retrieved_kinds: list[str]
    retrieved_titles: list[str]
    draft: str
    answer: str
    agreement: float | None
    agreed: bool | None
    judge: str
    judge_signals: dict[str, float]
    support_score: float | None
    support_doc_id: str | None
    supported: bool | None
    created_at: str | None
    lang: str
    tags: list[str] = field(default_factory=list)
    subject: str = ""
    body: str = ""
    resolution: str | None = None
    gold_article_ids: list[str] = field(default_factory=list)
    in_scope: bool | None = None
    support_method: str = ""
    hidden: int = 0
    seconds: float = 0.0
    cited_doc_ids: list[str] = field(default_factory=list)
    # The drafter's evidence features (copilot.confidence.FEATURES): what a replay fits on.
    features: dict[str, float] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """Plain JSON data (one checkpoint line)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Observation:
        """Inverse of ``as_json``; ``TypeError`` for a line of another shape."""
        return cls(**data)
