"""Build the demo tickets from the topic templates and word pools (seeded, deterministic).

Every random draw happens in a fixed order, so the same sources and seed give the same tickets;
reordering draws or pool entries changes the generated files.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from demo_sources import Entry, Topic

YEAR_START = date(2025, 11, 1)
YEAR_END = date(2026, 10, 31)
SENTENCE_SPLIT = re.compile(r"(?<=[^0-9][.!?])\s+(?=[A-ZÄÖÜ\"(])")
Pools = dict[str, Any]  # pools.toml, parsed


@dataclass
class Customer:
    """The person writing a ticket."""

    first: str
    last: str
    female: bool

    @property
    def full(self) -> str:
        """First and last name."""
        return f"{self.first} {self.last}"


@dataclass
class Ticket:
    """A ticket while it is being built."""

    topic: Topic
    lang: str
    created: datetime
    ticket_id: str = ""
    country: str = "DE"
    q_index: int = -1
    gold_ticket_ids: list[str] = field(default_factory=list)
    pii_kind: str = ""
    record: dict[str, object] = field(default_factory=dict)
    planted: list[str] = field(default_factory=list)


@dataclass
class BuildState:
    """What building earlier tickets decided: names used, template rotation, history."""

    used_names: set[str] = field(default_factory=set)
    q_order: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    q_next: dict[tuple[str, str], int] = field(default_factory=dict)
    r_next: dict[tuple[str, str, str], int] = field(default_factory=dict)
    history: dict[str, list[Ticket]] = field(default_factory=dict)
    seen_bodies: set[str] = field(default_factory=set)


def count_sentences(text: str) -> int:
    """Rough sentence count (splits after . ! ? followed by an upper-case start)."""
    return len([s for s in SENTENCE_SPLIT.split(text.strip()) if s.strip()])


def iso(moment: datetime) -> str:
    """ISO 8601 timestamp with Z."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def fmt_number(value: float, lang: str, decimals: int = 0) -> str:
    """Format a number with English or German separators."""
    text = f"{value:,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def fmt_money(value: float, lang: str, country: str, decimals: int = 0) -> str:
    """Format an amount in the customer's currency."""
    number = fmt_number(value, lang, decimals)
    if lang == "de":
        return f"{number} {'€' if country == 'DE' else 'GBP'}"
    return f"{'€' if country == 'DE' else '£'}{number}"


def month_name(pools: Pools, month: int, lang: str) -> str:
    """Month name in the ticket language."""
    return str(pools["calendar"][f"months_{lang}"][month - 1])


def fmt_day(pools: Pools, day: date, lang: str) -> str:
    """Format a day without the year, e.g. '3 March' or '3. März'."""
    if lang == "de":
        return f"{day.day}. {month_name(pools, day.month, lang)}"
    return f"{day.day} {month_name(pools, day.month, lang)}"


def make_slots(
    rng: random.Random, ticket: Ticket, customer: Customer, pools: Pools
) -> dict[str, str]:
    """Random but consistent slot values for one ticket (the draws keep their order)."""
    lang, country = ticket.lang, ticket.country
    plan_low, plan_high = rng.choice(
        [("Starter", "Pro"), ("Pro", "Business"), ("Starter", "Business")]
    )
    days = rng.randint(2, 12)
    last_no = rng.randint(250, 1800)
    usd = rng.choice([2400, 4800, 7500, 12500])
    digits = "".join(str(rng.randint(0, 9)) for _ in range(9))
    trade = rng.choice(pools["pools"]["trade"][country])
    slots = {
        "first": customer.first,
        "last": customer.last,
        "full": customer.full,
        "company": f"{trade} {customer.last}" if country == "DE" else f"{customer.last} {trade}",
        "vat_id": ("DE" if country == "DE" else "GB") + digits,
        "last_no": str(last_no),
        "next_no": str(last_no + 1),
    }
    slots |= _price_slots(pools, lang, country, plans=(plan_low, plan_high))
    slots |= _number_slots(rng, pools, lang, country)
    slots |= _date_slots(rng, pools, ticket, days=days)
    slots |= _business_slots(rng, pools, lang, country, usd=usd)
    for key in ("client", "bank", "accountant", "vendor"):
        slots[key] = rng.choice(pools["pools"][key][country])
    for key, by_lang in pools["lang_pools"].items():
        slots[key] = rng.choice(by_lang[lang])
    return slots


