"""Ground-truth check: does the predicted deflection rate match what the knowledge really answers?

Labelled datasets (the demo data, doc2dial) say which article answers each ticket
(``gold_article_ids``) and whether the ticket is in scope at all (``in_scope``). A ticket is
*answerable* when it is in scope and one of its gold articles was in the index and published
before the ticket was created. The check compares the share of answerable tickets with the
predicted deflection rate and reports the error, and scores the per-ticket decisions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from copilot.domain import epoch, parse_timestamp
from eval.metrics import Rate
from eval.scoring import Verdict

IsIndexed = Callable[[str], bool]


def has_labels(verdicts: Sequence[Verdict]) -> bool:
    """True when the tickets carry ground truth (gold article ids or in-scope flags)."""
    return any(v.obs.gold_article_ids or v.obs.in_scope is not None for v in verdicts)


def answerable(verdict: Verdict, *, is_indexed: IsIndexed, published: Mapping[str, float]) -> bool:
    """True when an indexed gold article existed when the ticket was created."""
    obs = verdict.obs
    if obs.in_scope is False or not obs.gold_article_ids:
        return False
    created = parse_timestamp(obs.created_at) if obs.created_at else None
    for gold in obs.gold_article_ids:
        if not is_indexed(gold):
            continue
        when = published.get(gold, 0.0)
        if created is None or when < created.timestamp():
            return True
    return False


def truth_check(
    verdicts: Sequence[Verdict], *, is_indexed: IsIndexed, published: Mapping[str, float]
) -> dict[str, Any]:
    """Predicted against true deflection, and how well the decisions separate the two."""
    truth = [answerable(v, is_indexed=is_indexed, published=published) for v in verdicts]
    deflect = [v.would_deflect for v in verdicts]
    n = len(verdicts)
    true_share = Rate(sum(truth), n)
    predicted = Rate(sum(deflect), n)
    expected = sum(v.confidence if not v.blocked else 0.0 for v in verdicts) / n if n else 0.0
    pairs = list(zip(deflect, truth, strict=True))
    unanswerable = [d for d, t in pairs if not t]
    kept_back = [t for d, t in pairs if not d]
    return {
        "tickets": n,
        "answerable": true_share.as_json(),
        "predicted_deflection": predicted.as_json(),
        "error": round(predicted.rate - true_share.rate, 4),
        "absolute_error": round(abs(predicted.rate - true_share.rate), 4),
        "expected_deflection": round(expected, 4),
        "expected_error": round(expected - true_share.rate, 4),
        "deflected_answerable": Rate(sum(d and t for d, t in pairs), sum(deflect)).as_json(),
        "answerable_deflected": Rate(sum(d and t for d, t in pairs), sum(truth)).as_json(),
        "unanswerable_not_deflected": Rate(
            sum(1 for d in unanswerable if not d), len(unanswerable)
        ).as_json(),
        "not_deflected_unanswerable": Rate(
            sum(1 for t in kept_back if not t), len(kept_back)
        ).as_json(),
        "accuracy": round(sum(d == t for d, t in pairs) / n, 4) if n else None,
    }


def published_times(folder: Path) -> dict[str, float]:
    """When each article next to a labelled tickets file was published (epoch seconds).

    Reads ``articles.jsonl`` and a ``wiki/`` folder of Markdown in ``folder`` when present;
    articles without a date count as always published.
    """
    from ingest.connectors import CONNECTORS
    from ingest.errors import ItemError

    sources = [(folder / "articles.jsonl", "jsonl"), (folder / "wiki", "markdown")]
    out: dict[str, float] = {}
    for path, fmt in sources:
        if not path.exists():
            continue
        for item in CONNECTORS[fmt].read(path, kind="article"):
            if not isinstance(item, ItemError):
                out[item.id] = epoch(item.created_at or item.updated_at)
    return out
