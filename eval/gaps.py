"""Gap report for writers: the questions no article answers, one cluster per topic, with drafts.

**What is a gap.** A ticket the replay failed for ``missing_knowledge`` (no visible passage
supported its human resolution) *and* that the current knowledge still does not answer: each
such ticket is looked up once more in every indexed article and wiki page, without the as-of
filters (``eval.coverage.KnowledgeCheck``). Tickets answered by an article published since are
not gaps; the closest current article is reported with every gap.

**Clustering.** Writers want one cluster per topic, whatever the language or phrasing, so the
similarity of two tickets is the larger of two signals:

- *lexical*: TF-IDF cosine of the question and resolution words, IDF over all replayed tickets.
  It needs no translation: product names, codes, loan words and the agents' recurring
  vocabulary are shared across languages and phrasings, and words every ticket uses weigh
  nothing;
- *dense* (off unless ``retrieval.dense_langs`` names languages): embedding cosine of the
  questions, for pairs whose languages the embedder reads (``dense_langs``; an English model
  is noise on German), rescaled by the median cosine of the pairs (``(cos - median) / (1 -
  median)``), so an embedder where every pair scores 0.7 does not merge everything. Measured
  on the demo (2026-12-02) it split planted topics instead of joining them: with MiniLM one
  topic landed only 50% in one gap (English apart from German), with multilingual-e5-small
  another 36% (purity 0.64 against 0.77 on words alone), so replays cluster on words.

Clusters come from agglomerative clustering with average linkage on ``1 - similarity``, cut at
a distance learnt from the same replay: the tickets that *were* answered carry their topic (the
article that supported them), and the cut is the one whose clusters of those tickets agree best
with their articles (pairwise F1). The number of gaps is what that cut leaves, not a parameter.
Average linkage keeps a cluster together only when its members are close on average, so one
shared word does not chain two topics. A failed ticket of another reason (``retrieval_miss``,
``drafting_error``, ``low_confidence``) joins the gap it is closest to when it is at least as
close to it as the gap's own tickets are to each other: it asked the same question, and the
passage the replay took as support was no answer. Clusters of one ticket are not reported.

**Label.** The medoid ticket's cleaned question (its first question sentence, greetings and
signature removed), in the cluster's majority language; the class-based TF-IDF key terms are a
separate field (``key_terms``). Gaps are ranked by volume weighted by recency.

**Articles.** Each gap gets a draft written from the cluster's human resolutions
(``eval.articles``), marked as a draft with its source tickets.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
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
from copilot.text import split_sentences, strip_salutations, words
from eval.articles import ArticleDrafter
from eval.coverage import Closest, KnowledgeCheck
from eval.judging import resolution_content
from eval.scoring import Verdict

log = logging.getLogger(__name__)

EXAMPLES = 5
# Cut distances tried when the cut is learnt from the answered tickets, and the cut used when
# there are too few of them to learn from.
CUTS = tuple(round(0.5 + 0.025 * i, 3) for i in range(19))
DEFAULT_CUT = 0.85
MIN_ANSWERED = 12
BACKGROUND_SAMPLE = 200  # replayed tickets whose question cosines give the dense background
MIN_QUESTION_WORDS = 4  # "Why?" or "Does it?" says nothing without its context
SEED_REASON = "missing_knowledge"
# A joining ticket must be this close to a gap, relative to how close its members are.
ATTACH_SHARE = 1.0
# ``low_confidence`` too: the judge's agreement is evidence, not proof (on the demo it counted
# a create-invoice procedure as agreeing with a reply about invoice currencies, a planted gap).
JOINING_REASONS = ("retrieval_miss", "drafting_error", "low_confidence")

Matrix = npt.NDArray[np.float64]


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
    lang: str = "en"
    closest_article: dict[str, Any] | None = None

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
            "lang": self.lang,
            "langs": self.langs,
            "closest_article": self.closest_article,
            "article_title": self.article_title,
            "article_sources": self.article_sources,
        }


@dataclass(frozen=True)
class GapOptions:
    """Choices of the gap analysis."""

    # Two similar failed tickets happen by chance in any replay; a gap is a question asked
    # at least three times.
    min_size: int = 3
    half_life_days: float = 90.0
    dense_langs: tuple[str, ...] = ("en",)
    cut: float | None = None  # None: learnt from the answered tickets


def find_gaps(
    verdicts: Sequence[Verdict],
    *,
    embedder: Embedder,
    articles: ArticleDrafter,
    knowledge: KnowledgeCheck | None = None,
    options: GapOptions | None = None,
    min_size: int | None = None,
) -> list[Gap]:
    """Cluster the tickets no knowledge answers into gaps, highest volume-and-recency first."""
    opts = options or GapOptions()
    if min_size is not None:
        opts = dataclasses.replace(opts, min_size=min_size)
    closest = _closest(verdicts, knowledge)
    seeds = [v for v in verdicts if v.cause == SEED_REASON and not closest[v.id].answers]
    if len(seeds) < opts.min_size:
        return []
    space = TicketSpace(verdicts, embedder=embedder, dense_langs=opts.dense_langs)
    cut = opts.cut if opts.cut is not None else learn_cut(verdicts, space)
    log.info("Gap clustering cut at distance %.3f", cut)
    groups = [g for g in cluster(space.similarity(seeds), cut=cut) if len(g) >= opts.min_size]
    clusters = [[seeds[i] for i in g] for g in groups]
    joining = [v for v in verdicts if v.cause in JOINING_REASONS]
    clusters = attach(clusters, joining, space=space)
    terms = key_terms(clusters, background=verdicts)
    newest = _newest(verdicts)
    gaps = [
        _gap(members, label_terms, space, articles, closest, newest, opts.half_life_days)
        for members, label_terms in zip(clusters, terms, strict=True)
    ]
    gaps.sort(key=lambda g: (-g.score, -g.size, g.label))
    return [_numbered(g, i) for i, g in enumerate(gaps, start=1)]


def _closest(verdicts: Sequence[Verdict], knowledge: KnowledgeCheck | None) -> dict[str, Closest]:
    """The current-knowledge lookup of every ``missing_knowledge`` ticket (without a lookup,
    or for other tickets: nothing answers, no closest article)."""
    out: dict[str, Closest] = {}
    for v in verdicts:
        if knowledge is None or v.cause != SEED_REASON:
            out[v.id] = Closest(doc_id=None)
            continue
        out[v.id] = knowledge.closest(
            question_text(v), resolution=v.obs.resolution, lang=v.obs.lang
        )
    return out


class TicketSpace:
    """Lexical vectors of every replayed ticket and question embeddings, computed on demand."""

    def __init__(
        self, verdicts: Sequence[Verdict], *, embedder: Embedder, dense_langs: Sequence[str]
    ) -> None:
        self.embedder = embedder
        self.dense_langs = frozenset(dense_langs)
        self.tokens = {v.id: ticket_terms(v) for v in verdicts}
        langs_of: dict[str, set[str]] = {}
        for v in verdicts:
            for t in set(self.tokens[v.id]):
                langs_of.setdefault(t, set()).add(v.obs.lang)
        # Words written in several languages (names, codes, loan words): the only ones two
        # tickets in different languages can share.
        self.shared = frozenset(t for t, langs in langs_of.items() if len(langs) > 1)
        doc_freq: Counter[str] = Counter()
        for toks in self.tokens.values():
            doc_freq.update(set(toks))
        total = max(1, len(self.tokens))
        # Words of a single ticket link nothing; common words weigh little (smoothed IDF).
        self.idf = {t: math.log(1.0 + total / n) for t, n in doc_freq.items() if n > 1}
        self._vectors: dict[str, npt.NDArray[np.float32]] = {}
        readable = [v for v in verdicts if v.obs.lang in self.dense_langs]
        step = max(1, len(readable) // BACKGROUND_SAMPLE)
        self._sample = readable[::step][:BACKGROUND_SAMPLE]
        self._background: float | None = None

    def lexical(self, tickets: Sequence[Verdict]) -> Matrix:
        """TF-IDF cosine between ``tickets`` (sublinear term frequency); for two tickets in
        different languages, over the words used in several languages only."""
        full = self._tfidf(tickets, keep=None)
        shared = self._tfidf(tickets, keep=self.shared)
        langs = np.array([v.obs.lang for v in tickets])
        same = langs[:, None] == langs[None, :]
        return np.where(same, full @ full.T, shared @ shared.T).astype(np.float64)

    def _tfidf(self, tickets: Sequence[Verdict], *, keep: frozenset[str] | None) -> Matrix:
        """Unit-length TF-IDF rows over the words in ``keep`` (all words when None)."""
        terms = {t for v in tickets for t in self.tokens[v.id] if keep is None or t in keep}
        vocab = {t: i for i, t in enumerate(sorted(terms))}
        matrix = np.zeros((len(tickets), max(1, len(vocab))))
        for row, v in enumerate(tickets):
            for term, count in Counter(self.tokens[v.id]).items():
                if term in vocab:
                    matrix[row, vocab[term]] = (1.0 + math.log(count)) * self.idf.get(term, 0.0)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return matrix / np.where(norms > 0, norms, 1.0)

    def _cosine(self, tickets: Sequence[Verdict]) -> Matrix:
        missing = list({v.id: v for v in tickets if v.id not in self._vectors}.values())
        if missing:
            vectors = self.embedder.embed_documents([question_text(v) for v in missing])
            self._vectors.update({v.id: vectors[i] for i, v in enumerate(missing)})
        vectors = np.stack([self._vectors[v.id] for v in tickets]).astype(np.float64)
        return np.asarray(vectors @ vectors.T, dtype=np.float64)

    def background(self) -> float:
        """Median question cosine of pairs of replayed tickets (a sample): what 'unrelated'
        scores with this embedder."""
        if self._background is None:
            cosine = self._cosine(self._sample) if len(self._sample) > 1 else np.zeros((1, 1))
            upper = cosine[np.triu_indices(len(cosine), k=1)]
            self._background = float(np.median(upper)) if upper.size else 0.0
        return self._background

    def dense(self, tickets: Sequence[Verdict]) -> Matrix:
        """Question cosine rescaled by the background, for pairs the embedder reads both of;
        0 for other pairs."""
        readable = np.array([v.obs.lang in self.dense_langs for v in tickets])
        pairs = np.outer(readable, readable) & ~np.eye(len(tickets), dtype=bool)
        if not pairs.any():
            return np.zeros((len(tickets), len(tickets)))
        cosine, background = self._cosine(tickets), self.background()
        scaled = np.clip((cosine - background) / max(1e-6, 1.0 - background), 0.0, 1.0)
        return np.where(pairs, scaled, 0.0)

    def similarity(self, tickets: Sequence[Verdict]) -> Matrix:
        """The larger of the lexical and the (readable) dense similarity; 1 on the diagonal."""
        if not tickets:
            return np.zeros((0, 0))
        sim = np.maximum(self.lexical(tickets), self.dense(tickets))
        np.fill_diagonal(sim, 1.0)
        return sim


def cluster(similarity: Matrix, *, cut: float) -> list[list[int]]:
    """Groups of row indices: average linkage on ``1 - similarity``, cut at distance ``cut``."""
    n = len(similarity)
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = np.clip(1.0 - (similarity + similarity.T) / 2.0, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=cut, criterion="distance")
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels.tolist()):
        groups.setdefault(int(label), []).append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def learn_cut(verdicts: Sequence[Verdict], space: TicketSpace) -> float:
    """The cut whose clusters of the answered tickets best match the articles that answered
    them (pairwise F1); ``DEFAULT_CUT`` when fewer than ``MIN_ANSWERED`` tickets were answered
    by at least two different documents."""
    answered = [v for v in verdicts if v.obs.supported and v.obs.support_doc_id]
    topics = [str(v.obs.support_doc_id) for v in answered]
    if len(answered) < MIN_ANSWERED or len(set(topics)) < 2:
        return DEFAULT_CUT
    similarity = space.similarity(answered)
    scored = [(pair_f1(cluster(similarity, cut=c), topics), -c, c) for c in CUTS]
    return max(scored)[2]


def pair_f1(groups: Sequence[Sequence[int]], topics: Sequence[str]) -> float:
    """F1 of "same cluster" against "same topic" over all pairs of items."""
    label = {i: k for k, g in enumerate(groups) for i in g}
    same_cluster = same_topic = both = 0
    for i in range(len(topics)):
        for j in range(i + 1, len(topics)):
            c, t = label[i] == label[j], topics[i] == topics[j]
            same_cluster += c
            same_topic += t
            both += c and t
    if not both:
        return 0.0
    precision, recall = both / same_cluster, both / same_topic
    return 2 * precision * recall / (precision + recall)


def attach(
    clusters: list[list[Verdict]],
    candidates: Sequence[Verdict],
    *,
    space: TicketSpace,
) -> list[list[Verdict]]:
    """Each candidate joins the cluster it is closest to on average, when it is at least as
    close to it as the cluster's own members are to each other (their mean similarity)."""
    if not clusters or not candidates:
        return clusters
    members = [v for c in clusters for v in c]
    owner = np.array([k for k, c in enumerate(clusters) for _ in c])
    sim = space.similarity([*members, *candidates])
    within = []
    for k in range(len(clusters)):
        block = sim[np.ix_(owner == k, owner == k)]
        size = len(block)
        within.append((block.sum() - size) / max(1, size * (size - 1)))
    out = [list(c) for c in clusters]
    for row, ticket in enumerate(candidates, start=len(members)):
        means = [float(sim[row, : len(members)][owner == k].mean()) for k in range(len(out))]
        best = int(np.argmax(means))
        if means[best] + 1e-6 >= ATTACH_SHARE * within[best]:
            out[best].append(ticket)
    return out


