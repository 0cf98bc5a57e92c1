"""PII scrubbing before anything is embedded or stored.

Replaces emails, IBANs, payment card numbers (Luhn-checked), IP addresses (v4 and v6), phone
numbers (international ``+49 30 ...``/``0049 ...``, German ``030 1234567``/``0151-...``, and
North American ``(415) 555-0132``) and known person names with typed placeholders such as
``[EMAIL]``. Order matters: IBANs go first, then international phone numbers (``+``/``00``), cards,
IP addresses and national phone numbers, so no number is half-replaced or mislabelled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PLACEHOLDERS = ("[EMAIL]", "[IBAN]", "[CARD]", "[IP]", "[PHONE]", "[NAME]")

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


def _name_patterns(names: Iterable[str]) -> list[re.Pattern[str]]:
    """Whole names case-insensitively, then their parts (3+ letters) as written."""
    patterns = []
    for name in names:
        full = " ".join(name.split())
        if len(full) >= 3:
            patterns.append(re.compile(rf"(?<!\w){re.escape(full)}(?!\w)", re.IGNORECASE))
    for name in names:
        for part in name.replace(",", " ").split():
            if len(part) >= 3:
                patterns.append(re.compile(rf"(?<!\w){re.escape(part)}(?!\w)"))
    return patterns


def scrub(text: str, *, names: Iterable[str] = ()) -> str:
    """``text`` with PII replaced by typed placeholders; ``names`` are known person names."""
    out = _EMAIL.sub("[EMAIL]", text)
    out = _IBAN.sub("[IBAN]", out)
    out = _PHONE_INTL.sub("[PHONE]", out)
    out = _CARD.sub(_card, out)
    out = _IPV4.sub("[IP]", out)
    out = _IPV6.sub("[IP]", out)
    out = _PHONE.sub("[PHONE]", out)
    for pattern in _name_patterns([n for n in names if n and n.strip()]):
        out = pattern.sub("[NAME]", out)
    return out
