"""What reads computed, kept for the next reads: a bounded, thread-safe map in which one thread
computes a missing value while the others asking for it wait, instead of all computing it.

While an ingest runs (`Refresher.lagging`), a value of an older version is given at once and
brought up to date in the background, one value at a time: readers never wait behind a
refresh, and a stream of batches costs one refresh per value read, not one per reader.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Callable, Generic, Hashable, Iterator, TypeVar

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

# Set while a value is computed: what it reads must be current (a stale part would be kept as
# current), so it computes what is not, waiting for no one (the background thread may be
# what it would wait for).
_computing_now = threading.local()
# How long the end of an ingest waits for the refreshes under way (the next job waits meanwhile).
SETTLE_S = 60.0


@contextmanager
def _computing_current() -> Iterator[None]:
    outer = getattr(_computing_now, "active", False)
    _computing_now.active = True
    try:
        yield
    finally:
        _computing_now.active = outer


class Refresher:
    """Brings kept values up to date in one background thread while reads may lag."""

    def __init__(self) -> None:
        # Changes when values given stale were brought up to date, and when lagging ends: what
        # was made of them may have changed.
        self.refreshed = 0
        self._lagging = self._pending = 0
        self._idle = threading.Condition()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-refresh")

    @contextmanager
    def lagging(self, settle_s: float = SETTLE_S) -> Iterator[None]:
        """Within this, reads get kept values of older versions while they are refreshed. On
        leaving, waits (at most ``settle_s``) for the refreshes under way; what is still stale
        after it is computed by the next read that wants it: reads are current."""
        with self._idle:
            self._lagging += 1
        try:
            yield
        finally:
            with self._idle:
                # Still lagging meanwhile: the reads of the last version refresh in the background.
                self._idle.wait_for(lambda: self._pending == 0, timeout=settle_s)
                self._lagging -= 1
                self.refreshed += 1  # values left stale are computed by the reads that want them

    def may_lag(self) -> bool:
        return self._lagging > 0

    def submit(self, refresh: Callable[[], object]) -> None:
        with self._idle:
            self._pending += 1
        self._executor.submit(self._run, refresh)

    def _run(self, refresh: Callable[[], object]) -> None:
        try:
            refresh()
        except Exception:  # the next read computes it, and says what fails
            LOGGER.warning("refreshing a kept read failed", exc_info=True)
        finally:
            with self._idle:
                self._pending -= 1
                if self._pending == 0:  # one change for a whole wave of refreshes, not one each
                    self.refreshed += 1
                    self._idle.notify_all()

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


class Kept(Generic[T]):
    """Values by key, each as of a version (of the store, say), the least recently read dropped
    past ``size``. A value of an older version is given while another thread computes the
    current one, and, while ``refresher`` lags, refreshed in its background thread."""

    def __init__(self, size: int, refresher: Refresher | None = None) -> None:
        self.size = size
        self._refresher = refresher
        self._values: OrderedDict[Hashable, tuple[Hashable, T]] = OrderedDict()
        self._computing: dict[tuple[Hashable, Hashable], threading.Event] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T], version: Hashable = None) -> T:
        if getattr(_computing_now, "active", False):
            return self._fresh(key, compute, version)
        while True:
            with self._lock:
                kept = self._values.get(key)
                if kept is not None and kept[0] == version:
                    self._values.move_to_end(key)
                    return kept[1]
                computing = self._computing.get((key, version))
                if kept is not None and self._refresher is not None and self._refresher.may_lag():
                    if computing is None:
                        self._computing[key, version] = threading.Event()
                        self._refresher.submit(lambda: self._compute(key, compute, version))
                    return kept[1]
                if computing is None:
                    self._computing[key, version] = threading.Event()
                    break
                if kept is not None:
                    return kept[1]
            computing.wait()  # then kept, or failed: computed here again
        return self._compute(key, compute, version)

    def _fresh(self, key: Hashable, compute: Callable[[], T], version: Hashable) -> T:
        with self._lock:
            kept = self._values.get(key)
        if kept is not None and kept[0] == version:
            return kept[1]
        with _computing_current():
            found = compute()
        self._keep(key, version, found)
        return found

    def _compute(self, key: Hashable, compute: Callable[[], T], version: Hashable) -> T:
        try:
            with _computing_current():
                found = compute()
            self._keep(key, version, found)
            return found
        finally:
            with self._lock:
                self._computing.pop((key, version)).set()

    def _keep(self, key: Hashable, version: Hashable, found: T) -> None:
        with self._lock:
            self._values[key] = (version, found)
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
