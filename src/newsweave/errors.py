"""Errors newsweave raises. One base class to catch:

    NewsweaveError
    ├── BadInput        an input (file, URL, line, record) cannot be read; names the input
    ├── FetchRefused    a URL points at a private/loopback/reserved address or a banned scheme
    └── StoreError      the database cannot be opened or written
"""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base of every error newsweave raises on purpose."""


class BadInput(NewsweaveError):
    """An input that cannot be ingested. ``str()`` is the one-line message for the user."""

    def __init__(self, input: str, reason: str) -> None:
        super().__init__(f"{input}: {reason}")
        self.input = input
        self.reason = reason

    def __reduce__(self):  # pickled between Dask workers and the ingest that reports it
        return self.__class__, (self.input, self.reason)


class FetchRefused(BadInput):
    """A URL newsweave will not fetch (private network, bad scheme)."""


class StoreError(NewsweaveError):
    """The store cannot be opened or written."""
