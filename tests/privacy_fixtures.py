"""A small ticket set with planted PII and hostile HTML, and a byte-level search for leaks.

Used by the unit test on fakes and by the integration test on the real pipeline: every planted
value (emails, phones, IBANs, cards, requester names in fields and signatures, agent names in
sign-offs) must be absent from every byte the copilot writes.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from tests.unit.replay_fixtures import GAP, TOPICS, articles, write_jsonl

EMAILS = ("juergen.mueller@example.org", "a.braun+rechnung@example.de", "f.hollstein@example.com")
PHONES = ("+49 151 27384950", "030 74185296", "(415) 555-0199")
IBANS = ("DE89 3704 0044 0532 0130 00", "GB29NWBK60161331926819")
CARDS = ("4111 1111 1111 1111", "5555-5555-5555-4444")
REQUESTERS = ("Jürgen Müller", "Andreas Braun", "Friederike Hollstein", "Maximilian Oberhuber")
AGENTS = ("Wiebke", "Cornelius", "Theodora")
# What the API receives (drafts and feedback).
API_CUSTOMER = "Henrietta Vogelsang"
API_VALUES = ("henrietta.v@example.net", "+44 20 7946 0958", "GB29 NWBK 6016 1331 9268 19")
API_CARD = "3782 822463 10005"

HOSTILE = (
    "<script>alert('gap')</script> <img src=x onerror=alert(2)> "
    "[click here](javascript:alert(3)) <iframe src=javascript:alert(4)></iframe>"
)


def _name_field(i: int, name: str) -> dict[str, Any]:
    """The requester's name in the ways exports carry it."""
    fields: list[dict[str, Any]] = [
        {"customer_name": name},
        {"requester_name": name},
        {"requester": {"name": name}},
    ]
    return fields[i % 3]


def _body(i: int, question: str, name: str) -> str:
    first = name.split()[0]
    lines = [
        f"Hallo, hier ist {first}. {question}?",
        f"Mail me at {EMAILS[i % len(EMAILS)]} or call {PHONES[i % len(PHONES)]}.",
        f"Our IBAN is {IBANS[i % len(IBANS)]} and the card {CARDS[i % len(CARDS)]}.",
    ]
    if "ü" in name:
        lines.append(f"(Yes, {name.lower().replace('ü', 'ue')} with ue.)")
    closing = ["Viele Grüße", "Best regards,", "Thanks!"][i % 3]
    return "\n".join(lines) + f"\n\n{closing}\n{name}"


def _resolution(i: int, answer: str, name: str) -> str:
    agent = AGENTS[i % len(AGENTS)]
    greeting = [f"Hallo Herr {name.split()[-1]},", f"Hi {name.split()[0]},", "Hello,"][i % 3]
    signoff = [
        f"Beste Grüße\n{agent} vom Quillbox-Support",
        f"Best, {agent} from support",
        f"Kind regards,\n{agent}",
    ][i % 3]
    return f"{greeting}\n\n{answer}\n\n{signoff}"


def planted_tickets(per_topic: int = 3) -> list[dict[str, Any]]:
    """``per_topic`` tickets per topic and for the gap, PII in every one; the gap tickets also
    carry hostile HTML and a ``javascript:`` link in subject, question and resolution."""
    rows = []
    topics = [*TOPICS, "gap"]
    count = 0
    for n in range(per_topic):
        for j, topic in enumerate(topics):
            text = GAP if topic == "gap" else TOPICS[topic]
            words = text.split()
            name = REQUESTERS[count % len(REQUESTERS)]
            answer = f"{' '.join(words).capitalize()}. Answer number {n} {topic}."
            hostile = topic == "gap"
            row: dict[str, Any] = {
                "id": f"T-{n}{j}",
                "subject": f"Question about {topic}" + (f" {HOSTILE}" if hostile else ""),
                # In the question line itself, so the gap's label and article quote it.
                "body": _body(
                    count, " ".join(words[:6]) + (f" {HOSTILE}" if hostile else ""), name
                ),
                "resolution": _resolution(count, answer, name)
                + (f"\n{HOSTILE}" if hostile else ""),
                "created_at": f"2026-{1 + (n * len(topics) + j) % 12:02d}-{10 + n:02d}T10:00:00Z",
                "tags": [topic],
                "lang": "en",
                **_name_field(count, name),
            }
            rows.append(row)
            count += 1
    return rows


def write_dataset(folder: Path) -> tuple[Path, Path]:
    """Articles and planted tickets as JSONL in ``folder``; returns (articles, tickets)."""
    folder.mkdir(parents=True, exist_ok=True)
    return (
        write_jsonl(folder / "articles.jsonl", articles()),
        write_jsonl(folder / "tickets.jsonl", planted_tickets()),
    )


def planted_values() -> list[str]:
    """Every planted value, as written and in the other forms it could be stored in."""
    values: list[str] = [*EMAILS, *PHONES, *IBANS, *CARDS, *API_VALUES, API_CARD]
    values += [v.replace(" ", "").replace("-", "") for v in (*IBANS, *CARDS, API_CARD)]
    values += ["27384950", "74185296", "555-0199", "7946 0958"]
    for name in (*REQUESTERS, API_CUSTOMER):
        values += [name, *name.split()]
    values += [v.replace("ü", "ue") for v in values if "ü" in v]
    values += list(AGENTS)
    return values


def _forms(value: str) -> set[bytes]:
    """The byte forms ``value`` could take in a file: UTF-8 (NFC and NFD) and JSON-escaped."""
    forms = {value, unicodedata.normalize("NFD", value), json.dumps(value)[1:-1]}
    return {f.lower().encode("utf-8") for f in forms}


def leaks(*roots: Path) -> dict[str, list[str]]:
    """Planted values found (case-insensitively) in the bytes or names of files under ``roots``."""
    found: dict[str, list[str]] = {}
    wanted = {value: _forms(value) for value in planted_values()}
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            data = path.read_bytes().lower() + b"\n" + str(path).lower().encode("utf-8")
            hits = [v for v, forms in wanted.items() if any(f in data for f in forms)]
            if hits:
                found[str(path.relative_to(root))] = hits
    return found
