"""The dispatcher: each input (path, directory, URL or ``-``) to the reader it needs.

Every failure becomes a BadInput value for that input or item, so one bad input never stops
the batch, and the user sees one line per failure, never a traceback.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

import fsspec

from newsweave.errors import BadInput
from newsweave.ingest.base import (
    DEFAULT_LIMITS,
    HTML_TYPES,
    Item,
    Limits,
    bad,
    read_capped,
    size_text,
    too_large,
)
from newsweave.ingest.decode import decode
from newsweave.ingest.feeds import read_feed
from newsweave.ingest.fetch import fetch
from newsweave.ingest.files import kind_from_name, sniff, text_doc, walk
from newsweave.ingest.jsonl import read_jsonl
from newsweave.ingest.warc import is_warc_head, read_warc
from newsweave.records import RawDoc

LOGGER = logging.getLogger(__name__)

STDIN_NAME = "<stdin>"
_SNIFF_BYTES = 65536
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
# fsspec filesystems read as files: local, object stores, HDFS. Network protocols that fetch
# (ftp, sftp, http through fsspec...) are not among them: URLs are fetched only by the guarded
# http(s) fetcher.
STORAGE_PROTOCOLS = frozenset({"file", "s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "hdfs", "memory"})
# Content types that name their reader outright; anything else is sniffed from the body.
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})


@dataclass(frozen=True)
class Unit:
    """One thing to read: a file path, an fsspec URL of one file, an http(s) URL, or stdin."""

    kind: str  # "path" | "fsspec" | "url" | "stdin"
    name: str  # as reports name it: the path or URL, or <stdin>


def read_inputs(inputs: Iterable[str], *, allow_private_network: bool = False,
                stdin: BinaryIO | None = None, limits: Limits = DEFAULT_LIMITS) -> Iterator[Item]:
    """Read every input, yielding a RawDoc per document and a BadInput per failure.

    Args:
        inputs: file or directory paths, storage URLs of files or directories (``file://``,
            ``s3://`` with s3fs installed...: STORAGE_PROTOCOLS, read through fsspec), http(s)
            URLs, or ``-`` for ``stdin``.
        allow_private_network: fetch URLs that resolve to loopback, private, link-local or
            reserved addresses (intranet feeds); refused by default.
        stdin: the stream ``-`` reads; ``sys.stdin.buffer`` when None.
        limits: size, time and count bounds (see ``Limits``).
    """
    for unit in input_units(inputs):
        if isinstance(unit, BadInput):
            yield unit
        else:
            yield from read_units([unit], allow_private_network=allow_private_network, stdin=stdin, limits=limits)


def input_units(inputs: Iterable[str]) -> Iterator[Unit | BadInput]:
    """The inputs as units to read, in reading order: directories expanded, sorted."""
    for given in inputs:
        if given == "-":
            yield Unit("stdin", STDIN_NAME)
        elif _URL.match(given) and given.split(":", 1)[0].lower() in STORAGE_PROTOCOLS:
            yield from _fsspec_units(given)
        elif _URL.match(given):  # fetched: http(s) only, every other scheme refused there
            yield Unit("url", given)
        elif os.path.isdir(given):
            paths = list(walk(given))
            if not paths:
                yield bad(given, "directory has no files to read (hidden files are skipped)")
            yield from (Unit("path", path) for path in paths)
        else:
            yield Unit("path", given)


def read_units(units: Iterable[Unit], *, allow_private_network: bool = False, stdin: BinaryIO | None = None,
               limits: Limits = DEFAULT_LIMITS) -> Iterator[Item]:
    """Read units (from `input_units`): what a Dask worker runs on its shard of the inputs."""
    reader = _Reader(allow_private_network, limits)
    for unit in units:
        if unit.kind == "stdin":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _guarded(unit.name, reader.stream(stream, unit.name, None))
        elif unit.kind == "url":
            yield from _guarded(unit.name, reader.url(unit.name))
        else:
            yield from _guarded(unit.name, reader.path(unit.name, remote=unit.kind == "fsspec"))


def _fsspec_units(url: str) -> Iterator[Unit | BadInput]:
    """A file or a directory tree behind an fsspec URL (hidden names skipped, sorted)."""
    try:
        fs, root = fsspec.core.url_to_fs(url)
        if not fs.isdir(root):
            yield Unit("fsspec", url)
            return
        found = sorted(path for path, info in fs.find(root, detail=True).items() if info.get("type") == "file"
                       and not any(part.startswith(".") for part in path[len(root):].split("/")))
    except (ImportError, ValueError, OSError) as exc:
        yield bad(url, f"cannot read ({exc})")
        return
    if not found:
        yield bad(url, "directory has no files to read (hidden files are skipped)")
    yield from (Unit("fsspec", fs.unstrip_protocol(path)) for path in found)


def _guarded(name: str, items: Iterator[Item]) -> Iterator[Item]:
    """Run one input's reader, turning whatever it raises into a BadInput for that input."""
    try:
        yield from items
    except BadInput as exc:
        yield exc
    # The batch boundary: a bug or a library surprise on one input must not end the batch
    # or show the user a traceback. The traceback still goes to the debug log.
    except Exception as exc:
        LOGGER.debug("unexpected error reading %s", name, exc_info=True)
        yield bad(name, f"unexpected error ({type(exc).__name__}: {exc}); please report it")


class _Reader:
    def __init__(self, allow_private_network: bool, limits: Limits) -> None:
        self.allow_private_network = allow_private_network
        self.limits = limits

    def path(self, path: str, *, remote: bool = False) -> Iterator[Item]:
        """A local path, or with ``remote`` an fsspec URL of one file."""
        kind = kind_from_name(path)
        try:
            with _open(path, remote) as raw:
                size = raw.size if remote else os.fstat(raw.fileno()).st_size
                # Whole-document kinds are refused by size before reading a byte of them.
                if kind in ("text", "html", "feed") and size is not None and size > self.limits.max_doc_bytes:
                    raise too_large(path, "file", size, self.limits.max_doc_bytes)
                yield from self.stream(raw, path, kind, size=size)
        except FileNotFoundError:
            raise bad(path, "no such file or directory") from None
        except PermissionError:
            raise bad(path, "permission denied") from None
        except OSError as exc:
            raise bad(path, f"cannot read ({exc.strerror or exc})") from None

    def stream(self, raw: BinaryIO, name: str, kind: str | None, *, size: int | None = None,
               inflated: bool = False) -> Iterator[Item]:
        """Read an open stream: the given kind, or sniffed from its first bytes."""
        head = raw.read(_SNIFF_BYTES)
        stream = io.BufferedReader(_Rewound(head, raw))
        if head.startswith(b"\x1f\x8b") and kind != "warc" and not inflated:
            # warcio reads gzip itself (one member per record); other kinds are unpacked here.
            inner = io.BufferedReader(_GzipGuard(gzip.GzipFile(fileobj=stream), name))
            yield from self.stream(inner, name, kind, inflated=True)
            return
        kind = kind or sniff(head)
        if kind == "jsonl":
            yield from read_jsonl(stream, name, self.limits)
        elif kind == "warc":
            if not is_warc_head(head):
                raise bad(name, "not a WARC archive (it does not start with a WARC/1.x header)")
            yield from read_warc(stream, name, self.limits)
        else:
            what = "input" if name == STDIN_NAME else "file"
            if inflated:
                data = read_capped(stream, self.limits.max_decompressed_bytes)
                if data is None:
                    raise bad(name, "inflates to more than "
                                    f"{size_text(self.limits.max_decompressed_bytes)}")
            else:
                data = read_capped(stream, self.limits.max_doc_bytes)
                if data is None:
                    raise too_large(name, what, size, self.limits.max_doc_bytes)
            yield from self.document(data, name, kind, what=what)

    def document(self, data: bytes, name: str, kind: str, *, what: str, charset: str | None = None,
                 content_type: str = "", url: str | None = None) -> Iterator[Item]:
        """One whole document in memory: a text or HTML page, a feed, or a small JSONL/WARC."""
        if kind == "feed":
            yield from read_feed(data, name, content_type=content_type,
                                 allow_private_network=self.allow_private_network,
                                 limits=self.limits)
        elif kind == "jsonl":
            yield from read_jsonl(io.BytesIO(data), name, self.limits)
        elif kind == "warc":
            yield from read_warc(io.BytesIO(data), name, self.limits)
        elif kind == "html":
            yield RawDoc(source=name, html=decode(data, name, charset=charset, what=what), url=url)
        else:
            yield text_doc(decode(data, name, charset=charset, what=what), name)

    def url(self, url: str) -> Iterator[Item]:
        fetched = fetch(url, allow_private_network=self.allow_private_network, limits=self.limits)
        kind = sniff(fetched.body)
        if fetched.content_type in _FEED_TYPES:
            kind = "feed"
        elif kind == "text" and fetched.content_type in HTML_TYPES:
            kind = "html"
        yield from self.document(fetched.body, url, kind, what="response",
                                 charset=fetched.charset, content_type=fetched.content_type,
                                 url=fetched.url_final)


def _open(path: str, remote: bool) -> BinaryIO:
    if not remote:
        return open(path, "rb")
    try:
        return fsspec.open(path, "rb").open()
    except (ImportError, ValueError) as exc:  # an unknown protocol, or its driver not installed
        raise bad(path, f"cannot read ({exc})") from None


class _GzipGuard(io.RawIOBase):
    """A gzip stream whose corruption errors say which input is broken."""

    def __init__(self, inner: gzip.GzipFile, name: str) -> None:
        self.inner = inner
        self.name_ = name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            return self.inner.readinto(buffer)
        except (OSError, EOFError, zlib.error) as exc:
            raise bad(self.name_, f"corrupt or truncated gzip data ({exc})") from None


class _Rewound(io.RawIOBase):
    """``stream`` with ``head``, already read from it for sniffing, put back in front."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self.head = head
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
