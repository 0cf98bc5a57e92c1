"""Judging drafts whose answer is in another language than the human reply.

A German ticket answered from an English article gets a German-framed draft that quotes the
English guide, while the agent replied in German. The embedding judge cannot compare the two:
the replay measures with MiniLM (English only; German by key terms, which an English quote
never shares), so every such draft counted as "disagreed", and the confidence model learnt
that answers across languages are wrong (on the demo with multilingual-e5-small: 0 of 34).

A multilingual embedder ranks well across languages, but its cosines across two languages sit
lower than within one, so no fixed threshold fits. This judge is relative instead: a draft
agrees when it is much closer to *its own* ticket's reply than to the replies of the replay's
other tickets in that reply's language, measured as a z-score ``(cos(draft, own reply) -
mean) / std`` over those other replies. The language offset cancels, since the background is
in the same language as the own reply. The z threshold is fitted on the same replay: on the
drafts in the reply's language, where the embedding judge is trusted, it is the threshold at
which the z-judge agrees most often with that judge's verdicts. Only the embedding judge's
cross-language verdicts are replaced (an LLM judge reads both languages); each keeps its
signals and adds ``z`` and ``z_threshold``.

Measured on the demo replay with multilingual-e5-small (2026-12-02, with the drafter's
cross-language passage choice): of 65 cross-language drafts (all "disagreed" before), 20 now
agree, all 20 citing a gold article (41 of the 65 cite one; the others mostly quote the right
article's wrong section, which the z-judge rejects). A
prototype of the same rule matched the embedding judge on 88.7% of 266 same-language drafts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np

from copilot.backends.embedder import Embedder, embedder_languages
from copilot.text import detect_language
from eval.judging import resolution_content
from eval.observation import Observation

JUDGE = "cross-language-z"
# Verdicts of these judges are re-judged across languages (the embedding judge's methods).
EMBEDDING_JUDGES = frozenset({"embedding-cosine", "term-recall"})
MIN_REFERENCE = 30  # same-language verdicts (with both outcomes) needed to fit the threshold
MIN_BACKGROUND = 20  # other replies in the reply's language needed for a z-score


def rejudge_across_languages(
    observations: Sequence[Observation],
    *,
    embedder: Embedder,
    langs: Sequence[str] | None = None,
    detect: Callable[[str], str] = detect_language,
) -> list[Observation]:
    """``observations`` with the embedding judge's cross-language verdicts replaced by the
    z-judge (see the module docstring); unchanged when the embedder reads one language or
    there is too little to fit on. ``langs``: the languages the embedder reads (default: its
    own ``languages``); ``detect`` tells a draft answer's language."""
    langs = embedder_languages(embedder) if langs is None else langs
    obs = list(observations)
    if len(set(langs)) < 2:
        return obs
    judged = [
        i for i, o in enumerate(obs) if o.agreed is not None and o.resolution and o.answer.strip()
    ]
    answer_langs = {i: detect(obs[i].answer) for i in judged}
    cross = [
        i
        for i in judged
        if obs[i].judge in EMBEDDING_JUDGES
        and answer_langs[i] != obs[i].lang
        and {answer_langs[i], obs[i].lang} <= set(langs)
    ]
    if not cross:
        return obs
    z = _z_scores(obs, judged, embedder=embedder)
    same = [i for i in judged if i not in set(cross) and obs[i].judge in EMBEDDING_JUDGES]
    threshold = fit_threshold([z[i] for i in same], [bool(obs[i].agreed) for i in same])
    if threshold is None:
        return obs
    for i in cross:
        if np.isfinite(z[i]):
            obs[i] = _verdict(obs[i], z=z[i], threshold=threshold)
    return obs


def _z_scores(
    obs: Sequence[Observation], judged: Sequence[int], *, embedder: Embedder
) -> dict[int, float]:
    """Per judged observation: how far its draft's cosine to its own reply stands above its
    cosines to the other replies in that reply's language (NaN with too few of them)."""
    answers = embedder.embed_documents([obs[i].answer for i in judged])
    replies = embedder.embed_documents(
        [resolution_content(obs[i].resolution or "") for i in judged]
    )
    sims = answers @ replies.T
    langs = np.array([obs[i].lang for i in judged])
    out: dict[int, float] = {}
    for row, i in enumerate(judged):
        mask = langs == obs[i].lang
        mask[row] = False
        background = sims[row, mask]
        spread = float(background.std()) if len(background) >= MIN_BACKGROUND else 0.0
        out[i] = (
            float((sims[row, row] - background.mean()) / spread) if spread > 0 else float("nan")
        )
    return out


def fit_threshold(z: Sequence[float], agreed: Sequence[bool]) -> float | None:
    """The z threshold at which ``z >= threshold`` matches ``agreed`` most often (the lowest
    such one); None with fewer than ``MIN_REFERENCE`` finite scores or only one outcome."""
    pairs = [(s, a) for s, a in zip(z, agreed, strict=True) if np.isfinite(s)]
    if len(pairs) < MIN_REFERENCE or len({a for _, a in pairs}) < 2:
        return None
    scores = np.array([s for s, _ in pairs])
    labels = np.array([a for _, a in pairs])
    candidates = np.unique(scores)
    hits = [int(np.sum((scores >= c) == labels)) for c in candidates]
    return float(candidates[int(np.argmax(hits))])


def _verdict(o: Observation, *, z: float, threshold: float) -> Observation:
    agreed = z >= threshold
    # On the agreement scale the embedding judge uses (0.6 = its threshold), for reports.
    agreement = float(np.clip(0.6 * z / threshold, 0.0, 1.0)) if threshold > 0 else float(agreed)
    signals = o.judge_signals | {"z": round(z, 4), "z_threshold": round(threshold, 4)}
    return dataclasses.replace(
        o, agreed=agreed, agreement=round(agreement, 4), judge=JUDGE, judge_signals=signals
    )