def _gap(
    tickets: list[Verdict],
    terms: list[str],
    space: TicketSpace,
    articles: ArticleDrafter,
    closest: dict[str, Closest],
    newest: datetime | None,
    half_life_days: float,
) -> Gap:
    lang = Counter(t.obs.lang for t in tickets).most_common(1)[0][0]
    order = _central_first(tickets, space)
    label = gap_label([t for t in order if t.obs.lang == lang], terms)
    draft = articles.draft(question=label, key_terms=terms, tickets=[t.obs for t in order])
    dates = sorted(t.obs.created_at for t in tickets if t.obs.created_at)
    examples = [
        GapTicket(t.id, cleaned_question(t), t.obs.created_at, t.obs.lang) for t in order[:EXAMPLES]
    ]
    return Gap(
        id="",
        label=label,
        size=len(tickets),
        ticket_ids=[t.id for t in tickets],
        example_questions=[e.question for e in examples[:3]],
        draft_article=draft.markdown,
        key_terms=terms,
        representative_question=label,
        examples=examples,
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
        score=sum(_recency_weight(t.obs.created_at, newest, half_life_days) for t in tickets),
        langs=dict(Counter(t.obs.lang for t in tickets).most_common()),
        article_title=draft.title,
        article_sources=draft.sources,
        lang=draft.lang,
        closest_article=_closest_article([closest[t.id] for t in tickets]),
    )


