"""Invariants of the bundled Quillbox demo data (built by scripts/build_demo_data.py)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[4] / "copilot/demo/data"

ARTICLE_KEYS = {"id", "title", "body", "url", "lang", "created_at", "updated_at"}
TICKET_KEYS = {
    "id",
    "subject",
    "body",
    "resolution",
    "created_at",
    "status",
    "tags",
    "lang",
    "customer_name",
    "gold_article_ids",
    "gold_ticket_ids",
    "in_scope",
}
WIKI_KEYS = {"id", "title", "lang", "created_at", "updated_at"}
# One distinctive key term (regex, case-insensitive) per deliberate knowledge gap.
GAP_KEY_TERMS = {
    "shop-integration": r"shopify",
    "dark-mode": r"dark mode",
    "multi-currency": r"\busd\b",
    "kleinunternehmer": r"kleinunternehmer",
    "postal-invoices": r"\bpost\b",
}
ISO_Z = "%Y-%m-%dT%H:%M:%SZ"
Record = dict[str, Any]  # one parsed JSON object


def _jsonl(name: str) -> list[Record]:
    """Read a JSON-lines file from the data folder."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split simple YAML front matter (key: value lines) from the Markdown body."""
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text, flags=re.DOTALL)
    assert match, "missing front matter"
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        assert sep, f"bad front matter line: {line!r}"
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = json.loads(value)
        meta[key.strip()] = value
    return meta, match.group(2)


@pytest.fixture(scope="module")
def articles() -> list[Record]:
    """Help-center articles."""
    return _jsonl("articles.jsonl")


@pytest.fixture(scope="module")
def tickets() -> list[Record]:
    """Historical tickets."""
    return _jsonl("tickets.jsonl")


