"""Records: drafts, feedback with edit distance, replay runs, labelled examples."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from copilot.cli import cli
from copilot.domain import Citation, Draft, Ticket
from copilot.errors import ConfigError, InputError, NotFoundError
from copilot.records import Records, ReplayRun, default_url, edit_distance, edit_ratio
from copilot.settings import RecordsSettings, Settings

DRAFT = Draft(
    text="Hi Ann,\n\nOpen Settings and click Reset password.\n\nBest regards",
    citations=(Citation("a1", "Reset your password", "https://help.example/a1", "Open Settings"),),
    confidence=0.8,
    escalate=False,
    reasons=(),
    lang="en",
)
TICKET = Ticket(body="I forgot my password", subject="Login", customer_name="Ann Lee", id="T-1")


@pytest.fixture
def records(tmp_path: Path) -> Records:
    return Records.open(RecordsSettings(), tmp_path)


@pytest.mark.parametrize(
    ("draft", "sent", "expected"),
    [
        ("a b c", "a b c", 0),
        ("a b c", "a x c", 1),
        ("a b c", "a b c d", 1),
        ("a b c", "b c", 1),
        ("a b c", "", 3),
        ("", "x y", 2),
        ("a  b\nc", "a b c", 0),
        ("kitten sat on the mat", "the cat sat on a mat", 3),
    ],
)
def test_edit_distance_counts_word_edits(draft: str, sent: str, expected: int) -> None:
    """The feedback loop's edit distance miscounts inserted, deleted or replaced words."""
    assert edit_distance(draft, sent) == expected


words = st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=12).map(" ".join)


@given(words, words)
def test_edit_distance_is_a_bounded_symmetric_measure(a: str, b: str) -> None:
    """Edit distance broke a metric property (symmetry, zero only for equal, length bounds)."""
    d = edit_distance(a, b)
    assert d == edit_distance(b, a)
    assert (d == 0) == (a.split() == b.split())
    assert abs(len(a.split()) - len(b.split())) <= d <= max(len(a.split()), len(b.split()))


def test_edit_distance_of_long_rewrites_stays_a_valid_bound() -> None:
    """Long, fully rewritten texts (the fast path) give a distance outside the valid range."""
    a = " ".join(f"w{i}" for i in range(1500))
    b = " ".join(f"v{i}" for i in range(1200))
    assert 1500 <= edit_distance(a, b) <= 1500 + 1200


def test_edit_ratio_is_share_of_longer_text() -> None:
    """The edit ratio is not relative to the longer text's word count."""
    assert edit_ratio("a b c d", "a b", 2) == 0.5


def test_draft_and_feedback_are_stored_with_edit_distance(records: Records) -> None:
    """A draft or its edited feedback is not stored, or the distance to the sent text is wrong."""
    draft_id = records.add_draft(DRAFT, ticket=TICKET, drafter="extractive")
    sent = DRAFT.text.replace("Open Settings", "Open the Settings page")
    fb = records.add_feedback(draft_id, verdict="edited", final_text=sent)
    assert fb.draft_id == draft_id
    assert fb.edit_distance == 2  # "the" and "page" inserted
    assert records.counts() == {"drafts": 1, "feedback": 1}


def test_accepted_feedback_defaults_to_the_draft_text(records: Records) -> None:
    """Accepting without a final text does not count as sending the draft unchanged."""
    draft_id = records.add_draft(DRAFT, ticket=TICKET, drafter="extractive")
    fb = records.add_feedback(draft_id, verdict="accepted", final_text=None)
    assert (fb.edit_distance, fb.edit_ratio) == (0, 0.0)


def test_edited_feedback_needs_the_sent_text(records: Records) -> None:
    """An "edited" verdict without the sent text is accepted (the distance would be made up)."""
    draft_id = records.add_draft(DRAFT, ticket=TICKET, drafter="extractive")
    with pytest.raises(InputError, match="final_text"):
        records.add_feedback(draft_id, verdict="edited", final_text=None)


def test_feedback_for_unknown_draft_is_not_found(records: Records) -> None:
    """Feedback on a draft that does not exist is stored or fails with an unclear error."""
    with pytest.raises(NotFoundError, match="POST /api/v1/drafts"):
        records.add_feedback("0" * 32, verdict="accepted", final_text=None)


