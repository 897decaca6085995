"""Answers a read again from what it answered at the same version of the store.

Every GET of the API and the web UI is a function of the request and the store, so a response is
good as long as `Store.version` stays the same: readers asking for what others have just read
(the event list, a popular event, a search) cost a dictionary lookup instead of a page built
again. What is kept is bounded in bytes, and in age, since the pages say "3 hours ago".
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Hashable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Bytes of responses kept, and the largest one kept (a big event's coverage runs to megabytes).
KEPT_BYTES = 64 * 1024 * 1024
LARGEST_KEPT = 4 * 1024 * 1024
KEPT_SECONDS = 60.0
# Job status changes without the store's version changing; static files have their own caching.
NOT_KEPT = ("/api/jobs/", "/static/")


@dataclass(frozen=True)
class _Answer:
    version: Hashable
    at: float
    start: Message
    body: bytes


class ReadCache:
    """ASGI middleware keeping the 200 answers to GET requests, keyed by path, query and key
    header, while ``version()`` gives what it gave when they were made. One request makes a
    missing answer while the others asking for it wait; while it brings a kept answer up to
    date, they get the kept one (at most a batch behind, as a read begun a moment earlier)."""

    def __init__(self, app: ASGIApp, version: Callable[[], Hashable], max_bytes: int = KEPT_BYTES) -> None:
        self.app = app
        self.version = version
        self.max_bytes = max_bytes
        # Touched only from the server's event loop: no lock.
        self._answers: OrderedDict[tuple, _Answer] = OrderedDict()
        self._bytes = 0
        self._making: dict[tuple, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(NOT_KEPT):
            await self.app(scope, receive, send)
            return
        # The key header is part of the key: a keyed read is never answered to a request without it.
        key = (scope.get("root_path", ""), scope["path"], scope["query_string"], dict(scope["headers"]).get(b"x-api-key"))
        while True:
            version, now = self.version(), time.monotonic()
            kept = self._answers.get(key)
            if kept is not None and now - kept.at >= KEPT_SECONDS:
                kept = None
            making = self._making.get(key)
            if kept is not None and (kept.version == version or making is not None):
                self._answers.move_to_end(key)
                await send(kept.start)
                await send({"type": "http.response.body", "body": kept.body})
                return
            if making is None:
                break
            await making.wait()
        self._making[key] = asyncio.Event()
        try:
            await self._answer(key, version, now, scope, receive, send)
        finally:
            self._making.pop(key).set()

    async def _answer(self, key: tuple, version: Hashable, now: float, scope: Scope, receive: Receive,
                      send: Send) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def keeping(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and size <= LARGEST_KEPT:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
            await send(message)

        await self.app(scope, receive, keeping)
        if start is not None and start["status"] == 200 and size <= LARGEST_KEPT:
            self._keep(key, _Answer(version=version, at=now, start=start, body=b"".join(chunks)))

    def _keep(self, key: tuple, answer: _Answer) -> None:
        replaced = self._answers.pop(key, None)
        if replaced is not None:
            self._bytes -= len(replaced.body)
        self._answers[key] = answer
        self._bytes += len(answer.body)
        while self._bytes > self.max_bytes:
            _, dropped = self._answers.popitem(last=False)
            self._bytes -= len(dropped.body)
