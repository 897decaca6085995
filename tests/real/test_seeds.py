"""The seed articles (../shared/seeds): languages, titles, clean text, idempotence, one Ankara event."""

from __future__ import annotations

import re

import pytest

ANKARA = ("000", "001", "002")


@pytest.fixture(scope="module")
def seeded(shared, tmp_path_factory, embedder):
    from newsweave import Engine
    from newsweave.store import open_store

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    engine = Engine(open_store(f"sqlite:///{db}"), embedder=embedder)
    report = engine.ingest([str(shared / "seeds")], progress=False)
    yield engine, report, {a.source.rsplit("/", 1)[-1][:3]: a for a in engine.articles()}
    engine.close()


def test_seeds_all_stored_with_languages(seeded):
    _, report, by_number = seeded
    assert report.ingested == 5 and not report.failed
    assert {n: a.lang for n, a in by_number.items()} == {"000": "ar", "001": "ar", "002": "ar", "003": "fr", "004": "ar"}


def test_seeds_french_article_flags_its_hebrew_caption(seeded):
    french = seeded[2]["003"]
    hebrew = [s for s in french.segments if s.foreign and re.search("[\u0590-\u05ff]", s.text)]
    assert hebrew and all(s.lang == "he" for s in hebrew)
    assert not re.search("[\u0590-\u05ff]", french.text), "the caption is not article text"


def test_seeds_titles_are_the_headlines(seeded):
    for article in seeded[2].values():
        assert 10 < len(article.title) < 300
        assert article.title not in article.text.split("\n")[0:1]


def test_seeds_text_keeps_no_widget_lines(seeded):
    by_number = seeded[2]
    assert "mobile" not in by_number["001"].text.lower()
    french = by_number["003"].text.lower()
    for chrome in ("commentaire", "akismet", "abonner", "notification pour", "( photo"):
        assert chrome not in french
    # 004 ends with prose, not with an account prompt or repeated headlines.
    last_line = by_number["004"].text.strip().split("\n")[-1]
    assert len(last_line.split()) >= 15


def test_seeds_reingest_changes_nothing(seeded):
    engine, _, _ = seeded
    before = [(a.id, a.event_id) for a in engine.articles()]
    again = engine.ingest([str(seeded[2]["000"].source.rsplit("/", 1)[0])], progress=False)
    assert again.ingested == 0 and again.duplicates == 5
    assert [(a.id, a.event_id) for a in engine.articles()] == before


def test_seeds_ankara_articles_share_one_event_across_languages(seeded):
    by_number = seeded[2]
    assert len({by_number[n].event_id for n in ANKARA + ("003",)}) == 1
    assert by_number["004"].event_id != by_number["000"].event_id


def _entity_with(entities, *texts):
    """The entities having a variant that contains each given text."""
    return [e for e in entities if all(any(t in v["text"] for v in e["variants"]) for t in texts)]


def test_seeds_the_minister_is_one_entity_across_scripts_and_spellings(seeded):
    engine, _, by_number = seeded
    entities = engine.entities()
    gantz = _entity_with(entities, "غانتس", "جانتس", "Gantz")
    assert len(gantz) == 1 and gantz[0]["type"] == "PER"
    ids = {by_number[n].id for n in ("000", "001", "002", "003", "004")}
    assert ids <= set(gantz[0]["article_ids"])
    # The typos of his name, and the Hebrew spelling in the French article's photo caption.
    assert {"غناتس", "Ganz", "בני גנץ"} <= {v["text"] for v in gantz[0]["variants"]}
    # No other person holds a spelling of his name ("his office" may be an organisation).
    people = [e for e in entities if e["type"] == "PER"]
    assert len([e for e in people if any("غانتس" in v["text"] or "Gantz" in v["text"] for v in e["variants"])]) == 1


def test_seeds_president_defence_minister_and_places_resolve_across_arabic_and_french(seeded):
    entities = seeded[0].entities()
    erdogan = _entity_with(entities, "أردوغان", "إردوغان", "Erdogan")
    assert len(erdogan) == 1 and any(v["text"].startswith("Recep") for v in erdogan[0]["variants"])
    assert len(_entity_with(entities, "أكار", "Akar")) == 1
    assert len(_entity_with(entities, "أنقرة", "Ankara")) == 1
    turkey = _entity_with(entities, "تركيا", "Turquie")
    assert len(turkey) == 1 and turkey[0]["type"] == "LOC"
    azerbaijan = _entity_with(entities, "أذربيجان")
    assert azerbaijan and azerbaijan[0]["id"].startswith("country:")


def test_seeds_quotes_are_attributed_to_the_minister_in_most_ankara_articles(seeded):
    engine, _, by_number = seeded
    gantz = _entity_with(engine.entities(), "غانتس", "Gantz")[0]["id"]
    attributed = {q["article_id"] for q in engine.quotes(gantz)}
    ankara = {by_number[n].id for n in ANKARA + ("003",)}
    assert len(attributed & ankara) >= 3
