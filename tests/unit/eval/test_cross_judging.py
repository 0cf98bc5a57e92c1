"""The z-judge for drafts whose answer is in another language than the human reply."""

from __future__ import annotations

from collections.abc import Sequence

from copilot.backends.embedder import FakeEmbedder, Vectors
from eval.cross_judging import JUDGE, fit_threshold, rejudge_across_languages
from eval.observation import Observation
from tests.unit.replay_fixtures import observation

TOPICS = [f"{a}{i} {b}{i} {c}{i}" for i in range(12) for a, b, c in [("alpha", "beta", "gamma")]]


class BilingualEmbedder(FakeEmbedder):
    """Reads "word_de" as "word" (one vector space) but marks each language, so cosines
    across languages sit lower than within one, as with a real multilingual model."""

    languages = ("en", "de")

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        def mapped(text: str) -> str:
            lang = "zzde zzde" if "_de" in text else "zzen zzen"
            return f"{text.replace('_de', '')} {lang}"

        return super().embed_documents([mapped(t) for t in texts])


def _lang(text: str) -> str:
    return "de" if "_de" in text else "en"


def _german(text: str) -> str:
    return " ".join(f"{w}_de" for w in text.split())


def _obs(i: int, *, reply: str, answer: str, lang: str, agreed: bool, judge: str) -> Observation:
    filler = f" note{i % 7}_de" if lang == "de" else f" note{i % 7}"  # replies vary a little
    return observation(
        id=f"t{i}",
        resolution=reply + filler,
        answer=f"{answer} note{(3 * i) % 7}",
        draft=answer,
        lang=lang,
        agreed=agreed,
        agreement=0.9 if agreed else 0.1,
        judge=judge,
    )


def _replay() -> list[Observation]:
    """Same-language drafts the embedding judge got right, then cross-language ones it called
    wrong: German replies answered by English quotes, half of them on the reply's topic."""
    out = []
    for i in range(48):
        lang, topic = ("de" if i % 2 else "en"), TOPICS[i % 12]
        other = TOPICS[(i + 5) % 12]
        good = i % 4 < 2
        text = _german if lang == "de" else str
        judge = "term-recall" if lang == "de" else "embedding-cosine"
        answer = text(topic if good else other)
        out.append(_obs(i, reply=text(topic), answer=answer, lang=lang, agreed=good, judge=judge))
    for i in range(48, 60):
        topic, right = TOPICS[i % 12], i % 2 == 0
        answer = topic if right else TOPICS[(i + 3) % 12]
        out.append(
            _obs(
                i, reply=_german(topic), answer=answer, lang="de", agreed=False, judge="term-recall"
            )
        )
    return out


def test_cross_language_drafts_on_the_replys_topic_now_agree() -> None:
    """If this fails, a German ticket answered from an English guide always counts as wrong."""
    before = _replay()
    embedder = BilingualEmbedder(512)
    after = rejudge_across_languages(before, embedder=embedder, langs=("en", "de"), detect=_lang)
    for old, new in zip(before[48:], after[48:], strict=True):
        right = int(old.id[1:]) % 2 == 0
        assert new.judge == JUDGE
        assert new.agreed is right, old.id
        assert {"z", "z_threshold"} <= new.judge_signals.keys()
        assert new.agreement is not None
        assert (new.agreement >= 0.6) is right
    assert after[:48] == before[:48]


def test_the_embedders_own_languages_are_read_when_none_are_given() -> None:
    """If this fails, a replay (which passes no languages) never judges across languages."""
    before = _replay()
    default = rejudge_across_languages(before, embedder=BilingualEmbedder(512), detect=_lang)
    named = rejudge_across_languages(
        before, embedder=BilingualEmbedder(512), langs=("en", "de"), detect=_lang
    )
    assert default == named
    assert sum(o.judge == JUDGE for o in default) == 12


def test_nothing_changes_for_an_english_only_embedder_or_an_llm_judge() -> None:
    """If this fails, the z-judge overrides a judge that could read both languages."""
    before, embedder = _replay(), BilingualEmbedder(512)
    english = rejudge_across_languages(before, embedder=embedder, langs=("en",), detect=_lang)
    assert english == before
    llm = [o if o.lang == "en" else _with_judge(o, "llm-rubric") for o in before]
    same = rejudge_across_languages(llm, embedder=embedder, langs=("en", "de"), detect=_lang)
    assert [o.agreed for o in same] == [o.agreed for o in llm]


def _with_judge(o: Observation, judge: str) -> Observation:
    import dataclasses

    return dataclasses.replace(o, judge=judge)


def test_the_threshold_is_where_the_z_judge_matches_the_reference_judge_best() -> None:
    """If this fails, the z threshold is not learnt from the replay's own verdicts."""
    z = [0.1, 0.5, 1.0, 2.0, 2.5, 3.0, 3.5, 4.0] * 4
    agreed = [s >= 2.5 for s in z]
    assert fit_threshold(z, agreed) == 2.5
    assert fit_threshold(z[:8], agreed[:8]) is None  # too few to fit on
    assert fit_threshold(z, [True] * len(z)) is None  # one outcome only
