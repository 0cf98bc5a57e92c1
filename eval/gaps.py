"""Gap analysis: cluster the tickets no knowledge answered, label them, draft an article each."""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from copilot.backends.embedder import Embedder
from copilot.text import split_sentences, tokenize, words
from eval.replay import Verdict

CLUSTER_SIMILARITY = 0.45


@dataclass(frozen=True)
class Gap:
    """A cluster of tickets about knowledge nobody wrote down."""

    id: str
    label: str
    size: int
    ticket_ids: list[str]
    example_questions: list[str]
    draft_article: str
    last_seen: str | None

    def as_json(self) -> dict[str, object]:
        """The ``gaps.json`` entry shape."""
        return {
            "id": self.id,
            "label": self.label,
            "size": self.size,
            "ticket_ids": self.ticket_ids,
            "example_questions": self.example_questions,
            "draft_article": self.draft_article,
            "last_seen": self.last_seen,
        }


def find_gaps(verdicts: Sequence[Verdict], *, embedder: Embedder, min_size: int = 2) -> list[Gap]:
    """Cluster ``missing_knowledge`` tickets into gaps, largest and most recent first."""
    missing = [v for v in verdicts if v.failure_reason == "missing_knowledge"]
    if not missing:
        return []
    vectors = embedder.embed_documents([f"{v.subject}\n{v.body}" for v in missing])
    clusters = _cluster(vectors, CLUSTER_SIMILARITY)
    clusters = [c for c in clusters if len(c) >= min_size]
    all_docs = [_terms(v) for v in missing]
    gaps = []
    for members in clusters:
        tickets = [missing[i] for i in members]
        centre = vectors[members].mean(axis=0)
        typical = max(members, key=lambda i: float(vectors[i] @ centre))
        label = ", ".join(_key_terms([all_docs[i] for i in members], all_docs))
        gaps.append(
            Gap(
                id="",
                label=label,
                size=len(tickets),
                ticket_ids=[t.id for t in tickets],
                example_questions=_examples(missing[typical], tickets),
                draft_article=_draft_article(label, missing[typical], tickets),
                last_seen=max((t.created_at or "" for t in tickets), default=None) or None,
            )
        )
    gaps.sort(key=lambda g: g.last_seen or "", reverse=True)
    gaps.sort(key=lambda g: g.size, reverse=True)
    return [dataclasses.replace(g, id=f"gap-{i:02d}") for i, g in enumerate(gaps, start=1)]


def _cluster(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-link agglomerative clustering; stops when no pair of clusters is similar enough."""
    clusters = [[i] for i in range(len(vectors))]
    sims = vectors @ vectors.T
    while len(clusters) > 1:
        best, pair = threshold, None
        for a in range(len(clusters)):
            for b in range(a + 1, len(clusters)):
                s = float(sims[np.ix_(clusters[a], clusters[b])].mean())
                if s > best:
                    best, pair = s, (a, b)
        if pair is None:
            break
        a, b = pair
        clusters[a] = clusters[a] + clusters[b]
        del clusters[b]
    return clusters


def _terms(v: Verdict) -> Counter[str]:
    return Counter(w for w in words(f"{v.subject} {v.body}") if len(w) > 3 and tokenize(w, v.lang))


def _key_terms(
    cluster: list[Counter[str]], everything: list[Counter[str]], n: int = 4
) -> list[str]:
    """Class-based TF-IDF: terms frequent in the cluster and rare elsewhere."""
    tf: Counter[str] = Counter()
    for doc in cluster:
        tf.update(doc)
    df = Counter(t for doc in everything for t in set(doc))
    scored = {t: c * math.log(1 + len(everything) / df[t]) for t, c in tf.items()}
    return [t for t, _ in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _examples(typical: Verdict, tickets: list[Verdict], n: int = 3) -> list[str]:
    ordered = [typical] + [t for t in tickets if t is not typical]
    return [(t.subject or t.body)[:200] for t in ordered[:n]]


def _draft_article(label: str, typical: Verdict, tickets: list[Verdict]) -> str:
    """An extractive article draft from the human resolutions of the cluster."""
    sentences: list[str] = []
    for t in tickets:
        for s in split_sentences(t.resolution or ""):
            if not re.search(r"\[(?:EMAIL|PHONE|IBAN|CARD|NAME|IP)\]", s) and s not in sentences:
                sentences.append(s)
    body = "\n".join(f"- {s}" for s in sentences[:8]) or "- (no human resolutions to draw from)"
    sources = ", ".join(t.id for t in tickets)
    return (
        f"# DRAFT: {typical.subject or label}\n\n"
        f"> Draft written from {len(tickets)} resolved tickets ({sources}). Review before "
        "publishing.\n\n"
        f"## Answer\n\n{body}\n"
    )
