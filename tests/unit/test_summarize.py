"""Extractive summaries in a requested language, and titles per language (sentences written for
these tests: a flood reported by two French, one Arabic and one English article)."""

from __future__ import annotations

import json

import pytest

from newsweave.records import Article
from newsweave.stages.points import POINT_THRESHOLD, event_points, sentence_similarity
from newsweave.stages.summarize import event_titles, summarize

TOLL = {"en": "Floods in the Libyan city of Derna killed at least 120 people on Sunday after two dams burst.",
        "fr": "Des inondations ont fait au moins 120 morts dimanche dans la ville libyenne de Derna, après la rupture de deux barrages.",
        "fr2": "Au moins 120 personnes ont péri dimanche à Derna, en Libye, quand deux barrages ont cédé sous la pluie.",
        "ar": "لقي 120 شخصا على الأقل حتفهم يوم الأحد في فيضانات بمدينة درنة الليبية بعد انهيار سدين."}
EVACUATED = {"en": "Some 5,000 residents were evacuated from the city overnight.",
             "fr": "Quelque 5 000 habitants ont été évacués de la ville pendant la nuit.",
             "ar": "وتم إجلاء نحو 5000 من السكان من المدينة خلال الليل."}
MOURNING = {"fr": "Le gouvernement a décrété trois jours de deuil national.",
            "ar": "وأعلنت الحكومة الحداد الوطني لمدة ثلاثة أيام."}
BOATS_FR = "Des bateaux de secours venus d'Égypte sont arrivés lundi dans le port de la ville."
DAMS_AR = "وقال رئيس البلدية إن السدين لم يخضعا لأي صيانة منذ عام 2002."
SCHOOLS_EN = "Schools in the region will stay closed until further notice, officials said."
RAIN_FR = "Il est tombé 400 millimètres de pluie en vingt-quatre heures, selon les météorologues."


def _article(id: str, lang: str, title: str, *sentences: str) -> Article:
    return Article(id=id, source=f"{id}.txt", title=title, text="\n".join(sentences), lang=lang, content_hash=id)


ARTICLES = [
    _article("a-fr", "fr", "Inondations meurtrières à Derna : au moins 120 morts",
             TOLL["fr"], EVACUATED["fr"], MOURNING["fr"], BOATS_FR),
    _article("b-ar", "ar", "فيضانات درنة تودي بحياة 120 شخصا", TOLL["ar"], EVACUATED["ar"], MOURNING["ar"], DAMS_AR),
    _article("c-en", "en", "Derna floods kill 120 after two dams burst", TOLL["en"], EVACUATED["en"], SCHOOLS_EN),
    _article("d-fr", "fr", "Météo : des pluies record sur l'est de la Libye", TOLL["fr2"], RAIN_FR),
]


@pytest.fixture(scope="module")
def points(embedder):
    return event_points(ARTICLES, embedder)


def test_summarize_tells_each_point_in_the_requested_language_when_it_can(points):
    summary = summarize(points, ARTICLES, "fr", k=7)
    assert summary.lang == "fr"
    by_text = {s.text: s for s in summary.sentences}
    assert TOLL["fr"] in by_text or TOLL["fr2"] in by_text
    assert EVACUATED["fr"] in by_text and MOURNING["fr"] in by_text
    # Points no French article carries come in their own language, marked.
    assert (by_text[DAMS_AR].lang, by_text[DAMS_AR].in_requested_lang) == ("ar", False)
    assert by_text[SCHOOLS_EN].in_requested_lang is False
    assert all(s.in_requested_lang == (s.lang == "fr") for s in summary.sentences)


def test_summarize_in_arabic(points):
    summary = summarize(points, ARTICLES, "ar", k=3)
    assert [s.text for s in summary.sentences] == [TOLL["ar"], EVACUATED["ar"], MOURNING["ar"]]
    assert all(s.in_requested_lang and s.article_id == "b-ar" for s in summary.sentences)


def test_summarize_chooses_the_most_reported_points_and_reads_lead_first(points):
    summary = summarize(points, ARTICLES, "en", k=3)
    supports = {p.id: p.support for p in points}
    assert [supports[s.point_id] for s in summary.sentences] == [4, 3, 2]
    assert summary.sentences[0].text == TOLL["en"]
    assert summary.sentences[2].text in (MOURNING["fr"], MOURNING["ar"])  # no English article has it


def test_summarize_never_tells_a_point_twice(points):
    summary = summarize(points, ARTICLES, "fr", k=len(points))
    assert len({s.point_id for s in summary.sentences}) == len(summary.sentences)
    sentences = {(s.article_id, s.text): s for p in points for s in p.sentences}
    told = [sentences[(s.article_id, s.text)] for s in summary.sentences]
    assert all(sentence_similarity(a, b) < POINT_THRESHOLD for i, a in enumerate(told) for b in told[i + 1:])


def test_summarize_defaults_to_the_majority_language_counting_copies_once(embedder, points):
    assert summarize(points, ARTICLES, None).lang == "fr"
    copies = [_article(f"copy{i}", "ar", "فيضانات درنة", TOLL["ar"], EVACUATED["ar"]) for i in range(2)]
    articles = ARTICLES + copies
    with_copies = event_points(articles, embedder, syndicated={c.id: "b-ar" for c in copies})
    assert summarize(with_copies, articles, None).lang == "fr"


def test_summarize_as_json_is_plain(points):
    document = summarize(points, ARTICLES, "fr", k=2).as_json()
    assert json.loads(json.dumps(document)) == document
    assert document["lang"] == "fr" and len(document["sentences"]) == 2
    assert set(document["sentences"][0]) == {"text", "article_id", "lang", "point_id", "in_requested_lang"}


def test_event_titles_one_per_language_the_most_central(embedder):
    hebrew = [_article("h1", "he", "שיטפונות בדרנה: 120 הרוגים בלוב"),
              _article("h2", "he", "120 הרוגים בשיטפונות בדרנה"),
              _article("h3", "he", "מזג האוויר: גשם כבד צפוי מחר")]
    titles = event_titles(ARTICLES + hebrew, embedder)
    assert set(titles) == {"fr", "ar", "en", "he"}
    assert titles["fr"] == ARTICLES[0].title  # the toll, not the weather
    assert titles["he"] != hebrew[2].title


def test_event_titles_outside_the_embedder_take_the_title_sharing_most_with_the_others(embedder):
    """Chosen in one pass (the sum of cosines to the others is a dot product with their sum):
    the same choice as comparing every pair."""
    from newsweave.stages import lexical
    hebrew = [_article("h1", "he", "שיטפונות בדרנה: 120 הרוגים בלוב"),
              _article("h2", "he", "120 הרוגים בשיטפונות בדרנה"),
              _article("h3", "he", "שיטפונות בדרנה, לוב: 120 הרוגים ואלפי נעדרים"),
              _article("h4", "he", "מזג האוויר: גשם כבד צפוי מחר"), _article("h5", "he", "")]
    signatures = {a.id: lexical.signature(a.title) for a in hebrew}
    plain = lexical.DocumentFrequencies()
    pairwise = max(hebrew, key=lambda a: sum(lexical.similarity(signatures[a.id], signatures[b.id], plain)
                                            for b in hebrew if b is not a))
    assert event_titles(hebrew, embedder)["he"] == pairwise.title != hebrew[3].title
