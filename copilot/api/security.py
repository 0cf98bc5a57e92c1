"""API keys, the per-key rate limit, the per-client limit on failed keys and the request
body limit."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import ipaddress
import json
import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from copilot.errors import AuthError, ConfigError, InputError, RateLimitError
from copilot.settings import ApiSettings

MIN_KEY_CHARS = 16
ENV_KEYS = "COPILOT_API_KEYS"
ANONYMOUS = "local"


class PayloadTooLargeError(InputError):
    """The request body is larger than the body limit (``api.max_body_bytes``)."""

    status = 413
    code = "payload_too_large"


class RetryLaterError(RateLimitError):
    """A rate-limit refusal that knows when the next request will pass."""

    def __init__(self, message: str, *, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after

    @property
    def retry_after_s(self) -> int:
        """Whole seconds to wait (the ``Retry-After`` header), at least 1."""
        return whole_seconds(self.retry_after)


def whole_seconds(seconds: float) -> int:
    """``seconds`` rounded up to whole seconds (float noise ignored), at least 1."""
    return max(1, math.ceil(seconds - 1e-6))


def configured_keys(api: ApiSettings, environ: Mapping[str, str]) -> list[str]:
    """Keys from settings (``COPILOT_API__KEYS`` JSON list or a config file) and from
    ``COPILOT_API_KEYS`` (comma-separated); too-short keys are refused."""
    keys = [k.get_secret_value().strip() for k in api.keys]
    keys += [k.strip() for k in environ.get(ENV_KEYS, "").split(",")]
    keys = [k for k in keys if k]
    if any(len(k) < MIN_KEY_CHARS for k in keys):
        raise ConfigError(
            f"API keys must be at least {MIN_KEY_CHARS} characters long. Generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`."
        )
    return list(dict.fromkeys(keys))


def key_id(key: str) -> str:
    """A short, non-secret label of a key for logs and rate-limit buckets."""
    return "key-" + hashlib.sha256(key.encode()).hexdigest()[:8]


class ApiKeys:
    """Checks presented keys against the configured ones in constant time."""

    def __init__(self, keys: Sequence[str]) -> None:
        self._digests = [(hashlib.sha256(k.encode()).digest(), key_id(k)) for k in keys]

    @property
    def enabled(self) -> bool:
        """True when keys are configured (otherwise the server only binds to loopback)."""
        return bool(self._digests)

    def identify(self, authorization: str | None) -> str:
        """The id of the key in an ``Authorization`` header value; raises ``AuthError``.

        Every configured key is compared (``hmac.compare_digest`` over SHA-256 digests), so the
        time taken tells nothing about which key or how much of it matched.
        """
        if not self.enabled:
            return ANONYMOUS
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthError("Missing API key: send the header `Authorization: Bearer YOUR_KEY`.")
        presented = hashlib.sha256(token.strip().encode()).digest()
        found = ""
        for digest, ident in self._digests:
            if hmac.compare_digest(digest, presented):
                found = ident
        if not found:
            raise AuthError("Unknown API key: check the key, or ask an admin for a valid one.")
        return found


class RateLimiter:
    """A token bucket per key: ``per_minute`` tokens, refilled continuously, burst of the
    same size. Counts are per process (each server worker has its own).

    ``what`` names the limit in the refusal ("requests per minute ... for this key").
    """

    MAX_BUCKETS = 10_000

    def __init__(
        self,
        per_minute: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        what: str = "requests per minute reached for this key",
    ) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.what = what
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> None:
        """Take one token for ``key`` or raise ``RetryLaterError``."""
        self._use(key, take=True)

    def require(self, key: str) -> None:
        """Raise ``RetryLaterError`` when ``key`` has no token left; take none."""
        self._use(key, take=False)

    def spend(self, key: str) -> None:
        """Take one token for ``key`` if it has one (never raises)."""
        with contextlib.suppress(RetryLaterError):
            self._use(key, take=True)

    def _use(self, key: str, *, take: bool) -> None:
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                wait = (1.0 - tokens) / self.rate
                raise RetryLaterError(
                    f"Rate limit of {int(self.capacity)} {self.what}: retry in "
                    f"{whole_seconds(wait)} s.",
                    retry_after=wait,
                )
            self._buckets[key] = (tokens - 1.0 if take else tokens, now)
            if len(self._buckets) > self.MAX_BUCKETS:
                self._prune(now)

    def _prune(self, now: float) -> None:
        full = [k for k, (t, last) in self._buckets.items() if t + (now - last) * self.rate >= 1]
        for k in full:
            del self._buckets[k]


def failed_auth_limiter(per_minute: int, *, clock: Callable[[], float]) -> RateLimiter:
    """The per-client bucket of failed API keys: once empty, the client gets 429 (its key
    is not even checked) until a token refills."""
    return RateLimiter(
        per_minute,
        clock=clock,
        what="failed API keys per minute reached for this client (IP address); use a valid key",
    )


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (the only binds allowed without keys)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class BodyLimitMiddleware:
    """Answers 413 for bodies over ``max_bytes``, by Content-Length or, for a streamed body
    without one, after reading at most ``max_bytes`` of it. The message names the limit."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if declared.isdigit() and int(declared) > self.max_bytes:
                await self._refuse(send, size=int(declared))
                return
            await self.app(scope, receive, send)
            return
        buffered = await self._read_limited(receive)
        if buffered is None:
            await self._refuse(send, size=None)
            return

        async def replay() -> Message:
            return buffered.pop(0) if buffered else await receive()

        await self.app(scope, replay, send)

    async def _read_limited(self, receive: Receive) -> list[Message] | None:
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                return messages
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                return None
            if not message.get("more_body", False):
                return messages

    async def _refuse(self, send: Send, *, size: int | None) -> None:
        got = f"{size} bytes" if size is not None else "a streamed body"
        error = PayloadTooLargeError(
            f"The request body ({got}) is over the body limit of {self.max_bytes} bytes "
            "(api.max_body_bytes): send less text (the body field takes up to 20,000 "
            "characters), or raise the limit."
        )
        body = json.dumps({"error": {"code": error.code, "message": error.message}}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": error.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