@pytest.fixture(scope="module")
def truth() -> Record:
    """Ground truth for the evaluation."""
    data: Record = json.loads((DATA / "ground_truth.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def wiki_pages() -> list[tuple[Path, dict[str, str], str]]:
    """Wiki pages as (path, front matter, body)."""
    pages = []
    for path in sorted((DATA / "wiki").glob("*.md")):
        meta, body = _parse_front_matter(path.read_text(encoding="utf-8"))
        pages.append((path, meta, body))
    return pages


def test_tickets_count_ids_and_time_order(tickets: list[Record]) -> None:
    """Ticket file lost tickets, has duplicate/unordered ids, or no longer spans a year."""
    assert len(tickets) == 300
    ids = [t["id"] for t in tickets]
    assert ids == [f"T-{n:04d}" for n in range(1, 301)]
    times = [datetime.strptime(str(t["created_at"]), ISO_Z) for t in tickets]
    assert times == sorted(times)
    assert (times[-1] - times[0]).days >= 330


def test_ticket_schema(tickets: list[Record]) -> None:
    """A ticket record has missing/extra keys or wrongly typed values."""
    for t in tickets:
        assert set(t) == TICKET_KEYS, t["id"]
        assert t["status"] == "solved"
        assert t["lang"] in ("en", "de")
        assert isinstance(t["tags"], list)
        assert t["tags"]
        assert isinstance(t["in_scope"], bool)
        assert isinstance(t["gold_article_ids"], list)
        assert isinstance(t["gold_ticket_ids"], list)
        assert str(t["body"]).strip()
        assert str(t["resolution"]).strip()
        assert len(str(t["customer_name"]).split()) >= 2


def test_enough_german_tickets(tickets: list[Record]) -> None:
    """Too few German tickets for the bilingual demo."""
    assert sum(1 for t in tickets if t["lang"] == "de") >= 100


def test_no_duplicate_ticket_bodies(tickets: list[Record]) -> None:
    """Two tickets have the same body, so the paraphrasing broke."""
    bodies = [t["body"] for t in tickets]
    assert len(set(bodies)) == len(bodies)


def test_articles_schema(articles: list[Record]) -> None:
    """Help-center articles have the wrong count, keys, URL, language mix or shape."""
    assert 35 <= len(articles) <= 45
    ids = [a["id"] for a in articles]
    assert len(set(ids)) == len(ids)
    for a in articles:
        assert set(a) == ARTICLE_KEYS, a["id"]
        assert a["url"] == f"https://help.quillbox.example/articles/{a['id']}"
        assert a["lang"] in ("en", "de")
        datetime.strptime(str(a["created_at"]), ISO_Z)
        assert str(a["updated_at"]) >= str(a["created_at"])
        body = str(a["body"])
        assert 2 <= len(re.findall(r"^## ", body, flags=re.MULTILINE)) <= 4, a["id"]
        assert 120 <= len(body.split()) <= 400, a["id"]
    german = sum(1 for a in articles if a["lang"] == "de")
    assert 0.25 <= german / len(articles) <= 0.45


def test_wiki_pages_have_front_matter(wiki_pages: list[tuple[Path, dict[str, str], str]]) -> None:
    """Wiki pages are missing, misnamed or their YAML front matter can't be parsed."""
    assert len(wiki_pages) == 20
    for path, meta, body in wiki_pages:
        assert set(meta) >= WIKI_KEYS, path.name
        assert path.name.startswith(f"{meta['id']}-"), path.name
        assert meta["lang"] in ("en", "de")
        datetime.strptime(meta["created_at"], ISO_Z)
        assert body.lstrip().startswith(f"# {meta['title']}"), path.name
        assert "\n## " in body, path.name


def test_gold_articles_exist(tickets: list[Record], articles: list[Record], truth: Record) -> None:
    """A ticket or the ground truth points at an article id that doesn't exist."""
    known = {a["id"] for a in articles}
    for t in tickets:
        assert set(t["gold_article_ids"]) <= known, t["id"]
        assert bool(t["gold_article_ids"]) == bool(t["in_scope"]), t["id"]
    gold = truth["gold"]
    assert isinstance(gold, dict)
    for ticket_id, ids in gold.items():
        assert set(ids) <= known, ticket_id


def test_gap_tickets(tickets: list[Record], truth: Record) -> None:
    """Gap tickets have gold articles, wrong tags, or the 5 gap topics changed size."""
    by_id = {t["id"]: t for t in tickets}
    gap_topics = truth["gap_topics"]
    assert isinstance(gap_topics, dict)
    assert set(gap_topics) == set(GAP_KEY_TERMS)
    listed: list[str] = []
    for slug, info in gap_topics.items():
        ids = info["ticket_ids"]
        assert 8 <= len(ids) <= 14, slug
        assert info["label"]
        for ticket_id in ids:
            t = by_id[ticket_id]
            assert t["gold_article_ids"] == []
            assert t["in_scope"] is False
            assert t["tags"][0] == slug
        langs = {by_id[i]["lang"] for i in ids}
        assert langs <= {"en", "de"}
        assert "de" in langs
        listed.extend(ids)
    assert sorted(listed) == sorted(truth["gap_ticket_ids"])
    gap_slugs = {t["tags"][0] for t in tickets if t["id"] in listed}
    assert gap_slugs == set(GAP_KEY_TERMS)


def test_gap_terms_absent_from_knowledge(
    articles: list[Record],
    wiki_pages: list[tuple[Path, dict[str, str], str]],
    tickets: list[Record],
) -> None:
    """An article or wiki page now mentions a gap topic, so the gap is no longer a gap."""
    docs = [f"{a['title']}\n{a['body']}" for a in articles]
    docs += [f"{meta['title']}\n{body}" for _, meta, body in wiki_pages]
    for slug, pattern in GAP_KEY_TERMS.items():
        for doc in docs:
            assert not re.search(pattern, doc, flags=re.IGNORECASE), (slug, doc[:60])
        bodies = [str(t["body"]) for t in tickets if t["tags"][0] == slug]
        assert any(re.search(pattern, b, flags=re.IGNORECASE) for b in bodies), slug


def test_account_action_tickets(tickets: list[Record], truth: Record) -> None:
    """Account-action tickets have gold articles, are in scope, or lost their tag."""
    ids = truth["account_action_ticket_ids"]
    assert isinstance(ids, list)
    assert 10 <= len(ids) <= 20
    by_id = {t["id"]: t for t in tickets}
    for ticket_id in ids:
        t = by_id[ticket_id]
        assert t["tags"][0] == "account-action"
        assert t["gold_article_ids"] == []
        assert t["in_scope"] is False


def test_late_articles(articles: list[Record], tickets: list[Record], truth: Record) -> None:
    """The four mid-year articles moved, or lost tickets before or after publication."""
    late = {a["id"]: str(a["created_at"]) for a in articles if str(a["created_at"]) >= "2025-11"}
    assert len(late) == 4
    assert truth["late_articles"] == late
    for article_id, created in late.items():
        assert "2026-04" <= created[:7] <= "2026-07", article_id
        on_topic = [str(t["created_at"]) for t in tickets if article_id in t["gold_article_ids"]]
        assert any(c < created for c in on_topic), article_id
        assert any(c > created for c in on_topic), article_id


def test_planted_pii(tickets: list[Record], truth: Record) -> None:
    """Planted personal data is missing from the ticket bodies or the ground truth is off."""
    by_id = {t["id"]: t for t in tickets}
    planted = truth["planted_pii"]
    assert isinstance(planted, dict)
    assert 15 <= len(planted) <= 25
    assert sorted(planted) == sorted(truth["pii_ticket_ids"])
    for ticket_id, values in planted.items():
        assert values
        for value in values:
            assert value in str(by_id[ticket_id]["body"]), ticket_id


def test_gold_ticket_ids_point_backwards(tickets: list[Record]) -> None:
    """A repeated-issue link points at a later ticket or at a different topic."""
    by_id = {t["id"]: t for t in tickets}
    for t in tickets:
        for earlier_id in t["gold_ticket_ids"]:
            earlier = by_id[earlier_id]
            assert str(earlier["created_at"]) <= str(t["created_at"]), t["id"]
            assert earlier["id"] < t["id"]
            assert earlier["tags"][0] == t["tags"][0]
