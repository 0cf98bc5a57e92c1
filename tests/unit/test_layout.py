"""The unit tests are laid out like the code: tests/unit/<package path>/test_*.py."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "tests" / "unit"
# Tests of behaviour that crosses the packages stay at the top of tests/unit.
CROSS_PACKAGE = {"test_layering.py", "test_layout.py", "test_privacy.py", "test_usability.py"}


def test_every_unit_test_folder_mirrors_a_package_of_the_code() -> None:
    """A folder under tests/unit names no package (a typo or a renamed package left behind)."""
    folders = [p for p in UNIT.rglob("*") if p.is_dir() and p.name != "__pycache__"]
    assert folders
    orphans = [
        f.relative_to(UNIT).as_posix()
        for f in folders
        if not (ROOT / f.relative_to(UNIT) / "__init__.py").is_file()
    ]
    assert orphans == []
    without_init = [
        f.relative_to(UNIT).as_posix() for f in folders if not (f / "__init__.py").is_file()
    ]
    assert without_init == []


def test_only_cross_package_tests_sit_at_the_top_of_tests_unit() -> None:
    """A new unit test file went to tests/unit/ instead of the folder of the package it tests."""
    flat = sorted(p.name for p in UNIT.glob("test_*.py") if p.name not in CROSS_PACKAGE)
    assert flat == [], f"move these into tests/unit/<package>/ (e.g. tests/unit/eval/): {flat}"
