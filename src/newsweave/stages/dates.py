"""Publication date from the text, when metadata has none: an explicit full date near the top
(dateline) or the bottom (a "published on" line). Never invented: no date found means None.
Relative expressions ("yesterday", "Thursday") need an anchor, so they are not used here.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

LOGGER = logging.getLogger(__name__)

# Datelines sit in the first lines and "published" stamps in the last ones.
HEAD_CHARS = 400
TAIL_CHARS = 300

_ISO = re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d))?")
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)\b")
# day month-name year, month-name day, year: the month word is checked by dateparser.
_WORDY = re.compile(r"\b(\d{1,2})\.?\s+([^\W\d_]{3,12})\.?,?\s+((?:19|20)\d\d)\b"
                    r"|\b([^\W\d_]{3,12})\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b")


def date_from_text(text: str, lang: str | None) -> datetime | None:
    """The first explicit, complete calendar date in the head or tail of ``text``, else None."""
    for part in (text[:HEAD_CHARS], text[-TAIL_CHARS:]):
        found = _explicit_date(part, lang)
        if found is not None:
            return found
    return None


def _explicit_date(part: str, lang: str | None) -> datetime | None:
    match = _ISO.search(part)
    if match:
        year, month, day = (int(g) for g in match.groups()[:3])
        return _safe_date(year, month, day)
    match = _NUMERIC.search(part)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return _safe_date(year, month, day)
    for match in _WORDY.finditer(part):
        parsed = _parse_words(match.group(0), lang)
        if parsed is not None:
            return parsed
    return None


def _safe_date(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day)
    except ValueError:
        return None


def _parse_words(candidate: str, lang: str | None) -> datetime | None:
    import dateparser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    try:
        return dateparser.parse(candidate, languages=[lang] if lang else None, settings=settings)
    except Exception as error:  # dateparser raises on some language codes it lacks
        LOGGER.debug("dateparser failed on %r: %s", candidate, error)
        return None
