"""Reports: the Markdown and the self-contained HTML page show what report.json holds."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from copilot.backends.embedder import FakeEmbedder
from eval import charts
from eval.articles import ExtractiveArticleDrafter
from eval.attribution import FAILURE_REASONS, FAILURE_WORDS
from eval.gaps import Gap, find_gaps
from eval.observation import Observation
from eval.reports import confident_errors, render_html, render_markdown, summary, write_report
from eval.scoring import Verdict, score_replay
from tests.unit.replay_fixtures import observation


def _observations() -> list[Observation]:
    out = []
    for i in range(40):
        good = i % 3 != 0
        out.append(
            observation(
                id=f"t{i}",
                raw_confidence=0.2 + 0.6 * (i % 5) / 4,
                agreement=0.8 if good else 0.2,
                agreed=good,
                supported=good,
                support_score=0.8 if good else 0.1,
                support_doc_id="kb-1",
                retrieved_doc_ids=["kb-1"],
                retrieved_kinds=["article"],
                resolution="Open the dark mode setting." if not good else "Click export.",
                subject="Dark mode" if not good else "Export",
                body="Where is the dark mode switch?" if not good else "How to export?",
                created_at=f"2026-{1 + i % 12:02d}-03T10:00:00+00:00",
                tags=["ui" if not good else "export"],
                lang="de" if i % 4 == 0 else "en",
            )
        )
    return out


def _data() -> tuple[dict[str, Any], list[Gap]]:
    scored = score_replay(_observations(), threshold=0.5, target_precision=0.8)
    embedder = FakeEmbedder()
    gaps = find_gaps(
        scored.verdicts, embedder=embedder, articles=ExtractiveArticleDrafter(embedder)
    )
    return summary(scored, undated=2, skipped=1, gaps=gaps), gaps


def test_summary_breaks_deflection_down_by_topic_language_and_month() -> None:
    """If this fails, ops cannot see where the copilot helps and where it does not."""
    data, _ = _data()
    assert set(data["by_topic"]) == {"export", "ui"}
    assert set(data["by_language"]) == {"de", "en"}
    assert len(data["by_month"]) == 12
    for row in data["by_topic"].values():
        assert row["ci_low"] <= row["rate"] <= row["ci_high"]
    assert data["undated_tickets"] == 2


def test_html_report_is_self_contained_with_charts() -> None:
    """If this fails, the report page loads things from the network or lost its charts."""
    data, _ = _data()
    page = render_html(data)
    assert page.count("<svg") >= 5  # sweep, calibration, topic, month, language (+ gaps)
    assert not re.search(r"<(?:script|link|img|iframe)\b", page, re.IGNORECASE)
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page, re.IGNORECASE)
    assert "Knowledge gaps" in page
    assert "Threshold sweep" in page


def test_markdown_report_has_every_section() -> None:
    """If this fails, the Markdown report misses a section reviewers rely on."""
    data, _ = _data()
    text = render_markdown(data)
    for heading in (
        "# Replay report",
        "## Why tickets were not deflected",
        "## Deflection by topic",
        "## Deflection by language",
        "## Deflection by month",
        "## Threshold sweep",
        "## Calibration",
        "## Knowledge gaps",
    ):
        assert heading in text, heading


def test_html_escapes_ticket_text() -> None:
    """If this fails, a ticket subject can inject markup into the report page."""
    data, _ = _data()
    data["by_topic"] = {"<script>x</script>": {"n": 1, "rate": 0, "ci_low": 0, "ci_high": 1}}
    assert "<script>x" not in render_html(data)


def test_report_folder_has_one_markdown_file_per_gap(tmp_path: Path) -> None:
    """If this fails, writers cannot open a pull request per gap."""
    data, gaps = _data()
    scored = score_replay(_observations(), threshold=0.5, target_precision=0.8)
    write_report(tmp_path, data=data, verdicts=scored.verdicts, gaps=gaps, manifest={})
    files = sorted(p.name for p in (tmp_path / "gaps").glob("*.md"))
    assert len(files) == len(gaps) >= 1
    assert files[0].startswith("gap-01-")


def test_wiki_pages_that_alone_answered_are_listed_for_writers() -> None:
    """Tickets only the internal wiki answered are what writers should publish: the report
    names each page with its ticket count, most first, escaped in HTML."""
    wiki = {
        "escalate": True,
        "reasons": ["internal_guidance"],
        "answer": "",
        "agreed": False,
        "agreement": 0.0,
        "supported": True,
        "support_score": 0.9,
        "resolution": "Transactions from that bank arrive two days late after maintenance.",
        "retrieved_kinds": ["wiki", "article"],
    }
    pages = [
        ("wiki-7", "Double <b>charges</b>"),
        ("wiki-7", "Double <b>charges</b>"),
        ("wiki-2", "Bank sync"),
    ]
    extra = [
        observation(
            id=f"w{n}",
            retrieved_doc_ids=[doc, "kb-1"],
            retrieved_titles=[title, "Export"],
            support_doc_id=doc,
            **wiki,
        )
        for n, (doc, title) in enumerate(pages)
    ]
    scored = score_replay(_observations() + extra, threshold=0.5, target_precision=0.8)
    data = summary(scored, undated=0, skipped=0, gaps=[])
    assert data["failure_reasons"]["internal_only"] == 3
    assert [(p["doc_id"], p["tickets"]) for p in data["internal_answers"]] == [
        ("wiki-7", 2),
        ("wiki-2", 1),
    ]
    assert data["internal_answers"][0]["ticket_ids"] == ["w0", "w1"]
    assert "| Double <b>charges</b> (wiki-7) | 2 |" in render_markdown(data)
    page = render_html(data)
    assert "Answered only by the internal wiki" in page
    assert "Double &lt;b&gt;charges&lt;/b&gt; (wiki-7)" in page


def test_right_drafts_below_the_threshold_are_not_counted_as_errors() -> None:
    """A draft that agreed with the human reply but stayed below the threshold is
    ``low_confidence``, and the report says in words what each reason means."""
    scored = score_replay(_observations(), threshold=0.99, target_precision=0.8)
    data = summary(scored, undated=0, skipped=0, gaps=[])
    right = sum(v.correct is True and not v.would_deflect for v in scored.verdicts)
    assert right > 0
    assert data["failure_reasons"]["low_confidence"] == right
    assert data["failure_reasons"]["drafting_error"] == 0
    assert set(data["failure_reasons"]) == set(FAILURE_REASONS)
    lines = render_markdown(data).splitlines()
    assert f"| low_confidence | {right} | {FAILURE_WORDS['low_confidence']} |" in lines
    page = render_html(data)
    for reason in FAILURE_REASONS:
        assert html.escape(FAILURE_WORDS[reason]) in page


def _ranked(id: str, confidence: float, *, correct: bool | None, blocked: bool = False) -> Verdict:
    return Verdict(
        obs=observation(id=id, subject=f"<b>{id}</b>", cited_doc_ids=["kb-1"]),
        confidence=confidence,
        would_deflect=confidence >= 0.8 and not blocked,
        failure_reason=None if confidence >= 0.8 else "drafting_error",
        blocked=blocked,
        correct=correct,
        deflected_failure="retrieval_miss" if confidence >= 0.8 and correct is False else None,
    )


def test_the_most_confident_wrong_drafts_are_listed_with_their_rank() -> None:
    """Ops see which wrong drafts sit at the top of the ranking: those decide the threshold.
    Blocked drafts and drafts without a resolution are not ranked (they can never count)."""
    verdicts = [
        _ranked("a", 0.95, correct=True),
        _ranked("b", 0.99, correct=True, blocked=True),
        _ranked("c", 0.93, correct=False),
        _ranked("d", 0.97, correct=None),
        _ranked("e", 0.91, correct=True),
        _ranked("f", 0.60, correct=False),
        _ranked("g", 0.50, correct=False),
    ]
    errors = confident_errors(verdicts, limit=2)
    assert errors["ranked"] == 5
    assert [(d["rank"], d["id"], d["cause"], d["deflected"]) for d in errors["drafts"]] == [
        (2, "c", "retrieval_miss", True),
        (4, "f", "drafting_error", False),
    ]
    scored = score_replay(_observations(), threshold=0.5, target_precision=0.8)
    data = summary(scored, undated=0, skipped=0, gaps=[]) | {"confident_errors": errors}
    assert "| 2 | c | 0.930 | kb-1 | retrieval_miss | yes | <b>c</b> |" in render_markdown(data)
    page = render_html(data)
    assert "The most confident wrong drafts" in page
    assert "&lt;b&gt;f&lt;/b&gt;" in page
    assert "<b>f</b>" not in page


def test_the_ranking_strip_shows_each_disagreement_and_the_threshold() -> None:
    """Ops see where the wrong drafts sit in the ranking, and where the threshold cut it."""
    outcomes = "1111011111" + "0" * 5
    svg = charts.ranking_strip(outcomes, deflected=4)
    assert svg.startswith("<svg")
    assert svg.count(f'fill="{charts.ORANGE}"><title>') == 6  # one column per wrong draft
    assert "ranks 5-5: 1 disagreed" in svg
    assert "threshold: 4 deflected" in svg
    assert "none deflected" in charts.ranking_strip(outcomes, deflected=0)
    assert charts.ranking_strip("", deflected=0) == ""
    # Past max_columns a column is a run of ranks, as tall as its share of disagreements.
    many = charts.ranking_strip("10" * 500, deflected=0, max_columns=100)
    assert many.count("<title>ranks ") == 100
    assert "ranks 1-10: 5 disagreed" in many


def test_the_html_report_draws_the_ranking_strip_beside_the_wrong_drafts() -> None:
    verdicts = [_ranked(f"t{i}", 1 - i / 100, correct=i % 7 != 3) for i in range(30)]
    scored = score_replay(_observations(), threshold=0.5, target_precision=0.8)
    data = summary(scored, undated=0, skipped=0, gaps=[])
    data["confident_errors"] = confident_errors(verdicts)
    assert data["confident_errors"]["outcomes"] == "".join(
        "0" if i % 7 == 3 else "1" for i in range(30)
    )
    page = render_html(data)
    assert "Drafts ranked by confidence" in page
