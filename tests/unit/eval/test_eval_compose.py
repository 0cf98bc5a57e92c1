"""The eval package composes its jobs: `copilot eval retrieval` runs the same job as Python."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from copilot.cli import cli
from copilot.errors import InputError
from copilot.retrieval import MODES
from copilot.settings import Settings
from eval.compose import build_retrieval_eval_job
from tests.unit.replay_fixtures import articles, tickets, write_jsonl

FAKES = {"COPILOT_EMBEDDER__KIND": "fake", "COPILOT_INDEX__KIND": "memory"}


def _dataset(folder: Path) -> Path:
    folder.mkdir(parents=True)
    write_jsonl(folder / "articles.jsonl", articles())
    write_jsonl(folder / "tickets.jsonl", tickets())
    return folder


def test_eval_retrieval_cli_and_python_job_give_the_same_scores(
    fake_settings: Settings, tmp_path: Path
) -> None:
    """If this fails, `copilot eval retrieval` scores differently from the eval job in Python."""
    dataset = _dataset(tmp_path / "set")
    env = FAKES | {"COPILOT_LEXICAL__KIND": "memory"}
    result = CliRunner().invoke(cli, ["eval", "retrieval", str(dataset), "--json"], env=env)
    assert result.exit_code == 0, result.output
    data = build_retrieval_eval_job(fake_settings, dataset, modes=MODES).run()
    assert json.loads(result.stdout) == data
    assert data["n"] == sum(1 for t in tickets() if t["gold_article_ids"])
    assert set(data["modes"]) == set(MODES)


def test_eval_retrieval_job_names_the_missing_dataset_file(
    fake_settings: Settings, tmp_path: Path
) -> None:
    """If this fails, a dataset without tickets.jsonl fails later with a bare traceback."""
    dataset = _dataset(tmp_path / "set")
    (dataset / "tickets.jsonl").unlink()
    with pytest.raises(InputError, match=r"tickets\.jsonl is missing"):
        build_retrieval_eval_job(fake_settings, dataset, modes=["hybrid"])
