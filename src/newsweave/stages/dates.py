"""Publication date from the text, when metadata has none: an explicit full date near the top
(dateline) or the bottom (a "published on" line). Never invented: no date found means None.
Relative expressions ("yesterday", "Thursday") need an anchor, so they are not used here; the
patterns are the dates stage's own (`timex.find_dates` without an anchor gives only dates that
carry their year).
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from newsweave.stages.timex import find_dates

LOGGER = logging.getLogger(__name__)

# Datelines sit in the first lines and "published" stamps in the last ones.
HEAD_CHARS = 400
TAIL_CHARS = 300


def date_from_text(text: str, lang: str | None) -> datetime | None:
    """The first explicit, complete calendar date in the head or tail of ``text``, else None."""
    for part in (text[:HEAD_CHARS], text[-TAIL_CHARS:]):
        for mention in find_dates(part, lang, anchor=None):
            found = date.fromisoformat(mention.value)
            LOGGER.debug("publication date %s from %r", found, mention.text)
            return datetime(found.year, found.month, found.day)
    return None
