"""PII scrubbing before anything is embedded or stored: ``copilot.pii``, shared with the API."""

from __future__ import annotations

from copilot.pii import (
    PLACEHOLDERS,
    SCRUB_VERSION,
    document_names,
    luhn_ok,
    mentioned_names,
    name_variants,
    names_beside_placeholders,
    scrub,
    scrub_document,
    scrub_salutations,
    scrub_ticket,
    without_placeholders,
)

__all__ = [
    "PLACEHOLDERS",
    "SCRUB_VERSION",
    "document_names",
    "luhn_ok",
    "mentioned_names",
    "name_variants",
    "names_beside_placeholders",
    "scrub",
    "scrub_document",
    "scrub_salutations",
    "scrub_ticket",
    "without_placeholders",
]
