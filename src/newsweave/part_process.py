"""What reads keep, refreshed in a process of their own.

While an ingest runs, what reads keep (the lists, single articles and entities, and the parts of
the events a batch grows: their articles, points, titles, entities, coverage) is brought up to
date in the background. In the server's process that work took the interpreter from the reads: a
190-article event's parts cost some 0.5 s after every batch, which grows many events, and the
article list as long again. Computed here, in another interpreter with an Engine of its own over
the same store, it costs the server a pickle sent and one received.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from typing import TYPE_CHECKING, Callable, Hashable, TypeVar

from threadpoolctl import threadpool_limits

from newsweave.errors import NewsweaveError

if TYPE_CHECKING:
    from newsweave.engine import Engine

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

PARENT_CHECK_S = 5.0
# As the ingest process: the server's reads come first on the CPU.
PART_NICENESS = 10
# A part taking longer is abandoned (the process is stopped): the next read computes it itself.
PART_TIMEOUT_S = 120.0


class PartProcess:
    """Computes what reads keep in a process started on first use (and again if it ends):
    `compute(work)` is ``work(engine)`` there, (the version it found, the value) by an Engine of
    its own that has just looked for changes of the store. One at a time: callers wait in turn."""

    def __init__(self, db_url: str) -> None:
        self._db_url = db_url
        self._lock = threading.Lock()
        self._process: multiprocessing.Process | None = None
        self._connection: multiprocessing.connection.Connection | None = None

    def compute(self, work: Callable[["Engine"], tuple[Hashable, T]]) -> tuple[Hashable, T]:
        with self._lock:
            if self._process is None or not self._process.is_alive():
                self._start()
            try:
                self._connection.send(work)
                if not self._connection.poll(PART_TIMEOUT_S):
                    raise TimeoutError(f"no answer within {PART_TIMEOUT_S:.0f} s")
                ok, found = self._connection.recv()
            except (EOFError, OSError, TimeoutError) as error:
                self._stop()
                raise NewsweaveError(f"the part process ended ({error}); the next refresh starts another") from None
        if not ok:
            raise NewsweaveError(found)
        return found

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads or locks inherited
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_serve_parts, name="newsweave-parts", daemon=True,
                                        args=(self._db_url, theirs, os.getpid()))
        self._process.start()
        theirs.close()

    def _stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._connection.close()
        self._process = self._connection = None

    def close(self) -> None:
        """Stops the process at once: a part it is computing is abandoned (its caller fails)."""
        if self._lock.acquire(blocking=False):
            try:
                self._stop()
            finally:
                self._lock.release()
        elif (process := self._process) is not None:  # the caller's receive ends, and it cleans up
            process.kill()


def become_background(niceness: int) -> None:
    """Set up a server's child process (the part process, the ingest process): reads come first
    on the CPU, it keeps to one BLAS thread, and Ctrl-C, which reaches the whole process group,
    is left to the server, which stops it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(niceness)
    threadpool_limits(1, user_api="blas")


def _serve_parts(db_url: str, connection: multiprocessing.connection.Connection, parent: int) -> None:
    """The part process: computes what it is sent until its server is gone."""
    from newsweave.engine import Engine  # the engine module imports this one

    become_background(PART_NICENESS)
    with Engine.open(db_url) as engine:
        while os.getppid() == parent:
            if not connection.poll(PARENT_CHECK_S):
                continue
            try:
                work = connection.recv()
            except EOFError:
                return
            try:
                engine.saw_changes()  # the ingest process stored more since the last one
                connection.send((True, work(engine)))
            except Exception as error:  # the server's read computes it, and says what fails
                connection.send((False, f"{error.__class__.__name__}: {error}"))