def _central_first(tickets: list[Verdict], space: TicketSpace) -> list[Verdict]:
    """Members by mean similarity to the others, the medoid first."""
    centrality = space.similarity(tickets).mean(axis=1)
    return [tickets[i] for i in np.argsort(-centrality, kind="stable")]


def _closest_article(found: Sequence[Closest]) -> dict[str, Any] | None:
    """The current document most often closest to the gap's tickets, if any."""
    counts = Counter(c.doc_id for c in found if c.doc_id)
    if not counts:
        return None
    doc_id, votes = counts.most_common(1)[0]
    best = max((c for c in found if c.doc_id == doc_id), key=lambda c: c.score)
    return {
        "doc_id": doc_id,
        "title": best.title,
        "url": best.url,
        "score": round(best.score, 3),
        "tickets": votes,
    }


def _numbered(gap: Gap, number: int) -> Gap:
    gap_id = f"gap-{number:02d}"
    return dataclasses.replace(
        gap, id=gap_id, draft_article=gap.draft_article.replace("{gap_id}", gap_id)
    )


def question_text(v: Verdict, *, short: bool = False) -> str:
    """The customer's question: subject and body (``short``: the cleaned question)."""
    if short:
        return cleaned_question(v)
    subject, body = v.obs.subject.strip(), strip_salutations(v.obs.body)
    return f"{subject}\n{body}" if subject and subject not in body else body