def _price_slots(
    pools: Pools, lang: str, country: str, *, plans: tuple[str, str]
) -> dict[str, str]:
    """Plan names and prices in the customer's currency (no random draws)."""
    prices, seat = pools["prices"][country], pools["prices"]["seat"][country]
    return {
        "plan_low": plans[0],
        "plan_high": plans[1],
        "price_low": fmt_money(prices[plans[0]], lang, country),
        "price_high": fmt_money(prices[plans[1]], lang, country),
        "starter_price": fmt_money(prices["Starter"], lang, country),
        "pro_price": fmt_money(prices["Pro"], lang, country),
        "seat_price": fmt_money(seat, lang, country),
        "seat_price_year": fmt_money(seat * 10, lang, country),
        "fee": fmt_money(5, lang, country),
        "vat_low": "7" if country == "DE" else "5",
        "vat_std": "19" if country == "DE" else "20",
        "home_cur": "euros" if country == "DE" else "pounds",
        "home_code": "EUR" if country == "DE" else "GBP",
        "home_country": "Germany" if country == "DE" else "the UK",
        "post_price_dom": fmt_money(0.95, lang, country, 2),
        "post_price_abroad": fmt_money(1.80, lang, country, 2),
    }


def _number_slots(rng: random.Random, pools: Pools, lang: str, country: str) -> dict[str, str]:
    """An amount, devices and counts, drawn in this order."""
    lists = pools["lists"]
    return {
        "amount": fmt_money(rng.randint(16, 960) * 5, lang, country, 2),
        "device": rng.choice(lists["devices"]),
        "android_device": rng.choice(lists["android_devices"]),
        "n": str(rng.randint(2, 5)),
        "n2": str(rng.randint(6, 14)),
        "users_n": str(rng.randint(4, 12)),
        "seats_n": str(rng.randint(2, 4)),
        "rows": fmt_number(rng.randint(30, 480) * 10, lang),
        "big_rows": fmt_number(rng.randint(600, 1200) * 10, lang),
        "many": str(rng.randint(60, 180)),
        "size": str(rng.randint(22, 35)),
        "weeks": str(rng.randint(2, 8)),
        "hours": str(rng.randint(2, 20)),
    }


def _date_slots(rng: random.Random, pools: Pools, ticket: Ticket, *, days: int) -> dict[str, str]:
    """Days, months, quarters and an invoice number relative to the ticket's date."""
    lang, today = ticket.lang, ticket.created.date()
    past = today - timedelta(days=days)
    prev_month = today.replace(day=1) - timedelta(days=1)
    quarter = (today.month - 1) // 3
    q_num, q_year = (4, today.year - 1) if quarter == 0 else (quarter, today.year)
    q_end = date(q_year, q_num * 3, 31 if q_num in (1, 4) else 30)
    due_month, due_year = q_num * 3 + 2, q_year
    if due_month > 12:
        due_month, due_year = due_month - 12, due_year + 1
    slots = {
        "days": str(days),
        "date": fmt_day(pools, past, lang),
        "weekday": pools["calendar"][f"weekdays_{lang}"][past.weekday()],
        "time": f"{rng.randint(8, 16)}:{rng.choice(['00', '15', '30', '45'])}",
        "year": str(today.year),
        "prev_year": str(today.year - 1),
        "month": month_name(pools, prev_month.month, lang),
        "month_now": month_name(pools, today.month, lang),
        "quarter": f"{q_num}. Quartal" if lang == "de" else f"Q{q_num}",
        "quarter_end": fmt_day(pools, q_end, lang),
        "vat_deadline": fmt_day(pools, date(due_year, due_month, 7), lang),
    }
    if ticket.country == "DE":
        slots["inv_no"] = f"RE-{today.year}-{rng.randint(12, 480):04d}"
    else:
        slots["inv_no"] = f"INV-{rng.randint(100, 2400):04d}"
    return slots