def test_labelled_examples_use_latest_verdict_and_edit_ratio(records: Records) -> None:
    """Calibration examples take an old verdict, or label heavy edits as good drafts."""
    kept = records.add_draft(DRAFT, ticket=TICKET, drafter="extractive")
    records.add_feedback(kept, verdict="rejected", final_text=None)
    records.add_feedback(kept, verdict="accepted", final_text=None)
    light = records.add_draft(DRAFT, ticket=TICKET, drafter="extractive")
    records.add_feedback(light, verdict="edited", final_text=DRAFT.text + " Thanks!")
    heavy = records.add_draft(DRAFT, ticket=TICKET, drafter="extractive")
    records.add_feedback(heavy, verdict="edited", final_text="Please call us.")
    records.add_draft(DRAFT, ticket=TICKET, drafter="extractive")  # no feedback: no example
    examples = {e["draft_id"]: e for e in records.labelled_examples(max_edit_ratio=0.3)}
    assert set(examples) == {kept, light, heavy}
    assert (examples[kept]["verdict"], examples[kept]["label"]) == ("accepted", 1)
    assert examples[light]["label"] == 1
    assert examples[heavy]["label"] == 0
    assert examples[kept]["confidence"] == pytest.approx(0.8)
    assert examples[kept]["cited_doc_ids"] == ["a1"]
    assert "body" not in examples[kept]


def test_ticket_text_is_not_stored_with_store_text_none(tmp_path: Path) -> None:
    """Ticket or sent text is stored although records.store_text is "none"."""
    records = Records.open(RecordsSettings(store_text="none"), tmp_path)
    draft_id = records.add_draft(DRAFT, ticket=TICKET, drafter="extractive")
    records.add_feedback(draft_id, verdict="edited", final_text="Hi Ann, call us.")
    (example,) = records.labelled_examples(with_text=True)
    assert (example["body"], example["subject"], example["final_text"]) == (None, None, None)
    assert example["draft"] == DRAFT.text.replace("Ann", "[NAME]")


PLANTED = Ticket(
    subject="Refund to DE89 3704 0044 0532 0130 00",
    body="Card 4111 1111 1111 1111, call +49 30 12345678 or ann.lee@example.com.\n\nBest,\nAnn Lee",
    customer_name="Ann Lee",
    id="T-9",
)
PLANTED_VALUES = ("DE89", "4111", "12345678", "ann.lee@example.com", "Ann", "Lee")


def test_scrubbed_records_hold_no_planted_value_in_the_database_file(tmp_path: Path) -> None:
    """A planted email, phone, IBAN, card or requester name reached records.sqlite."""
    records = Records.open(RecordsSettings(), tmp_path)
    draft_id = records.add_draft(DRAFT, ticket=PLANTED, drafter="extractive")
    sent = "Hi Ann,\n\nAnn, we refunded DE89 3704 0044 0532 0130 00; call +49 30 12345678."
    fb = records.add_feedback(draft_id, verdict="edited", final_text=sent)
    (example,) = records.labelled_examples(with_text=True)
    records.close()
    assert example["final_text"] == "Hi [NAME],\n\n[NAME], we refunded [IBAN]; call [PHONE]."
    assert fb.edit_distance > 0
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("records.sqlite*"))
    assert not [v for v in PLANTED_VALUES if v.encode() in raw]


def test_raw_store_text_keeps_the_text_as_received(tmp_path: Path) -> None:
    """records.store_text = "raw" changed the text it was asked to keep unchanged."""
    records = Records.open(RecordsSettings(store_text="raw"), tmp_path)
    draft_id = records.add_draft(DRAFT, ticket=PLANTED, drafter="extractive")
    records.add_feedback(draft_id, verdict="edited", final_text="Hi Ann Lee")
    (example,) = records.labelled_examples(with_text=True)
    assert (example["body"], example["final_text"]) == (PLANTED.body, "Hi Ann Lee")


@pytest.mark.parametrize(("old", "new"), [(True, "scrubbed"), (False, "none")])
def test_retired_store_ticket_text_maps_to_store_text(old: bool, new: str) -> None:
    """An old config with records.store_ticket_text fails or maps to the wrong policy."""
    assert RecordsSettings.model_validate({"store_ticket_text": old}).store_text == new


def test_unknown_store_text_is_a_config_error(tmp_path: Path) -> None:
    """A typo in records.store_text is accepted instead of naming the valid values."""
    from copilot.settings import load_settings

    with pytest.raises(ConfigError, match=r"records\.store_text"):
        load_settings(data_dir=tmp_path, records={"store_text": "everything"})


def _aged(records: Records, draft_id: str, days: int) -> None:
    from sqlalchemy import update

    from copilot.records import DraftRow, FeedbackRow

    when = datetime.now(UTC) - timedelta(days=days)
    with records._sessions.begin() as session:
        session.execute(update(DraftRow).where(DraftRow.id == draft_id).values(created_at=when))
        session.execute(
            update(FeedbackRow).where(FeedbackRow.draft_id == draft_id).values(created_at=when)
        )


