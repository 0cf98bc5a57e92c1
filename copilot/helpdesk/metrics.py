"""Prometheus counters of the helpdesk integration (registered on the server's registry)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter


class HelpdeskMetrics:
    """Webhook outcomes, helpdesk API calls by status, and retries."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.webhooks = Counter(
            "copilot_helpdesk_webhooks",
            "Helpdesk webhooks by outcome (posted, duplicate, no_question, failed, refused)",
            ["kind", "outcome"],
            registry=registry,
        )
        self.api_calls = Counter(
            "copilot_helpdesk_api_calls",
            "Calls to the helpdesk API by operation and HTTP status",
            ["kind", "op", "status"],
            registry=registry,
        )
        self.retries = Counter(
            "copilot_helpdesk_retries",
            "Helpdesk API calls retried, by reason (429, 5xx status, network error)",
            ["kind", "op", "reason"],
            registry=registry,
        )
