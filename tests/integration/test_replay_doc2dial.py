"""doc2dial with gap_holdout.json's articles withheld: the knowledge-coverage estimate.

A subset keeps this to a few minutes on two cores: one site (ssa.gov) with its held-out
articles removed, and tickets of that site in the dataset's proportion of affected ones
(about one in five). It checks that the estimated knowledge coverage (the share of tickets
the visible knowledge answers) matches the share of tickets whose article is indexed, and
reports it. (At the default 10% target error the drafts agree with doc2dial's human replies
too rarely for any threshold to pass, so nothing is deflected: on all 180 ssa tickets 68
drafts agree.) A gap signal is not asserted: on this subset the affected tickets get *more*
confidence than the rest (mean 0.37 against 0.31; their passages cover the question's
IDF-weighted terms at 0.75 against 0.53, the withheld article's content being repeated
elsewhere), and on all 180 ssa tickets only slightly less (0.34 against 0.39). The stricter
targets, 60% of affected tickets kept back and half of the kept-back tickets affected, were
not met before either: on all 661 tickets an earlier replay kept back 26% of the affected
tickets and 17% of the others (27% of the kept-back tickets were affected).
No signal available when drafting separates them well enough (ROC AUC 0.64 for the raw
confidence, 0.72 for the best retrieval signal; even a model fitted on the affected labels
reaches about 0.75), mainly because retrieval ranks the gold article first for only 70% of
the tickets whose article is indexed. `python -m bench.bench_gap_signal` measures all of this
(bench/results/gap_signal.json).
Skips cleanly when ../shared/data/doc2dial_val is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from copilot.cli.commands import ingest_path
from copilot.services import Components
from copilot.settings import load_settings
from eval.compose import ReplayRequest, run_replay

pytestmark = pytest.mark.integration

DOMAIN = "ssa"
AFFECTED = 12
OTHERS = 48


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return path


@pytest.fixture(scope="module")
def replayed(doc2dial_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("doc2dial-gaps")
    holdout = json.loads((doc2dial_dir / "gap_holdout.json").read_text())
    held, affected = set(holdout["holdout_article_ids"]), set(holdout["affected_ticket_ids"])
    articles = [
        a
        for a in _rows(doc2dial_dir / "articles.jsonl")
        if a.get("domain") == DOMAIN and a["id"] not in held
    ]
    tickets = [t for t in _rows(doc2dial_dir / "tickets.jsonl") if t.get("domain") == DOMAIN]
    chosen = [t for t in tickets if t["id"] in affected][:AFFECTED]
    chosen += [t for t in tickets if t["id"] not in affected][:OTHERS]
    copilot = Components(load_settings(data_dir=root / "data"))
    ingest_path(
        copilot,
        _write(root / "articles.jsonl", articles),
        kind="article",
        fmt="jsonl",
        sync=False,
        show_progress=False,
    )
    tickets_file = _write(root / "tickets.jsonl", chosen)
    out = root / "out"
    summary = run_replay(copilot, ReplayRequest(tickets_file, out)).summary()
    verdicts = _rows(out / "tickets.jsonl")
    return {"verdicts": verdicts, "affected": affected, "summary": summary}


def test_predicted_knowledge_coverage_matches_the_share_the_knowledge_answers(
    replayed: dict[str, Any],
) -> None:
    """If this fails, the estimated share the knowledge answers is off by more than 10 points."""
    verdicts = replayed["verdicts"]
    answerable = sum(v["id"] not in replayed["affected"] for v in verdicts) / len(verdicts)
    predicted = replayed["summary"]["knowledge_coverage"]["rate"]
    assert abs(predicted - answerable) <= 0.10
