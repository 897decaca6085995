"""JSON Lines -> one RawDoc per line, streamed so the file itself has no size limit.

Fields: ``title``, ``text`` or ``html``, optional ``url``, ``published``, ``source`` (the
outlet), ``lang``, ``author``; other fields are ignored. A bad line becomes a BadInput named
``file.jsonl:LINE`` and the other lines are still read.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, BinaryIO

from newsweave.errors import BadInput
from newsweave.ingest.base import Item, Limits, bad, too_large
from newsweave.records import RawDoc

LOGGER = logging.getLogger(__name__)

def read_jsonl(stream: BinaryIO, name: str, limits: Limits) -> Iterator[Item]:
    for number, line in _lines(stream, limits.max_doc_bytes):
        where = f"{name}:{number}"
        if isinstance(line, int):
            yield too_large(where, "line", line, limits.max_doc_bytes)
            continue
        if not line.strip():
            continue
        try:
            yield _parse(line, where, f"{name}#{number}")
        except BadInput as exc:
            yield exc


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | int]]:
    """Numbered lines; a line longer than ``limit`` comes as its length and is never held."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield number, line
            continue
        size = len(line)
        while line and not line.endswith(b"\n"):
            line = stream.readline(1024 * 1024)
            size += len(line)
        yield number, size


def _parse(line: bytes, where: str, source: str) -> RawDoc:
    try:
        decoded = line.decode("utf-8-sig")
    except UnicodeDecodeError:
        LOGGER.warning("%s: not valid UTF-8; bad bytes replaced with U+FFFD", where)
        decoded = line.decode("utf-8", errors="replace")
    try:
        obj = json.loads(decoded.strip())
    except json.JSONDecodeError as exc:
        raise bad(where, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise bad(where, f"expected a JSON object, got {type(obj).__name__}")
    text, html = _string(obj, "text", where), _string(obj, "html", where)
    if text is None and html is None:
        raise bad(where, 'no "text" or "html" field')
    # Both given: the caller's clean text beats whatever we would extract from the HTML.
    if text is not None:
        html = None
    if not (text or html or "").strip():
        raise bad(where, f'"{"text" if text is not None else "html"}" is empty')
    lang = _string(obj, "lang", where)
    return RawDoc(
        source=source,
        text=text,
        html=html,
        title=_string(obj, "title", where),
        url=_string(obj, "url", where),
        published=_published(obj.get("published"), where),
        outlet=_string(obj, "source", where),
        author=_string(obj, "author", where),
        lang=lang.strip().lower() if lang else None,
    )


def _string(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    if key in ("text", "html"):
        raise bad(where, f'"{key}" must be a string, not {type(value).__name__}')
    LOGGER.warning("%s: %r is a %s, not a string; ignored", where, key, type(value).__name__)
    return None


def _published(value: object, where: str) -> datetime | None:
    """ISO 8601 or RFC 2822 text, or Unix seconds; an unreadable date is dropped, not fatal."""
    if value is None or value == "":
        return None
    parsed: datetime | None = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            parsed = datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            parsed = None
    elif isinstance(value, str):
        parsed = parse_date(value)
    if parsed is None:
        LOGGER.warning("%s: cannot read published date %r; left empty", where, value)
    return parsed


def parse_date(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    # Naive and aware datetimes cannot be compared, and later stages sort by date.
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
