"""How well gaps recover known gap topics (a labelled dataset such as the demo's ground truth).

For each known topic, *recall* is the share of its tickets that fall in the one gap holding
most of them; *purity* is the share of all tickets in gaps that belong to their gap's
majority topic (tickets of no known topic count as their own topic each).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any


def gap_topic_scores(
    gaps: Sequence[Mapping[str, Any]], topics: Mapping[str, Sequence[str]]
) -> dict[str, Any]:
    """``{"gaps", "recall": {topic: share}, "min_recall", "purity"}`` of ``gaps`` (gaps.json
    entries) against ``topics`` (topic -> its ticket ids)."""
    topic_of = {tid: name for name, ids in topics.items() for tid in ids}
    recall = {}
    for name, ids in topics.items():
        best = max(
            (sum(1 for t in g["ticket_ids"] if topic_of.get(t) == name) for g in gaps), default=0
        )
        recall[name] = best / len(ids) if ids else 1.0
    in_gaps = sum(len(g["ticket_ids"]) for g in gaps)
    majority = sum(
        Counter(topic_of.get(t, f"none:{t}") for t in g["ticket_ids"]).most_common(1)[0][1]
        for g in gaps
        if g["ticket_ids"]
    )
    return {
        "gaps": len(gaps),
        "recall": recall,
        "min_recall": min(recall.values(), default=1.0),
        "purity": majority / in_gaps if in_gaps else 1.0,
    }
