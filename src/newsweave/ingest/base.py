"""What every reader shares: the size limits, capped reads and one-line error messages."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from typing import BinaryIO

from newsweave.errors import BadInput
from newsweave.records import RawDoc

LOGGER = logging.getLogger(__name__)

MB = 1024 * 1024
MAX_DOC_ENV = "NEWSWEAVE_MAX_DOC_MB"
DEFAULT_MAX_DOC_MB = 20

Item = RawDoc | BadInput  # what readers yield: a document, or why an input or item failed
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def _max_doc_bytes_from_env() -> int:
    raw = os.environ.get(MAX_DOC_ENV)
    if raw is None:
        return DEFAULT_MAX_DOC_MB * MB
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        LOGGER.warning("%s=%r is not a positive number of MB; using %s MB",
                       MAX_DOC_ENV, raw, DEFAULT_MAX_DOC_MB)
        return DEFAULT_MAX_DOC_MB * MB
    return int(value * MB)


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one hostile or broken input from exhausting memory or time.

    Attributes:
        max_doc_bytes: most bytes of one document: a file read whole (.txt, .html, feed),
            one HTTP response, one JSONL line or one WARC record. Default 20 MB, or
            ``NEWSWEAVE_MAX_DOC_MB`` from the environment when the ``Limits`` is created.
            JSONL and WARC files are streamed, so the whole file has no limit.
        max_decompressed_bytes: most bytes one document may inflate to when it is compressed
            (gzip HTTP responses, WARC payloads, ``.gz`` files). Default 100 MB.
        fetch_timeout: seconds a fetch may take in total, redirects included. Default 20.
        max_redirects: redirects followed per fetch. Default 5.
        max_feed_entries: entries per feed whose linked page is fetched; later entries keep
            their own content or summary. Default 100.
    """

    max_doc_bytes: int = field(default_factory=_max_doc_bytes_from_env)
    max_decompressed_bytes: int = 100 * MB
    fetch_timeout: float = 20.0
    max_redirects: int = 5
    max_feed_entries: int = 100


# The defaults, read once at import: NEWSWEAVE_MAX_DOC_MB must be set before newsweave starts.
DEFAULT_LIMITS = Limits()

_MAX_MESSAGE = 400


def one_line(text: str) -> str:
    """A library's message made fit for one line of a report: no controls, no newlines, short.

    Some quote the bytes they choked on (warcio prints the first line of a bad record).
    """
    printable = "".join(char if char.isprintable() else " " for char in text)
    flat = re.sub(r"\s+", " ", printable).strip()
    return flat if len(flat) <= _MAX_MESSAGE else flat[: _MAX_MESSAGE - 1] + "…"


def bad(name: str, reason: str) -> BadInput:
    return BadInput(name, one_line(reason))


def size_text(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB / 10 else f"{n} bytes"


def too_large(name: str, what: str, size: int | None, limit: int) -> BadInput:
    """The message for a document over ``max_doc_bytes``, with how to raise the limit."""
    actual = f" is {size_text(size)}," if size is not None else " is"
    needed = max(DEFAULT_MAX_DOC_MB, -(-(size or 2 * limit) // MB))
    return bad(name, f"{what}{actual} over the {size_text(limit)} limit for one document; "
                     f"set {MAX_DOC_ENV}={needed} to raise it")


def read_capped(stream: BinaryIO, limit: int) -> bytes | None:
    """Read the whole stream, or return None as soon as it proves longer than ``limit``."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data
