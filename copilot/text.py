"""Offline text processing: language detection, sentence splitting, stemmed tokens."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

SUPPORTED_LANGS = ("en", "de")
_STEMMER_NAMES = {"en": "english", "de": "german"}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'„(]?[A-ZÄÖÜ0-9])|\n{1,}")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(SUPPORTED_LANGS))
    return ident


def detect_language(text: str, *, default: str = "en") -> str:
    """``"en"`` or ``"de"`` for ``text``; ``default`` when there is too little text to tell."""
    return _detected(text, default)


@lru_cache(maxsize=16384)
def _detected(text: str, default: str) -> str:
    # Remembered: a replay's searches ask again for the language of the same queries.
    if len(_WORD.findall(text)) < 2:
        return default
    lang, _prob = _identifier().classify(text[:2000])
    return str(lang)


@lru_cache(maxsize=4)
def _stemmer(lang: str) -> Any:
    import Stemmer

    return Stemmer.Stemmer(_STEMMER_NAMES.get(lang, "english"))


@lru_cache(maxsize=4)
def _stopwords(lang: str) -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN_PLUS, STOPWORDS_GERMAN

    return frozenset(STOPWORDS_GERMAN if lang == "de" else STOPWORDS_EN_PLUS)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits)."""
    return _WORD.findall(text.lower())


def tokenize(
    text: str, lang: str | None = None, *, compounds: Decompounder | None = None
) -> list[str]:
    """Stemmed content tokens for BM25: stop words dropped, stemmer of ``lang`` (default en).

    With ``compounds`` (German only) each compound word is followed by its parts, so
    "Rechnungsadresse" also matches "Adresse" and "Rechnung".
    """
    code = lang if lang in _STEMMER_NAMES else "en"
    stop = _stopwords(code)
    kept = [w for w in words(text) if w not in stop]
    if compounds is not None and code == "de":
        kept = [part for w in kept for part in (w, *compounds.split(w))]
    stems = list(_stemmer(code).stemWords(kept))
    return [_german_verb_stem(t) for t in stems] if code == "de" else stems


def _german_verb_stem(stem: str) -> str:
    """Snowball leaves German "-ieren" verbs as "...i" and their "-ierung" nouns as "...ier":
    "exportieren" -> "exporti", "Stornierung" -> "stornier". Cut both to the base the noun or
    adjective has ("export", "storn"), so "Wie exportiere ich ..." finds the "DATEV-Export"."""
    if len(stem) > 5 and stem.endswith("ier"):
        return stem[:-3]
    if len(stem) > 4 and stem.endswith("i"):
        return stem[:-1]
    return stem


def content_terms(text: str, lang: str | None = None) -> set[str]:
    """The set of stemmed content words of ``text`` (key terms for coverage checks)."""
    return set(_content_terms(text, lang))


@lru_cache(maxsize=65536)
def _content_terms(text: str, lang: str | None) -> frozenset[str]:
    # Remembered: a replay asks for the terms of the same passages ticket after ticket.
    return frozenset(t for t in tokenize(text, lang) if len(t) > 1 and not t.isdigit())


# Words of a support conversation that say nothing about what is asked: greetings and thanks,
# "since yesterday", "still", "anymore", hedges and wishes. The stop word lists keep them.
_FILLER_WORDS = {
    "en": "hi hello hey dear thanks thank thx please regards cheers sorry hope hoping today "
    "yesterday tomorrow tonight since still already anymore recently suddenly currently lately "
    "actually really basically somehow maybe perhaps probably quite would like wondering wonder "
    "anyone someone something anything guys ok okay",
    "de": "hallo hi hey moin servus liebe lieber guten tag danke dank vielen bitte gerne gern "
    "grüße gruß beste freundlichen leider hoffe heute gestern morgen seit schon immer mehr "
    "plötzlich aktuell derzeit momentan eigentlich einfach irgendwie mal halt eben trotzdem "
    "vielleicht wahrscheinlich eventuell ziemlich tun möchte möchten würde würden irgendjemand "
    "jemand etwas",
}
_FILLER = {lang: frozenset(text.split()) for lang, text in _FILLER_WORDS.items()}


def key_terms(text: str, lang: str | None = None) -> set[str]:
    """``content_terms`` without the filler of a support conversation ("seit gestern",
    "nicht mehr", "please", "still"): what a question is about."""
    code = lang if lang in _STEMMER_NAMES else "en"
    return content_terms(text, lang) - _filler_stems(code)


@lru_cache(maxsize=4)
def _filler_stems(code: str) -> frozenset[str]:
    return frozenset(_stemmer(code).stemWords(sorted(_FILLER[code])))


