"""Offline text processing: language detection, sentence splitting, stemmed tokens."""

from __future__ import annotations

import re
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


def tokenize(text: str, lang: str | None = None) -> list[str]:
    """Stemmed content tokens for BM25: stop words dropped, stemmer of ``lang`` (default en)."""
    code = lang if lang in _STEMMER_NAMES else "en"
    stop = _stopwords(code)
    kept = [w for w in words(text) if w not in stop]
    return list(_stemmer(code).stemWords(kept))


def split_sentences(text: str) -> list[str]:
    """Sentences and list items of ``text``, stripped, Markdown markers removed."""
    out = []
    for piece in _SENTENCE_END.split(text):
        cleaned = re.sub(r"^\s*(?:[#>*-]+|\d+[.)])\s*", "", piece).strip()
        if cleaned:
            out.append(cleaned)
    return out
