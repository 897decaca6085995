"""What each page shows, from Engine calls only: plain dicts and records for the templates.

No HTTP here (routes.py does that) and no markup (templates/ do that): a view can be called
and checked with an Engine alone.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import datetime, timezone
from urllib.parse import urlsplit

from newsweave.errors import NewsweaveError
from newsweave.records import Article, Event
from newsweave.web import charts, find
from newsweave.web.present import lang_code, path, safe_url, short, with_query

EVENTS_PER_PAGE = 40
ENTITIES_PER_PAGE = 100
ENTITY_FILTER_CHOICES = 60  # entities offered in the front page's filter, most widely named first
ARTICLE_EXCERPT = 1500  # characters of an article's text shown on the event page
QUOTES_SHOWN = 4  # quotes per language, and action records, shown before a "more" disclosure
ACTIONS_SHOWN = 10
# Points an article leaves out and names it lacks, listed per coverage card (a big event has hundreds)
LISTED_PER_ARTICLE = 10


def by_language(items: list[dict]) -> list[dict]:
    """Items grouped by their "lang", the largest group first; within a group, those with a
    resolved speaker first, else in the order given."""
    groups: dict[str | None, list[dict]] = {}
    for item in items:
        groups.setdefault(item.get("lang"), []).append(item)
    return [{"lang": lang, "items": sorted(group, key=lambda q: q.get("speaker_href") is None)}
            for lang, group in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0] or "~"))]


class NotFound(Exception):
    """The page's object does not exist; the message says what was asked for."""


def _sort_time(value: datetime | None) -> float:
    if value is None:
        return float("-inf")
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).timestamp()


def outlet_of(article: Article) -> str | None:
    """The outlet's name, else the host of its URL."""
    if article.outlet:
        return article.outlet
    url = safe_url(article.url)
    return urlsplit(url).hostname if url else None


def article_row(article: Article, lang: str | None = None) -> dict:
    return {"id": article.id, "title": article.title or "(untitled)", "lang": lang_code(article.lang),
            "url": safe_url(article.url), "outlet": outlet_of(article), "source": article.source,
            "published": article.published, "event_id": article.event_id,
            "event_href": with_query(path("events", article.event_id), lang=lang) if article.event_id else None,
            "copy_of": article.syndicated_of}


def _title_lang(event: Event, articles: dict[str, Article]) -> str | None:
    """The language of the event's title: that of the member article the title comes from."""
    for article_id in event.article_ids:
        article = articles.get(article_id)
        if article is not None and article.title == event.title:
            return lang_code(article.lang)
    return None


