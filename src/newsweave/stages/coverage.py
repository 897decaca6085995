"""Who covered an event, when, and what each article says that others don't (or leaves out).

Points (stages/points.py) are the unit: an article's unique points are carried by no other
independent article; the shared points it omits are carried by at least OMITTED_MIN_OTHERS other
independent articles, or by most of them. Entities (resolved mentions) are compared the same
way. A syndicated copy is compared as its original: what they both carry is not "shared".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from newsweave.records import Article, Quote
from newsweave.stages.points import Point, embedded_lang, independent_sources

# Two other sources make a point "shared": one other is a difference between two articles, not
# an omission. In a two-source event the other article is "most of them", so it counts.
OMITTED_MIN_OTHERS = 2


@dataclass(frozen=True)
class PointRef:
    """A point as one article reads it: in that article's language when some article in it carries it."""

    point_id: str
    text: str
    lang: str | None
    article_id: str
    support: int


@dataclass
class ArticleCoverage:
    article_id: str
    source: str
    outlet: str | None
    lang: str | None
    published: datetime | None
    copy_of: str | None  # the original this article copies, if it is syndicated
    points: list[str]
    unique: list[PointRef]
    omitted: list[PointRef]
    own_entities: list[str]  # named by no other independent article
    missing_entities: list[str]  # named by others as widely as an omitted point is carried
    quotes: list[Quote]
    # False for languages the embedder does not cover (he, fa...): their sentences match others
    # only through shared names and numbers, so "unique" there may be a missed match.
    by_meaning: bool


@dataclass
class Presence:
    """One outlet or one language: its articles and when they appeared."""

    key: str | None
    article_ids: list[str]
    outlets: list[str | None]
    langs: list[str | None]
    first_published: datetime | None
    last_published: datetime | None


@dataclass
class Coverage:
    articles: list[ArticleCoverage]
    outlets: list[Presence]
    languages: list[Presence]
    points: list[Point]
    entity_names: dict[str, dict[str | None, str]]  # entity id -> lang -> its name there

    def as_json(self) -> dict:
        return {
            "articles": [_article_json(a, self.entity_names) for a in self.articles],
            "outlets": [_presence_json(p, "outlet") for p in self.outlets],
            "languages": [_presence_json(p, "lang") for p in self.languages],
            "points": [{"id": p.id, "support": p.support, "article_ids": p.article_ids, "langs": p.langs,
                        "text": p.sentences[0].text, "lang": p.sentences[0].lang} for p in self.points],
        }

    def table(self) -> str:
        """One row per article: outlet, language, date, points carried, unique, omitted."""
        header = ("article", "outlet", "lang", "date", "points", "unique", "omitted")
        rows = [(a.article_id + ("" if a.by_meaning else "*"), a.outlet or "-", a.lang or "-",
                 a.published.date().isoformat() if a.published else "-",
                 str(len(a.points)), str(len(a.unique)), str(len(a.omitted))) for a in self.articles]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in [header, *rows]]
        if not all(a.by_meaning for a in self.articles):
            lines.append("* language not covered by the embedder: points matched by names and numbers only")
        return "\n".join(lines)


def coverage(articles: list[Article], points: list[Point], syndicated: dict[str, str] | None = None) -> Coverage:
    """Compare the articles of one event by the points (from event_points) and entities they carry."""
    roots = independent_sources(articles, syndicated)
    named = {a.id: {m.entity_id for m in a.mentions if m.entity_id} for a in articles}
    by_source: dict[str, set[str]] = {}
    for article in articles:
        by_source.setdefault(roots[article.id], set()).update(named[article.id])
    naming = Counter(e for entities in by_source.values() for e in entities)
    others = len(by_source) - 1
    reports = []
    for article in articles:
        root = roots[article.id]
        carried = [p for p in points if article.id in p.article_ids]
        ids = {p.id for p in carried}

        def elsewhere(entity: str) -> int:
            return naming[entity] - (entity in by_source[root])

        reports.append(ArticleCoverage(
            article_id=article.id, source=article.source, outlet=article.outlet, lang=article.lang,
            published=article.published, copy_of=root if root != article.id else None,
            points=[p.id for p in carried],
            unique=[_ref(p, article) for p in carried if p.sources == [root]],
            omitted=[_ref(p, article) for p in points
                     if p.id not in ids and _widely_shared(p.support - (root in p.sources), others)],
            own_entities=sorted(e for e in named[article.id] if elsewhere(e) == 0),
            missing_entities=sorted(e for e in naming if e not in named[article.id]
                                    and _widely_shared(elsewhere(e), others)),
            quotes=list(article.quotes), by_meaning=embedded_lang(article.lang)))
    return Coverage(articles=reports, outlets=_presence(articles, lambda a: a.outlet),
                    languages=_presence(articles, lambda a: a.lang), points=points,
                    entity_names=_entity_names(articles))