def _business_slots(
    rng: random.Random, pools: Pools, lang: str, country: str, *, usd: int
) -> dict[str, str]:
    """Business details, places and people, drawn in this order."""
    lists, places = pools["lists"], pools["pools"]["city_de" if lang == "de" else "city_en"]
    names_f = pools["names"][f"{lang}_female"]
    names_all = names_f + pools["names"][f"{lang}_male"]
    usd_text = fmt_number(usd, lang)
    return {
        "percent": str(rng.choice([20, 25, 30, 40, 50])),
        "leitweg": f"991-{rng.randint(10000, 99999)}-{rng.randint(10, 99)}",
        "revenue": rng.choice(lists["revenues"]),
        "skr": rng.choice(["SKR03", "SKR04"]),
        "old_version": rng.choice(lists["old_versions"]),
        "shop": rng.choice(["Shopify", "WooCommerce"]),
        "us_city": rng.choice(lists["us_cities"]),
        "usd_amount": f"{usd_text} USD" if lang == "de" else f"USD {usd_text}",
        "eu_country": rng.choice(lists["eu_countries"]),
        "city": rng.choice(places[country]),
        "city_uk": rng.choice(places["UK"]),
        "colleague": rng.choice(names_all),
        "colleague_f": rng.choice(names_f),
        "agent": rng.choice(pools["agents"][lang]),
    }


def fill(template: str, slots: dict[str, str]) -> str:
    """Fill {slots} in a template."""
    return template.format_map(slots)


def lower_after_salutation(pools: Pools, template: str, filled: str) -> str:
    """Lower-case the first letter of German text that follows a salutation, where correct."""
    first = template.split(" ", 1)[0].rstrip(",:")
    acronym = sum(ch.isupper() for ch in first) > 1
    keep = first in pools["german"]["keep_capital"]
    if first.startswith("{") or keep or acronym or not filled[:1].isupper():
        return filled
    return filled[0].lower() + filled[1:]


def add_typo(rng: random.Random, text: str, pools: Pools) -> str:
    """Introduce one realistic typo in a longer lower-case word."""
    protected = pools["tickets"]["typo_protected"]
    words = [
        m
        for m in re.finditer(r"\b[a-zäöüß]{6,}\b", text)
        if not any(p in m.group(0) for p in protected)
    ]
    if not words:
        return text
    match = rng.choice(words)
    word = match.group(0)
    i = rng.randint(1, len(word) - 3)
    roll = rng.random()
    if roll < 0.5:
        new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    elif roll < 0.8:
        new = word[:i] + word[i + 1 :]
    else:
        new = word[:i] + word[i] + word[i:]
    return text[: match.start()] + new + text[match.end() :]


def shift_to_weekday(day: date) -> date:
    """Move weekend days to the nearest weekday inside the ticket year."""
    if day.weekday() == 5:
        friday = day - timedelta(days=1)
        return friday if friday >= YEAR_START else day + timedelta(days=2)
    if day.weekday() == 6:
        monday = day + timedelta(days=1)
        return monday if monday <= YEAR_END else day - timedelta(days=2)
    return day


def schedule(rng: random.Random, topics: list[Topic]) -> list[Ticket]:
    """Spread each topic's tickets over the year and number them in time order."""
    span = (YEAR_END - YEAR_START).days + 1
    tickets: list[Ticket] = []
    for topic in topics:
        langs = ["de"] * topic.n_de + ["en"] * (topic.n - topic.n_de)
        rng.shuffle(langs)
        width = span / topic.n
        for k, lang in enumerate(langs):
            for _draw in range(10):  # redraw weekend days so weekdays stay evenly used
                offset = min(int(k * width + rng.random() * width), span - 1)
                day = YEAR_START + timedelta(days=offset)
                if day.weekday() < 5:
                    break
            day = shift_to_weekday(day)
            hour, minute, second = rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59)
            moment = datetime(day.year, day.month, day.day, hour, minute, second)
            tickets.append(Ticket(topic, lang, moment))
    tickets.sort(key=lambda t: (t.created, t.topic.slug))
    for number, ticket in enumerate(tickets, 1):
        ticket.ticket_id = f"T-{number:04d}"
    return tickets


