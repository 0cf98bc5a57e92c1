"""Sentence splitting and language detection feed every draft."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copilot.text import content_terms, detect_language, key_terms, sentence_pieces, split_sentences


def test_markdown_emphasis_and_list_markers_do_not_reach_sentences() -> None:
    """Drafts quote sentences; '**' or list bullets would show up in the customer's reply."""
    text = "## Steps\n- Open **Settings** and choose __Billing__.\n1. Press Save. Done now."
    assert split_sentences(text) == [
        "Steps",
        "Open Settings and choose Billing.",
        "Press Save.",
        "Done now.",
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Wie kann ich mein Passwort zurücksetzen?", "de"),
        ("How do I reset my password?", "en"),
        ("Rechnung", "en"),  # too little text to tell: the default
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    """Replies go out in the detected language."""
    assert detect_language(text) == lang


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Open it.", " ", "\n", "**Bold** text", "1. ", "- ", "Go!", "ok", "Ä"]),
        max_size=12,
    ).map("".join)
)
def test_sentence_pieces_are_the_sentences_with_the_span_they_were_cleaned_from(
    text: str,
) -> None:
    """A sentence piece differed from ``split_sentences``, or its span held other text."""
    pieces = sentence_pieces(text)
    assert [s for s, _, _ in pieces] == split_sentences(text)
    for sentence, start, end in pieces:
        raw = text[start:end]
        assert split_sentences(raw) == [sentence]


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        ("Die Bankverbindung synchronisiert seit gestern nicht mehr. Was kann ich tun?", "de", 2),
        ("Hi, the export still fails since yesterday, please help", "en", 3),
    ],
)
def test_key_terms_leave_out_the_filler_of_a_support_conversation(
    text: str, lang: str, kept: int
) -> None:
    assert key_terms(text, lang) < content_terms(text, lang)
    assert len(key_terms(text, lang)) == kept
