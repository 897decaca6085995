"""Helpers shared by the per-language quote tests."""

from __future__ import annotations

from newsweave.records import Mention, Quote


def person_mentions(text: str, lang: str, *names: str, role: str | None = None) -> list[Mention]:
    """Every occurrence of each name as a PER mention (a stand-in for the mention finder)."""
    found = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            found.append(Mention(start, start + len(name), name, "PER", lang, role=role))
            start = text.find(name, start + len(name))
    return sorted(found, key=lambda m: m.start)


def speaker(quote: Quote, mentions: list[Mention]) -> str | None:
    return None if quote.speaker_mention is None else mentions[quote.speaker_mention].text
