"""Sentence splitting and language detection feed every draft."""

from __future__ import annotations

import pytest

from copilot.text import detect_language, split_sentences


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