_SELF_INTRO = re.compile(
    r"^(?:i(?:'m| am| run| do| have| use|'ve)|we(?:'re| are| run| have| use)|ich (?:bin|nutze|"
    r"habe|kümmere|mache)|wir (?:sind|haben|nutzen))\b",
    re.IGNORECASE,
)


def gap_label(central_first: Sequence[Verdict], terms: Sequence[str]) -> str:
    """The gap's title: the cleaned question of the most central ticket whose question names
    one of the gap's top key terms (the medoid's when none does)."""
    top = set(terms[:3])
    for ticket in central_first:
        question = cleaned_question(ticket)
        if top & set(words(question)):
            return question
    return cleaned_question(central_first[0])


def cleaned_question(v: Verdict, *, limit: int = 140) -> str:
    """The ticket's question as a writer would title it: the first question sentence of the
    body (of at least ``MIN_QUESTION_WORDS`` words, no self-introduction) without greeting and
    signature, else the subject, else the body's first sentence."""
    sentences = split_sentences(strip_salutations(v.obs.body))
    asked = [s for s in sentences if s.endswith("?")]
    questions = [
        s for s in asked if len(s.split()) >= MIN_QUESTION_WORDS and not _SELF_INTRO.match(s)
    ]
    subject = " ".join(v.obs.subject.split())
    text = questions[0] if questions else (subject or (sentences[0] if sentences else ""))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def ticket_terms(v: Verdict) -> list[str]:
    """Content words of the question and the resolution (stop words, digits and salutations
    removed); the material of the lexical similarity."""
    text = f"{question_text(v)}\n{resolution_content(v.obs.resolution or '')}"
    stop = _stop_words()
    return [
        w
        for w in words(without_placeholders(text))
        if len(w) > 2 and not w.isdigit() and w not in stop
    ]


