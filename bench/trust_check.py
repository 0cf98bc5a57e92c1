"""Does the replay's deflection decision hold up against ground truth? (issue 12's four numbers)

Reads a replay folder's ``tickets.jsonl`` and a labelled tickets file (``gold_article_ids``,
``in_scope``; the demo's ``ground_truth.json`` adds gap and account-action ticket ids) and
reports:

- ``gap_deflected``: share of knowledge-gap tickets that would deflect (want <= 0.10);
- ``action_deflected``: share of account-action tickets that would deflect (want <= 0.10);
- ``deflected_correct``: share of deflected tickets that are answerable and whose draft cites
  a gold article (want >= 0.85);
- ``answerable_deflected``: share of answerable tickets deflected that way (want >= 0.60);
- ``auc_agreement``: ROC AUC of confidence for "the draft agrees with the human reply";
- ``ceiling``: share of answerable tickets whose draft cites a gold article and that the
  replay's judge counts correct: the most ``answerable_deflected`` could reach with a perfect
  confidence ranking (the risk-controlled threshold certifies on the judge's verdicts);
- ``by_language``: ``answerable``, ``answerable_deflected``, ``cites_gold`` and ``ceiling`` per
  ticket language (issue 13: German against English).

A ticket is answerable when it is in scope and a gold article was published before it.

Run: python -m bench.trust_check REPLAY_DIR [--data copilot/demo/data]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from copilot.domain import parse_timestamp
from eval.calibration import roc_auc
from eval.truth import published_times

DEMO = Path(__file__).resolve().parents[1] / "copilot" / "demo" / "data"


def answerable(ticket: Mapping[str, Any], published: Mapping[str, float]) -> bool:
    """In scope and one of its gold articles was published before it was created."""
    if ticket.get("in_scope") is False or not ticket.get("gold_article_ids"):
        return False
    created = parse_timestamp(ticket["created_at"]) if ticket.get("created_at") else None
    return any(
        created is None or published.get(g, 0.0) < created.timestamp()
        for g in ticket["gold_article_ids"]
    )


def trust_numbers(
    verdicts: Sequence[Mapping[str, Any]],
    tickets: Sequence[Mapping[str, Any]],
    *,
    published: Mapping[str, float],
    gap_ids: set[str] | None = None,
    action_ids: set[str] | None = None,
) -> dict[str, Any]:
    """The four numbers and the AUC for one replay (see the module docstring)."""
    by_id = {t["id"]: t for t in tickets}
    rows = [v for v in verdicts if v["id"] in by_id]
    ok = {t["id"] for t in tickets if answerable(t, published)}

    def cites_gold(v: Mapping[str, Any]) -> bool:
        gold = set(by_id[v["id"]].get("gold_article_ids") or [])
        return v["id"] in ok and bool(gold & set(v.get("cited_doc_ids") or []))

    deflected = [v for v in rows if v["would_deflect"]]
    judged = [v for v in rows if v.get("agreed") is not None]
    out: dict[str, Any] = {
        "tickets": len(rows),
        "deflected": len(deflected),
        "answerable": len(ok),
        "deflected_correct": _share(sum(map(cites_gold, deflected)), len(deflected)),
        "answerable_deflected": _share(sum(map(cites_gold, deflected)), len(ok)),
        "auc_agreement": roc_auc(
            [v["confidence"] for v in judged], [bool(v["agreed"]) for v in judged]
        ),
    }
    out["ceiling"] = _share(sum(cites_gold(v) and v.get("correct") is True for v in rows), len(ok))
    out["by_language"] = {
        lang: _language_numbers(
            [v for v in rows if by_id[v["id"]].get("lang") == lang], ok, cites_gold
        )
        for lang in sorted({str(by_id[v["id"]].get("lang")) for v in rows})
    }
    for key, ids in (("gap_deflected", gap_ids), ("action_deflected", action_ids)):
        if ids is not None:
            chosen = [v for v in rows if v["id"] in ids]
            out[key] = _share(sum(v["would_deflect"] for v in chosen), len(chosen))
    return out


def _language_numbers(
    rows: Sequence[Mapping[str, Any]],
    ok: set[str],
    cites_gold: Callable[[Mapping[str, Any]], bool],
) -> dict[str, Any]:
    """The coverage numbers of one language's verdicts."""
    n = sum(v["id"] in ok for v in rows)
    cited = [v for v in rows if cites_gold(v)]
    return {
        "answerable": n,
        "answerable_deflected": _share(sum(v["would_deflect"] for v in cited), n),
        "cites_gold": _share(len(cited), n),
        "ceiling": _share(sum(v.get("correct") is True for v in cited), n),
    }


def _share(hits: int, n: int) -> float | None:
    return round(hits / n, 4) if n else None


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def check_folder(replay: Path, *, data: Path = DEMO, tickets: Path | None = None) -> dict[str, Any]:
    """``trust_numbers`` for a replay folder of tickets from ``data`` (demo layout)."""
    truth_file = data / "ground_truth.json"
    truth = json.loads(truth_file.read_text()) if truth_file.is_file() else {}
    gaps = set(truth["gap_ticket_ids"]) if "gap_ticket_ids" in truth else None
    actions = set(truth["account_action_ticket_ids"]) if truth else None
    return trust_numbers(
        _rows(replay / "tickets.jsonl"),
        _rows(tickets or data / "tickets.jsonl"),
        published=published_times(data),
        gap_ids=gaps,
        action_ids=actions,
    )


def rescored(replay: Path, *, target_error: float) -> list[dict[str, Any]]:
    """Verdicts of a replay folder's checkpointed observations, scored again (no drafting)."""
    from eval.observation import Observation
    from eval.scoring import score_replay

    rows = _rows(replay / "checkpoint" / "observations.jsonl")
    scored = score_replay(
        [Observation.from_json(r) for r in rows],
        threshold=None,
        target_precision=0.9,
        target_error=target_error,
        support_thresholds={"cosine": 0.55, "term_recall": 0.3},
    )
    return [v.as_json() for v in scored.verdicts]


def main() -> None:
    """Print the numbers for one replay folder as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("replay", type=Path)
    parser.add_argument("--data", type=Path, default=DEMO)
    parser.add_argument("--tickets", type=Path, default=None)
    parser.add_argument(
        "--rescore", type=float, default=None, help="score the checkpoint at this target error"
    )
    args = parser.parse_args()
    if args.rescore is not None:
        folder = args.replay / "rescored"
        folder.mkdir(exist_ok=True)
        verdicts = rescored(args.replay, target_error=args.rescore)
        (folder / "tickets.jsonl").write_text(
            "".join(json.dumps(v, ensure_ascii=False) + "\n" for v in verdicts)
        )
        args.replay = folder
    print(json.dumps(check_folder(args.replay, data=args.data, tickets=args.tickets), indent=2))


if __name__ == "__main__":
    main()
