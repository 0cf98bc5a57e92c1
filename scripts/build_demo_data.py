"""Build the bundled demo data for the support copilot (fictional company "Quillbox").

Deterministic: seeded with ``random.Random(7)``, standard library only, no network. The content
lives in ``scripts/demo_source/`` (articles, wiki pages, ticket topics, word pools, gap terms,
the README template); this script and its two helpers only parse, validate and render it::

    python3 scripts/build_demo_data.py             # rewrites copilot/demo/data/
    python3 scripts/build_demo_data.py --out DIR   # writes the same files into DIR
    python3 scripts/build_demo_data.py --source DIR --out DIR2   # edited sources elsewhere

It writes ``articles.jsonl``, ``wiki/*.md``, ``tickets.jsonl``, ``ground_truth.json`` and
``README.md``. Running it twice gives byte-identical files, and
``tests/unit/test_demo_generator.py`` checks that it reproduces the committed ones.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from datetime import datetime
from pathlib import Path

from demo_sources import SOURCE_DIR, Doc, Sources, Topic, read_sources
from demo_tickets import (
    Customer,
    Ticket,
    build_tickets,
    choose_pii,
    count_sentences,
    fill,
    make_slots,
    schedule,
)

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "copilot" / "demo" / "data"
HELP_URL = "https://help.quillbox.example/articles/"
WIKI_URL = "https://wiki.quillbox.internal/"
SEED = 7
TICKET_COUNT = 300
KB_CUTOFF = "2025-11-01T00:00:00Z"
SENTENCE_LIMITS = {"S": 1, "Q": 3, "R": 4}


def validate_sources(src: Sources) -> list[str]:
    """Check the hand-written content before any ticket is built."""
    errors: list[str] = []
    articles, wiki, topics = src.articles, src.wiki, src.topics
    if not 35 <= len(articles) <= 45:
        errors.append(f"{len(articles)} articles")
    if len(wiki) != 20:
        errors.append(f"{len(wiki)} wiki pages")
    for doc in articles:
        words = len(doc.body.split())
        sections = len(re.findall(r"^## ", doc.body, flags=re.MULTILINE))
        if not 120 <= words <= 400 or not 2 <= sections <= 4:
            errors.append(f"{doc.doc_id}: {words} words, {sections} sections")
    for doc in articles + wiki:
        text = f"{doc.title}\n{doc.body}"
        for pattern in src.gaps["knowledge"]["forbidden"]:
            if re.search(pattern, text, flags=re.IGNORECASE):
                errors.append(f"{doc.doc_id} mentions gap term {pattern!r}")
    late = [a for a in articles if a.created_at >= KB_CUTOFF]
    if len(late) != 4 or not all("2026-04" <= a.created_at[:7] <= "2026-07" for a in late):
        errors.append(f"late articles: {[a.doc_id for a in late]}")
    if sum(t.n for t in topics) != TICKET_COUNT:
        errors.append(f"topic sizes add up to {sum(t.n for t in topics)}")
    if sum(t.n_de for t in topics) < 110:
        errors.append("fewer than 110 German tickets planned")
    article_ids = {a.doc_id for a in articles}
    for topic in topics:
        if any(g not in article_ids for g in topic.gold):
            errors.append(f"{topic.slug}: unknown gold {topic.gold}")
        for lang in ("en", "de"):
            errors += _validate_templates(src, topic, lang)
    return errors


def _validate_templates(src: Sources, topic: Topic, lang: str) -> list[str]:
    """Every template fills its slots, stays short, and every question has a reply."""
    errors: list[str] = []
    dummy = Ticket(topic, lang, datetime(2026, 3, 2, 10, 0, 0), country="DE")
    customer = Customer("Anna", "Schmidt", True)
    slots = make_slots(random.Random(0), dummy, customer, src.pools)
    questions = topic.get("Q", lang)
    if len(questions) < 6:
        errors.append(f"{topic.slug}/{lang}: only {len(questions)} question templates")
    for part, limit in SENTENCE_LIMITS.items():
        for entry in topic.get(part, lang):
            try:
                text = fill(entry.text, slots)
            except (KeyError, ValueError) as exc:
                errors.append(f"{topic.slug}/{lang}/{part}: bad slot {exc}")
                continue
            if part != "S" and count_sentences(text) > limit:
                errors.append(f"{topic.slug}/{lang}/{part}: >{limit} sentences: {text}")
    for question in questions:
        if not any(r.intent in (question.intent, "") for r in topic.get("R", lang)):
            errors.append(f"{topic.slug}/{lang}: no resolution for [{question.intent}]")
        if not any(s.intent in (question.intent, "") for s in topic.get("S", lang)):
            errors.append(f"{topic.slug}/{lang}: no subject for [{question.intent}]")
    return errors


def ngrams(text: str, size: int) -> set[tuple[str, ...]]:
    """Lower-case word n-grams, used to make sure tickets don't copy the articles."""
    words = re.findall(r"[\wäöüß]+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def validate_tickets(src: Sources, tickets: list[Ticket]) -> list[str]:
    """Check the built tickets against the invariants the demo relies on."""
    errors: list[str] = []
    records = [t.record for t in tickets]
    if len(records) != TICKET_COUNT:
        errors.append(f"{len(records)} tickets")
    if sum(1 for r in records if r["lang"] == "de") < 110:
        errors.append("fewer than 110 German tickets")
    if (days := (tickets[-1].created - tickets[0].created).days) < 330:
        errors.append(f"tickets only span {days} days")
    knowledge = set().union(*(ngrams(doc.body, 8) for doc in src.articles))
    for ticket in tickets:
        if ngrams(str(ticket.record["body"]), 8) & knowledge:
            errors.append(f"{ticket.ticket_id} copies an article sentence")
        if any(value not in str(ticket.record["body"]) for value in ticket.planted):
            errors.append(f"{ticket.ticket_id}: planted value missing")
    for slug, pattern in src.gaps["key_terms"].items():
        bodies = [str(t.record["body"]) for t in tickets if t.topic.slug == slug]
        if not 8 <= len(bodies) <= 14:
            errors.append(f"gap {slug}: {len(bodies)} tickets")
        if not any(re.search(pattern, b, flags=re.IGNORECASE) for b in bodies):
            errors.append(f"gap {slug}: key term never used in its tickets")
    for doc in src.articles:
        if doc.created_at < KB_CUTOFF:
            continue
        on_topic = [str(t.record["created_at"]) for t in tickets if doc.doc_id in t.topic.gold]
        if not any(c < doc.created_at for c in on_topic):
            errors.append(f"{doc.doc_id}: no ticket before publication")
        if not any(c > doc.created_at for c in on_topic):
            errors.append(f"{doc.doc_id}: no ticket after publication")
    return errors


def overlap_report(articles: list[Doc], tickets: list[Ticket]) -> int:
    """Count resolutions that repeat 10 consecutive words of an article (should be rare)."""
    knowledge = set().union(*(ngrams(doc.body, 10) for doc in articles))
    return sum(1 for t in tickets if ngrams(str(t.record["resolution"]), 10) & knowledge)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with Unix newlines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def dump_jsonl(rows: list[dict[str, object]]) -> str:
    """One JSON object per line, UTF-8 characters kept readable."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def wiki_markdown(doc: Doc) -> str:
    """Render a wiki page with YAML front matter."""
    front = [
        "---",
        f"id: {doc.doc_id}",
        f"title: {json.dumps(doc.title, ensure_ascii=False)}",
        f"lang: {doc.lang}",
        f'created_at: "{doc.created_at}"',
        f'updated_at: "{doc.updated_at}"',
        f'url: "{WIKI_URL}{doc.slug}"',
        "---",
        "",
    ]
    return "\n".join(front) + f"# {doc.title}\n\n{doc.body}\n"


def readme(src: Sources, tickets: list[Ticket]) -> str:
    """Render the data folder README, with counts taken from the generated data."""
    records = [t.record for t in tickets]
    gaps = src.gaps
    gap_rows = [
        f"| `{t.slug}` | {gaps['labels'][t.slug]} | `{gaps['key_terms'][t.slug]}` | "
        f"{sum(1 for x in tickets if x.topic is t)} |"
        for t in src.topics
        if t.kind == "gap"
    ]
    late = [a for a in src.articles if a.created_at >= KB_CUTOFF]
    return src.readme_template.format(
        n_articles=len(src.articles),
        n_de_articles=sum(1 for a in src.articles if a.lang == "de"),
        n_wiki=len(src.wiki),
        n_de_wiki=sum(1 for w in src.wiki if w.lang == "de"),
        n_tickets=len(records),
        span=f"{str(records[0]['created_at'])[:10]} to {str(records[-1]['created_at'])[:10]}",
        n_de_tickets=sum(1 for r in records if r["lang"] == "de"),
        n_in=sum(1 for r in records if r["in_scope"]),
        n_gap=sum(1 for t in tickets if t.topic.kind == "gap"),
        n_action=sum(1 for t in tickets if t.topic.kind == "action"),
        n_pii=sum(1 for t in tickets if t.planted),
        gap_rows="\n".join(gap_rows),
        late_articles="\n".join(
            f"- `{a.doc_id}` {a.title} (published {a.created_at[:10]})" for a in late
        ),
    )


def ground_truth(src: Sources, tickets: list[Ticket]) -> dict[str, object]:
    """Gold articles, gap topics, account actions, late articles and planted personal data."""
    gap_topics = {
        t.slug: {
            "label": src.gaps["labels"][t.slug],
            "ticket_ids": [x.ticket_id for x in tickets if x.topic is t],
        }
        for t in src.topics
        if t.kind == "gap"
    }
    return {
        "gold": {t.ticket_id: t.record["gold_article_ids"] for t in tickets},
        "gap_topics": gap_topics,
        "gap_ticket_ids": [t.ticket_id for t in tickets if t.topic.kind == "gap"],
        "account_action_ticket_ids": [t.ticket_id for t in tickets if t.topic.kind == "action"],
        "late_articles": {
            a.doc_id: a.created_at for a in src.articles if a.created_at >= KB_CUTOFF
        },
        "pii_ticket_ids": [t.ticket_id for t in tickets if t.planted],
        "planted_pii": {t.ticket_id: t.planted for t in tickets if t.planted},
    }


def write_outputs(out: Path, src: Sources, tickets: list[Ticket]) -> None:
    """Write every file of the data folder (stale wiki pages are removed)."""
    article_rows: list[dict[str, object]] = [
        {
            "id": a.doc_id,
            "title": a.title,
            "body": a.body,
            "url": f"{HELP_URL}{a.doc_id}",
            "lang": a.lang,
            "created_at": a.created_at,
            "updated_at": a.updated_at,
        }
        for a in src.articles
    ]
    write_text(out / "articles.jsonl", dump_jsonl(article_rows))
    wiki_dir = out / "wiki"
    wiki_dir.mkdir(parents=True, exist_ok=True)
    for old in sorted(wiki_dir.glob("wiki-*.md")):
        old.unlink()
    for doc in src.wiki:
        write_text(wiki_dir / f"{doc.doc_id}-{doc.slug}.md", wiki_markdown(doc))
    write_text(out / "tickets.jsonl", dump_jsonl([t.record for t in tickets]))
    truth = json.dumps(ground_truth(src, tickets), ensure_ascii=False, indent=2)
    write_text(out / "ground_truth.json", truth + "\n")
    write_text(out / "README.md", readme(src, tickets))


def main(argv: list[str] | None = None) -> None:
    """Build, validate and write the demo data."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="folder to write into")
    parser.add_argument("--source", type=Path, default=SOURCE_DIR, help="folder of the sources")
    args = parser.parse_args(argv)
    out: Path = args.out
    src = read_sources(args.source)
    if errors := validate_sources(src):
        raise SystemExit("content problems:\n" + "\n".join(errors))
    rng = random.Random(SEED)
    tickets = schedule(rng, src.topics)
    choose_pii(rng, tickets)
    build_tickets(rng, tickets, src.pools)
    if errors := validate_tickets(src, tickets):
        raise SystemExit("ticket problems:\n" + "\n".join(errors))
    write_outputs(out, src, tickets)
    n_de = sum(1 for t in tickets if t.lang == "de")
    print(
        f"wrote {len(src.articles)} articles, {len(src.wiki)} wiki pages, {len(tickets)} tickets "
        f"({n_de} German) to {out}; "
        f"resolutions sharing 10 words with an article: {overlap_report(src.articles, tickets)}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
