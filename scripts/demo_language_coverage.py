"""German against English on a demo replay: coverage and gold citations per ticket language.

coverage: answerable tickets (ground truth names a gold article) that would be deflected with
a reply linking a gold article; cites gold: the same without the deflection threshold.

Run: copilot --data-dir /tmp/demo demo
     python scripts/demo_language_coverage.py /tmp/demo/replays/demo/tickets.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "copilot" / "demo" / "data"
_LINK = re.compile(r"/articles/(kb-\d+)")


def main(verdicts: Path) -> None:
    gold = json.loads((DATA / "ground_truth.json").read_text())["gold"]
    tickets = [json.loads(x) for x in (DATA / "tickets.jsonl").read_text().splitlines()]
    lang = {t["id"]: t["lang"] for t in tickets}
    rows = [json.loads(x) for x in verdicts.read_text().splitlines()]
    for want in ("de", "en"):
        answerable = [r for r in rows if lang[r["id"]] == want and gold.get(r["id"])]
        cites = [r for r in answerable if set(_LINK.findall(r["draft"])) & set(gold[r["id"]])]
        covered = [r for r in cites if r["would_deflect"]]
        n = len(answerable)
        print(
            f"{want}: answerable {n}, coverage {len(covered) / n:.3f}, "
            f"cites gold {len(cites) / n:.3f}"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
