"""PII scrubbing before anything is embedded or stored.

Replaces emails, phone numbers, IBANs, payment card numbers (Luhn-checked), IP addresses and
known person names with typed placeholders such as ``[EMAIL]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
_CARD = re.compile(r"\b(?:\d[ -]?){12,18}\d\b")
_IPV4 = re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b")
_IPV6 = re.compile(r"\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\b")
_PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}[\s./-]?(?:\(0\))?[\s./-]?\d{1,5}(?:[\s./-]?\d{2,}){1,4}\b"
    r"|(?<![\w+])\(?0\d{2,5}\)?[\s./-]?\d{3,}(?:[\s./-]?\d{2,}){0,3}\b"
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


def scrub(text: str, *, names: Iterable[str] = ()) -> str:
    """``text`` with PII replaced by typed placeholders; ``names`` are known person names."""
    out = _EMAIL.sub("[EMAIL]", text)
    out = _IBAN.sub("[IBAN]", out)
    out = _CARD.sub(_card, out)
    out = _IPV4.sub("[IP]", out)
    out = _IPV6.sub("[IP]", out)
    out = _PHONE.sub("[PHONE]", out)
    for name in names:
        for part in [name, *name.split()]:
            if len(part) >= 3:
                out = re.sub(rf"\b{re.escape(part)}\b", "[NAME]", out)
    return out
