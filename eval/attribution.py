"""Failure attribution: why a ticket was not deflected, or was deflected with a wrong answer.

- ``needs_action``: the human resolution is an action on the customer's account (a refund, a
  cancellation, a reset done for them) that no article can perform;
- ``missing_knowledge``: no passage the ticket could see supports the human resolution;
- ``retrieval_miss``: one does, but the draft's retrieval did not return its document;
- ``drafting_error``: it was retrieved, yet the draft did not agree with the human;
- ``internal_only``: the knowledge that answers is an internal wiki page, which drafts never
  quote to customers (reason ``internal_guidance``): what it says belongs in a help-center
  article. Only when visible knowledge supports the human resolution (or there is none to
  check); otherwise the ticket stays ``missing_knowledge``, a gap;
- ``low_confidence``: the draft did answer as the human did (``correct``), but its confidence
  was below the deflection threshold or a reason code held it back. Neither the knowledge nor
  the draft failed here, as far as the judge can tell: what is missing is the evidence to send
  it unreviewed (more history, a better confidence model).

Tickets without a resolution cannot be checked against one: they are ``missing_knowledge`` when
the drafter found no relevant knowledge and ``drafting_error`` otherwise.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np

from copilot.backends.embedder import (
    Embedder,
    Vectors,
    comparable_cosine,
    cross_language_scale,
    embedder_languages,
)
from copilot.backends.lexical_index import PassageVectorStore
from copilot.domain import SearchFilters
from copilot.passage_vectors import answer_part, sentence_key
from copilot.retrieval import Retriever
from copilot.text import split_sentences
from eval.judging import resolution_content, term_recall
from ingest.chunking import embedding_text

FailureReason = Literal[
    "missing_knowledge",
    "retrieval_miss",
    "drafting_error",
    "needs_action",
    "internal_only",
    "low_confidence",
]
FAILURE_REASONS: tuple[FailureReason, ...] = get_args(FailureReason)
# Each reason in words, for reports.
FAILURE_WORDS: dict[str, str] = {
    "missing_knowledge": "no visible passage supports the human reply: a knowledge gap",
    "retrieval_miss": "a passage supports it, but the draft's retrieval missed its document",
    "drafting_error": "the supporting document was retrieved, yet the draft did not agree",
    "needs_action": "the human reply was an action on the customer's account",
    "internal_only": "only an internal wiki page answered (drafts never quote those)",
    "low_confidence": "the draft agreed with the human reply, but was not confident enough "
    "to send unreviewed",
}

# Things an agent did on the account, in English and German, as they appear in resolutions:
# a first-person past action ("I've refunded", "ich habe ... gekündigt") or a passive one.
_EN_DONE = (
    r"refunded|cancell?ed|closed|deleted|restored|recovered|transferred|merged|reset|unlocked|"
    r"reactivated|credited|extended|upgraded|downgraded|removed|reversed|moved|switched|"
    r"changed|updated your|issued (?:a|the|your) refund"
)
_DE_DONE = (
    r"erstattet|gekündigt|geschlossen|umgestellt|gelöscht|wiederhergestellt|zusammengeführt|"
    r"zurückgesetzt|entsperrt|gutgeschrieben|storniert|übertragen|verlängert|freigeschaltet|"
    r"geändert"
)
_ACTION_DONE = re.compile(
    rf"\b(?:I|we)(?:'ve|'ll| have| just| now| already)*\s+(?:\w+\s+)?(?:{_EN_DONE})\b"
    rf"|\b(?:has|have|was|were) been (?:{_EN_DONE})\b"
    r"|\b(?:engineers?|team|colleagues?) (?:could |have |has )?(?:restored?|recovered?)\b"
    rf"|\b(?:ich|wir) (?:habe|haben)\b[^.;:]{{0,80}}?\b(?:{_DE_DONE})\b"
    rf"|\b(?:habe|haben) (?:ich|wir)\b[^.;:]{{0,80}}?\b(?:{_DE_DONE})\b"
    rf"|\b(?:wurde|wurden) (?:\w+ ){{0,3}}(?:{_DE_DONE})\b",
    re.IGNORECASE,
)


def is_account_action(resolution: str) -> bool:
    """True when the human resolution reports an action done on the customer's account."""
    return bool(_ACTION_DONE.search(resolution))


@dataclass(frozen=True)
class Support:
    """The visible passage sentence that best supports a resolution, and whether it does."""

    score: float
    doc_id: str | None
    supported: bool = False
    method: str = "cosine"

    def as_json(self) -> dict[str, object]:
        """Plain JSON data."""
        return {
            "score": round(self.score, 4),
            "doc_id": self.doc_id,
            "supported": self.supported,
            "method": self.method,
        }