def _widely_shared(carriers: int, others: int) -> bool:
    """Carried (or named) by enough of the other independent articles for its absence to tell."""
    return carriers >= OMITTED_MIN_OTHERS or (others > 0 and carriers > others / 2)


def _ref(point: Point, article: Article) -> PointRef:
    sentence = next((s for s in point.sentences if s.article_id == article.id), None)
    sentence = sentence or point.sentence_in(article.lang) or point.sentences[0]
    return PointRef(point.id, sentence.text, sentence.lang, sentence.article_id, point.support)


def _presence(articles: list[Article], key: Callable[[Article], str | None]) -> list[Presence]:
    groups: dict[str | None, list[Article]] = {}
    for article in articles:
        groups.setdefault(key(article), []).append(article)
    found = []
    for value, members in groups.items():
        dates = sorted(a.published for a in members if a.published)
        found.append(Presence(key=value, article_ids=[a.id for a in members],
                              outlets=list(dict.fromkeys(a.outlet for a in members)),
                              langs=list(dict.fromkeys(a.lang for a in members)),
                              first_published=dates[0] if dates else None,
                              last_published=dates[-1] if dates else None))
    # Earliest first; undated groups after the dated ones, largest first.
    return sorted(found, key=lambda p: (p.first_published is None, p.first_published or datetime.min,
                                        -len(p.article_ids)))


def _entity_names(articles: list[Article]) -> dict[str, dict[str | None, str]]:
    """Each entity's most frequent surface form per language, the most frequent of all first."""
    forms: dict[str, Counter[tuple[str | None, str]]] = {}
    for article in articles:
        for mention in article.mentions:
            if mention.entity_id:
                forms.setdefault(mention.entity_id, Counter())[(article.lang, mention.text)] += 1
    names: dict[str, dict[str | None, str]] = {}
    for entity, counts in forms.items():
        for (lang, text), _ in counts.most_common():
            names.setdefault(entity, {}).setdefault(lang, text)
    return names


def _article_json(report: ArticleCoverage, names: dict[str, dict[str | None, str]]) -> dict:
    def entity(entity_id: str) -> dict:
        forms = names.get(entity_id, {})
        return {"id": entity_id, "name": forms.get(report.lang) or next(iter(forms.values()), entity_id)}

    def point(ref: PointRef) -> dict:
        return {"point_id": ref.point_id, "text": ref.text, "lang": ref.lang, "article_id": ref.article_id,
                "support": ref.support, "in_article_lang": ref.lang == report.lang}

    return {
        "article_id": report.article_id, "source": report.source, "outlet": report.outlet, "lang": report.lang,
        "published": report.published.isoformat() if report.published else None, "copy_of": report.copy_of,
        "by_meaning": report.by_meaning, "points": report.points,
        "unique": [point(r) for r in report.unique], "omitted": [point(r) for r in report.omitted],
        "own_entities": [entity(e) for e in report.own_entities],
        "missing_entities": [entity(e) for e in report.missing_entities],
        "quotes": [{"text": q.text, "kind": q.kind, "speaker": q.speaker_text,
                    "speaker_entity_id": q.speaker_entity_id} for q in report.quotes],
    }


def _presence_json(presence: Presence, key: str) -> dict:
    return {key: presence.key, "article_ids": presence.article_ids, "outlets": presence.outlets,
            "langs": presence.langs,
            "first_published": presence.first_published.isoformat() if presence.first_published else None,
            "last_published": presence.last_published.isoformat() if presence.last_published else None}
