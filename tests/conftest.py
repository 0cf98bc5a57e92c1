"""Fixtures shared by unit and integration tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from copilot.services import Components
from copilot.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
DEMO_DATA = ROOT / "copilot" / "demo" / "data"
DOC2DIAL = ROOT.parent / "shared" / "data" / "doc2dial_val"

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

# Hypothesis runs derandomized (the same examples every run), so CI never turns red at random:
# "ci" when the CI variable is set, "dev" otherwise; "explore" (random, more examples) hunts for
# new failing cases locally: HYPOTHESIS_PROFILE=explore. Keep what it finds as an @example.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", derandomize=True, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None, max_examples=1000)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture
def fake_settings(tmp_path: Path) -> Settings:
    """Settings that use only in-repo fakes (no model, no Chroma) in a temporary data dir."""
    return load_settings(
        data_dir=tmp_path / "data",
        embedder={"kind": "fake"},
        index={"kind": "memory"},
        lexical={"kind": "memory"},
    )


@pytest.fixture
def fake_copilot(fake_settings: Settings) -> Components:
    """A ``Components`` built only from fakes."""
    return Components(fake_settings)


@pytest.fixture(scope="session")
def doc2dial_dir() -> Path:
    """The real doc2dial subset; tests that need it skip cleanly when it is absent."""
    if not (DOC2DIAL / "articles.jsonl").exists():
        pytest.skip("../shared/data/doc2dial_val is not present")
    return DOC2DIAL
