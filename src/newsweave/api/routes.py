"""Read endpoints under /api/: thin calls into the Engine, shaped as the CLI's JSON
(newsweave.shapes), filtered and paginated here.

Reads run in FastAPI's thread pool while an ingest job stores batches: the Engine allows one
ingest and concurrent reads.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, replace
from datetime import date
from typing import Annotated, Callable, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import StringConstraints
from pydantic_core import to_json

from newsweave import search
from newsweave.api import schemas
from newsweave.api.errors import INVALID, NOT_FOUND, ApiError
from newsweave.engine import Engine
from newsweave.errors import NewsweaveError
from newsweave.records import Event
from newsweave.search import ArticleFilter
from newsweave.shapes import article_json, event_document, event_json

router = APIRouter(prefix="/api", responses=INVALID)

MAX_LIMIT = 500
# SQLite and PostgreSQL offsets are 64-bit: far past any store, and no overflow.
MAX_OFFSET = 10**9
Id = Annotated[str, Path(max_length=200)]


def _engine(request: Request) -> Engine:
    return request.app.state.engine


class Paging:
    def __init__(self, limit: int = Query(50, ge=1, le=MAX_LIMIT, description="items per page"),
                 offset: int = Query(0, ge=0, le=MAX_OFFSET, description="items to skip")) -> None:
        self.limit = limit
        self.offset = offset

    def page(self, items: list, shape: Callable = lambda item: item) -> dict:
        """The page of ``items`` asked for, each made JSON by ``shape`` (only those shown)."""
        return {"total": len(items), "limit": self.limit, "offset": self.offset,
                "items": [shape(item) for item in items[self.offset:self.offset + self.limit]]}


Paged = Annotated[Paging, Depends()]


# A day as the OpenAPI document says it: YYYY-MM-DD only (pydantic's date would also take a
# Unix timestamp such as 86400.0, which the document does not allow).
Day = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(422, f"invalid request: {name} {value!r} is no calendar day (YYYY-MM-DD)") from None


def dated_filter(
        lang: str | None = Query(None, max_length=64, description="language code of the article (ar, fr, he...)"),
        source: str | None = Query(None, max_length=4000, description="outlet name, or the path or URL read"),
        since: Day | None = Query(None, description="published on or after this day (YYYY-MM-DD)",
                                  json_schema_extra={"format": "date"}),
        until: Day | None = Query(None, description="published on or before this day (YYYY-MM-DD)",
                                  json_schema_extra={"format": "date"})) -> ArticleFilter:
    first, last = _day(since, "since"), _day(until, "until")
    if first and last and first > last:
        raise ApiError(422, f"invalid request: since ({first}) is after until ({last})")
    return ArticleFilter(lang=lang, source=source, since=first, until=last)



Dated = Annotated[ArticleFilter, Depends(dated_filter)]


def article_filter(where: Dated, entity: str | None = Query(None, max_length=200,
                                                            description="articles naming this entity id")
                   ) -> ArticleFilter:
    return replace(where, entity=entity)


Filtered = Annotated[ArticleFilter, Depends(article_filter)]


def _kept(request: Request, where: ArticleFilter) -> Callable[[str], bool]:
    """Whether an article id passes the filter."""
    if not where:
        return lambda _article_id: True
    ids = search.matching_ids(_engine(request).store, where)
    return ids.__contains__


def _live_event(engine: Engine, event_id: str) -> Event:
    """The live event an id stands for (an absorbed id gives the event that absorbed it)."""
    try:
        return engine.event(event_id)
    except NewsweaveError:
        raise ApiError(404, f"no event {event_id!r}: GET /api/events lists them") from None


# ---- articles -------------------------------------------------------------------------------
@router.get("/articles", response_model=schemas.Page[schemas.ArticleOut], summary="stored articles, in ingestion order")
def articles(request: Request, paging: Paged, where: Filtered) -> dict:
    kept = _kept(request, where)
    found = _engine(request).articles()
    return paging.page([a for a in found if kept(a.id)], article_json)


@router.get("/articles/{article_id}", response_model=schemas.ArticleDetail, responses=NOT_FOUND,
            summary="one article with its mentions, quotes, dates and actions")
def article(request: Request, article_id: Id) -> dict:
    found = _engine(request).article(article_id)
    if found is None:
        raise ApiError(404, f"no article {article_id!r}: GET /api/articles lists them")
    return {**article_json(found), "mentions": [asdict(m) for m in found.mentions],
            "quotes": [asdict(q) for q in found.quotes], "dates": [asdict(d) for d in found.dates],
            "actions": [asdict(r) for r in found.actions]}


# ---- events ---------------------------------------------------------------------------------
@router.get("/events", response_model=schemas.Page[schemas.EventOut],
            summary="events with their articles, largest first")
def events(request: Request, paging: Paged, where: Filtered) -> dict:
    kept = _kept(request, where)

    engine = _engine(request)
    return paging.page([e for e in engine.events() if any(kept(i) for i in e.article_ids)],
                       lambda e: event_json(e, engine.articles_of(e.article_ids)))


@router.get("/events/{event_id}", response_model=schemas.EventDetail, responses=NOT_FOUND,
            summary="one event: evidence, titles per language, entities, quotes, actions, history "
                    "(as `newsweave show --format json`)")
def event(request: Request, event_id: Id) -> dict:
    def work(engine: Engine) -> dict:
        _live_event(engine, event_id)
        return event_document(engine, event_id)

    return work(_engine(request))


@router.get("/events/{event_id}/summary", response_model=schemas.SummaryOut, responses=NOT_FOUND,
            summary="an extractive summary, told in the requested language where an article in it says the point")
def summary(request: Request, event_id: Id,
            lang: str | None = Query(None, max_length=64, description="default: the event's main language"),
            sentences: int = Query(5, ge=1, le=50)) -> dict:
    def work(engine: Engine) -> dict:
        live = _live_event(engine, event_id).id
        return {"event_id": live, **engine.event_summary(live, lang, sentences).as_json()}

    return work(_engine(request))


@router.get("/events/{event_id}/coverage", response_model=schemas.CoverageOut, responses=NOT_FOUND,
            summary="who covered the event and when; what each article carries or leaves out")
def coverage(request: Request, event_id: Id) -> Response:
    engine = _engine(request)
    live = _live_event(engine, event_id)
    # A big event's coverage runs to megabytes: encoded once per change of the event, from the plain
    # JSON `Coverage.as_json` gives (of the schema's shape, tested), as validating it took 300-400 ms
    # for a 190-article event (5.5 MB) and encoding it alone 20-50 ms.
    body = engine.event_part("coverage JSON", live, lambda: _coverage_json(engine, live.id), _coverage_json)
    return Response(body, media_type="application/json")


def _coverage_json(engine: Engine, event_id: str) -> bytes:
    return to_json({"event_id": event_id, **engine.event_coverage(event_id).as_json()})


# ---- storylines -----------------------------------------------------------------------------
@router.get("/storylines", response_model=schemas.Page[schemas.StorylineOut],
            summary="storylines (events of one ongoing story), largest first")
def storylines(request: Request, paging: Paged, where: Filtered) -> dict:
    kept = _kept(request, where)

    def work(engine: Engine) -> list[dict]:
        found = engine.storyline_list()
        if not where:
            return found
        shown = {e.id for e in engine.events() if any(kept(i) for i in e.article_ids)}
        return [s for s in found if shown.intersection(s["event_ids"])]

    return paging.page(work(_engine(request)))


@router.get("/storylines/{storyline_id}", response_model=schemas.StorylineDetail, responses=NOT_FOUND,
            summary="one storyline with its events, in timeline order")
def storyline(request: Request, storyline_id: Id) -> dict:
    def work(engine: Engine) -> dict:
        found = next((s for s in engine.storyline_list() if s["id"] == storyline_id), None)
        if found is None:
            raise ApiError(404, f"no storyline {storyline_id!r}: GET /api/storylines lists them")
        events_by_id = {e.id: e for e in engine.events()}
        return {**found, "events": [event_json(events_by_id[i], engine.articles_of(events_by_id[i].article_ids))
                                    for i in found["event_ids"] if i in events_by_id]}

    return work(_engine(request))


# ---- entities, quotes, actions --------------------------------------------------------------
@router.get("/entities", response_model=schemas.Page[schemas.EntityOut],
            summary="people, organisations and places with their variants, most widely named first")
def entities(request: Request, paging: Paged, where: Dated,
             type: Literal["PER", "ORG", "LOC"] | None = Query(None, description="only this type")) -> dict:
    kept = _kept(request, where)
    found = _engine(request).entities(evidence=False)
    return paging.page([e for e in found if (type is None or e["type"] == type)
                        and any(kept(i) for i in e["article_ids"])])


@router.get("/entities/{entity_id}", response_model=schemas.EntityDetail, responses=NOT_FOUND,
            summary="one entity: variants, events, quotes, mentions per day, link evidence")
def entity(request: Request, entity_id: Id) -> dict:
    def work(engine: Engine) -> dict:
        found = engine.entity(entity_id)
        if found is None:
            raise ApiError(404, f"no entity {entity_id!r}: GET /api/entities lists them")
        named = set(found["article_ids"])
        events = [event_json(e, engine.articles_of(e.article_ids)) for e in engine.events()
                  if named.intersection(e.article_ids)]
        evidence_articles = {a.id: a for a in engine.articles_of(sorted({m["article_id"] for m in found["evidence"]}))}
        return {**found, "events": events, "quotes": engine.quotes(entity_id),
                **_per_day(found["evidence"], evidence_articles)}

    return work(_engine(request))


def _per_day(evidence: list[dict], articles: dict) -> dict:
    """Mentions and mentioning articles per publication day, for a chart."""
    mentions: Counter[date] = Counter()
    days: dict[date, set[str]] = {}
    undated = 0
    for link in evidence:
        published = articles[link["article_id"]].published if link["article_id"] in articles else None
        if published is None:
            undated += 1
            continue
        mentions[published.date()] += 1
        days.setdefault(published.date(), set()).add(link["article_id"])
    return {"mentions_per_day": [{"date": day, "mentions": mentions[day], "articles": len(days[day])}
                                 for day in sorted(mentions)], "undated_mentions": undated}


@router.get("/quotes", response_model=schemas.Page[schemas.QuoteOut], summary="quotes with their speakers")
def quotes(request: Request, paging: Paged, where: Dated,
           entity: str | None = Query(None, max_length=200, description="only quotes this entity is the speaker of")
           ) -> dict:
    kept = _kept(request, where)
    found = _engine(request).quotes(entity)
    return paging.page([q for q in found if kept(q["article_id"])])


@router.get("/actions", response_model=schemas.Page[schemas.ActionOut],
            summary="who did what to whom, where, when, with the evidence sentence")
def actions(request: Request, paging: Paged, where: Dated,
            entity: str | None = Query(None, max_length=200, description="records with this entity as actor or target"),
            action: str | None = Query(None, max_length=64, description="visit, meet, say, sign, accuse, condemn, "
                                                                         "call_for, threaten or attack")) -> dict:
    kept = _kept(request, where)
    found = _engine(request).actions(entity, action)
    return paging.page([r for r in found if kept(r["article_id"])])


# ---- search ---------------------------------------------------------------------------------
@router.get("/search", response_model=schemas.SearchOut,
            summary="articles by words (every language and script) or by meaning (across languages)")
def search_articles(request: Request, paging: Paged, where: Filtered,
                    q: str = Query(min_length=1, max_length=1000, description="the query"),
                    mode: Literal["text", "semantic"] = Query("text", description="text: every word, in any "
                                                              "spelling; semantic: closest in meaning, any language")
                    ) -> dict:
    state = request.app.state
    if mode == "text":
        found = search.text_search(state.engine.store, q, where, limit=paging.limit, offset=paging.offset)
    else:
        vector = _engine(request).read_embedder.encode([q])[0]
        found = state.semantic.search(vector, where, limit=paging.limit, offset=paging.offset)
    return {"query": q, "mode": mode, "total": found.total, "limit": paging.limit, "offset": paging.offset,
            "items": [asdict(hit) for hit in found.hits]}
