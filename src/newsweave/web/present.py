"""How values look on a page: language codes and names, dates, safe links, paths.

Everything here returns plain strings; escaping is Jinja's job (autoescape is on), so nothing
here builds markup.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import lru_cache
from urllib.parse import quote, urlencode, urlsplit

# BCP 47-shaped codes only: a stored or requested language goes into `lang` attributes and URLs.
_LANG_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
# Written right to left; dir="auto" decides per element, this only labels switcher links.
RTL_LANGS = {"ar", "he", "iw", "fa", "ur", "ps", "yi", "ckb", "dv", "sd", "ug", "arz", "apc", "ary"}
# Whitespace and control characters never occur in a link we are willing to emit.
_UNSAFE_URL_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029]")


def lang_code(value: object) -> str | None:
    """A language code fit for a `lang` attribute, or None (absent or malformed)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if _LANG_CODE.match(value) else None


def is_rtl(lang: str | None) -> bool:
    return bool(lang) and lang.split("-")[0] in RTL_LANGS


@lru_cache(maxsize=256)
def lang_name(lang: str | None) -> str:
    """English name of a language ("Arabic"), else the code itself."""
    if not lang:
        return "unknown"
    try:
        from babel import Locale

        return Locale.parse(lang.replace("-", "_")).get_display_name("en") or lang
    except Exception:  # unknown to CLDR: the code says enough
        return lang


@lru_cache(maxsize=256)
def autonym(lang: str | None) -> str:
    """The language's name in itself ("العربية", "français"), else its English name."""
    if not lang:
        return "unknown"
    try:
        from babel import Locale

        return Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_")) or lang_name(lang)
    except Exception:
        return lang_name(lang)


def safe_url(url: object) -> str | None:
    """The URL if it is an absolute http(s) URL without whitespace or control characters,
    else None: `javascript:`, `data:` and relative links in article data never become links."""
    if not isinstance(url, str) or not url or _UNSAFE_URL_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def _utc(value: datetime) -> datetime:
    return value.astimezone(timezone.utc) if value.tzinfo is not None else value


def when(value: datetime | None) -> str:
    """"2026-03-03 00:40 UTC" (aware values shown in UTC), or "" for None."""
    if value is None:
        return ""
    return _utc(value).strftime("%Y-%m-%d %H:%M UTC" if value.tzinfo is not None else "%Y-%m-%d %H:%M")


def compact(value: datetime | None) -> str:
    """"2026-03-03 00:40" in UTC, for tables."""
    return _utc(value).strftime("%Y-%m-%d %H:%M") if value is not None else ""


def day(value: datetime | None) -> str:
    return _utc(value).strftime("%Y-%m-%d") if value is not None else ""


def iso(value: datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def path(*segments: str) -> str:
    """"/events/ev_1": every segment percent-encoded (ids come from the store)."""
    return "/" + "/".join(quote(str(s), safe="") for s in segments)


def with_query(url: str, **params: object) -> str:
    """The URL with the non-empty params as a query string."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return f"{url}?{urlencode(kept)}" if kept else url


def short(text: str | None, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