def test_purge_deletes_only_drafts_and_feedback_older_than_the_cutoff(records: Records) -> None:
    """Purging kept old customer text, or deleted recent drafts."""
    old = records.add_draft(DRAFT, ticket=TICKET, drafter="extractive")
    records.add_feedback(old, verdict="accepted", final_text=None)
    new = records.add_draft(DRAFT, ticket=TICKET, drafter="extractive")
    records.add_feedback(new, verdict="accepted", final_text=None)
    _aged(records, old, days=40)
    report = records.purge(older_than_days=30)
    assert (report.drafts, report.feedback) == (1, 1)
    assert [e["draft_id"] for e in records.labelled_examples()] == [new]


def test_retention_days_purges_when_the_database_is_opened(tmp_path: Path) -> None:
    """records.retention_days does not delete expired drafts."""
    records = Records.open(RecordsSettings(), tmp_path)
    _aged(records, records.add_draft(DRAFT, ticket=TICKET, drafter="extractive"), days=10)
    records.close()
    reopened = Records.open(RecordsSettings(retention_days=7), tmp_path)
    assert reopened.counts() == {"drafts": 0, "feedback": 0}


def test_records_purge_command_reports_what_it_deleted(tmp_path: Path) -> None:
    """`copilot records purge --json` does not delete old drafts or print its summary."""
    records = Records.open(RecordsSettings(), tmp_path)
    _aged(records, records.add_draft(DRAFT, ticket=TICKET, drafter="extractive"), days=5)
    records.add_draft(DRAFT, ticket=TICKET, drafter="extractive")
    records.close()
    args = ["--data-dir", str(tmp_path), "records", "purge", "--older-than-days", "3", "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["drafts"] == 1


def test_records_purge_without_a_period_says_what_to_give(tmp_path: Path) -> None:
    """Purging with retention_days 0 and no --older-than-days deletes everything or crashes."""
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "records", "purge"])
    assert result.exit_code == 1
    assert "--older-than-days" in result.output


def test_replay_runs_are_upserted_by_id(records: Records, tmp_path: Path) -> None:
    """Recording a replay run twice duplicates it, or the newer numbers are lost."""
    run = ReplayRun("r1", str(tmp_path), datetime.now(UTC), 10, 0.5, 0.2, 0.8, 0.5)
    records.record_replay_run(run)
    records.record_replay_run(ReplayRun(**{**run.__dict__, "tickets": 12}))
    (stored,) = records.replay_runs()
    assert (stored.id, stored.tickets) == ("r1", 12)


def test_default_database_is_a_sqlite_file_in_the_data_dir(tmp_path: Path) -> None:
    """Without records.url the records do not land in the data dir."""
    Records.open(RecordsSettings(), tmp_path / "data").close()
    assert default_url(tmp_path / "data").startswith("sqlite:///")
    assert (tmp_path / "data" / "records.sqlite").exists()


def test_bad_database_url_is_a_config_error() -> None:
    """A malformed records.url crashes instead of naming the setting to fix."""
    with pytest.raises(ConfigError, match=r"records\.url"):
        Records("not a url")


def test_two_writers_on_one_sqlite_file_lose_no_rows(tmp_path: Path) -> None:
    """Concurrent writers (like two server workers) lose rows or fail with 'database locked'."""
    first = Records.open(RecordsSettings(), tmp_path)
    second = Records.open(RecordsSettings(), tmp_path)
    errors: list[Exception] = []

    def work(records: Records) -> None:
        try:
            for _ in range(15):
                draft_id = records.add_draft(DRAFT, ticket=TICKET, drafter="extractive")
                records.add_feedback(draft_id, verdict="accepted", final_text=None)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(r,)) for r in (first, second, first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert first.counts() == {"drafts": 60, "feedback": 60}


def test_feedback_export_writes_labelled_jsonl(fake_settings: Settings, tmp_path: Path) -> None:
    """`copilot feedback export` writes no examples, wrong labels, or a wrong --json summary."""
    records = Records.open(fake_settings.records, fake_settings.data_dir)
    good = records.add_draft(DRAFT, ticket=TICKET, drafter="extractive")
    records.add_feedback(good, verdict="accepted", final_text=None)
    bad = records.add_draft(DRAFT, ticket=TICKET, drafter="extractive")
    records.add_feedback(bad, verdict="rejected", final_text=None)
    out = tmp_path / "examples.jsonl"
    result = CliRunner().invoke(
        cli,
        [
            "--data-dir",
            str(fake_settings.data_dir),
            "feedback",
            "export",
            "--out",
            str(out),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"out": str(out), "examples": 2, "positives": 1}
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert {(e["draft_id"], e["label"]) for e in lines} == {(good, 1), (bad, 0)}
