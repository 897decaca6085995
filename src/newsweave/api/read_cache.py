"""Answers a read again from what it answered at the same version of the store.

Every GET of the API and the web UI is a function of the request and the store, so a response is
good as long as `Store.version` stays the same: readers asking for what others have just read
(the event list, a popular event, a search) cost a dictionary lookup instead of a page built
again. What is kept is bounded in bytes, and in age, since the pages say "3 hours ago".

While an ingest runs, each of its batches changes the version, and answers made again on the
request's own time after every batch cost the readers of a busy server most of their waiting
(measured: p99 420-780 ms at 200 reads/s, slow reads in bursts after each batch). So while
reads may lag (`Engine.reads_may_lag`), a kept answer of an older version is given at once, and
renewed in the background, one answer at a time, as the engine's kept values are; once the
ingest ends, answers are current again.

An answer made of kept values all current (`newsweave.kept.watching_staleness`) is good until
the store changes; one made of a value given stale, only until the engine's refreshes change
(every second or so while an ingest runs, and when it ends), and it is not renewed while that
value is still being refreshed. Before, every answer was made again after every refresh, and on
readers' time at the end of every ingest job.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Hashable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsweave.kept import StaleWatch, watching_staleness

LOGGER = logging.getLogger(__name__)

# Bytes of responses kept, and the largest one kept (a big event's coverage runs to megabytes).
KEPT_BYTES = 64 * 1024 * 1024
LARGEST_KEPT = 4 * 1024 * 1024
KEPT_SECONDS = 60.0
# Job status changes without the store's version changing; static files have their own caching.
NOT_KEPT = ("/api/jobs/", "/static/")


@dataclass(frozen=True)
class _Answer:
    made_at: tuple[Hashable, Hashable]  # (version(), refreshes()) when it was made
    stale: StaleWatch  # what it was made of that was given stale
    at: float
    start: Message
    body: bytes

    def good_at(self, version: Hashable, refreshes: Hashable) -> bool:
        # Made of current values only, it is good whatever refreshes() gives.
        return self.made_at[0] == version and (not self.stale.seen or self.made_at[1] == refreshes)

    def worth_renewing(self, version: Hashable) -> bool:
        """Made again now, would it be newer? Not while the store is the same and what it was
        given stale is still being refreshed."""
        return self.made_at[0] != version or not self.stale.refreshing()


class ReadCache:
    """ASGI middleware keeping the 200 answers to GET requests, keyed by path, query and key
    header, while ``version()`` gives what it gave when they were made (and ``refreshes()``,
    for an answer made of a kept value given stale). One request makes a
    missing answer while the others asking for it wait; while it brings a kept answer up to
    date, they get the kept one (at most a batch behind, as a read begun a moment earlier).
    While ``lagging()``, a kept answer of an older version (KEPT_SECONDS old at most) is given
    at once and renewed in the background."""

    def __init__(self, app: ASGIApp, version: Callable[[], Hashable], lagging: Callable[[], bool] = lambda: False,
                 max_bytes: int = KEPT_BYTES, refreshes: Callable[[], Hashable] = lambda: 0) -> None:
        self.app = app
        self.version = version
        self.refreshes = refreshes
        self.lagging = lagging
        self.max_bytes = max_bytes
        # Touched only from the server's event loop: no lock.
        self._answers: OrderedDict[tuple, _Answer] = OrderedDict()
        self._bytes = 0
        self._making: dict[tuple, asyncio.Event] = {}
        self._to_renew: OrderedDict[tuple, Scope] = OrderedDict()  # stale answers given, oldest asked first
        self._renewer: asyncio.Task | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(NOT_KEPT):
            await self.app(scope, receive, send)
            return
        # The key header is part of the key: a keyed read is never answered to a request without it.
        key = (scope.get("root_path", ""), scope["path"], scope["query_string"], dict(scope["headers"]).get(b"x-api-key"))
        while True:
            made_at, now = (self.version(), self.refreshes()), time.monotonic()
            kept = self._answers.get(key)
            if kept is not None and now - kept.at >= KEPT_SECONDS:
                kept = None
            making = self._making.get(key)
            if kept is not None and ((good := kept.good_at(*made_at)) or making is not None or self.lagging()):
                self._answers.move_to_end(key)
                if not good and making is None and kept.worth_renewing(made_at[0]):
                    self._renew_later(key, scope)
                await send(kept.start)
                await send({"type": "http.response.body", "body": kept.body})
                return
            if making is None:
                break
            await making.wait()
        self._making[key] = asyncio.Event()
        try:
            await self._answer(key, made_at, now, scope, receive, send)
        finally:
            self._making.pop(key).set()

    def _renew_later(self, key: tuple, scope: Scope) -> None:
        self._to_renew.setdefault(key, dict(scope))  # as it came: the app adds to the scope it is given
        if self._renewer is None or self._renewer.done():
            self._renewer = asyncio.get_running_loop().create_task(self._renew())

    async def _renew(self) -> None:
        """Makes the stale answers given again, one at a time, as their requests would."""
        while self._to_renew:
            key, scope = self._to_renew.popitem(last=False)
            kept, made_at = self._answers.get(key), (self.version(), self.refreshes())
            if key in self._making or (kept is not None and (kept.good_at(*made_at) or
                                                             not kept.worth_renewing(made_at[0]))):
                continue
            self._making[key] = asyncio.Event()
            try:
                await self._answer(key, made_at, time.monotonic(), scope, _request_without_body(), _unsent)
            except Exception:  # the next request for it makes it, and says what fails
                LOGGER.warning("renewing a kept answer to %s failed", scope["path"], exc_info=True)
            finally:
                self._making.pop(key).set()

    async def _answer(self, key: tuple, made_at: tuple[Hashable, Hashable], now: float, scope: Scope,
                      receive: Receive, send: Send) -> None:
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

        with watching_staleness() as watch:
            await self.app(scope, receive, keeping)
        if start is not None and start["status"] == 200 and size <= LARGEST_KEPT:
            self._keep(key, _Answer(made_at=made_at, stale=watch, at=now, start=start, body=b"".join(chunks)))
        else:  # what was kept is no longer the answer (an event merged away is a 404 now)
            self._drop(key)

    def _drop(self, key: tuple) -> None:
        dropped = self._answers.pop(key, None)
        if dropped is not None:
            self._bytes -= len(dropped.body)

    def _keep(self, key: tuple, answer: _Answer) -> None:
        self._drop(key)
        self._answers[key] = answer
        self._bytes += len(answer.body)
        while self._bytes > self.max_bytes:
            _, dropped = self._answers.popitem(last=False)
            self._bytes -= len(dropped.body)


def _request_without_body() -> Receive:
    given = False

    async def receive() -> Message:
        nonlocal given
        if given:  # no one to go away: the renewal ends when the app has answered
            await asyncio.Event().wait()
        given = True
        return {"type": "http.request", "body": b"", "more_body": False}

    return receive


async def _unsent(message: Message) -> None:
    """Where a renewed answer goes: nowhere but the kept answers."""
