"""WARC archives (plain or gzip) -> one RawDoc per successful HTML response record.

Streamed record by record, so the archive itself has no size limit. Non-HTML records, requests,
metadata and non-200 responses are skipped without a message: a crawl is full of them.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from newsweave.errors import BadInput
from newsweave.ingest.base import HTML_TYPES, Item, Limits, bad, size_text, too_large
from newsweave.ingest.decode import charset_of, decode
from newsweave.records import RawDoc

LOGGER = logging.getLogger(__name__)

def is_warc_head(head: bytes) -> bool:
    """True when ``head`` (the first bytes of a file) starts a WARC archive, gzipped or not."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=47).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def read_warc(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Item]:
    number = 0
    records = iter(ArchiveIterator(stream))
    while True:
        try:
            record = next(records, None)
            if record is None:
                return
            number += 1
            item = _read_record(record, name, number, limits)
        except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError) as exc:
            yield bad(name, f"archive is corrupt after record {number} ({exc}); "
                            f"the records before it were read")
            return
        if isinstance(item, _Truncated):
            yield bad(name, f"archive is truncated inside record {number}; "
                            f"the records before it were read")
            return
        if item is not None:
            yield item


class _Truncated:
    """Marker: the archive ended before the record's declared length."""


def _read_record(record: ArcWarcRecord, name: str, number: int,
                 limits: Limits) -> RawDoc | BadInput | _Truncated | None:
    item_name = f"{name}#{number}"
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return None
    if record.length is not None and record.length > limits.max_doc_bytes:
        return too_large(item_name, "record", record.length, limits.max_doc_bytes)
    body = record.content_stream().read(limits.max_decompressed_bytes + 1)
    if len(body) > limits.max_decompressed_bytes:
        return bad(item_name, "record inflates to more than "
                              f"{size_text(limits.max_decompressed_bytes)}; skipped")
    # warcio returns a short read when the file ends early; the unread declared length shows it.
    while record.raw_stream.read(65536):
        pass
    if record.raw_stream.limit > 0:
        return _Truncated()
    try:
        html = decode(body, item_name, charset=charset_of(content_type), what="record")
    except BadInput as exc:
        return exc
    url = record.rec_headers.get_header("WARC-Target-URI")
    return RawDoc(source=item_name, html=html, url=url)

