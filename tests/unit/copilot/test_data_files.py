"""Damaged data dirs: every command exits 1 naming the file and the repair, never a traceback;
`copilot doctor` finds what is wrong; backends wrap SQLite's errors at the boundary."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from copilot.backends.lexical_index import SQLiteBM25Index
from copilot.cli import cli
from copilot.datafiles import sqlite_problem
from copilot.errors import DataFileError, IndexUnavailableError
from copilot.records import Records
from copilot.settings import RecordsSettings, load_settings
from ingest.manifest import Manifest
from tests.unit.copilot.cli.test_cli import ARTICLES

FILES = {
    "lexical": "lexical.sqlite",
    "manifest": "manifest.sqlite",
    "chroma": "chroma/chroma.sqlite3",
    "records": "records.sqlite",
    "cache": "embeddings.sqlite",
}
REPAIRS = {
    "lexical": "copilot ingest PATH",
    "manifest": "copilot ingest PATH",
    "chroma": "copilot ingest PATH",
    "records": "backup",
    "cache": "only a cache",
}


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with every file: ingested articles (fake embedder, real Chroma and BM25),
    records and the embedding cache."""
    mp = pytest.MonkeyPatch()
    mp.setenv("COPILOT_EMBEDDER__KIND", "fake")
    root = tmp_path_factory.mktemp("healthy")
    src = root / "articles.jsonl"
    src.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n")
    data = root / "data"
    result = CliRunner().invoke(cli, ["--data-dir", str(data), "ingest", str(src)])
    assert result.exit_code == 0, result.output
    Records.open(RecordsSettings(), data).close()
    mp.undo()
    assert all((data / name).exists() for name in FILES.values())
    return data


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COPILOT_EMBEDDER__KIND", "fake")
    return CliRunner()