def choose_pii(rng: random.Random, tickets: list[Ticket]) -> None:
    """Mark 20 tickets that get a planted piece of personal data."""
    pay = [t for t in tickets if t.topic.slug == "billing-payment-method"]
    for ticket, kind in zip(rng.sample(pay, 4), ["card", "iban", "card", "iban"], strict=True):
        ticket.pii_kind = kind
    billing = [t for t in tickets if t.topic.category == "billing" and not t.pii_kind]
    for ticket, kind in zip(rng.sample(billing, 3), ["iban", "email", "phone"], strict=True):
        ticket.pii_kind = kind
    actions = [t for t in tickets if t.topic.kind == "action"]
    for ticket in rng.sample(actions, 3):
        ticket.pii_kind = "money"  # IBAN if it is about a charge, else email (see _compose_body)
    rest = [t for t in tickets if not t.pii_kind]
    for i, ticket in enumerate(rng.sample(rest, 10)):
        ticket.pii_kind = "email" if i % 2 == 0 else "phone"


def pick_customer(rng: random.Random, ticket: Ticket, used: set[str], pools: Pools) -> Customer:
    """Pick a realistic, unused customer name matching language and country."""
    if ticket.lang == "de":
        german = True
    elif ticket.country == "DE":
        german = rng.random() < 0.45
    else:
        german = rng.random() < 0.1
    names = pools["names"]
    prefix = "de" if german else "en"
    for _ in range(200):
        female = rng.random() < 0.5
        first = rng.choice(names[f"{prefix}_female" if female else f"{prefix}_male"])
        last = rng.choice(names[f"{prefix}_last"])
        if f"{first} {last}" not in used:
            used.add(f"{first} {last}")
            return Customer(first, last, female)
    raise RuntimeError("ran out of customer names")


def email_for(customer: Customer) -> str:
    """Return a fictional email address derived from the customer's name."""
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    local = f"{customer.first}.{customer.last}".lower().translate(table)
    return f"{local}@example.com"


def build_tickets(rng: random.Random, tickets: list[Ticket], pools: Pools) -> None:
    """Fill subject, body and resolution of every ticket (in time order)."""
    state = BuildState()
    for ticket in tickets:
        _build_ticket(rng, ticket, state, pools)


def _build_ticket(rng: random.Random, ticket: Ticket, state: BuildState, pools: Pools) -> None:
    """Fill one ticket's record and remember it for the tickets that follow."""
    topic, lang = ticket.topic, ticket.lang
    if topic.country in ("DE", "UK"):
        ticket.country = topic.country
    elif lang == "de":
        ticket.country = "DE"
    else:
        ticket.country = "UK" if rng.random() < 0.6 else "DE"
    customer = pick_customer(rng, ticket, state.used_names, pools)
    earlier = state.history.setdefault(topic.slug, [])
    question = _pick_question(rng, ticket, earlier, state)
    body, slots = _compose_body(rng, ticket, customer, question, state=state, pools=pools)
    subjects = [s for s in topic.get("S", lang) if s.intent in ("", question.intent)]
    subject = fill(rng.choice(subjects).text, slots)
    resolution = _compose_resolution(rng, ticket, customer, question, slots, state, pools)
    if topic.kind == "action":
        tags = [topic.slug, pools["tickets"]["action_tags"][question.intent]]
    else:
        tags = [topic.slug, topic.category]
    ticket.record = {
        "id": ticket.ticket_id,
        "subject": subject,
        "body": body,
        "resolution": resolution,
        "created_at": iso(ticket.created),
        "status": "solved",
        "tags": tags,
        "lang": lang,
        "customer_name": customer.full,
        "gold_article_ids": list(topic.gold) if topic.kind == "in" else [],
        "gold_ticket_ids": list(ticket.gold_ticket_ids),
        "in_scope": topic.kind == "in",
    }
    earlier.append(ticket)


def _pick_question(
    rng: random.Random, ticket: Ticket, earlier: list[Ticket], state: BuildState
) -> Entry:
    """Resemble an earlier ticket on the topic now and then, else rotate the questions."""
    topic, lang = ticket.topic, ticket.lang
    questions = topic.get("Q", lang)
    ref: Ticket | None = None
    if earlier and rng.random() < 0.3:
        same_lang = [t for t in earlier if t.lang == lang]
        ref = same_lang[-1] if same_lang else earlier[-1]
        ticket.gold_ticket_ids = [ref.ticket_id]
        others = [t for t in earlier if t is not ref]
        if others and rng.random() < 0.4:
            ticket.gold_ticket_ids.append(others[-1].ticket_id)
        ticket.gold_ticket_ids.sort()
    if ref is not None and ref.lang == lang:
        ticket.q_index = ref.q_index
    else:
        key = (topic.slug, lang)
        if key not in state.q_order:
            state.q_order[key] = list(range(len(questions)))
            rng.shuffle(state.q_order[key])
            state.q_next[key] = 0
        ticket.q_index = state.q_order[key][state.q_next[key] % len(questions)]
        state.q_next[key] += 1
    return questions[ticket.q_index]


