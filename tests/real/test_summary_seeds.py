"""Summaries and coverage of the seed event (../shared/seeds): three Arabic articles and one French
article on the Ankara visit; the Azerbaijan article (004) is another event."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from newsweave.records import Article, Mention, Quote
from newsweave.stages.coverage import coverage
from newsweave.stages.points import POINT_THRESHOLD, event_points
from newsweave.stages.summarize import summarize

pytestmark = pytest.mark.real

ARABIC = re.compile("[\u0600-\u06ff]")


def _with_mentions_and_quotes(engine, event_id: str, articles: list[Article]) -> list[Article]:
    """event_articles() reads neither mentions nor quotes back from the store: rebuild them from what
    it does give, each entity's evidence (article id, surface text) and the event's quotes."""
    if any(a.mentions for a in articles):
        return articles
    mentions: dict[str, dict[tuple[int, int], Mention]] = {a.id: {} for a in articles}
    texts = {a.id: a.text for a in articles}
    for entity in engine.entities():
        for link in entity["evidence"]:
            for found in re.finditer(re.escape(link["text"]), texts.get(link["article_id"], "")):
                mentions[link["article_id"]][found.span()] = Mention(
                    found.start(), found.end(), link["text"], entity["type"], entity_id=entity["id"])
    quotes: dict[str, list[Quote]] = {a.id: [] for a in articles}
    for q in engine.event_quotes(event_id):
        quotes[q["article_id"]].append(Quote(q["start"], q["end"], q["text"], q["kind"], q["lang"],
                                             speaker_text=q["speaker_text"], speaker_entity_id=q["speaker_entity_id"]))
    return [replace(a, mentions=sorted(mentions[a.id].values(), key=lambda m: m.start), quotes=quotes[a.id])
            for a in articles]


@pytest.fixture
def ankara(engine, shared, embedder):
    report = engine.ingest([str(shared / "seeds")], progress=False)
    assert report.ingested == 5 and not report.failed
    by_number = {a.source.rsplit("/", 1)[-1][:3]: a for a in engine.articles()}
    event_id = by_number["003"].event_id
    articles = _with_mentions_and_quotes(engine, event_id, engine.event_articles(event_id))
    points = event_points(articles, embedder)
    return by_number, articles, points


def test_summary_seeds_event_holds_the_ankara_articles_with_their_names(ankara):
    by_number, articles, points = ankara
    assert {a.id for a in articles} == {by_number[n].id for n in ("000", "001", "002", "003")}
    assert all(a.mentions for a in articles) and any(a.quotes for a in articles)
    assert {"ar", "fr"} <= {lang for p in points for lang in p.langs}


def test_summary_seeds_in_french_and_in_arabic_tell_no_point_twice(ankara, embedder):
    _, articles, points = ankara
    french, arabic = summarize(points, articles, "fr"), summarize(points, articles, "ar")
    for summary, lang in ((french, "fr"), (arabic, "ar")):
        told = summary.sentences
        assert len(told) == 5 and len({s.point_id for s in told}) == 5
        in_lang = [s for s in told if s.in_requested_lang]
        assert len(in_lang) >= 3 and all(s.lang == lang for s in in_lang)
        assert all(bool(ARABIC.search(s.text)) == (lang == "ar") for s in in_lang)
        vectors = embedder.encode([s.text for s in told])
        similarity = vectors @ vectors.T
        assert all(similarity[i, j] < POINT_THRESHOLD for i in range(5) for j in range(i + 1, 5)), similarity
    assert summarize(points, articles, None).lang == "ar"


def test_summary_seeds_coverage_shows_what_only_the_french_article_says(ankara):
    by_number, articles, points = ankara
    report = coverage(articles, points).as_json()
    french = next(a for a in report["articles"] if a["article_id"] == by_number["003"].id)
    assert french["unique"], "the French article has points no Arabic article carries"
    assert all(p["in_article_lang"] and not ARABIC.search(p["text"]) for p in french["unique"])
    only_french = {p["id"] for p in report["points"] if p["article_ids"] == [by_number["003"].id]}
    assert {p["point_id"] for p in french["unique"]} == only_french
    assert french["omitted"], "and it leaves out what the Arabic articles share"