# ---- front page ---------------------------------------------------------------------------
def front_page(engine, lang: str | None = None, entity: str | None = None, sort: str = "newest",
               page: int = 1) -> dict:
    events = engine.events()
    articles = engine.articles_by_id()
    entities = engine.entities(evidence=False)
    language_counts = Counter(lang for e in events for lang in e.languages)
    chosen_entity = next((e for e in entities if e["id"] == entity), None) if entity else None
    shown = [e for e in events if not lang or lang in e.languages]
    if chosen_entity is not None:
        mentioned = set(chosen_entity["article_ids"])
        shown = [e for e in shown if mentioned.intersection(e.article_ids)]
    elif entity:
        shown = []
    if sort == "largest":
        shown.sort(key=lambda e: (-e.size, -_sort_time(e.last_seen), e.id))
    else:
        sort = "newest"
        shown.sort(key=lambda e: (-_sort_time(e.last_seen), -e.size, e.id))
    pages = max(1, -(-len(shown) // EVENTS_PER_PAGE))
    page = min(max(1, page), pages)
    rows = []
    for event in shown[(page - 1) * EVENTS_PER_PAGE: page * EVENTS_PER_PAGE]:
        members = [articles[i] for i in event.article_ids if i in articles]
        title, title_lang = event.title, _title_lang(event, articles)
        translated = engine.event_titles(event.id).get(lang) if lang else None
        if translated:
            title, title_lang = translated, lang
        outlets = list(dict.fromkeys(o for o in (outlet_of(a) for a in members) if o))
        rows.append({"id": event.id, "href": with_query(path("events", event.id), lang=lang),
                     "title": title, "title_lang": title_lang, "languages": event.languages,
                     "outlets": outlets, "unnamed_sources": sum(1 for a in members if not outlet_of(a)),
                     "size": event.size, "copies": event.copies, "first_seen": event.first_seen,
                     "last_seen": event.last_seen, "closed": event.closed, "storyline_id": event.storyline_id})
    choices = [{"id": e["id"], "name": e["name"], "type": e["type"], "count": len(e["article_ids"])}
               for e in entities[:ENTITY_FILTER_CHOICES]]
    if chosen_entity is not None and chosen_entity["id"] not in {c["id"] for c in choices}:
        choices.insert(0, {"id": chosen_entity["id"], "name": chosen_entity["name"],
                           "type": chosen_entity["type"], "count": len(chosen_entity["article_ids"])})

    def page_href(n: int) -> str:
        return with_query("/", lang=lang, entity=entity, sort=None if sort == "newest" else sort,
                          page=n if n > 1 else None)

    return {"events": rows, "total": len(shown), "all_events": len(events), "articles": len(articles),
            "languages": sorted(language_counts.items(), key=lambda kv: (-kv[1], kv[0])),
            "lang": lang, "entity": chosen_entity, "entity_id": entity, "entity_choices": choices,
            "sort": sort, "page": page, "pages": pages,
            "prev_href": page_href(page - 1) if page > 1 else None,
            "next_href": page_href(page + 1) if page < pages else None,
            "sort_hrefs": {s: with_query("/", lang=lang, entity=entity, sort=None if s == "newest" else s)
                           for s in ("newest", "largest")}}


# ---- event page ---------------------------------------------------------------------------
def _evidence(evidence: dict) -> dict:
    """Why the article is in the event: {"text", "via" (an article id to link), "score"}."""
    decision = evidence.get("decision")
    similarity = evidence.get("similarity")
    score = f"{similarity:.2f}" if isinstance(similarity, (int, float)) else None
    if decision == "joined":
        return {"text": "joined via", "via": evidence.get("nearest_article"), "score": score}
    if decision == "syndicated":
        return {"text": "syndicated copy of", "via": evidence.get("original"), "score": score}
    if decision in (None, "opened"):
        return {"text": "opened the event", "via": None, "score": None}
    return {"text": str(decision), "via": None, "score": score}


_CHANGE_WORDS = {"opened": "opened", "merged": "absorbed", "absorbed": "merged into", "split": "split off",
                 "split_from": "split from", "late_join": "an article joined after it closed",
                 "storyline": "storyline"}


def _reason(reason: dict) -> list[tuple[str, str]]:
    shown = []
    for key, value in reason.items():
        if key == "features":
            continue
        if isinstance(value, float):
            value = f"{value:.3f}"
        elif isinstance(value, (list, dict)):
            value = short(str(value), 80)
        shown.append((str(key), str(value)))
    return shown


def _absorbed_into(engine, event_id: str) -> tuple[str, list] | None:
    """Workaround: an event opened and absorbed within one ingest batch has no row of its own in
    the store, so Engine.event() cannot follow its redirect; its history still says where it went.
    Returns (survivor id, the absorbed id's own history) or None."""
    own = engine.store.event_history(event_id)
    current, seen = event_id, {event_id}
    for _ in range(64):
        step = next((c.other_event_id for c in reversed(engine.store.event_history(current))
                     if c.kind == "absorbed" and c.other_event_id), None)
        if step is None or step in seen:
            return None
        try:
            return engine.event(step).id, own
        except NewsweaveError:
            current = step
            seen.add(step)
    return None


def event_page(engine, event_id: str, lang: str | None = None) -> dict:
    history = None
    try:
        event = engine.event(event_id)
    except NewsweaveError as error:
        found = _absorbed_into(engine, event_id)
        if found is None:
            raise NotFound(str(error)) from error
        event = engine.event(found[0])
        history = found[1] + engine.event_history(event.id)
    members = engine.event_articles(event.id)
    by_id = {a.id: a for a in members}
    titles = engine.event_titles(event.id)
    summary = engine.event_summary(event.id, lang=lang)
    shown_lang = lang_code(summary.lang)
    report = engine.event_coverage(event.id)
    entities = engine.event_entities(event.id)
    names = {e["id"]: e["name"] for e in entities}
    evidence = engine.event_evidence(event.id)
    if history is None:
        history = engine.event_history(event_id)
    languages = sorted({a.lang for a in members if a.lang},
                       key=lambda l: (-sum(1 for a in members if a.lang == l), l))
    colours = charts.colour_classes(languages + [None])

    def article_href(article_id: str | None) -> str | None:
        return f"#a-{article_id}" if article_id in by_id else None

    groups: dict[str | None, dict[str, list[dict]]] = {}
    for article in members:
        row = article_row(article, lang)
        row["evidence"] = _evidence(evidence.get(article.id, {}))
        row["evidence"]["here"] = row["evidence"]["via"] in by_id
        row["excerpt"] = [p for p in (article.text or "")[:ARTICLE_EXCERPT].split("\n") if p.strip()]
        row["truncated"] = len(article.text or "") > ARTICLE_EXCERPT
        row["foreign"] = [{"text": s.text, "lang": lang_code(s.lang), "removed": s.removed}
                          for s in article.segments if s.foreign]
        outlet = row["outlet"] or "unnamed source"
        groups.setdefault(article.lang, {}).setdefault(outlet, []).append(row)
    article_groups = [{"lang": lang_code(l), "outlets": list(outlets.items()),
                       "count": sum(len(v) for v in outlets.values())}
                      for l, outlets in sorted(groups.items(), key=lambda kv: languages.index(kv[0])
                                               if kv[0] in languages else len(languages))]
    timeline = charts.article_timeline(
        [{"lang": a.lang, "published": a.published, "title": a.title, "href": f"#a-{a.id}",
          "copy": bool(a.syndicated_of)} for a in members], colours)

    def point(ref) -> dict:
        return {"text": ref.text, "lang": lang_code(ref.lang), "support": ref.support,
                "href": article_href(ref.article_id), "article_id": ref.article_id}

    def entity_ref(entity_id: str, article_lang: str | None) -> dict:
        forms = report.entity_names.get(entity_id, {})
        return {"id": entity_id, "href": path("entities", entity_id),
                "name": forms.get(article_lang) or names.get(entity_id) or next(iter(forms.values()), entity_id)}

    coverage_rows = [{
        "article_id": c.article_id, "href": article_href(c.article_id),
        "title": by_id[c.article_id].title if c.article_id in by_id else c.article_id,
        "outlet": c.outlet or outlet_of(by_id[c.article_id]) if c.article_id in by_id else c.outlet,
        "lang": lang_code(c.lang), "published": c.published, "copy_of": c.copy_of, "by_meaning": c.by_meaning,
        "points": len(c.points), "unique": [point(r) for r in c.unique],
        "omitted": [point(r) for r in c.omitted[:LISTED_PER_ARTICLE]], "omitted_count": len(c.omitted),
        "own_entities": [entity_ref(e, c.lang) for e in c.own_entities],
        "missing_entities": [entity_ref(e, c.lang) for e in c.missing_entities[:LISTED_PER_ARTICLE]],
        "missing_count": len(c.missing_entities)} for c in report.articles]
    presence = {kind: [{"key": p.key, "articles": len(p.article_ids), "first": p.first_published,
                        "last": p.last_published, "langs": [lang_code(l) for l in p.langs if l],
                        "outlets": [o for o in p.outlets if o]} for p in found]
                for kind, found in (("outlets", report.outlets), ("languages", report.languages))}
    quotes = [{"text": q["text"], "lang": lang_code(q["lang"]) or lang_code(by_id[q["article_id"]].lang
                                                                           if q["article_id"] in by_id else None),
               "kind": q["kind"], "speaker_text": q["speaker_text"], "speaker_id": q["speaker_entity_id"],
               "speaker_name": names.get(q["speaker_entity_id"]) if q["speaker_entity_id"] else None,
               "speaker_href": path("entities", q["speaker_entity_id"]) if q["speaker_entity_id"] else None,
               "article_id": q["article_id"], "href": article_href(q["article_id"])}
              for q in engine.event_quotes(event.id)]
    actions = [dict(record, lang=lang_code(record.get("lang")), href=article_href(record["article_id"]),
                    actor_href=path("entities", record["actor_entity_id"]),
                    target_href=path("entities", record["target_entity_id"]) if record.get("target_entity_id") else None,
                    place_href=path("entities", record["place_entity_id"]) if record.get("place_entity_id") else None)
               for record in engine.event_actions(event.id)]
    changes = [{"event_id": c.event_id, "kind": c.kind, "what": _CHANGE_WORDS.get(c.kind, c.kind), "at": c.at,
                "other": c.other_event_id,
                "other_href": (path("storylines", c.other_event_id) if c.kind == "storyline"
                               else path("events", c.other_event_id)) if c.other_event_id else None,
                "articles": len(c.article_ids), "reason": _reason(c.reason)} for c in history]
    switcher = [{"lang": l, "href": with_query(path("events", event.id), lang=l), "current": l == shown_lang,
                 "count": sum(1 for a in members if a.lang == l)} for l in languages]
    title = titles.get(shown_lang) if shown_lang else None
    return {
        "event": event, "requested_id": event_id, "absorbed": event.id != event_id,
        "title": title or event.title,
        "title_lang": shown_lang if title else _title_lang(event, by_id),
        "titles": [{"lang": lang_code(l), "title": t} for l, t in titles.items()],
        "lang": shown_lang, "requested_lang": lang, "lang_present": shown_lang in languages,
        "switcher": switcher,
        "summary": [{"text": s.text, "lang": lang_code(s.lang), "in_lang": s.in_requested_lang,
                     "href": article_href(s.article_id), "article_id": s.article_id} for s in summary.sentences],
        "timeline": timeline, "legend": [{"lang": l, "cls": colours[l]} for l in languages],
        "article_groups": article_groups, "coverage": coverage_rows, "presence": presence,
        "all_by_meaning": all(c["by_meaning"] for c in coverage_rows),
        "entities": [dict(e, href=path("entities", e["id"]), count=len(e["article_ids"])) for e in entities],
        "quotes": quotes, "quote_groups": by_language(quotes), "actions": actions, "history": changes,
        "quotes_shown": QUOTES_SHOWN, "actions_shown": ACTIONS_SHOWN,
        "storyline_href": path("storylines", event.storyline_id) if event.storyline_id else None,
    }


# ---- entities -----------------------------------------------------------------------------
def script_of(text: str) -> str:
    """The Unicode script of the first letter ("Arabic", "Hebrew", "Latin"...)."""
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            return name.split(" ")[0].title() if name else "?"
    return "?"


def _entity(engine, entity_id: str) -> dict:
    found = engine.entity(entity_id)
    if found is None:
        raise NotFound(f"no entity {entity_id!r}")
    return found


def entity_page(engine, entity_id: str) -> dict:
    entity = _entity(engine, entity_id)
    articles = engine.articles_by_id()
    variants = [dict(v, lang=lang_code(v["lang"]), script=script_of(v["text"])) for v in entity["variants"]]
    mentions = [(articles[m["article_id"]].published, lang_code(articles[m["article_id"]].lang))
                for m in entity["evidence"] if m["article_id"] in articles]
    langs = [l for l, _ in Counter(l for _, l in mentions).most_common()]
    colours = charts.colour_classes(langs)
    per_event: dict[str, list[str]] = {}
    for article_id in entity["article_ids"]:
        article = articles.get(article_id)
        if article is not None and article.event_id:
            per_event.setdefault(article.event_id, []).append(article_id)
    live: dict[str, Event] = {e.id: e for e in engine.events()}
    events = []
    for event_id, ids in per_event.items():
        event = live.get(event_id)
        if event is None:
            try:
                event = engine.event(event_id)
            except NewsweaveError:
                continue
        row = next((r for r in events if r["id"] == event.id), None)
        if row is not None:
            row["mentioning"] += len(ids)
            continue
        events.append({"id": event.id, "href": path("events", event.id), "title": event.title,
                       "title_lang": _title_lang(event, articles), "size": event.size,
                       "languages": event.languages, "last_seen": event.last_seen, "mentioning": len(ids)})
    events.sort(key=lambda e: (-_sort_time(e["last_seen"]), -e["mentioning"]))

    def quote_row(q: dict) -> dict:
        article = articles.get(q["article_id"])
        return {"text": q["text"], "lang": lang_code(q["lang"]) or lang_code(article.lang if article else None),
                "speaker_text": q["speaker_text"], "kind": q["kind"], "article_id": q["article_id"],
                "speaker_href": None, "speaker_name": None,
                "article_title": article.title if article else q["article_id"],
                "article_lang": lang_code(article.lang) if article else None,
                "published": article.published if article else None,
                "href": path("events", article.event_id) + f"#a-{article.id}" if article and article.event_id else None}

    def action_row(record: dict) -> dict:
        article = articles.get(record["article_id"])
        return dict(record, lang=lang_code(record.get("lang")),
                    href=path("events", article.event_id) + f"#a-{article.id}" if article and article.event_id else None,
                    actor_href=path("entities", record["actor_entity_id"]),
                    target_href=path("entities", record["target_entity_id"]) if record.get("target_entity_id") else None,
                    place_href=path("entities", record["place_entity_id"]) if record.get("place_entity_id") else None)

    return {"entity": entity, "variants": variants, "scripts": sorted({v["script"] for v in variants}),
            "languages": sorted({v["lang"] for v in variants if v["lang"]}),
            "mentions": len(mentions), "chart": charts.mention_histogram(mentions, colours),
            "events": events, "quote_groups": by_language([quote_row(q) for q in engine.quotes(entity["id"])]),
            "actions": [action_row(r) for r in engine.actions(entity["id"])],
            "quotes_shown": QUOTES_SHOWN, "actions_shown": ACTIONS_SHOWN,
            "articles": len(entity["article_ids"])}


def entities_page(engine, query: str = "", type_: str | None = None, page: int = 1) -> dict:
    entities = engine.entities(evidence=False)
    types = sorted({e["type"] for e in entities})
    shown = [e for e in entities if not type_ or e["type"] == type_]
    if query.strip():
        words = find.fold(query).split()
        shown = [e for e in shown if all(any(w in find.fold(v["text"]) for v in e["variants"])
                                         or w in find.fold(e["name"]) for w in words)]
    pages = max(1, -(-len(shown) // ENTITIES_PER_PAGE))
    page = min(max(1, page), pages)
    rows = [{"id": e["id"], "href": path("entities", e["id"]), "name": e["name"], "type": e["type"],
             "articles": len(e["article_ids"]),
             "variants": [dict(v, lang=lang_code(v["lang"])) for v in e["variants"][:6]],
             "more_variants": max(0, len(e["variants"]) - 6)}
            for e in shown[(page - 1) * ENTITIES_PER_PAGE: page * ENTITIES_PER_PAGE]]

    def page_href(n: int) -> str:
        return with_query("/entities", q=query.strip(), type=type_, page=n if n > 1 else None)

    return {"entities": rows, "total": len(shown), "types": types, "type": type_, "query": query,
            "page": page, "pages": pages, "prev_href": page_href(page - 1) if page > 1 else None,
            "next_href": page_href(page + 1) if page < pages else None}


# ---- storylines ---------------------------------------------------------------------------
def storylines_page(engine, show_all: bool = False) -> dict:
    storylines = engine.storyline_list()
    live = {e.id: e for e in engine.events()}
    rows = []
    for s in storylines:
        if not show_all and len(s["event_ids"]) < 2:
            continue
        dates = [i["first_published"] for i in s["timeline"] if i["first_published"]]
        rows.append({"id": s["id"], "href": path("storylines", s["id"]), "title": s["title"],
                     "events": len(s["event_ids"]),
                     "articles": sum(live[e].size for e in s["event_ids"] if e in live),
                     "languages": sorted({l for e in s["event_ids"] if e in live for l in live[e].languages}),
                     "first": min(dates) if dates else None, "last": max(dates) if dates else None})
    return {"storylines": rows, "hidden": len(storylines) - len(rows), "all": show_all}


def storyline_page(engine, storyline_id: str) -> dict:
    found = next((s for s in engine.storyline_list() if s["id"] == storyline_id), None)
    if found is None:
        raise NotFound(f"no storyline {storyline_id!r}")
    live = {e.id: e for e in engine.events()}
    articles = engine.articles_by_id()
    items = []
    for n, item in enumerate(found["timeline"], 1):
        event = live.get(item["event_id"])
        items.append({"n": n, "id": item["event_id"], "href": path("events", item["event_id"]),
                      "title": item["title"] if event is None else event.title,
                      "title_lang": _title_lang(event, articles) if event else None,
                      "first": item["first_published"], "last": event.last_seen if event else None,
                      "size": event.size if event else 0, "languages": event.languages if event else [],
                      "closed": event.closed if event else False})
    chart = charts.event_bars([{"first": i["first"], "last": i["last"], "size": i["size"], "href": i["href"],
                                "title": i["title"], "n": i["n"]} for i in items])
    return {"storyline": found, "items": items, "chart": chart}


# ---- search -------------------------------------------------------------------------------
def search_page(engine, query: str, mode: str = "text", lang: str | None = None, state=None) -> dict:
    mode = mode if mode in find.MODES else "text"
    rows, total, backend = find.search(engine, query, mode, lang, state=state)
    for row in rows:
        row["lang"] = lang_code(row["lang"])
        row["href"] = (with_query(path("events", row["event_id"]), lang=row["lang"]) + f"#a-{row['id']}"
                       if row["event_id"] else None)
    languages = sorted({a.lang for a in engine.articles() if lang_code(a.lang)}) if query.strip() or lang else []
    return {"query": query, "mode": mode, "lang": lang, "languages": languages, "backend": backend,
            "hits": rows, "total": total}
