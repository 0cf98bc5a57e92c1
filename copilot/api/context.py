"""What every request handler needs, built once per app by ``create_app``."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

import anyio
import anyio.to_thread
from fastapi import Request

from copilot.api.observability import Metrics
from copilot.api.replays import ReplayStore
from copilot.api.security import ApiKeys, RateLimiter
from copilot.domain import Draft, Ticket
from copilot.errors import AuthError, CopilotError, LLMTimeoutError
from copilot.records import Records
from copilot.services import Components
from copilot.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class ApiContext:
    """The configured copilot, the records database and the request guards of one app."""

    settings: Settings
    copilot: Components
    records: Records
    keys: ApiKeys
    limiter: RateLimiter
    auth_failures: RateLimiter
    metrics: Metrics
    replays: ReplayStore
    _warm_lock: threading.Lock = field(default_factory=threading.Lock)

    def identify(self, authorization: str | None, *, client: str) -> str:
        """The key id of ``authorization``; a client past its allowance of failed keys gets
        ``RetryLaterError`` (429) before its key is checked, a wrong key ``AuthError``."""
        if not self.keys.enabled:
            return self.keys.identify(authorization)
        self.auth_failures.require(client)
        try:
            return self.keys.identify(authorization)
        except AuthError:
            self.auth_failures.spend(client)
            raise

    def warm_up(self) -> None:
        """Build the embedder, indexes and drafter now, not inside the first request."""
        with self._warm_lock:
            try:
                _ = self.copilot.drafter
            except CopilotError as exc:
                log.warning("Drafter not ready yet: %s", exc.message)

    async def draft(self, ticket: Ticket) -> Draft:
        """Draft a reply within ``api.draft_timeout_s``; past it, ``LLMTimeoutError`` (504)."""
        timeout = self.settings.api.draft_timeout_s
        with anyio.move_on_after(timeout) as scope:
            # A thread cannot be killed: on timeout it is abandoned and finishes on its own.
            return await anyio.to_thread.run_sync(self._draft, ticket, abandon_on_cancel=True)
        assert scope.cancelled_caught
        llm = self.settings.llm
        where = f" at {llm.base_url}" if llm.base_url else ""
        raise LLMTimeoutError(
            f"The drafter ({llm.kind}{where}) did not answer within {timeout:g} s. Try again; "
            "if it keeps happening, check the LLM endpoint, or raise api.draft_timeout_s and "
            "llm.timeout_s."
        )

    def _draft(self, ticket: Ticket) -> Draft:
        self.copilot.require_index()
        return self.copilot.drafter.draft(ticket)


def context(request: Request) -> ApiContext:
    """FastAPI dependency: the app's ``ApiContext``."""
    ctx = request.app.state.ctx
    assert isinstance(ctx, ApiContext)
    return ctx