def copy_of(healthy: Path, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(healthy, data)
    return data


def truncate(path: Path) -> None:
    """Cut the file to a third, as an interrupted copy or a full disk leaves it (a copy has no
    write-ahead log: with its log beside it, a short file may be a checkpoint cut short)."""
    for log in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        log.unlink(missing_ok=True)
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.truncate(size // 3)


def command(name: str, tmp_path: Path) -> list[str]:
    tickets = tmp_path / "tickets.jsonl"
    tickets.write_text(json.dumps({"id": "t1", "subject": "x", "body": "reset password"}) + "\n")
    return {
        "ingest": ["ingest", str(tmp_path / "articles.jsonl")],
        "search": ["search", "reset password"],
        "draft": ["draft", "--text", "How do I reset my password?"],
        "replay": ["replay", str(tickets), "--out", str(tmp_path / "out")],
        "serve": ["serve", "--port", "9"],
    }[name]


def assert_clear_failure(result: Result, *, names: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert names in result.output


@pytest.mark.parametrize("name", ["ingest", "search", "draft", "replay", "serve"])
@pytest.mark.parametrize("damaged", sorted(FILES))
def test_a_truncated_sqlite_file_exits_1_naming_the_file_and_the_repair(
    runner: CliRunner, healthy: Path, tmp_path: Path, damaged: str, name: str
) -> None:
    """A truncated file in the data dir ends a command in a traceback or an unhelpful error."""
    data = copy_of(healthy, tmp_path)
    (tmp_path / "articles.jsonl").write_text(json.dumps(ARTICLES[0]) + "\n")
    truncate(data / FILES[damaged])
    result = runner.invoke(cli, ["--data-dir", str(data), *command(name, tmp_path)])
    assert_clear_failure(result, names=str(data / FILES[damaged]))
    assert REPAIRS[damaged] in result.output
    assert "copilot doctor" in result.output


@pytest.mark.parametrize("name", ["ingest", "search", "draft", "replay", "serve"])
def test_a_data_dir_that_cannot_be_created_exits_1(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    """A data dir whose parent is a file (so it can never be written) ends in a traceback."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    (tmp_path / "articles.jsonl").write_text(json.dumps(ARTICLES[0]) + "\n")
    data = blocker / "data"
    result = runner.invoke(cli, ["--data-dir", str(data), *command(name, tmp_path)])
    assert_clear_failure(result, names=f"{blocker} is not a directory")
    assert "--data-dir" in result.output


def test_doctor_passes_a_healthy_data_dir(runner: CliRunner, healthy: Path) -> None:
    """`copilot doctor` reports a problem in a sound data dir."""
    result = runner.invoke(cli, ["--data-dir", str(healthy), "doctor", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] is True
    counts = next(c for c in report["checks"] if c["check"] == "index counts")
    assert counts["detail"] == "manifest 2, vector 2, lexical 2 chunks"


def test_doctor_names_a_damaged_file_and_the_fix(
    runner: CliRunner, healthy: Path, tmp_path: Path
) -> None:
    """`copilot doctor` misses a damaged file or does not say how to repair it."""
    data = copy_of(healthy, tmp_path)
    truncate(data / "records.sqlite")
    result = runner.invoke(cli, ["--data-dir", str(data), "doctor", "--json"])
    assert result.exit_code == 1
    failed = [c for c in json.loads(result.stdout)["checks"] if not c["ok"]]
    assert [c["path"] for c in failed] == [str(data / "records.sqlite")]
    assert "backup" in failed[0]["fix"]


def test_doctor_finds_indexes_that_disagree_with_the_manifest(
    runner: CliRunner, healthy: Path, tmp_path: Path
) -> None:
    """An index that lost chunks the manifest lists passes the doctor."""
    data = copy_of(healthy, tmp_path)
    with sqlite3.connect(data / "lexical.sqlite") as conn:
        conn.execute("DELETE FROM chunks WHERE doc_id = 'kb-1'")
    result = runner.invoke(cli, ["--data-dir", str(data), "doctor"])
    assert result.exit_code == 1
    assert "manifest 2, vector 2, lexical 1 chunks" in result.output
    assert "copilot ingest PATH" in result.output


@pytest.mark.parametrize("how", ["truncated", "garbage"])
def test_sqlite_problem_tells_truncated_and_foreign_files(
    healthy: Path, tmp_path: Path, how: str
) -> None:
    """A damaged SQLite file passes the cheap check that runs before every command."""
    path = tmp_path / "lexical.sqlite"
    shutil.copy(healthy / "lexical.sqlite", path)
    assert sqlite_problem(path) is None
    if how == "truncated":
        truncate(path)
    else:
        path.write_bytes(b"PK\x03\x04 a zip, not a database" * 100)
    assert sqlite_problem(path) is not None


def test_an_empty_file_or_a_write_cut_short_is_not_called_damaged(tmp_path: Path) -> None:
    """A SIGKILL before a database's first write, or mid-commit with a rollback journal,
    made the next command exit 1 although SQLite recovers both on open."""
    empty = tmp_path / "embeddings.sqlite"
    empty.touch()
    assert sqlite_problem(empty) is None
    path = tmp_path / "manifest.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x TEXT)")
        conn.executemany("INSERT INTO t VALUES (?)", [("row " * 200,) for _ in range(200)])
    Path(f"{path}-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\0" * 504)
    truncate(path)
    assert sqlite_problem(path) is None
    Path(f"{path}-journal").unlink()
    assert sqlite_problem(path) is not None  # without its journal, the short file is damage


def test_a_checkpoint_cut_short_beside_its_log_is_not_called_truncated(tmp_path: Path) -> None:
    """A SIGKILL mid-checkpoint (header written, pages not yet) made the next run exit 1."""
    path = tmp_path / "manifest.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.executemany("INSERT INTO t VALUES (?)", [("row " * 200,) for _ in range(200)])
    conn.commit()  # the new pages live in the log only
    header = bytearray(path.read_bytes()[:100])
    header[28:32] = (path.stat().st_size // 4096 + 50).to_bytes(4, "big")  # as page 1 says
    with path.open("r+b") as fh:
        fh.write(bytes(header))
    assert sqlite_problem(path) is None
    conn.close()
    assert sqlite3.connect(path).execute("SELECT count(*) FROM t").fetchone() == (200,)


# --- the backends wrap SQLite's errors themselves (the API relies on it) ----------------------


def garbage(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00not a database\xff" * 500)
    return path


def test_the_bm25_index_on_a_damaged_file_raises_data_file_error(tmp_path: Path) -> None:
    """A damaged lexical.sqlite escapes as sqlite3.DatabaseError (a 500 in the API)."""
    path = garbage(tmp_path / "lexical.sqlite")
    with pytest.raises(DataFileError, match=r"lexical\.sqlite") as info:
        SQLiteBM25Index(path)
    assert info.value.status == 503
    assert "copilot ingest PATH" in info.value.message


def test_the_manifest_on_a_damaged_file_raises_data_file_error(tmp_path: Path) -> None:
    """A damaged manifest.sqlite escapes as a SQLAlchemy error."""
    garbage(tmp_path / "manifest.sqlite")
    with pytest.raises(DataFileError, match=r"manifest\.sqlite"):
        Manifest.open(tmp_path)


def test_records_on_a_damaged_file_raise_data_file_error(tmp_path: Path) -> None:
    """A damaged records.sqlite escapes as a SQLAlchemy error at start-up."""
    garbage(tmp_path / "records.sqlite")
    with pytest.raises(DataFileError, match=r"records\.sqlite") as info:
        Records.open(RecordsSettings(), tmp_path)
    assert "backup" in info.value.message


def test_embedded_chroma_on_a_damaged_file_raises_index_unavailable(tmp_path: Path) -> None:
    """A damaged chroma.sqlite3 escapes as chromadb's InternalError."""
    from copilot.services import Components

    garbage(tmp_path / "chroma" / "chroma.sqlite3")
    settings = load_settings(data_dir=tmp_path, embedder={"kind": "fake"})
    with pytest.raises(IndexUnavailableError, match="chroma") as info:
        Components(settings).vector_index.count()
    assert "copilot ingest PATH" in info.value.message
