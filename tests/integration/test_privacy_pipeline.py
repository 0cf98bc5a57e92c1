"""Must-show of issue 11 on the real pipeline: planted PII goes through `copilot ingest`,
`copilot replay` (real MiniLM, embedded Chroma, SQLite BM25) and the HTTP API (drafts and
feedback), and no planted value is in any byte of any file under the replay folder or the data
dir, SQLite and Chroma files included. Hostile ticket HTML stays inert in the Markdown outputs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from copilot.services import Components
from copilot.settings import load_settings
from tests.privacy_fixtures import leaks, write_dataset
from tests.unit.test_privacy import DRAFT_NOTES, RAW_TAG, api_traffic

pytestmark = pytest.mark.integration


def copilot(data_dir: Path, *args: str) -> dict[str, object]:
    """Run the real `copilot` command on ``data_dir``; its --json output."""
    env = dict(os.environ, COPILOT_DATA_DIR=str(data_dir), ANONYMIZED_TELEMETRY="False")
    exe = str(Path(sys.executable).parent / "copilot")
    result = subprocess.run(
        [exe, *args, "--json"], env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Ingest, replay and API traffic on one data dir: (source folder, data dir, replay folder)."""
    root = tmp_path_factory.mktemp("privacy")
    articles, tickets = write_dataset(root / "source")
    data_dir = root / "data"
    assert copilot(data_dir, "ingest", str(articles), "--kind", "articles")["failed"] == 0
    assert copilot(data_dir, "ingest", str(tickets), "--kind", "tickets")["added"] == 15
    out = data_dir / "replays" / "planted"
    assert copilot(data_dir, "replay", str(tickets), "--out", str(out))["tickets"] == 15
    settings = load_settings(data_dir=data_dir)
    api_traffic(settings, Components(settings))
    return root / "source", data_dir, out


def test_no_planted_value_is_in_any_byte_under_the_data_dir_or_the_replay(
    pipeline: tuple[Path, Path, Path],
) -> None:
    """A planted email, phone, IBAN, card or name was stored by ingest, replay or the API."""
    source, data_dir, out = pipeline
    assert leaks(source)  # the planted values are there to be found
    assert (out / "checkpoint" / "observations.jsonl").is_file()
    assert list(out.glob("gaps/*.md"))
    assert list(data_dir.rglob("chroma.sqlite3"))
    assert (data_dir / "records.sqlite").is_file()
    assert leaks(data_dir) == {}


def test_hostile_html_from_tickets_is_inert_in_gap_markdown_and_report(
    pipeline: tuple[Path, Path, Path],
) -> None:
    """A ticket's <script>, <img onerror> or javascript: link became live in replay Markdown."""
    _, _, out = pipeline
    markdown = [out / "report.md", *out.glob("gaps/*.md")]
    assert any("&lt;script&gt;" in p.read_text() or "&lt;img" in p.read_text() for p in markdown)
    for path in markdown:
        text = path.read_text()
        assert not RAW_TAG.search(DRAFT_NOTES.sub("", text)), path.name
        assert "javascript:" not in text.lower(), path.name
    page = (out / "report.html").read_text()
    assert re.search(r'http-equiv="Content-Security-Policy" content="default-src \'none\';', page)
