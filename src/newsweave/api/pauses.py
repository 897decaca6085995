"""Short garbage-collector pauses for a long-running server.

A full collection walks every tracked object, and a server keeping what reads computed holds
hundreds of thousands of them: each full collection stopped every thread for 230-360 ms, every
2-4 s while an ingest ran (measured at 200 reads/s). After each full collection, what survived
it is frozen (`gc.freeze`), so the next one walks only what was made since; every
FULL_WALK_EVERY-th walks everything again, freeing cycles among the old objects too (our kept
values are trees, freed by reference counting when dropped, so few such cycles wait for it).
That walk is the one long pause left (534 ms at 200 reads/s with an ingest running, once every
30 s or so: 1-2% of the reads waited for it), so it waits until the server has not been busy
(an ingest running) for QUIET_S, or FULL_WALK_LATEST collections have gone by without one: jobs
that follow one another leave a moment between them, not a quiet spell.
The collector is the process's: it is set up once, however many apps run in it.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

FULL_WALK_EVERY = 20
FULL_WALK_LATEST = 10 * FULL_WALK_EVERY
QUIET_S = 10.0


class _FreezingCollector:
    def __init__(self) -> None:
        self.full_collections = 0
        self.walked_all_at = 0  # the full collection that last walked everything
        self.busy: list[Callable[[], bool]] = []  # each app's: while one is busy, the full walk waits
        self.busy_at = float("-inf")  # when a full collection last found an app busy

    def __call__(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self.full_collections += 1
            now = time.monotonic()
            if any(busy() for busy in self.busy):
                self.busy_at = now
            since = self.full_collections - self.walked_all_at
            if since >= FULL_WALK_LATEST or (since >= FULL_WALK_EVERY and now - self.busy_at >= QUIET_S):
                self.walked_all_at = self.full_collections
                gc.unfreeze()
        else:
            gc.freeze()


COLLECTOR = _FreezingCollector()
_users = 0
_users_lock = threading.Lock()


@contextmanager
def short_pauses(busy: Callable[[], bool] = lambda: False) -> Iterator[None]:
    """Within this, full collections walk only what is new since the last one, and everything
    now and then, not while ``busy()`` nor right after, if it can wait (see the module)."""
    global _users
    with _users_lock:
        _users += 1
        COLLECTOR.busy.append(busy)
        if _users == 1:
            gc.freeze()  # what is loaded at start (modules, the app) lives as long as the process
            gc.callbacks.append(COLLECTOR)
    try:
        yield
    finally:
        with _users_lock:
            _users -= 1
            COLLECTOR.busy.remove(busy)
            if _users == 0:
                gc.callbacks.remove(COLLECTOR)
                gc.unfreeze()
