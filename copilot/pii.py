"""PII scrubbing: the one step every piece of customer text passes before it is stored.

Replaces emails, IBANs, payment card numbers (Luhn-checked), IP addresses (v4 and v6), phone
numbers (international ``+49 30 ...``/``0049 ...``, German ``030 1234567``/``0151-...``, and
North American ``(415) 555-0132``) and person names with typed placeholders such as
``[EMAIL]``. Order matters: IBANs go first, then international phone numbers (``+``/``00``), cards,
IP addresses and national phone numbers, so no number is half-replaced or mislabelled.

Names come from two places:

- *known* names (a ticket's requester or customer name fields): the full name and each part,
  case-insensitively and in their umlaut spellings (``Müller``, ``Mueller``, ``Muller``);
- *salutations*: the name after a greeting (``Hi Tom,``, ``Guten Tag Frau Maier,``) and in
  sign-offs (``Best,\\nPriya``, ``Jana vom Quillbox-Support``, ``Best, Tom from support``), so
  that agents' signatures do not carry names into drafts, articles or reports;
- *introductions*: a name right after a title (``Mr Patel``, ``Frau Schmidt``) or after an
  English word for a person (``my colleague William``, ``one of our staff, Aisha,``): customers
  name third parties in the middle of a sentence. German person nouns are left out: German
  capitalises every noun, so the word after ``Kollegin`` is as often ``Zugriff`` as a name.

This module lives in ``copilot`` (not ``ingest``) because the API scrubs requests and records
too; ``ingest.pii`` re-exports it.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from copilot.domain import Document, Ticket
from copilot.text import TITLES

PLACEHOLDERS = ("[EMAIL]", "[IBAN]", "[CARD]", "[IP]", "[PHONE]", "[NAME]")
# Bumped whenever scrubbing changes what it replaces: indexed text is then scrubbed again.
SCRUB_VERSION = 3

_EMAIL = re.compile(r"\b[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
_CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
_IPV4 = re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b")
_H4 = r"[0-9A-Fa-f]{1,4}"
_IPV6 = re.compile(
    rf"(?<![\w:])(?:(?:{_H4}:){{7}}{_H4}"
    rf"|(?:{_H4}:){{1,6}}:(?:{_H4}(?::{_H4}){{0,5}})?"
    rf"|::(?:{_H4}(?::{_H4}){{0,6}}))(?![\w:])"
)
# international: +49 30 1234567, +49 (0)30 123 456-78, 0049 151 12345678, +1 415 555 0132
_PHONE_INTL = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}[\s./-]?(?:\(0\)[\s./-]?)?\(?\d{1,5}\)?(?:[\s./-]?\d{2,}){1,4}\b"
)
_PHONE = re.compile(
    # German national: 030 1234567, (030) 123 456 78, 0151/12345678, 089-123456-0
    r"(?<![\w+])\(?0\d{2,5}\)?[\s./-]?\d{3,}(?:[\s./-]?\d{1,}){0,3}\b"
    # North American: (415) 555-0132, 415-555-0132, 415.555.0132
    r"|(?<![\w+])(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}\b"
)
_PLACEHOLDER = re.compile(r"\[(?:EMAIL|IBAN|CARD|IP|PHONE|NAME)\]")

# Name parts that are also everyday words: replaced only where written like a name.
_COMMON_WORDS = frozenset(
    [
        "will",
        "may",
        "mark",
        "hope",
        "joy",
        "grace",
        "rose",
        "frank",
        "bill",
        "grant",
        "long",
        "young",
        "green",
        "brown",
        "white",
        "black",
        "king",
        "price",
        "hall",
        "page",
        "rich",
        "ray",
        "dean",
        "wood",
        "hill",
        "june",
        "april",
        "summer",
        "chase",
        "case",
        "love",
        "stone",
        "field",
        "bishop",
        "cook",
        "baker",
        "miller",
        "fisher",
        "gay",
        "guy",
        "pat",
        "sue",
        "van",
        "von",
        "de",
        "der",
        "den",
        "la",
        "le",
        "klein",
        "lange",
        "braun",
        "koch",
        "wolf",
        "fuchs",
        "hahn",
        "weiss",
        "weiß",
        "schwarz",
        "kurz",
        "groß",
        "gross",
        "jung",
        "alt",
        "herr",
        "frau",
        "mann",
        "bauer",
        "sommer",
        "winter",
        "ernst",
    ]
)
_UMLAUT_DIGRAPHS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}

# A name as written in a greeting or signature: one to three capitalised words.
_CAP = r"[A-ZÄÖÜ][\w'’.-]*"
_NAME = rf"{_CAP}(?:[ \t]+{_CAP}){{0,2}}"
_NOT_A_NAME = re.compile(
    r"(?i)^(?:there|team|all|everyone|zusammen|support|sir|madam|kunde|kundin|customer|"
    r"hi|hello|hey|dear|hallo|moin|thanks|thank|danke|best|regards|cheers)$|team|support"
)
_GREETING = re.compile(
    r"(?m)^([ \t>]*(?i:hi|hello|hey|dear|hallo|liebe|lieber|sehr\s+geehrte[r]?|"
    r"guten\s+(?:tag|morgen|abend)|good\s+(?:morning|afternoon|evening)|moin|servus|hej)"
    r"[ \t]+(?:(?i:herr|frau|mr|mrs|ms|miss|dr|prof)\.?[ \t]+)*)"
    rf"({_NAME})(?=[ \t]*[,!:\n]|[ \t]*$)"
)
_CLOSING = (
    r"(?:best|regards|cheers|thanks|thank\s+you|thx|wishes|sincerely|yours|greetings|"
    r"gr(?:ü|ue|u)(?:ß|ss)e?n?|danke|dank|lg|vg|mfg|ciao|tsch(?:ü|ue)ss)"
)
_CLOSING_LINE = re.compile(rf"(?i)^[ \t>]*(?:[\w'’]+[ \t]+){{0,4}}{_CLOSING}\b[^\n]{{0,24}}$")
_CLOSING_INLINE = re.compile(
    rf"(?m)((?:^|(?<=[.!?])[ \t]+)[ \t>]*(?i:(?:[\w'’]+[ \t]+){{0,3}}{_CLOSING})[ \t]*[,!.]"
    rf"[ \t]+)({_NAME})"
    r"(?=[ \t]*$|[ \t]+(?i:vom|von|from|of|at|aus)\b|[ \t]*[,(|/–-])"
)
_SIGNATURE = re.compile(
    rf"(?m)^([ \t>]*)({_NAME})(?=[ \t]+(?i:vom|von|from|of|aus|at)[ \t]+(?i:the[ \t]+|dem[ \t]+)?"
    r"[\w .&'’-]{0,40}?(?i:support|team|service|kundenservice|helpdesk|kundendienst)\b)"
)
# A name introduced by a title, or by an English word for a person (lower case, as English
# writes it mid-sentence; "one of our staff, Aisha" has a comma between them).
_TITLE = rf"(?:{TITLES})\.?[ \t]+"
# Names here stop at a full stop ("call Mr. Patel."), unlike a signature's initials.
_PLAIN_CAP = r"[A-ZÄÖÜ][\w'’-]*"
_INTRODUCED = re.compile(
    rf"(\b(?:{_TITLE})+|"
    r"\b(?:colleague|co-?worker|partner|employee|staff member|team member|assistant|"
    r"accountant|bookkeeper|manager|boss|husband|wife|son|daughter|brother|sister|father|"
    r"mother|friend|client|tenant|intern|apprentice|trainee)(?:[ \t]*,)?[ \t]+"
    rf"(?:{_TITLE})*|\bstaff,[ \t]+)"
    rf"({_PLAIN_CAP}(?:[ \t]+{_PLAIN_CAP}){{0,2}})"
)
# Capitalised words after such a word that are not names: pronouns and other function words,
# acronyms (``API``) and the legal forms that make a company of a name (``Acme GmbH``).
_NOT_INTRODUCED = re.compile(
    r"^(?:I|I['’](?:m|ve|ll|d)|The|This|That|These|Those|It|He|She|They|We|You|My|Our|Your|His|"
    r"Her|Their|A|An|And|Or|But|If|When|Who|Which|What|Is|Are|Was|Were|Can|Has|Have|Had|Will|"
    r"Would|Should|Could|Please|Thanks|Also|Just|So|Then|Now|Today|Yesterday|Tomorrow|"
    rf"{TITLES})$|"
    r"^[A-ZÄÖÜ0-9]{2,}$|^(?:GmbH|Ltd|Inc|AG|KG|UG|LLC|LLP|plc|SE|OHG|GbR|Corp|Co|e\.K\.)\.?$"
)
_NAME_LINE = re.compile(
    rf"^([ \t>]*)({_NAME})([ \t]*(?:$|(?i:vom|von|from|of|at|aus)\b.*|[,(|/–-].*))$"
)


def luhn_ok(digits: str) -> bool:
    """True when ``digits`` passes the Luhn checksum used by payment cards."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "[CARD]" if 13 <= len(digits) <= 19 and luhn_ok(digits) else match.group(0)


