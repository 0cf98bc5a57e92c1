"""A wheel built from the repository carries its defaults, prompts and demo data, and runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
NOT_SOURCE = (
    ".git",
    ".venv",
    ".copilot",
    "build",
    "*.egg-info",
    "__pycache__",
    ".*cache*",
    ".hypothesis",
)


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built and installed into a folder outside the source tree."""
    out = tmp_path_factory.mktemp("wheel")
    # A clean copy: an in-place build reuses build/lib, which keeps files package data lost.
    source = out / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    dist = out / "dist"
    build = [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(source)]
    subprocess.run(build, check=True, capture_output=True, timeout=300)
    wheel = next(dist.glob("support_copilot-*.whl"))
    target = out / "site"
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return target


def _run_outside(site: Path, tmp_path: Path, code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.stdout


def _shipped_sources() -> dict[str, Path]:
    """Every non-Python file the wheel must carry, by its path inside the package."""
    folders = {"config": ROOT / "config", "demo/data": ROOT / "copilot" / "demo" / "data"}
    return {
        f"{inside}/{path.relative_to(folder).as_posix()}": path
        for inside, folder in folders.items()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix != ".py" and "__pycache__" not in path.parts
    }


def test_the_wheel_ships_defaults_prompts_and_demo_data(installed_wheel: Path) -> None:
    """default.toml, every prompt template and every demo data file are package data."""
    package = installed_wheel / "copilot"
    for name in (
        "config/default.toml",
        "config/prompts/draft_system.md",
        "config/prompts/draft_user.md",
        "config/prompts/sufficient_context.md",
        "demo/data/articles.jsonl",
        "demo/data/tickets.jsonl",
        "demo/data/wiki/wiki-001-refund-policy.md",
        "api/static/index.html",
    ):
        assert (package / name).is_file(), name
    shipped = _shipped_sources()
    missing = [name for name in shipped if not (package / name).is_file()]
    assert missing == []
    assert all((package / name).read_bytes() == path.read_bytes() for name, path in shipped.items())


def test_an_installed_wheel_reads_its_own_defaults(installed_wheel: Path, tmp_path: Path) -> None:
    """Outside the source tree, settings and prompts come from the installed package."""
    code = (
        "import copilot.settings as s, copilot.chain as c\n"
        "print(s.DEFAULT_CONFIG)\nprint(c.PROMPTS_DIR)\n"
        "print(s.load_settings().retrieval.mode)\n"
    )
    config, prompts, mode = _run_outside(installed_wheel, tmp_path, code).split()
    assert Path(config).is_relative_to(installed_wheel)
    assert Path(prompts).is_relative_to(installed_wheel)
    assert mode == "hybrid"


def test_an_installed_wheel_runs_its_command_line(installed_wheel: Path, tmp_path: Path) -> None:
    """`copilot --help` works from the installed package and lists the demo command."""
    code = "import sys\nfrom copilot.cli import main\nsys.argv = ['copilot', '--help']\nmain()"
    env = {**os.environ, "PYTHONPATH": str(installed_wheel)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "demo" in result.stdout
