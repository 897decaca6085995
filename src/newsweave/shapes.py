"""The contract's JSON documents (CONTRACT.md), built from Engine results.

One place for the shapes the CLI prints and the HTTP API serves, so both stay identical.
Datetimes stay datetime objects: each caller serialises them (the CLI with isoformat, the API
through its pydantic models).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsweave.records import Article, Event, EventChange

if TYPE_CHECKING:
    from newsweave.engine import Engine


def article_json(article: Article) -> dict:
    return {"id": article.id, "source": article.source, "title": article.title, "lang": article.lang,
            "published": article.published, "text": article.text, "event_id": article.event_id,
            "duplicate_of": article.duplicate_of, "outlet": article.outlet, "url": article.url,
            "author": article.author, "published_from": article.published_from,
            "content_hash": article.content_hash,
            "foreign_segments": [{"text": s.text, "lang": s.lang, "script": s.script, "removed": s.removed}
                                 for s in article.segments if s.foreign],
            "removed_lines": article.removed_lines}


def event_json(event: Event, articles: list[Article]) -> dict:
    return {"id": event.id, "title": event.title, "languages": event.languages, "size": event.size,
            "copies": event.copies, "closed": event.closed,
            "storyline_id": event.storyline_id, "first_published": event.first_seen,
            "last_published": event.last_seen,
            "articles": [{"id": a.id, "source": a.source, "title": a.title, "lang": a.lang,
                          "published": a.published, "syndicated_of": a.syndicated_of} for a in articles]}


def change_json(change: EventChange) -> dict:
    return {"event_id": change.event_id, "kind": change.kind, "at": change.at, "other_event_id": change.other_event_id,
            "article_ids": list(change.article_ids), "reason": change.reason}


def event_document(engine: Engine, event_id: str) -> dict:
    """`show EVENT_ID`: the event with each article's evidence, titles per language, entities,
    quotes, actions and history. An absorbed id gives the event that absorbed it."""
    event = engine.event(event_id)
    evidence = engine.event_evidence(event_id)
    document = event_json(event, engine.event_articles(event_id))
    document["titles"] = engine.event_titles(event_id)
    document["entities"] = engine.event_entities(event_id)
    document["quotes"] = engine.event_quotes(event_id)
    document["actions"] = engine.event_actions(event_id)
    document["history"] = [change_json(c) for c in engine.event_history(event_id)]
    for item in document["articles"]:
        item["evidence"] = evidence.get(item["id"], {})
    return document
