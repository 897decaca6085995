"""Limits on what one client may send: the size of a request body, and how often it may write.

Both are ASGI middleware around the whole app, so they hold for every route, the web UI's too,
and answer in the API's error shape (413 and 429, with Retry-After).
"""

from __future__ import annotations

import math
import threading
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsweave.api.errors import error_response

# An ingest request carries at most MAX_ARTICLES articles (schemas.py) of bounded size; 16 MB
# is far above what they need and far below what would hurt the server.
MAX_BODY_BYTES = 16 * 1024 * 1024
# Writes (POST, PUT, PATCH, DELETE) per client address: a burst, refilled at a steady rate.
WRITE_BURST = 30
WRITES_PER_MINUTE = 60
_WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class BodyLimit:
    """Refuses a body over ``max_bytes``: at once when Content-Length says so, else as soon as
    the bytes received pass it (a chunked body has no length to check)."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = f"the request body is over the server's limit of {self.max_bytes} bytes: send less at a time"
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await error_response(413, too_large)(scope, receive, send)
            return
        # Read here whole (as the JSON body would be anyway), so an oversized one is answered 413
        # by this middleware, then handed on as it came.
        chunks, received, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away: the app learns it from its own receive
            chunks.append(message.get("body", b""))
            received += len(chunks[-1])
            if received > self.max_bytes:
                await error_response(413, too_large)(scope, receive, send)
                return
            more = message.get("more_body", False)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)


class WriteRateLimit:
    """A token bucket per client address for writes; reads are not limited. Refused writes are
    answered 429 with the seconds to wait, before the key is checked (so keys cannot be guessed
    at speed either)."""

    def __init__(self, app: ASGIApp, per_minute: int = WRITES_PER_MINUTE, burst: int = WRITE_BURST) -> None:
        self.app = app
        self.rate = per_minute / 60
        self.burst = burst
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, when counted)
        self._lock = threading.Lock()

    def _wait(self, client: str) -> float:
        """0 if the client may write now (taking a token), else the seconds until it may."""
        now = time.monotonic()
        with self._lock:
            tokens, then = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            if len(self._buckets) > 100_000:  # forget clients whose bucket has refilled
                full = [c for c, (t, w) in self._buckets.items() if t + (now - w) * self.rate >= self.burst]
                for gone in full:
                    del self._buckets[gone]
            return (1 - tokens) / self.rate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in _WRITES:
            wait = self._wait(scope["client"][0] if scope.get("client") else "unknown")
            if wait > 0:
                seconds = math.ceil(wait)
                await error_response(429, f"too many writes from this address: at most {self.burst} at once "
                                          f"and {round(self.rate * 60)} a minute; retry in {seconds} s",
                                     headers={"Retry-After": str(seconds)})(scope, receive, send)
                return
        await self.app(scope, receive, send)
