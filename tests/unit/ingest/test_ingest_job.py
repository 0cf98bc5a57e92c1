"""The ingest job on fakes: idempotent re-runs, updates without stale chunks, sync deletions,
per-item errors that keep the good items, PII scrubbed before indexing, crash recovery."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copilot.backends.embedder import FakeEmbedder, Vectors
from copilot.backends.lexical_index import FakeLexicalIndex
from copilot.backends.vector_index import FakeVectorIndex
from copilot.domain import Chunk
from ingest.job import IngestOptions, run_ingest
from ingest.manifest import Manifest
from ingest.target import IngestTarget

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ingest"


def make_target(data_dir: Path) -> IngestTarget:
    embedder = FakeEmbedder()
    return IngestTarget(
        embedder=embedder,
        vector_index=FakeVectorIndex(model_id=embedder.model_id, dimension=embedder.dimension),
        lexical_index=FakeLexicalIndex(),
        manifest=Manifest.open(data_dir),
    )


def write_articles(path: Path, bodies: dict[str, str]) -> Path:
    lines = [json.dumps({"id": i, "title": f"Article {i}", "body": b}) for i, b in bodies.items()]
    path.write_text("\n".join(lines) + "\n")
    return path


def long_body(n: int) -> str:
    return " ".join(f"Step {i} of the guide explains setting number {i}." for i in range(n))


def stored_ids(target: IngestTarget) -> tuple[set[str], set[str], set[str]]:
    """Chunk ids in the vector index, the lexical index and the manifest."""
    vec, lex = target.vector_index, target.lexical_index
    assert isinstance(vec, FakeVectorIndex)
    assert isinstance(lex, FakeLexicalIndex)
    manifest = {c for e in target.manifest.entries().values() for c in e.chunk_ids}
    return set(vec._rows), set(lex._rows), manifest


OPTS = IngestOptions(chunk_tokens=40, overlap_tokens=8, batch_size=2)


def test_rerun_of_the_same_source_changes_nothing(tmp_path: Path) -> None:
    """Re-ingesting an unchanged source re-embedded or re-counted documents."""
    source = write_articles(tmp_path / "a.jsonl", {str(i): long_body(5 + i) for i in range(5)})
    target = make_target(tmp_path / "data")
    first = run_ingest(source, target=target, options=OPTS)
    second = run_ingest(source, target=target, options=OPTS)
    assert (first.added, first.failed) == (5, 0)
    assert (second.added, second.updated, second.unchanged, second.chunks) == (0, 0, 5, 0)


def test_shrunk_document_leaves_no_stale_chunks(tmp_path: Path) -> None:
    """An edited document kept chunks of its old version in an index."""
    source = write_articles(tmp_path / "a.jsonl", {"a": long_body(30), "b": long_body(3)})
    target = make_target(tmp_path / "data")
    run_ingest(source, target=target, options=OPTS)
    before = len(target.vector_index.ids_for_doc("a"))
    write_articles(source, {"a": "Now a single short sentence.", "b": long_body(3)})
    report = run_ingest(source, target=target, options=OPTS)
    assert (report.updated, report.unchanged) == (1, 1)
    assert before > 1
    assert target.vector_index.ids_for_doc("a") == {"article:a:0"}
    assert target.lexical_index.ids_for_doc("a") == {"article:a:0"}
    vec, lex, manifest = stored_ids(target)
    assert vec == lex == manifest


def test_sync_deletes_documents_missing_from_the_source_and_reports_them(tmp_path: Path) -> None:
    """--sync left deleted documents searchable or did not report them."""
    source = write_articles(tmp_path / "a.jsonl", {i: long_body(4) for i in "abcd"})
    target = make_target(tmp_path / "data")
    run_ingest(source, target=target, options=OPTS)
    write_articles(source, {"a": long_body(4), "c": "changed text"})
    report = run_ingest(source, target=target, options=OPTS, sync=True)
    assert (report.deleted, report.updated, report.unchanged) == (2, 1, 1)
    assert sorted(report.deleted_ids) == ["b", "d"]
    hits = target.lexical_index.query("guide setting", k=50)
    assert {h.chunk.doc_id for h in hits} == {"a"}
    vec, lex, manifest = stored_ids(target)
    assert vec == lex == manifest


def test_without_sync_missing_documents_stay(tmp_path: Path) -> None:
    """A plain ingest deleted documents that were only missing from this run's source."""
    source = write_articles(tmp_path / "a.jsonl", {"a": "one text", "b": "two text"})
    target = make_target(tmp_path / "data")
    run_ingest(source, target=target, options=OPTS)
    write_articles(source, {"a": "one text"})
    assert run_ingest(source, target=target, options=OPTS).deleted == 0
    assert target.vector_index.ids_for_doc("b")


