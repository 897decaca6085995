"""What reads computed, kept for the next reads: a bounded, thread-safe map in which one thread
computes a missing value while the others asking for it wait, instead of all computing it.

While an ingest runs (`Refresher.lagging`), a value of an older version is given at once and
brought up to date in the background, one value at a time: readers never wait behind a
refresh, and a stream of batches costs one refresh per value read, not one per reader.

What is made of kept values (a read cache's answers) can ask whether any it was given was of an
older version (`watching_staleness`): made of current ones only, it is good as long as the store
is the same, however many refreshes happen meanwhile.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Callable, Generic, Hashable, Iterator, TypeVar

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

# Set while a value is computed: what it reads must be current (a stale part would be kept as
# current), so it computes what is not, waiting for no one (the background thread may be
# what it would wait for).
_computing_now = threading.local()
# How long the end of an ingest waits for the refreshes under way (the next job waits meanwhile).
SETTLE_S = 60.0
# While reads lag, how often values refreshed show in what is made of them (`Refresher.refreshes`).
SHOWN_EVERY_S = 1.0


@dataclass
class StaleWatch:
    """What one read was given stale: for each value, whether it is still being refreshed."""
    still_refreshing: list[Callable[[], bool]] = field(default_factory=list)

    @property
    def seen(self) -> bool:
        return bool(self.still_refreshing)

    def refreshing(self) -> bool:
        """Made again now, the read would be given some of them stale again."""
        return any(still() for still in self.still_refreshing)


_stale_watch: ContextVar[StaleWatch | None] = ContextVar("newsweave_stale_watch", default=None)


@contextmanager
def watching_staleness() -> Iterator[StaleWatch]:
    """Within this, and in the threads this context runs work in (FastAPI's thread pool copies
    it), the watch yielded is told when a kept value of an older version is given."""
    token = _stale_watch.set(watch := StaleWatch())
    try:
        yield watch
    finally:
        _stale_watch.reset(token)


def gave_stale(still_refreshing: Callable[[], bool] = lambda: False) -> None:
    """A read gave a value of an older version: the watch around it, if any, is told."""
    if (watch := _stale_watch.get()) is not None:
        watch.still_refreshing.append(still_refreshing)


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
        self._shown: tuple[float, int] = (0.0, 0)  # (when, refreshed) as `refreshes` last gave it
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

    def refreshes(self) -> int:
        """`refreshed` as what is made of kept values should see it: at once, except while
        lagging, when a change shows at most every SHOWN_EVERY_S (each change renews all
        that was made of them, and refreshes done one at a time change it many times a second)."""
        now, (shown_at, shown) = time.monotonic(), self._shown
        if self.may_lag() and now - shown_at < SHOWN_EVERY_S:
            return shown
        self._shown = (now, self.refreshed)
        return self.refreshed

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
        self._refreshing: set[Hashable] = set()  # keys with a refresh submitted and not done
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T], version: Hashable = None,
            refresh: Callable[[], tuple[Hashable, T]] | None = None) -> T:
        """The value of ``key`` at ``version``, computed by ``compute`` if none is kept. A refresh
        in the background calls ``refresh`` instead, if given: (the version it found, its value)."""
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
                    # One refresh of a key waits at a time: it reads the store as it is when it runs.
                    if computing is None and key not in self._refreshing:
                        self._computing[key, version] = threading.Event()
                        self._refreshing.add(key)
                        self._refresher.submit(lambda: self._refresh(key, compute, version, refresh))
                    gave_stale(functools.partial(self._refreshing.__contains__, key))
                    return kept[1]
                if computing is None:
                    self._computing[key, version] = threading.Event()
                    break
                if kept is not None:
                    gave_stale()
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
        self._keep(key, version, found, replacing=kept)
        return found

    def _refresh(self, key: Hashable, compute: Callable[[], T], version: Hashable,
                 refresh: Callable[[], tuple[Hashable, T]] | None) -> None:
        try:
            self._compute(key, compute, version, refresh)
        finally:
            with self._lock:
                self._refreshing.discard(key)

    def _compute(self, key: Hashable, compute: Callable[[], T], version: Hashable,
                 refresh: Callable[[], tuple[Hashable, T]] | None = None) -> T:
        try:
            with self._lock:
                kept = self._values.get(key)
            if refresh is not None:
                found_version, found = refresh()
            else:
                with _computing_current():
                    found_version, found = version, compute()
            self._keep(key, found_version, found, replacing=kept)
            return found
        finally:
            with self._lock:
                self._computing.pop((key, version)).set()

    def _keep(self, key: Hashable, version: Hashable, found: T, replacing: tuple[Hashable, T] | None) -> None:
        """Keeps ``found`` unless another thread kept a value since ``replacing`` was read: versions
        need not be ordered (an event's article ids), so the one computed later may be the older."""
        with self._lock:
            if self._values.get(key) is not replacing:
                return
            self._values[key] = (version, found)
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
