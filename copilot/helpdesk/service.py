"""What a helpdesk webhook sets off: fetch the ticket, draft from its public conversation,
post the draft as a private note, once per question.

Private messages (internal notes, ours included) never enter the draft: only public messages
do, the requester's when there are any. Logs carry the helpdesk, ticket id, outcome and
error code only, never ticket text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from copilot.domain import Draft, Ticket
from copilot.errors import CopilotError
from copilot.helpdesk.clients import HelpdeskClient, HelpdeskTicket, Message, check_ticket_id
from copilot.helpdesk.deliveries import DeliveryLog, delivery_key
from copilot.helpdesk.metrics import HelpdeskMetrics
from copilot.helpdesk.notes import render_note
from copilot.records import Records

log = logging.getLogger(__name__)

Outcome = Literal["posted", "duplicate", "no_question", "failed"]
# The newest public messages a draft reads, and at most this many characters of them.
MAX_MESSAGES = 5
MAX_CHARS = 20_000


@dataclass(frozen=True)
class WebhookResult:
    """What one webhook delivery did."""

    outcome: Outcome
    ticket_id: str
    draft_id: str | None = None


def public_question(ticket: HelpdeskTicket) -> str:
    """The customer's side of the public conversation (newest ``MAX_MESSAGES`` messages):
    the requester's public messages, or every public message when none is marked as theirs.
    Private messages are never part of it."""
    public = [m for m in ticket.messages if m.public and m.text.strip()]
    asked: list[Message] = [m for m in public if m.from_requester] or public
    text = "\n\n".join(m.text.strip() for m in asked[-MAX_MESSAGES:])
    return text[-MAX_CHARS:]


class HelpdeskDrafts:
    """Drafts for webhook deliveries of one helpdesk."""

    def __init__(
        self,
        client: HelpdeskClient,
        *,
        draft: Callable[[Ticket], Draft],
        records: Records,
        deliveries: DeliveryLog,
        drafter: str,
        scrub: Callable[[str], str] | None = None,
        metrics: HelpdeskMetrics | None = None,
    ) -> None:
        self.client = client
        self._draft = draft
        self._records = records
        self._deliveries = deliveries
        self._drafter = drafter
        self._scrub = scrub
        self._metrics = metrics

    @property
    def kind(self) -> str:
        """The helpdesk's name (``zendesk``, ``freshdesk``)."""
        return self.client.kind

    def handle(self, ticket_id: str) -> WebhookResult:
        """Fetch, draft, post one note; a question already answered posts nothing."""
        ticket_id = check_ticket_id(ticket_id)
        ticket = self.client.fetch_ticket(ticket_id)
        question = public_question(ticket)
        if not question:
            return WebhookResult("no_question", ticket_id)
        key = delivery_key(self.kind, ticket_id, texts=[ticket.subject, question])
        if not self._deliveries.claim(key, kind=self.kind, ticket_id=ticket_id):
            return WebhookResult("duplicate", ticket_id)
        try:
            draft_id = self._draft_and_post(ticket, question=question)
        except BaseException:
            self._deliveries.release(key)
            raise
        self._deliveries.mark_posted(key, draft_id=draft_id)
        return WebhookResult("posted", ticket_id, draft_id)

    def _draft_and_post(self, ticket: HelpdeskTicket, *, question: str) -> str:
        asked = self._scrubbed(Ticket(body=question, subject=ticket.subject, id=ticket.id))
        draft = self._draft(asked)
        stored = asked if self._scrub else Ticket(body="", subject="", id=ticket.id)
        draft_id = self._records.add_draft(draft, ticket=stored, drafter=self._drafter)
        self.client.post_private_note(ticket.id, render_note(draft, draft_id=draft_id))
        return draft_id

    def _scrubbed(self, ticket: Ticket) -> Ticket:
        """The ticket as the drafter and the records see it: PII scrubbed when a scrubber is
        given; without one the records keep no ticket text at all."""
        if self._scrub is None:
            return ticket
        return Ticket(
            body=self._scrub(ticket.body), subject=self._scrub(ticket.subject), id=ticket.id
        )

    def run(self, ticket_id: str) -> WebhookResult:
        """``handle`` as a background job: failures are logged (code only) and counted."""
        try:
            result = self.handle(ticket_id)
        except CopilotError as exc:
            log.warning(
                "helpdesk %s ticket %s failed: %s",
                self.kind,
                ticket_id,
                exc.code,
                extra={"error_code": exc.code},
            )
            result = WebhookResult("failed", ticket_id)
        except Exception as exc:  # a background job must not die silently
            log.error(
                "helpdesk %s ticket %s failed: %s",
                self.kind,
                ticket_id,
                type(exc).__name__,
                extra={"exc_type": type(exc).__name__},
            )
            result = WebhookResult("failed", ticket_id)
        else:
            log.info("helpdesk %s ticket %s: %s", self.kind, ticket_id, result.outcome)
        if self._metrics:
            self._metrics.webhooks.labels(kind=self.kind, outcome=result.outcome).inc()
        return result
