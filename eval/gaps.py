"""Gap report for writers: cluster the tickets no knowledge answered, label them, draft articles.

1. The ``missing_knowledge`` tickets are embedded and clustered (average-link agglomerative
   clustering on cosine distance; the number of clusters is the cut with the best silhouette,
   so it comes from the data). Clusters of one ticket are not reported as gaps.
2. Each cluster is labelled with its key terms by class-based TF-IDF (terms frequent in the
   cluster and rare in the other clusters and in the rest of the replayed tickets) and with a
   representative question (the ticket nearest the cluster centre).
3. Gaps are ranked by volume weighted by recency (a ticket's weight halves every
   ``half_life_days`` before the newest ticket), and list example tickets.
4. Each gap gets a help-article draft written from the cluster's human resolutions (see
   ``eval.articles``), marked as a draft with its sources.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from copilot.backends.embedder import Embedder
from copilot.domain import parse_timestamp
from copilot.pii import without_placeholders
from copilot.text import words
from eval.articles import ArticleDraft, ArticleDrafter
from eval.scoring import Verdict

MAX_CLUSTERS = 40
EXAMPLES = 5

# Words every support ticket has: salutations, thanks, sign-offs (English and German).
_FILLER = frozenset(
    {
        "hello",
        "hallo",
        "dear",
        "thanks",
        "thank",
        "danke",
        "regards",
        "gruß",
        "grüße",
        "gruss",
        "viele",
        "best",
        "kind",
        "please",
        "bitte",
        "team",
        "support",
        "quillbox",
        "guten",
        "tag",
        "morgen",
        "sehr",
        "geehrte",
        "damen",
        "herren",
        "hi",
        "hey",
        "cheers",
        "freundlichen",
        "mfg",
        "lg",
        "vielen",
        "dank",
        "sorry",
        "question",
        "frage",
    }
)


@dataclass(frozen=True)
class GapTicket:
    """A ticket listed as an example of a gap."""

    id: str
    question: str
    created_at: str | None
    lang: str

    def as_json(self) -> dict[str, Any]:
        """Plain JSON data."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Gap:
    """A cluster of tickets about knowledge nobody wrote down."""

    id: str
    label: str
    size: int
    ticket_ids: list[str]
    example_questions: list[str]
    draft_article: str
    key_terms: list[str] = field(default_factory=list)
    representative_question: str = ""
    examples: list[GapTicket] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    score: float = 0.0
    langs: dict[str, int] = field(default_factory=dict)
    article_title: str = ""
    article_sources: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The ``gaps.json`` entry (ARCHITECTURE.md fields first)."""
        return {
            "id": self.id,
            "label": self.label,
            "size": self.size,
            "ticket_ids": self.ticket_ids,
            "example_questions": self.example_questions,
            "draft_article": self.draft_article,
            "key_terms": self.key_terms,
            "representative_question": self.representative_question,
            "examples": [e.as_json() for e in self.examples],
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "score": round(self.score, 3),
            "langs": self.langs,
            "article_title": self.article_title,
            "article_sources": self.article_sources,
        }


def find_gaps(
    verdicts: Sequence[Verdict],
    *,
    embedder: Embedder,
    articles: ArticleDrafter,
    min_size: int = 2,
    half_life_days: float = 90.0,
) -> list[Gap]:
    """Cluster ``missing_knowledge`` tickets into gaps, highest volume-and-recency first."""
    missing = [v for v in verdicts if v.cause == "missing_knowledge"]
    if len(missing) < min_size:
        return []
    vectors = embedder.embed_documents([question_text(v) for v in missing])
    labels = cluster(vectors)
    groups = [
        [i for i in range(len(missing)) if labels[i] == c] for c in sorted(set(labels.tolist()))
    ]
    groups = [g for g in groups if len(g) >= min_size]
    others = [v for v in verdicts if v.cause != "missing_knowledge"]
    terms = key_terms([[missing[i] for i in g] for g in groups], background=others)
    newest = _newest(verdicts)
    gaps = []
    for members, label_terms in zip(groups, terms, strict=True):
        tickets = [missing[i] for i in members]
        centre = vectors[members].mean(axis=0)
        order = sorted(members, key=lambda i: -float(vectors[i] @ centre))
        typical = missing[order[0]]
        draft = articles.draft(
            question=question_text(typical, short=True),
            key_terms=label_terms,
            tickets=[missing[i].obs for i in order],
        )
        gaps.append(
            _gap(tickets, order, missing, label_terms, typical, draft, newest, half_life_days)
        )
    gaps.sort(key=lambda g: (-g.score, -g.size, g.label))
    return [_numbered(g, i) for i, g in enumerate(gaps, start=1)]


def _gap(
    tickets: list[Verdict],
    order: list[int],
    missing: list[Verdict],
    terms: list[str],
    typical: Verdict,
    draft: ArticleDraft,
    newest: datetime | None,
    half_life_days: float,
) -> Gap:
    dates = sorted(t.obs.created_at for t in tickets if t.obs.created_at)
    examples = [
        GapTicket(
            missing[i].id,
            question_text(missing[i], short=True),
            missing[i].obs.created_at,
            missing[i].obs.lang,
        )
        for i in order[:EXAMPLES]
    ]
    return Gap(
        id="",
        label=", ".join(terms[:4]) or question_text(typical, short=True)[:60],
        size=len(tickets),
        ticket_ids=[t.id for t in tickets],
        example_questions=[e.question for e in examples[:3]],
        draft_article=draft.markdown,
        key_terms=terms,
        representative_question=question_text(typical, short=True),
        examples=examples,
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
        score=sum(_recency_weight(t.obs.created_at, newest, half_life_days) for t in tickets),
        langs=dict(Counter(t.obs.lang for t in tickets).most_common()),
        article_title=draft.title,
        article_sources=draft.sources,
    )


def _numbered(gap: Gap, number: int) -> Gap:
    gap_id = f"gap-{number:02d}"
    return dataclasses.replace(
        gap, id=gap_id, draft_article=gap.draft_article.replace("{gap_id}", gap_id)
    )


def question_text(v: Verdict, *, short: bool = False) -> str:
    """The customer's question: subject and body (``short``: subject, else the body's start)."""
    subject, body = v.obs.subject.strip(), v.obs.body.strip()
    if short:
        return (subject if subject and subject != body else body)[:200]
    return f"{subject}\n{body}" if subject and subject != body else body


def cluster(
    vectors: npt.NDArray[np.float32], *, max_clusters: int = MAX_CLUSTERS
) -> npt.NDArray[np.int_]:
    """Cluster labels: average-link on cosine distance, cut where the silhouette is best."""
    n = len(vectors)
    if n < 3:
        return np.zeros(n, dtype=int)
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist, squareform

    condensed = np.clip(pdist(vectors.astype(np.float64), metric="cosine"), 0.0, 2.0)
    tree = linkage(condensed, method="average")
    distances = squareform(condensed)
    best: tuple[float, npt.NDArray[np.int_]] = (-1.0, np.zeros(n, dtype=int))
    for k in range(2, min(max_clusters, n - 1) + 1):
        labels = fcluster(tree, t=k, criterion="maxclust").astype(int)
        if len(set(labels.tolist())) < 2:
            continue
        score = silhouette(distances, labels)
        if score > best[0]:
            best = (score, labels)
    return best[1]


def silhouette(distances: npt.NDArray[np.float64], labels: npt.NDArray[np.int_]) -> float:
    """Mean silhouette coefficient; singletons count 0 (as in scikit-learn)."""
    values = []
    for i in range(len(labels)):
        own = labels == labels[i]
        if own.sum() <= 1:
            values.append(0.0)
            continue
        a = distances[i, own].sum() / (own.sum() - 1)
        b = min(distances[i, labels == c].mean() for c in set(labels.tolist()) if c != labels[i])
        values.append((b - a) / max(a, b) if max(a, b) > 0 else 0.0)
    return float(np.mean(values))


def key_terms(
    clusters: Sequence[Sequence[Verdict]], *, background: Sequence[Verdict], n: int = 6
) -> list[list[str]]:
    """Class-based TF-IDF key terms per cluster; other clusters and ``background`` are classes."""
    classes = [_term_weights(c) for c in clusters] + [_term_weights(background)]
    avg_words = sum(sum(w.values()) for w, _ in classes) / max(1, len(classes))
    total: Counter[str] = Counter()
    for weights, _ in classes:
        total.update(weights)
    out = []
    for members, (weights, tickets) in zip(clusters, classes, strict=False):
        size = sum(weights.values()) or 1.0
        min_tickets = 2 if len(members) >= 3 else 1
        scored = {
            t: (w / size) * math.log(1 + avg_words / total[t])
            for t, w in weights.items()
            if tickets[t] >= min_tickets
        }
        out.append([t for t, _ in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:n]])
    return out


def _term_weights(verdicts: Sequence[Verdict]) -> tuple[Counter[str], Counter[str]]:
    """Sublinear term frequency summed over tickets, and in how many tickets each term is."""
    from bm25s.stopwords import STOPWORDS_EN_PLUS, STOPWORDS_GERMAN

    stop = frozenset(STOPWORDS_EN_PLUS) | frozenset(STOPWORDS_GERMAN) | _FILLER
    weights: Counter[str] = Counter()
    tickets: Counter[str] = Counter()
    for v in verdicts:
        counts = Counter(
            w
            for w in words(without_placeholders(question_text(v)))
            if len(w) > 2 and not w.isdigit() and w not in stop
        )
        # 1 + log(tf): a word repeated in one long ticket should not name a whole cluster.
        weights.update({t: 1.0 + math.log(c) for t, c in counts.items()})
        tickets.update(counts.keys())
    return weights, tickets


def _newest(verdicts: Sequence[Verdict]) -> datetime | None:
    dates = [parse_timestamp(v.obs.created_at) for v in verdicts if v.obs.created_at]
    return max((d for d in dates if d), default=None)


def _recency_weight(created: str | None, newest: datetime | None, half_life_days: float) -> float:
    moment = parse_timestamp(created) if created else None
    if moment is None or newest is None:
        return 1.0
    age_days = max(0.0, (newest - moment).total_seconds() / 86400)
    return float(0.5 ** (age_days / half_life_days))