CROSS_LANGUAGE = "cross_language_cosine"
CROSS_LANGUAGE_Z = "cross_language_z"
# Passages of a language needed before a resolution's cosine to one of them is read as a
# z-score against the rest (fewer: the affine ``cross_language_scale`` reading).
MIN_BACKGROUND = 50
# Sentences with a vector pooled at ingest (``copilot.passage_vectors``) are ranked with it;
# the best one, and those whose pooled cosine comes within SUPPORT_MARGIN of what could change
# the decision, are embedded and scored exactly, so a support's score stays on the threshold's
# scale. Exact cosines run about 0.02 below pooled ones (int8 MiniLM, doc2dial), spread 0.12.
# On doc2dial's 661 tickets, against embedding every sentence (same cached vectors), the
# support decision (supported, and by which document) stayed the same for 97.4% at margin
# 0.15, 98.5% at 0.175 and 99.4% at 0.2, which embeds about 5 of a ticket's 22 sentences.
SUPPORT_RECHECK = 1
SUPPORT_MARGIN = 0.2


class SupportFinder:
    """Looks for indexed passages that support a human resolution, as of the ticket's time.

    Candidate documents come from the configured retrieval with the resolution as the query;
    then every sentence of their best passages is compared with the resolution's substance:
    sentence level, because a short reply matches one sentence of a long article, not the
    article as a whole. The comparison is embedding cosine (at ``threshold``) for languages the
    embedder reads, else the share of the resolution's key terms a passage holds (at
    ``lexical_threshold``). With a multilingual ``bridge`` embedder, passages in another
    language than the resolution are compared by a z-score (at ``z_threshold``): how far the
    resolution's cosine to the passage stands above its cosines to the indexed passages of
    that language (``Retriever.language_sample``), in their standard deviations. A
    multilingual model's cosines sit in a narrow band (e5: nearly every pair 0.8-0.9) shifted
    by the pair of languages, so no fixed cosine threshold separates support from a generic
    passage; the z-score removes both the band and the language offset. Passages are embedded
    as ingest embedded them (title and heading first), like the background. Measured on the
    demo with multilingual-e5-small (2026-12-03): per ticket, the best passage in the other
    language is a gold article for 74 tickets, z at their 10th percentile 3.11, while the
    best non-gold passages' 90th percentile is 3.30 and every planted gap ticket's best is
    below 2.9; within one language the same z gives 3.18 and 3.35 (one threshold reads
    both). AUC of "the best passage is gold": z 0.94, cosine 0.82. An index with fewer than
    ``MIN_BACKGROUND`` passages in that language falls back to the cosine on the reference
    scale (``cross_language_scale``) at ``threshold``. The clearer of the two supports (same
    and other language, each relative to its threshold) wins.
    """

    def __init__(
        self,
        retriever: Retriever,
        *,
        threshold: float = 0.6,
        lexical_threshold: float = 0.4,
        docs: int = 3,
        scorer: Embedder | None = None,
        scorer_langs: Sequence[str] | None = None,
        bridge: Embedder | None = None,
        z_threshold: float = 3.25,
    ) -> None:
        self.retriever = retriever
        self.threshold = threshold
        self.z_threshold = z_threshold
        self.lexical_threshold = lexical_threshold
        self.docs = docs
        # What compares sentences with the resolution (default: the retrieval embedder, in
        # the languages it reads); thresholds are in this embedder's cosine scale.
        self.scorer = scorer
        self.scorer_langs = None if scorer_langs is None else tuple(scorer_langs)
        self.bridge = bridge

    def retrieval_queries(self, resolution: str) -> list[tuple[str, int]]:
        """The ``(query, depth)`` search ``find(resolution)`` makes (for a prefetch)."""
        content = resolution_content(resolution)
        return [(content, self.retriever.document_depth(self.docs))] if content.strip() else []

    def find(self, resolution: str, *, filters: SearchFilters, lang: str = "en") -> Support:
        """The best support for ``resolution`` among knowledge that passes ``filters``."""
        content = resolution_content(resolution)
        if not content.strip():
            return Support(0.0, None)
        groups = self.retriever.search_documents(content, k=self.docs, filters=filters)
        hits = [hit for group in groups for hit in group.passages[:2]]
        passages = [(_answer_part(h.chunk.kind, h.chunk.text), h.chunk.doc_id) for h in hits]
        if self.bridge is None:
            return self._same_language(content, passages, lang=lang)
        own = [(h.chunk.lang or lang) == lang for h in hits]
        same = self._same_language(
            content, [p for p, o in zip(passages, own, strict=True) if o], lang=lang
        )
        # Other-language passages as ingest embedded them (title and heading first), so each
        # is read on the same footing as the indexed background its z-score is taken against.
        foreign = [
            (text if h.chunk.kind == "ticket" else embedding_text(h.chunk), doc_id, h.chunk.lang)
            for (text, doc_id), h, o in zip(passages, hits, own, strict=True)
            if not o and h.chunk.lang
        ]
        across = self._across(content, foreign, lang=lang)
        if across is None or not across.supported:
            return same
        if same.supported and same.score / self._threshold(same) >= across.score / self._threshold(
            across
        ):
            return same
        return across

    def _threshold(self, support: Support) -> float:
        return {"term_recall": self.lexical_threshold, CROSS_LANGUAGE_Z: self.z_threshold}.get(
            support.method, self.threshold
        )

    def _across(
        self, content: str, passages: Sequence[tuple[str, str, str]], *, lang: str
    ) -> Support | None:
        """The best of ``passages`` (text, doc id, language), each in another language than
        the resolution, by the bridge (None without a bridge that reads the resolution's
        language, or without such passages)."""
        langs = embedder_languages(self.bridge) if self.bridge is not None else ()
        kept = [p for p in passages if p[0].strip()]
        if self.bridge is None or lang not in langs or not kept:
            return None
        vectors = self.bridge.embed_documents([content, *(t for t, _, _ in kept)])
        cosines = vectors[1:] @ vectors[0]
        zs = self._z_scores(vectors[0], cosines, langs=[lang_ for _, _, lang_ in kept])
        if zs is not None:
            i = int(np.argmax(zs))
            z = float(zs[i])
            return Support(z, kept[i][1], z >= self.z_threshold, CROSS_LANGUAGE_Z)
        i = int(np.argmax(cosines))
        score = comparable_cosine(float(cosines[i]), cross_language_scale(self.bridge))
        return Support(score, kept[i][1], score >= self.threshold, CROSS_LANGUAGE)

    def _z_scores(
        self, resolution: np.ndarray, cosines: np.ndarray, *, langs: Sequence[str]
    ) -> np.ndarray | None:
        """Each cosine as a z-score against the resolution's cosines to the indexed passages
        of the passage's language; None when a language has too few of them."""
        moments: dict[str, tuple[float, float]] = {}
        for lang in set(langs):
            sample = self.retriever.language_sample(lang)
            if sample is None or len(sample) < MIN_BACKGROUND or sample.shape[1] != len(resolution):
                return None
            background = sample @ resolution
            moments[lang] = (float(background.mean()), float(background.std()))
        if any(spread <= 0.0 for _, spread in moments.values()):
            return None
        return np.array(
            [
                (float(c) - moments[lang][0]) / moments[lang][1]
                for c, lang in zip(cosines, langs, strict=True)
            ]
        )

    def _same_language(
        self, content: str, passages: Sequence[tuple[str, str]], *, lang: str
    ) -> Support:
        texts: list[str] = []
        owners: list[str] = []
        for text, doc_id in passages:
            for sentence in split_sentences(text):
                texts.append(sentence)
                owners.append(doc_id)
        if not texts:
            return Support(0.0, None)
        reads = (
            self.retriever.reads(lang) if self.scorer_langs is None else (lang in self.scorer_langs)
        )
        if reads:
            embedder = self.scorer or self.retriever.embedder
            sims = self._sentence_cosines(embedder, content, texts, owners)
            i = int(np.argmax(sims))
            score = float(sims[i])
            return Support(score, owners[i], score >= self.threshold, "cosine")
        # Key-term overlap is too sparse within one sentence: compare whole passages instead.
        recalls = [(term_recall(text, content, lang=lang), doc) for text, doc in passages]
        score, doc_id = max(recalls, key=lambda r: r[0])
        return Support(score, doc_id, score >= self.lexical_threshold, "term_recall")

    def _sentence_cosines(
        self, embedder: Embedder, content: str, texts: Sequence[str], owners: Sequence[str]
    ) -> Vectors:
        """The cosine of each of ``texts`` with ``content`` where it is embedded; -inf for
        sentences that the vectors pooled at ingest (``_pooled_sentences``) rule out.

        Sentences without a pooled vector are embedded, and the ``SUPPORT_RECHECK`` best by
        pooled cosine; then every other sentence whose pooled cosine comes within
        ``SUPPORT_MARGIN`` of the bar, which is the threshold while the best exact cosine is
        below it, else that best (a sentence that may decide support or its document)."""
        query = embedder.embed_query(content)
        unique = list(dict.fromkeys(texts))
        pooled = {
            t: float(np.max(v @ query))
            for t, v in self._pooled_sentences(embedder, unique, owners).items()
        }
        ranked = sorted(pooled, key=lambda t: -pooled[t])
        exact = [t for t in unique if t not in pooled] + ranked[:SUPPORT_RECHECK]
        scores = dict(zip(exact, (embedder.embed_documents(exact) @ query).tolist(), strict=True))
        best = max(scores.values())
        bar = best if best >= self.threshold else self.threshold
        more = [t for t in ranked[SUPPORT_RECHECK:] if pooled[t] + SUPPORT_MARGIN >= bar]
        if more:
            scores.update(zip(more, (embedder.embed_documents(more) @ query).tolist(), strict=True))
        return np.array([scores.get(t, -np.inf) for t in texts], dtype=np.float64)

    def _pooled_sentences(
        self, embedder: Embedder, texts: Sequence[str], doc_ids: Sequence[str]
    ) -> dict[str, Vectors]:
        """The vectors ingest pooled for ``texts`` in the chunks of ``doc_ids``
        (``copilot.passage_vectors.sentence_key``; a sentence in several chunks has
        several), in ``texts`` order; empty where the index keeps none for ``embedder``."""
        store = self.retriever.lexical_index
        if not isinstance(store, PassageVectorStore):
            return {}
        keys = {sentence_key(t): t for t in texts}
        found: dict[str, list[Vectors]] = {}
        for doc_id in dict.fromkeys(doc_ids):
            chunks = tuple(sorted(store.ids_for_doc(doc_id)))
            for key, vectors in self._doc_sentences(store, embedder, chunks, keys).items():
                found.setdefault(keys[key], []).extend(vectors)
        return {t: np.stack(found[t]) for t in texts if t in found}

    @functools.cached_property
    def _pooled_memo(self) -> dict[tuple[tuple[str, tuple[str, ...]], bytes], list[Vectors]]:
        return {}

    def _doc_sentences(
        self,
        store: PassageVectorStore,
        embedder: Embedder,
        chunks: tuple[str, ...],
        keys: Iterable[bytes],
    ) -> dict[bytes, list[Vectors]]:
        """The pooled vectors under ``keys`` in ``chunks`` (one document's), remembered by
        chunk ids: a replay meets the same documents ticket after ticket."""
        memo = self._pooled_memo
        if len(memo) > 200_000:
            memo.clear()
        scope = (embedder.model_id, chunks)
        todo = [k for k in keys if (scope, k) not in memo]
        if todo:
            wanted = [(c, k) for c in chunks for k in todo]
            got: dict[bytes, list[Vectors]] = {k: [] for k in todo}
            for (_, key), vector in store.passage_vectors(
                wanted, model_id=embedder.model_id
            ).items():
                got[key].append(vector)
            memo.update(((scope, k), v) for k, v in got.items())
        return {k: memo[(scope, k)] for k in keys if memo[(scope, k)]}


def _answer_part(kind: str, text: str) -> str:
    return answer_part(kind, text)[0]


def attribute(
    *,
    deflected: bool,
    agreed: bool | None,
    resolution: str | None,
    reasons: Sequence[str],
    support: Support | None,
    retrieved_doc_ids: Sequence[str],
    correct: bool | None = None,
) -> FailureReason | None:
    """The failure reason of one replayed ticket, None when it was deflected correctly.

    ``correct``: the draft answered as the human did (``eval.scoring.draft_agrees``)."""
    if deflected and agreed is not False:
        return None
    if (resolution and is_account_action(resolution)) or "needs_account_action" in reasons:
        return "needs_action"
    internal = "internal_guidance" in reasons
    if not resolution or support is None:
        if {"no_relevant_knowledge", "language_not_read"} & set(reasons):
            return "missing_knowledge"
        return "internal_only" if internal else "drafting_error"
    if support.doc_id is None or not support.supported:
        return "missing_knowledge"
    if internal:
        return "internal_only"
    if correct and not deflected:
        return "low_confidence"
    if support.doc_id not in retrieved_doc_ids:
        return "retrieval_miss"
    return "drafting_error"