def _compose_body(
    rng: random.Random,
    ticket: Ticket,
    customer: Customer,
    question: Entry,
    *,
    state: BuildState,
    pools: Pools,
) -> tuple[str, dict[str, str]]:
    """Draw slots and framing until the body is unique; return it with its slots."""
    for _attempt in range(50):
        slots = make_slots(rng, ticket, customer, pools)
        if "{shop}" not in question.text:
            for shop in ("Shopify", "WooCommerce"):
                if shop in question.text:
                    slots["shop"] = shop
        body, planted = _draw_body(rng, ticket, customer, question, slots, pools)
        if body not in state.seen_bodies:
            state.seen_bodies.add(body)
            ticket.planted = planted
            return body, slots
    raise RuntimeError(f"could not make a unique body for {ticket.ticket_id}")


def _draw_body(
    rng: random.Random,
    ticket: Ticket,
    customer: Customer,
    question: Entry,
    slots: dict[str, str],
    pools: Pools,
) -> tuple[str, list[str]]:
    """Greeting, optional context, the question, planted personal data and a closing."""
    lang, framing = ticket.lang, pools["framing"]
    core = fill(question.text, slots)
    if rng.random() < 0.15:
        core = add_typo(rng, core, pools)
    parts = []
    lead = question.text
    if rng.random() < 0.3:
        lead = rng.choice(framing["contexts"][lang])
        parts.append(fill(lead, slots))
    parts.append(core)
    planted: list[str] = []
    if ticket.pii_kind:
        kind = ticket.pii_kind
        if kind == "money":  # bank or card data only where the ticket is about a charge
            kind = "iban" if question.intent in ("double", "cancelrefund") else "email"
        if kind == "email":
            value = email_for(customer)
        else:
            value = rng.choice(pools["pii_values"][kind][ticket.country])
        planted.append(value)
        parts.append(rng.choice(pools["pii_sentences"][kind][lang]).format(pii=value))
    greeting = rng.choice(framing["greetings"][lang])
    text = " ".join(parts)
    if lang == "de" and greeting and rng.random() < 0.6:
        text = lower_after_salutation(pools, lead, text)
    closing = fill(rng.choice(framing["closings"][lang]), slots)
    return "\n\n".join(p for p in (greeting, text, closing) if p), planted


def _compose_resolution(
    rng: random.Random,
    ticket: Ticket,
    customer: Customer,
    question: Entry,
    slots: dict[str, str],
    state: BuildState,
    pools: Pools,
) -> str:
    """The agent's reply: salutation, the rotated answer template, a sign-off."""
    topic, lang, framing = ticket.topic, ticket.lang, pools["framing"]
    answers = topic.get("R", lang)
    candidates = [r for r in answers if r.intent == question.intent]
    candidates = candidates or [r for r in answers if r.intent == ""]
    r_key = (topic.slug, lang, question.intent)
    if r_key not in state.r_next:
        state.r_next[r_key] = rng.randrange(len(candidates))
    template = candidates[state.r_next[r_key] % len(candidates)].text
    answer = fill(template, slots)
    if lang == "de":
        answer = lower_after_salutation(pools, template, answer)
    state.r_next[r_key] += 1
    if count_sentences(answer) <= 2 and rng.random() < 0.5:
        answer += " " + rng.choice(framing["short_closers"][lang])
    if lang == "de":
        title = "Frau" if customer.female else "Herr"
        salutation = f"{rng.choice(['Hallo', 'Guten Tag'])} {title} {customer.last},"
    else:
        salutation = f"Hi {customer.first},"
    signoff = fill(rng.choice(framing["signoffs"][lang]), slots)
    return f"{salutation}\n\n{answer}\n\n{signoff}"
