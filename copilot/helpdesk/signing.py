"""Authenticating helpdesk webhooks: Zendesk's signature and a shared-secret header.

Zendesk signs each webhook request: ``X-Zendesk-Webhook-Signature`` is the base64 of
HMAC-SHA256, keyed by the webhook's signing secret, over the value of
``X-Zendesk-Webhook-Signature-Timestamp`` followed by the raw request body. Freshdesk does not
sign webhooks, so its automation rule sends a secret in a header we name
(``X-Copilot-Webhook-Secret``). Every comparison is constant-time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
from datetime import UTC, datetime

from copilot.errors import WebhookSignatureError

ZENDESK_SIGNATURE_HEADER = "X-Zendesk-Webhook-Signature"
ZENDESK_TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp"
SHARED_SECRET_HEADER = "X-Copilot-Webhook-Secret"


def zendesk_signature(secret: str, *, timestamp: str, body: bytes) -> str:
    """The signature Zendesk sends for ``body`` at ``timestamp`` (base64 HMAC-SHA256)."""
    digest = hmac.new(secret.encode(), timestamp.encode() + body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def parse_signature_time(timestamp: str) -> float:
    """Epoch seconds of a signature timestamp: ISO 8601 (what Zendesk sends) or epoch seconds."""
    text = timestamp.strip()
    try:
        value = float(text)
    except ValueError:
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            raise WebhookSignatureError(
                f"The {ZENDESK_TIMESTAMP_HEADER} header is not a timestamp: send the request "
                "Zendesk signed, unchanged."
            ) from exc
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()
    if not math.isfinite(value):
        raise WebhookSignatureError(f"The {ZENDESK_TIMESTAMP_HEADER} header is not a timestamp.")
    return value


def verify_zendesk_signature(
    secret: str,
    *,
    signature: str | None,
    timestamp: str | None,
    body: bytes,
    now: float,
    max_skew_s: float,
) -> None:
    """Raise ``WebhookSignatureError`` (401) unless ``signature`` is Zendesk's for ``body`` and
    ``timestamp`` lies within ``max_skew_s`` of ``now`` (epoch seconds)."""
    if not signature or not timestamp:
        raise WebhookSignatureError(
            f"Missing {ZENDESK_SIGNATURE_HEADER} or {ZENDESK_TIMESTAMP_HEADER}: only Zendesk "
            "webhooks with a signing secret may call this route."
        )
    expected = zendesk_signature(secret, timestamp=timestamp, body=body)
    if not hmac.compare_digest(expected.encode(), signature.strip().encode()):
        raise WebhookSignatureError(
            "The webhook signature does not match: check that COPILOT's webhook secret is the "
            "signing secret of this Zendesk webhook."
        )
    if abs(now - parse_signature_time(timestamp)) > max_skew_s:
        raise WebhookSignatureError(
            f"The webhook was signed more than {max_skew_s:g} s away from now: stale requests "
            "are refused (check the server clock, or raise helpdesk.max_timestamp_skew_s)."
        )


def verify_shared_secret(secret: str, *, presented: str | None) -> None:
    """Raise ``WebhookSignatureError`` (401) unless ``presented`` equals ``secret``."""
    if not presented or not hmac.compare_digest(presented.encode(), secret.encode()):
        raise WebhookSignatureError(
            f"Missing or wrong {SHARED_SECRET_HEADER} header: add it to the helpdesk's webhook "
            "with the value of the copilot's webhook secret."
        )