def test_sync_skips_deletions_when_items_failed(tmp_path: Path) -> None:
    """--sync deleted a document whose line merely failed to parse this time."""
    source = write_articles(tmp_path / "a.jsonl", {"a": "one", "b": "two"})
    target = make_target(tmp_path / "data")
    run_ingest(source, target=target, options=OPTS)
    source.write_text('{"id": "a", "title": "Article a", "body": "one"}\n{"id": "b", broken\n')
    report = run_ingest(source, target=target, options=OPTS, sync=True)
    assert (report.deleted, report.failed) == (0, 1)
    assert any("deletions skipped" in e.error for e in report.errors)
    assert target.vector_index.ids_for_doc("b")


def test_bad_inputs_are_reported_per_item_and_good_items_still_indexed(tmp_path: Path) -> None:
    """One kind of bad input stopped the job or hid the good items beside it."""
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "tickets.jsonl").write_text(
        '{"id": "t1", "subject": "Login", "body": "Cannot log in"}\n{"id": "t2", "body": \n'
    )
    (folder / "articles.csv").write_text("id,title,body\na1,Reset,How to reset\na2,Short\n")
    (folder / "legacy.md").write_bytes("# Gebühren\n\nPreis 5 € pro Monat.".encode("cp1252"))
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (folder / "empty.jsonl").write_bytes(b"")
    (folder / "huge.md").write_text("word " * (10 * 2**20))  # 50 MB
    report = run_ingest(folder, target=make_target(tmp_path / "data"), options=OPTS)
    failed = {Path(e.source.split(":")[0]).name for e in report.errors}
    assert failed == {"tickets.jsonl", "articles.csv", "photo.png", "empty.jsonl", "huge.md"}
    assert (report.added, report.failed) == (3, 5)
    assert report.format == "folder"


def test_duplicate_ids_in_one_source_keep_the_first(tmp_path: Path) -> None:
    """A repeated id was indexed twice or silently overwrote the first record."""
    source = tmp_path / "a.jsonl"
    source.write_text('{"id": "x", "body": "first"}\n{"id": "x", "body": "second"}\n')
    target = make_target(tmp_path / "data")
    report = run_ingest(source, target=target, options=OPTS)
    assert (report.added, report.failed) == (1, 1)
    assert [h.chunk.text for h in target.lexical_index.query("first", k=5)] == ["first"]


def test_ticket_pii_is_scrubbed_before_reaching_any_index(tmp_path: Path) -> None:
    """A planted email, phone, IBAN, card or requester name reached an index."""
    target = make_target(tmp_path / "data")
    run_ingest(FIXTURES / "zendesk_tickets.json", target=target)
    run_ingest(FIXTURES / "freshdesk_tickets.json", target=target)
    lexical = target.lexical_index
    assert isinstance(lexical, FakeLexicalIndex)
    chunks = [c for c, _ in lexical._rows.values()]
    text = " ".join(f"{c.title} {c.text}" for c in chunks)
    for planted in ("12345678", "4111 1111 1111 1111", "Jonas", "Weber", "Lena Fischer"):
        assert planted not in text
    assert "[PHONE]" in text
    assert "[CARD]" in text
    assert "[NAME]" in text


def test_scrubbing_can_be_switched_off_for_tickets(tmp_path: Path) -> None:
    """ingest.scrub_pii_tickets = false still scrubbed (the setting was ignored)."""
    target = make_target(tmp_path / "data")
    opts = IngestOptions(scrub_tickets=False)
    run_ingest(FIXTURES / "freshdesk_tickets.json", target=target, options=opts)
    [hit] = target.lexical_index.query("card payment declined", k=1)
    assert "4111 1111 1111 1111" in hit.chunk.text