def _stop_words() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN_PLUS, STOPWORDS_GERMAN

    return frozenset(STOPWORDS_EN_PLUS) | frozenset(STOPWORDS_GERMAN)


def key_terms(
    clusters: Sequence[Sequence[Verdict]], *, background: Sequence[Verdict], n: int = 6
) -> list[list[str]]:
    """Class-based TF-IDF key terms per cluster's questions: words many of its tickets ask
    about and few other replayed tickets do."""
    doc_freq: Counter[str] = Counter()
    for v in background:
        doc_freq.update(set(_question_terms(v)))
    total = max(1, len(background))
    out = []
    for members in clusters:
        counts: Counter[str] = Counter()
        weights: Counter[str] = Counter()
        for v in members:
            tf = Counter(_question_terms(v))
            counts.update(tf.keys())
            # 1 + log(tf): a word repeated in one ticket should not name the whole gap.
            weights.update({t: 1.0 + math.log(c) for t, c in tf.items()})
        floor = 2 if len(members) >= 3 else 1
        scored = {
            t: (weights[t] / len(members)) * math.log(1.0 + total / max(1, doc_freq[t]))
            for t, c in counts.items()
            if c >= floor
        }
        out.append([t for t, _ in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:n]])
    return out


def _question_terms(v: Verdict) -> list[str]:
    stop = _stop_words()
    text = without_placeholders(question_text(v))
    return [w for w in words(text) if len(w) > 2 and not w.isdigit() and w not in stop]


def _newest(verdicts: Sequence[Verdict]) -> datetime | None:
    dates = [parse_timestamp(v.obs.created_at) for v in verdicts if v.obs.created_at]
    return max((d for d in dates if d), default=None)


def _recency_weight(created: str | None, newest: datetime | None, half_life_days: float) -> float:
    moment = parse_timestamp(created) if created else None
    if moment is None or newest is None:
        return 1.0
    age_days = max(0.0, (newest - moment).total_seconds() / 86400)
    return float(0.5 ** (age_days / half_life_days))
