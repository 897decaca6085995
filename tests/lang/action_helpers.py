"""Helpers shared by the per-language action tests: articles built by hand, with the mentions,
entities and dates the earlier stages would give them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from newsweave.records import Article, DateMention, Mention
from newsweave.stages.actions import ActionRecord, find_actions
from newsweave.stages.quotes import find_quotes


def article(text: str, lang: str, names: dict[str, tuple[str, str]], *, roles: dict[str, str] | None = None,
            dates: dict[str, str] | None = None, published: datetime | None = None,
            quotes: bool = False) -> Article:
    """An article whose mentions are every occurrence of each name (longest names first, never
    overlapping), typed and linked as ``names`` says: name -> (type, entity id). ``roles``: name ->
    role; ``dates``: date text -> "YYYY-MM-DD"; ``quotes``: run the quote finder and link speakers."""
    roles = roles or {}
    mentions: list[Mention] = []
    taken: set[int] = set()
    for name in sorted(names, key=len, reverse=True):
        kind, entity = names[name]
        start = text.find(name)
        while start >= 0:
            span = set(range(start, start + len(name)))
            if taken.isdisjoint(span):
                taken |= span
                mentions.append(Mention(start, start + len(name), name, kind, lang, role=roles.get(name),
                                        entity_id=entity))
            start = text.find(name, start + len(name))
    mentions.sort(key=lambda m: m.start)
    found_dates = [DateMention(text.index(t), text.index(t) + len(t), t, value, "explicit")
                   for t, value in (dates or {}).items()]
    result = Article(id="a1", source="test", title="", text=text, lang=lang, content_hash="h", published=published,
                     mentions=mentions, dates=found_dates)
    if quotes:
        result.quotes = [replace(q, speaker_entity_id=mentions[q.speaker_mention].entity_id)
                         if q.speaker_mention is not None else q for q in find_quotes(text, lang, mentions)]
    return result


def events(record_list: list[ActionRecord]) -> set[tuple[str, str, str | None, str | None]]:
    """(action, actor, target, place) entity ids of each record."""
    return {(r.action, r.actor_entity_id, r.target_entity_id, r.place_entity_id) for r in record_list}


def actions(text: str, lang: str, names: dict[str, tuple[str, str]], **options: object) \
        -> set[tuple[str, str, str | None, str | None]]:
    found = find_actions(article(text, lang, names, **options))  # type: ignore[arg-type]
    for record in found:
        assert record.sentence == text[record.start:record.end] and record.cue  # every record has its evidence
    return events(found)