class CrashingVectorIndex(FakeVectorIndex):
    """Fails on the n-th upsert, like a process killed in the middle of a job."""

    def __init__(self, *, fail_at: int, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.calls = 0
        self.fail_at = fail_at

    def upsert(self, chunks: Sequence[Chunk], vectors: Vectors) -> None:
        self.calls += 1
        super().upsert(chunks, vectors)
        if self.calls == self.fail_at:
            raise RuntimeError("killed")


@pytest.mark.parametrize("threaded", [True, False])
def test_job_interrupted_after_a_vector_write_is_completed_by_the_next_run(
    tmp_path: Path, threaded: bool
) -> None:
    """A crash between index writes and the manifest left duplicates or lost documents."""
    source = write_articles(tmp_path / "a.jsonl", {str(i): long_body(3) for i in range(10)})
    embedder = FakeEmbedder()
    crashing = CrashingVectorIndex(fail_at=3, model_id=embedder.model_id, dimension=64)
    target = IngestTarget(embedder, crashing, FakeLexicalIndex(), Manifest.open(tmp_path / "d"))
    opts = IngestOptions(chunk_tokens=40, overlap_tokens=8, batch_size=2, overlap_writes=threaded)
    with pytest.raises(RuntimeError, match="killed"):
        run_ingest(source, target=target, options=opts)
    assert 0 < target.manifest.count() < 10
    report = run_ingest(source, target=target, options=opts)
    assert report.added + report.unchanged == 10
    vec, lex, manifest = stored_ids(target)
    assert vec == lex == manifest
    assert {c.split(":")[1] for c in vec} == {str(i) for i in range(10)}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    versions=st.lists(
        st.dictionaries(st.sampled_from("abcdef"), st.integers(1, 25), min_size=1, max_size=6),
        min_size=1,
        max_size=4,
    )
)
def test_sync_runs_keep_indexes_equal_to_the_latest_source(
    tmp_path_factory: pytest.TempPathFactory, versions: list[dict[str, int]]
) -> None:
    """After any sequence of synced sources, an index held chunks the manifest did not know."""
    tmp = tmp_path_factory.mktemp("sync")
    target = make_target(tmp / "data")
    source = tmp / "a.jsonl"
    for version in versions:
        write_articles(source, {doc: long_body(n) for doc, n in version.items()})
        run_ingest(source, target=target, options=OPTS, sync=True)
    vec, lex, manifest = stored_ids(target)
    assert vec == lex == manifest
    assert {c.split(":")[1] for c in vec} == set(versions[-1])


def test_sync_from_a_copy_at_another_path_mirrors_the_copy_for_its_kind(tmp_path: Path) -> None:
    """--sync on a moved or copied export did not delete what the copy lacks, or deleted
    documents of another kind."""
    target = make_target(tmp_path / "data")
    original = write_articles(tmp_path / "a.jsonl", {"a": "one", "b": "two", "c": "three"})
    run_ingest(original, target=target, options=OPTS)
    run_ingest(FIXTURES / "freshdesk_tickets.json", target=target, options=OPTS)
    copy = write_articles(tmp_path / "copy.jsonl", {"a": "one", "b": "two, edited"})
    report = run_ingest(copy, target=target, options=OPTS, sync=True)
    assert (report.unchanged, report.updated, report.deleted_ids) == (1, 1, ["c"])
    assert target.vector_index.ids_for_doc("20") == {"ticket:20:0"}


def test_progress_counts_every_document_up_to_the_line_total(tmp_path: Path) -> None:
    """The progress bar stalled, went backwards or missed unchanged documents."""
    source = write_articles(tmp_path / "a.jsonl", {str(i): long_body(2) for i in range(7)})
    target = make_target(tmp_path / "data")
    run_ingest(source, target=target, options=OPTS)
    write_articles(source, {str(i): long_body(2 if i < 4 else 3) for i in range(7)})
    seen: list[tuple[int, int | None]] = []
    run_ingest(source, target=target, options=OPTS, progress=lambda d, t: seen.append((d, t)))
    done = [d for d, _ in seen]
    assert done == sorted(done)
    assert seen[-1] == (7, 7)
