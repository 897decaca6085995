"""Coverage comparison of an event's articles (sentences written for these tests: a dock strike
reported in English, French (with a syndicated copy) and twice in Arabic by one outlet)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from newsweave.records import Article, Mention, Quote
from newsweave.stages.coverage import coverage
from newsweave.stages.points import event_points

STRIKE = {"en": "Dockworkers at the port of Marseille began a 48-hour strike on Monday over pension cuts.",
          "fr": "Les dockers du port de Marseille ont entamé lundi une grève de 48 heures contre la réforme des retraites.",
          "ar": "بدأ عمال الموانئ في مرسيليا يوم الاثنين إضرابا لمدة 48 ساعة احتجاجا على خفض المعاشات.",
          "ar2": "أضرب عمال ميناء مرسيليا الاثنين لمدة 48 ساعة رفضا لتقليص معاشات التقاعد."}
SHIPS = {"en": "About 300 ships are waiting offshore, the port authority said.",
         "fr": "Environ 300 navires attendent au large, selon l'autorité portuaire.",
         "ar2": "وقالت سلطة الميناء إن نحو 300 سفينة تنتظر في عرض البحر."}
TALKS = {"en": "Transport Minister Clément Beaune called on the union to return to talks.",
         "ar": "ودعا وزير النقل كليمان بون النقابة إلى العودة إلى المفاوضات."}
BONUS_FR = "La CGT réclame une prime de 800 euros pour chaque docker du port."
QUOTE_FR = "« Nous ne reculerons pas », a déclaré le dirigeant syndical Karim Farès."
FUEL_EN = "Fuel deliveries to Corsica have been suspended until Thursday."

# Entity ids by surface form, as entity resolution would set them.
ENTITIES = {"Marseille": "ent_marseille", "مرسيليا": "ent_marseille", "Clément Beaune": "ent_beaune",
            "كليمان بون": "ent_beaune", "CGT": "ent_cgt", "Karim Farès": "ent_fares", "Corsica": "ent_corsica"}


def _article(id: str, lang: str, outlet: str, published: str, *sentences: str) -> Article:
    text = "\n".join(sentences)
    mentions = [Mention(text.index(name), text.index(name) + len(name), name, "LOC", entity_id=entity)
                for name, entity in ENTITIES.items() if name in text]
    return Article(id=id, source=f"{id}.html", title=id, text=text, lang=lang, content_hash=id, outlet=outlet,
                   published=datetime.fromisoformat(published), mentions=mentions)


def _articles() -> list[Article]:
    french = _article("fr", "fr", "Le Quotidien", "2024-03-04T10:00", STRIKE["fr"], SHIPS["fr"], BONUS_FR, QUOTE_FR)
    start = french.text.index("Nous")
    french.quotes = [Quote(start, start + len("Nous ne reculerons pas"), "Nous ne reculerons pas", "direct", "fr",
                           speaker_text="Karim Farès", speaker_entity_id="ent_fares")]
    copy = _article("copy", "fr", "Agence Sud", "2024-03-04T11:30", STRIKE["fr"], SHIPS["fr"], BONUS_FR, QUOTE_FR)
    return [_article("en", "en", "Harbour News", "2024-03-04T08:00", STRIKE["en"], SHIPS["en"], TALKS["en"], FUEL_EN),
            french, copy,
            _article("ar", "ar", "الوطن", "2024-03-05T09:00", STRIKE["ar"], TALKS["ar"]),
            _article("ar2", "ar", "الوطن", "2024-03-05T12:00", STRIKE["ar2"], SHIPS["ar2"])]


@pytest.fixture(scope="module")
def report(embedder):
    articles = _articles()
    points = event_points(articles, embedder, syndicated={"copy": "fr"})
    return coverage(articles, points, syndicated={"copy": "fr"})


def _by_id(report):
    return {a.article_id: a for a in report.articles}


def test_coverage_unique_points_are_carried_by_no_other_independent_article(report):
    articles = _by_id(report)
    assert [r.text for r in articles["en"].unique] == [FUEL_EN]
    # The syndicated copy carries the French article's own points without making them shared.
    assert {r.text for r in articles["fr"].unique} == {BONUS_FR, QUOTE_FR}
    assert {r.text for r in articles["copy"].unique} == {BONUS_FR, QUOTE_FR} and articles["copy"].copy_of == "fr"
    assert articles["ar"].unique == [] and articles["ar2"].unique == []


def test_coverage_omitted_points_in_the_article_language_when_one_carries_them(report):
    articles = _by_id(report)
    # Ships: carried by en, fr and ar2; the other Arabic article omits it, told in Arabic.
    assert [(r.text, r.lang) for r in articles["ar"].omitted] == [(SHIPS["ar2"], "ar")]
    # Talks: carried by en and ar; no French article has it, so it comes in another language.
    (talks,) = articles["fr"].omitted
    assert talks.text in TALKS.values() and talks.support == 2
    assert [r.text for r in articles["ar2"].omitted] == [TALKS["ar"]]
    # Two things only one other article says are differences, not omissions.
    assert articles["en"].omitted == []


def test_coverage_entities_named_only_here_and_named_widely_elsewhere(report):
    articles = _by_id(report)
    assert articles["fr"].own_entities == ["ent_cgt", "ent_fares"]
    assert articles["en"].own_entities == ["ent_corsica"]
    assert articles["fr"].missing_entities == ["ent_beaune"] and articles["ar2"].missing_entities == ["ent_beaune"]
    assert articles["ar"].missing_entities == []


def test_coverage_quotes_outlets_and_languages(report):
    (quote,) = _by_id(report)["fr"].quotes
    assert quote.speaker_entity_id == "ent_fares"
    outlets = {o.key: o for o in report.outlets}
    assert [o.key for o in report.outlets] == ["Harbour News", "Le Quotidien", "Agence Sud", "الوطن"]
    assert outlets["الوطن"].article_ids == ["ar", "ar2"] and outlets["الوطن"].last_published.hour == 12
    languages = {lang.key: lang for lang in report.languages}
    assert languages["fr"].outlets == ["Le Quotidien", "Agence Sud"]
    assert languages["fr"].first_published == datetime(2024, 3, 4, 10)


def test_coverage_json_is_plain_and_lists_point_texts(report):
    document = report.as_json()
    assert json.loads(json.dumps(document)) == document
    french = next(a for a in document["articles"] if a["article_id"] == "fr")
    assert {p["text"] for p in french["unique"]} == {BONUS_FR, QUOTE_FR}
    assert all(p["in_article_lang"] for p in french["unique"])
    assert french["omitted"][0]["in_article_lang"] is False
    assert french["quotes"][0]["speaker"] == "Karim Farès"
    # Entities by their name in the article's language when an article in it names them.
    assert french["missing_entities"] == [{"id": "ent_beaune", "name": "Clément Beaune"}]
    arabic = next(a for a in document["articles"] if a["article_id"] == "ar2")
    assert arabic["missing_entities"] == [{"id": "ent_beaune", "name": "كليمان بون"}]
    assert [o["outlet"] for o in document["outlets"]][0] == "Harbour News"


def test_coverage_table_one_row_per_article(report):
    lines = report.table().splitlines()
    assert lines[0].split() == ["article", "outlet", "lang", "date", "points", "unique", "omitted"]
    french = next(line for line in lines if line.startswith("fr "))
    assert french.split()[-6:] == ["Quotidien", "fr", "2024-03-04", "4", "2", "1"]
    assert len(lines) == 1 + len(report.articles)


def test_coverage_marks_languages_matched_by_names_and_numbers_only(embedder):
    articles = [_article("en", "en", "Harbour News", "2024-03-04T08:00", STRIKE["en"]),
                _article("he", "he", "Haaretz", "2024-03-04T09:00", "שביתת נמלים במרסיי נמשכת 48 שעות ביום שני.")]
    report = coverage(articles, event_points(articles, embedder))
    assert [a.by_meaning for a in report.articles] == [True, False]
    assert report.table().splitlines()[-1].startswith("*")