def name_variants(name: str) -> set[str]:
    """``name`` as people write it: with umlauts, as ``ae``/``oe``/``ue``/``ss``, and plain."""
    base = unicodedata.normalize("NFC", " ".join(name.split()))
    digraphs = "".join(_UMLAUT_DIGRAPHS.get(ch, ch) for ch in base)
    plain = "".join(
        ch
        for ch in unicodedata.normalize("NFD", base.replace("ß", "ss"))
        if not unicodedata.combining(ch)
    )
    umlauts = base
    for umlaut, digraph in _UMLAUT_DIGRAPHS.items():
        if umlaut != "ß":
            umlauts = umlauts.replace(digraph, umlaut)
    return {v for v in (base, digraphs, plain, umlauts) if v}


@lru_cache(maxsize=4096)
def _name_patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Whole names first (case-insensitive), then their parts (2+ letters)."""
    fulls: set[str] = set()
    parts: set[str] = set()
    for name in names:
        for variant in name_variants(name):
            fulls.add(variant)
            parts.update(p.strip(".") for p in variant.replace(",", " ").split())
    spaced = r"\s+"
    patterns = [
        re.compile(rf"(?<!\w){spaced.join(map(re.escape, full.split()))}(?!\w)", re.IGNORECASE)
        for full in sorted(fulls, key=len, reverse=True)
        if len(full) >= 3
    ]
    for part in sorted(parts, key=len, reverse=True):
        if len(part) < 2:
            continue
        if len(part) >= 3 and part.lower() not in _COMMON_WORDS:
            patterns.append(re.compile(rf"(?<!\w){re.escape(part)}(?!\w)", re.IGNORECASE))
        else:  # a short part or an everyday word: only where written like a name
            cased = {part.capitalize(), part.upper(), part}
            alternation = "|".join(re.escape(c) for c in sorted(cased))
            patterns.append(re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"))
    return tuple(patterns)


def scrub(
    text: str,
    *,
    names: Iterable[str | None] = (),
    salutations: bool = True,
    mentioned: Iterable[str] = (),
) -> str:
    """``text`` with PII replaced by typed placeholders.

    ``names`` are known person names (a requester's); with ``salutations`` the names in
    greetings, sign-offs and introductions are replaced too, known or not. ``mentioned`` are
    names another field of the same record introduced (``mentioned_names``): replaced where
    written as there, with a capital (``Matthew's email`` once the body said "my business
    partner Matthew"), not in every case like a known name, since they were only inferred.
    """
    out = unicodedata.normalize("NFC", text)
    out = _EMAIL.sub("[EMAIL]", out)
    out = _IBAN.sub("[IBAN]", out)
    out = _PHONE_INTL.sub("[PHONE]", out)
    out = _CARD.sub(_card, out)
    out = _IPV4.sub("[IP]", out)
    out = _IPV6.sub("[IP]", out)
    out = _PHONE.sub("[PHONE]", out)
    known = tuple(sorted({n.strip() for n in names if n and n.strip()}))
    for pattern in _name_patterns(known):
        out = pattern.sub("[NAME]", out)
    for pattern in _mentioned_patterns(tuple(sorted(set(mentioned)))):
        out = pattern.sub("[NAME]", out)
    return scrub_salutations(out) if salutations else out


def mentioned_names(text: str) -> set[str]:
    """The names ``text`` greets or introduces (``Hi Tom,``, ``my colleague Anna Weber``), as
    written: what ``scrub_salutations`` replaces there, to be replaced in the record's other
    fields too (``scrub(mentioned=...)``). Signature lines are left out: a department's name
    under a closing ("Accounting Department") is not worth losing the word everywhere."""
    found = {m.group(2) for m in _GREETING.finditer(text) if _name_or_keep(m, 2) != m.group(0)}
    found |= {
        m.group(2) for m in _INTRODUCED.finditer(text) if _introduced_or_keep(m) != m.group(0)
    }
    return found


@lru_cache(maxsize=1024)
def _mentioned_patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Each mentioned name whole, then each of its words (3+ letters), case-sensitively."""
    words = {w for n in names for w in n.split() if len(w) >= 3 and not _NOT_INTRODUCED.search(w)}
    return tuple(
        re.compile(rf"(?<![\w\[]){re.escape(w)}(?!\w)")
        for w in sorted({*names, *words}, key=len, reverse=True)
        if w
    )


def _name_or_keep(match: re.Match[str], group: int) -> str:
    name = match.group(group)
    words = name.split()
    if any(_NOT_A_NAME.search(w) for w in words) or name == "[NAME]":
        return match.group(0)
    return match.group(0).replace(name, "[NAME]", 1)


def _introduced_or_keep(match: re.Match[str]) -> str:
    """``[NAME]`` for a name introduced by a title or a person word, unless a word of it is
    a function word, an acronym or a company's legal form (then the name is kept whole)."""
    if any(_NOT_INTRODUCED.search(w) for w in match.group(2).split()):
        return match.group(0)
    return _name_or_keep(match, 2)


def scrub_salutations(text: str) -> str:
    """Names in greetings (``Hi Tom,``), sign-offs (``Best,\\nPriya``) and introductions (``my
    colleague William``, ``Frau Schmidt``) become ``[NAME]``."""
    out = _GREETING.sub(lambda m: _name_or_keep(m, 2), text)
    out = _CLOSING_INLINE.sub(lambda m: _name_or_keep(m, 2), out)
    out = _SIGNATURE.sub(lambda m: _name_or_keep(m, 2), out)
    out = _INTRODUCED.sub(_introduced_or_keep, out)
    return _scrub_signature_blocks(out)


def _scrub_signature_blocks(text: str) -> str:
    """The one or two short name lines right after a closing line (``Viele Grüße``)."""
    lines = text.split("\n")
    after_closing = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _CLOSING_LINE.match(line) and len(line.strip()) <= 48:
            after_closing = 2
            continue
        if after_closing:
            match = _NAME_LINE.match(line)
            if match and len(line) <= 80:
                lines[i] = _name_or_keep(match, 2) if match.group(2) != "[NAME]" else line
                after_closing -= 1
                continue
            after_closing = 0
    return "\n".join(lines)


def without_placeholders(text: str) -> str:
    """``text`` with the scrubbing placeholders removed (for key terms and labels)."""
    return _PLACEHOLDER.sub(" ", text)


def names_beside_placeholders(scrubbed: str, text: str) -> list[str]:
    """Capitalised words of ``text`` that stand where ``scrubbed`` (an earlier, scrubbed
    version of it) has ``[NAME]``: an agent's edit of a draft that greeted ``Hi [NAME],``."""
    template, words = scrubbed.split(), text.split()
    matcher = difflib.SequenceMatcher(a=template, b=words, autojunk=False)
    names: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or not any("[NAME]" in w for w in template[i1:i2]):
            continue
        if j2 - j1 > 3 * (i2 - i1):
            continue  # a rewritten passage, not a name filled in
        for word in words[j1:j2]:
            word = word.strip(",.!?:;()\"'")
            if word[:1].isupper() and not _NOT_A_NAME.search(word):
                names.append(word)
    return names


def document_names(doc: Document) -> list[str]:
    """Person names a document's fields reveal: its requester and any others the connector
    kept (``extra["person_names"]``)."""
    names = [doc.customer_name] if doc.customer_name else []
    others = doc.extra.get("person_names")
    if isinstance(others, list | tuple):
        names += [str(n) for n in others if n]
    return names


def scrub_document(doc: Document, *, names: Sequence[str] = ()) -> Document:
    """``doc`` with every free-text field scrubbed and its name fields dropped."""
    known = [*document_names(doc), *names]
    extra = {k: v for k, v in doc.extra.items() if k != "person_names"}
    fields = (doc.title, doc.body, doc.resolution or "")
    mentioned = set().union(*(mentioned_names(f) for f in fields))
    return dataclasses.replace(
        doc,
        title=scrub(doc.title, names=known, mentioned=mentioned),
        body=scrub(doc.body, names=known, mentioned=mentioned),
        resolution=scrub(doc.resolution, names=known, mentioned=mentioned)
        if doc.resolution
        else None,
        tags=tuple(scrub(t, names=known, salutations=False) for t in doc.tags),
        customer_name=None,
        extra=extra,
    )


def scrub_ticket(ticket: Ticket) -> Ticket:
    """A ticket as the API receives it, with subject and body scrubbed.

    The customer name is kept (the drafter may greet with it) but scrubbed out of the text.
    """
    names = [ticket.customer_name] if ticket.customer_name else []
    mentioned = mentioned_names(ticket.subject) | mentioned_names(ticket.body)
    return dataclasses.replace(
        ticket,
        subject=scrub(ticket.subject, names=names, mentioned=mentioned),
        body=scrub(ticket.body, names=names, mentioned=mentioned),
    )
