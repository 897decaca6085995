"""An advisory lock on the indexes saved beside a store (the vector index, the resolver's
context): every Engine that may write them holds it shared; `verify` rebuilds them only when it
can hold it alone. Rebuilding while another process writes them would mix two saves (an ingest
saves only the parts it changed).

flock(2) locks belong to an open file, so they are dropped when a process dies (a killed ingest
leaves no stale lock) and two engines in one process exclude each other like two processes.
"""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOGGER = logging.getLogger(__name__)


class IndexLock:
    """Held shared from creation to `close`; `alone` makes it exclusive for a while, if it can at once."""

    def __init__(self, directory: Path) -> None:
        self.path = directory.with_name(directory.name + ".lock")
        self._file = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "ab")
        except OSError as error:  # a read-only directory: nothing can save the indexes there either
            LOGGER.debug("%s: no lock on the saved indexes (%s)", self.path, error)
            return
        fcntl.flock(self._file, fcntl.LOCK_SH)  # waits only while a verify rebuilds them

    @contextmanager
    def alone(self) -> Iterator[bool]:
        """True inside if no other engine (in any process) has the indexes open, else False."""
        if self._file is None:
            yield True
            return
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fcntl.flock(self._file, fcntl.LOCK_SH)  # converting may have dropped the shared lock
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(self._file, fcntl.LOCK_SH)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()  # drops the lock
            self._file = None
