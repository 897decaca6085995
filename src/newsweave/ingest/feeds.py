"""RSS and Atom feeds -> one RawDoc per entry, preferring the full linked page.

A feed entry usually carries a teaser; the article is behind its link. So each entry's link is
fetched (the first ``Limits.max_feed_entries`` of them), and when that fails the entry's own
content or summary stands in, with a warning rather than a failure.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from newsweave.errors import BadInput
from newsweave.ingest.base import HTML_TYPES, Item, Limits, bad
from newsweave.ingest.decode import charset_of, decode
from newsweave.ingest.fetch import fetch
from newsweave.records import RawDoc

LOGGER = logging.getLogger(__name__)
# The XML declaration, dropped once the feed is decoded: its encoding no longer applies.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def read_feed(data: bytes, name: str, *, content_type: str = "", allow_private_network: bool,
              limits: Limits) -> Iterator[Item]:
    """Parse ``data`` (never a URL: feedparser would fetch it itself, unchecked)."""
    # Decoded here and handed over as UTF-8: on bytes that fit no declared charset, feedparser
    # falls back to chardet, pure Python, minutes for a megabyte (found by tests/fuzz).
    text = decode(data, name, charset=charset_of(content_type), what="feed")
    utf8 = _XML_DECLARATION.sub("", text, count=1).encode("utf-8", "replace")
    headers = {"content-type": f"{content_type.split(';')[0].strip() or 'application/xml'}; charset=utf-8"}
    parsed = feedparser.parse(utf8, response_headers=headers)
    entries = parsed.entries
    if not entries:
        if parsed.bozo:
            raise bad(name, f"not a valid RSS or Atom feed ({parsed.bozo_exception})")
        if not parsed.get("version"):  # (absent, not empty, when the data was empty)
            raise bad(name, "not an RSS or Atom feed")
        raise bad(name, "feed has no entries")
    if parsed.bozo:
        LOGGER.warning("%s: feed is not well-formed (%s); read what could be recovered",
                       name, parsed.bozo_exception)
    feed = parsed.feed
    outlet = feed.get("title") or None
    lang = _primary_lang(feed.get("language"))
    if len(entries) > limits.max_feed_entries:
        LOGGER.info("%s: %d entries; only the first %d linked pages are fetched",
                    name, len(entries), limits.max_feed_entries)
    for number, entry in enumerate(entries, 1):
        fetch_link = number <= limits.max_feed_entries
        try:
            yield _entry(entry, f"{name}#{number}", fetch_link, outlet, lang,
                         allow_private_network, limits)
        except BadInput as exc:
            yield exc


def _entry(entry: Any, source: str, fetch_link: bool, outlet: str | None, lang: str | None,
           allow_private_network: bool, limits: Limits) -> RawDoc:
    link = entry.get("link") or None
    html, url, problem = None, link, ""
    if link and fetch_link:
        try:
            html, url = _fetch_page(link, allow_private_network, limits)
        except BadInput as exc:
            problem = exc.reason
    own = _own_content(entry)
    if html is None:
        if not own:
            why = f"linked page failed ({problem}) and " if problem else ""
            raise bad(source, f"{why}the entry has no content of its own")
        if problem:
            LOGGER.warning("%s: fetching %s failed (%s); using the entry's own content",
                           source, link, problem)
        html = own
    return RawDoc(
        source=source,
        html=html,
        title=entry.get("title") or None,
        url=url,
        published=_published(entry),
        outlet=outlet,
        author=entry.get("author") or None,
        lang=_primary_lang(_content_lang(entry)) or lang,
    )


def _fetch_page(link: str, allow_private_network: bool, limits: Limits) -> tuple[str, str]:
    fetched = fetch(link, allow_private_network=allow_private_network, limits=limits)
    if fetched.content_type and fetched.content_type not in HTML_TYPES:
        raise bad(link, f"linked page is {fetched.content_type}, not HTML")
    return decode(fetched.body, link, charset=fetched.charset, what="response"), fetched.url_final


def _own_content(entry: Any) -> str | None:
    """The entry's full content if it has one, else its summary."""
    for content in entry.get("content") or ():
        if (content.get("value") or "").strip():
            return str(content["value"])
    summary = entry.get("summary") or ""
    return summary if summary.strip() else None


def _content_lang(entry: Any) -> str | None:
    for content in entry.get("content") or ():
        if content.get("language"):
            return str(content["language"])
    return None


def _published(entry: Any) -> datetime | None:
    # feedparser normalises every date format it knows to a UTC struct_time.
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    return datetime.fromtimestamp(calendar.timegm(moment), UTC)


def _primary_lang(tag: str | None) -> str | None:
    """"en-US" -> "en": the language without its region, as the store keeps it."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary or None
