"""Failure attribution: which of the six reasons a failed ticket gets."""

from __future__ import annotations

import pytest

from eval.attribution import Support, attribute, is_account_action

SUPPORTED = Support(0.8, "kb-1", supported=True)
UNSUPPORTED = Support(0.3, "kb-1", supported=False)


@pytest.mark.parametrize(
    ("deflected", "agreed", "resolution", "reasons", "support", "retrieved", "expected"),
    [
        (True, True, "Click export.", [], SUPPORTED, ["kb-1"], None),
        (True, None, None, [], None, ["kb-1"], None),
        (False, False, "Click export.", [], UNSUPPORTED, ["kb-1"], "missing_knowledge"),
        (False, False, "Click export.", [], SUPPORTED, ["kb-2"], "retrieval_miss"),
        (False, False, "Click export.", [], SUPPORTED, ["kb-1"], "drafting_error"),
        (True, False, "Click export.", [], SUPPORTED, ["kb-1"], "drafting_error"),
        (False, False, "I have refunded the charge.", [], SUPPORTED, ["kb-1"], "needs_action"),
        (False, None, None, ["needs_account_action"], None, [], "needs_action"),
        (False, None, None, ["no_relevant_knowledge"], None, [], "missing_knowledge"),
        (False, None, None, ["weak_evidence"], None, ["kb-1"], "drafting_error"),
        # Only an internal wiki page answered: publish it (a gap only when nothing supports).
        (
            False,
            False,
            "Click export.",
            ["internal_guidance"],
            SUPPORTED,
            ["kb-1"],
            "internal_only",
        ),
        (False, None, None, ["internal_guidance"], None, ["wiki-1"], "internal_only"),
        (
            False,
            False,
            "Click export.",
            ["internal_guidance"],
            UNSUPPORTED,
            [],
            "missing_knowledge",
        ),
        (False, False, "I refunded it.", ["internal_guidance"], SUPPORTED, [], "needs_action"),
    ],
)
def test_failure_reason_follows_the_documented_rules(
    deflected: bool,
    agreed: bool | None,
    resolution: str | None,
    reasons: list[str],
    support: Support | None,
    retrieved: list[str],
    expected: str | None,
) -> None:
    """If this fails, the failure breakdown and the gap report count the wrong tickets."""
    got = attribute(
        deflected=deflected,
        agreed=agreed,
        resolution=resolution,
        reasons=reasons,
        support=support,
        retrieved_doc_ids=retrieved,
    )
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I've refunded the second payment to your card.", True),
        ("Ich habe Ihnen den Betrag erstattet.", True),
        ("Your data was restored and the account has been refunded.", True),
        ("You can request a refund in Settings > Billing.", False),
        ("Go to Settings and click Export.", False),
    ],
)
def test_account_actions_are_recognised_in_resolutions(text: str, expected: bool) -> None:
    """If this fails, refunds done by agents are blamed on missing articles."""
    assert is_account_action(text) is expected


@pytest.mark.parametrize(
    ("correct", "deflected", "resolution", "reasons", "support", "retrieved", "expected"),
    [
        # The draft answered as the human did but was not sent: no knowledge or draft failed.
        (True, False, "Click export.", [], SUPPORTED, ["kb-1"], "low_confidence"),
        (True, False, "Click export.", ["weak_evidence"], SUPPORTED, ["kb-2"], "low_confidence"),
        (True, True, "Click export.", [], SUPPORTED, ["kb-1"], None),
        (False, False, "Click export.", [], SUPPORTED, ["kb-1"], "drafting_error"),
        (None, False, "Click export.", [], SUPPORTED, ["kb-2"], "retrieval_miss"),
        # These rules come first: an account action, a gap, an internal-only answer.
        (True, False, "I have refunded the charge.", [], SUPPORTED, ["kb-1"], "needs_action"),
        (True, False, "Click export.", [], UNSUPPORTED, ["kb-1"], "missing_knowledge"),
        (True, False, "Click export.", ["internal_guidance"], SUPPORTED, [], "internal_only"),
    ],
)
def test_a_correct_draft_that_did_not_deflect_is_low_confidence(
    correct: bool | None,
    deflected: bool,
    resolution: str,
    reasons: list[str],
    support: Support,
    retrieved: list[str],
    expected: str | None,
) -> None:
    """Before, a right draft below the threshold counted as a drafting error or retrieval miss."""
    got = attribute(
        deflected=deflected,
        agreed=bool(correct) and deflected,
        resolution=resolution,
        reasons=reasons,
        support=support,
        retrieved_doc_ids=retrieved,
        correct=correct,
    )
    assert got == expected