# Titles before a person's name, English and German (regex alternatives, no dot).
TITLES = r"Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Herrn?|Frau"

_LINKS = ("", "s", "es", "n", "en", "e")


class Decompounder:
    """Splits German compounds into words of a known vocabulary.

    The vocabulary is the words the index has seen on their own, so a split only ever yields
    words that can match something. Greedy longest-head search, linking elements (-s-, -es-,
    -n-, -en-, -e-) allowed between parts, parts of at least ``min_part`` letters.
    """

    def __init__(self, vocabulary: Iterable[str], *, min_part: int = 4, min_word: int = 8):
        self._vocab = frozenset(w for w in vocabulary if len(w) >= min_part)
        # Stems let "liefer" (from "Lieferung") and "methoden" (for "Methode") match too.
        self._stems = frozenset(_stemmer("de").stemWords(sorted(self._vocab)))
        self._min_part = min_part
        self._min_word = min_word
        self._cache: dict[str, tuple[str, ...]] = {}

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of ``word`` (lower case), or ``()`` when it is not a known compound."""
        if len(word) < self._min_word or not word.isalpha():
            return ()
        if word not in self._cache:
            self._cache[word] = tuple(self._split(word, depth=0) or ())
        return self._cache[word]

    def _split(self, word: str, *, depth: int) -> list[str] | None:
        if depth > 0 and self._known(word):
            return [word]
        if depth >= 3:
            return None
        for cut in range(len(word) - self._min_part, self._min_part - 1, -1):
            head, rest = word[:cut], word[cut:]
            if not (head in self._vocab or head in self._stems):
                continue
            for link in _LINKS:
                if not rest.startswith(link) or len(rest) - len(link) < self._min_part:
                    continue
                tail = self._split(rest[len(link) :], depth=depth + 1)
                if tail:
                    return [head, *tail]
        return None

    def _known(self, word: str) -> bool:
        return word in self._vocab or _stemmer("de").stemWord(word) in self._stems


_GREETING_LINE = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|liebe[rs]?|"
    r"sehr geehrte[rs]?|guten (?:tag|morgen|abend)|moin|servus)\b[^\n]{0,60}[,!.]?\s*$",
    re.IGNORECASE,
)
# The greeting itself, up to its comma: "Hello, I forgot my password." keeps its question.
_GREETING_HEAD = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|liebe[rs]?|"
    r"sehr geehrte[rs]?|guten (?:tag|morgen|abend)|moin|servus)\b[^\n,!.]{0,40}[,!.]\s*",
    re.IGNORECASE,
)
_SIGN_OFF_LINE = re.compile(
    r"^\s*(?:thanks?|thank you|many thanks|cheers|best|kind regards|best regards|regards|"
    r"danke|vielen dank|viele grüße|beste grüße|mit freundlichen grüßen|lg|vg|gruß|grüße)"
    r"\b[^\n]{0,40}$",
    re.IGNORECASE,
)


def strip_salutations(text: str) -> str:
    """The message without its greeting line and everything from the sign-off on.

    "Dear Quillbox team, ... Thanks in advance, Aisha" searches for the brand and a name;
    the question is what lies between.
    """
    lines = text.splitlines()
    kept: list[str] = []
    for i, line in enumerate(lines):
        if _GREETING_LINE.match(line):
            head = _GREETING_HEAD.match(line)
            rest = line[head.end() :].strip() if head else ""
            if len(rest.split()) >= 3:
                kept.append(rest)
            continue
        if i > 0 and kept and _SIGN_OFF_LINE.match(line):
            break
        kept.append(line)
    cleaned = "\n".join(kept).strip()
    return cleaned or text.strip()


_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def split_sentences(text: str) -> list[str]:
    """Sentences and list items of ``text``, stripped, Markdown markers removed."""
    return [sentence for sentence, _, _ in sentence_pieces(text)]


def sentence_pieces(text: str) -> list[tuple[str, int, int]]:
    """``split_sentences(text)`` with the character span ``(start, end)`` in ``text`` of the
    piece each sentence was cleaned from (markers and emphasis included)."""
    out = []
    start = 0
    for gap in (*_SENTENCE_END.finditer(text), None):
        end = len(text) if gap is None else gap.start()
        # **bold** and __bold__ read as plain text (first: "**Note:**" is no list marker).
        cleaned = _EMPHASIS.sub(r"\2", text[start:end])
        cleaned = _MARKER.sub("", cleaned).strip()
        if cleaned:
            out.append((cleaned, start, end))
        start = end if gap is None else gap.end()
    return out


_MARKER = re.compile(r"^\s*(?:[#>*-]+|\d+[.)])\s*")
