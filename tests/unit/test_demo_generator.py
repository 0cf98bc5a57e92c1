"""The demo data generator reproduces the committed demo files from its sources."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "scripts" / "build_demo_data.py"
SOURCES = ROOT / "scripts" / "demo_source"
COMMITTED = ROOT / "copilot" / "demo" / "data"


def _generate(out: Path, *, source: Path = SOURCES) -> subprocess.CompletedProcess[str]:
    """Run the generator as a user would, writing into ``out``."""
    command = [sys.executable, str(GENERATOR), "--out", str(out), "--source", str(source)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _files(folder: Path) -> dict[str, bytes]:
    """Every data file below ``folder`` (Python files excluded), by relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix != ".py" and "__pycache__" not in path.parts
    }


def test_the_generator_reproduces_the_committed_demo_files_byte_for_byte(tmp_path: Path) -> None:
    """Tickets, articles, wiki pages, ground truth and README equal the committed files."""
    result = _generate(tmp_path)
    assert result.returncode == 0, result.stderr
    generated, committed = _files(tmp_path), _files(COMMITTED)
    assert sorted(generated) == sorted(committed)
    differing = [name for name in committed if generated[name] != committed[name]]
    assert differing == []
    assert len(generated) == 24  # articles, tickets, ground truth, README and 20 wiki pages


def test_the_generator_refuses_an_article_that_mentions_a_gap_term(tmp_path: Path) -> None:
    """Content that would close a deliberate knowledge gap stops the build with its reason."""
    source = tmp_path / "source"
    shutil.copytree(SOURCES, source)
    articles = source / "articles.md"
    text = articles.read_text(encoding="utf-8")
    articles.write_text(text.replace("# Reset your password", "# Reset your Shopify password"))
    result = _generate(tmp_path / "out", source=source)
    assert result.returncode != 0
    assert "kb-001 mentions gap term 'shopify'" in result.stderr
    assert not (tmp_path / "out" / "tickets.jsonl").exists()
