"""German against English on a demo replay: coverage and gold citations per ticket language.

coverage: answerable tickets (in scope, a gold article published before the ticket) that would
be deflected with a reply citing a gold article; cites gold: the same without the deflection
threshold; ceiling: those of them the replay's judge counts correct, the most a perfect
confidence ranking could deflect. The numbers are ``bench.trust_check``'s ``by_language``.

Run: copilot --data-dir /tmp/demo demo
     python scripts/demo_language_coverage.py /tmp/demo/replays/demo/tickets.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.trust_check import check_folder  # after the path above


def main(verdicts: Path) -> None:
    """Print one line per ticket language of the replay whose ``tickets.jsonl`` is given."""
    for lang, row in check_folder(verdicts.parent)["by_language"].items():
        print(
            f"{lang}: answerable {row['answerable']}, coverage {row['answerable_deflected']:.3f}, "
            f"cites gold {row['cites_gold']:.3f}, ceiling {row['ceiling']:.3f}"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
