"""The web UI over the five real seed articles (../shared/seeds): the Ankara event (000-003,
three Arabic articles and a French one) and its minister, Benny Gantz."""

from __future__ import annotations

import re

import pytest

from web_helpers import make_app, screenshot, serve

ANKARA = ("000_", "001_", "002_", "003_")

pytestmark = pytest.mark.real


@pytest.fixture(scope="module")
def seeds_site(shared, tmp_path_factory, embedder):
    from newsweave import Engine
    from newsweave.store import open_store

    db_url = f"sqlite:///{tmp_path_factory.mktemp('web-seeds') / 'seeds.db'}"
    with Engine(open_store(db_url), embedder=embedder) as engine:
        report = engine.ingest([str(shared / "seeds")], progress=False)
        assert report.ingested == 5, report.as_json()
        articles = engine.articles()
        ankara = [a for a in articles if any(f"/{prefix}" in a.source for prefix in ANKARA)]
        assert len(ankara) == 4
        event_ids = {a.event_id for a in ankara}
        assert len(event_ids) == 1, f"the four Ankara articles are in {event_ids}"
        event = engine.event(event_ids.pop())
        minister = next(e for e in engine.entities() if any(v["text"] == "Gantz" for v in e["variants"]))
    with serve(make_app(db_url, embedder)) as base:
        yield {"base": base, "event": event, "ankara": ankara, "minister": minister}


def test_web_seeds_event_page(seeds_site, page_factory, artifacts):
    event, minister = seeds_site["event"], seeds_site["minister"]
    page = page_factory(seeds_site["base"])
    page.goto(f"/events/{event.id}")
    p = page.page
    # Its four articles, Arabic ones right to left.
    items = p.locator("#articles li.article")
    assert items.count() == 4
    assert {items.nth(i).get_attribute("id") for i in range(4)} == {f"a-{a.id}" for a in seeds_site["ankara"]}
    arabic_titles = p.locator("#articles .article-title[lang=ar]")
    assert arabic_titles.count() == 3
    for i in range(3):
        assert arabic_titles.nth(i).evaluate("el => getComputedStyle(el).direction") == "rtl"
    french = p.locator("#articles .article-title[lang=fr]")
    assert french.evaluate("el => getComputedStyle(el).direction") == "ltr"
    # Quotes with the minister as speaker, linked to his entity page.
    speakers = p.locator(f"#quotes a.speaker-link[href='/entities/{minister['id']}']")
    assert speakers.count() >= 2
    arabic_quote = p.locator("#quotes blockquote[lang=ar]").first
    assert arabic_quote.evaluate("el => getComputedStyle(el).direction") == "rtl"
    # A French summary on request.
    p.locator("nav.switcher a[hreflang=fr]").click()
    p.wait_for_url(re.compile(r"lang=fr"))
    assert p.locator("ol.summary li.sentence[lang=fr]").count() >= 1
    assert p.locator("h1.event-title").get_attribute("lang") == "fr"
    for i in range(p.locator("ol.summary li.sentence[lang=ar]").count()):
        item = p.locator("ol.summary li.sentence[lang=ar]").nth(i)
        assert "other-lang" in item.get_attribute("class")
        assert item.evaluate("el => getComputedStyle(el).direction") == "rtl"
    screenshot(p, artifacts / "event-seeds.png")
    p.locator("#quotes").screenshot(path=str(artifacts / "event-seeds-quotes.png"))
    page.assert_clean()


def test_web_seeds_minister_entity_page(seeds_site, page_factory, artifacts):
    minister = seeds_site["minister"]
    page = page_factory(seeds_site["base"])
    page.goto(f"/events/{seeds_site['event'].id}")
    p = page.page
    p.locator(f"#entities a[href='/entities/{minister['id']}']").click()
    p.wait_for_url(re.compile(re.escape(f"/entities/{minister['id']}")))
    rows = p.locator("table.variants tbody tr")
    spellings = {}
    for i in range(rows.count()):
        cell = rows.nth(i).locator(".variant-text")
        spellings.setdefault(cell.get_attribute("lang"), []).append(cell.inner_text())
        direction = cell.evaluate("el => getComputedStyle(el).direction")
        assert direction == ("rtl" if cell.get_attribute("lang") in ("ar", "he") else "ltr"), cell.inner_text()
    assert "Gantz" in spellings["fr"]
    assert any(s in spellings["ar"] for s in ("غانتس", "جانتس"))
    # Hebrew from the French article's Hebrew photo caption.
    assert "בני גנץ" in spellings["he"]
    assert p.locator("#mentions svg rect.bar").count() >= 1 or p.locator("#mentions .muted").count() == 1
    assert p.locator("#events li.card").count() >= 1
    assert p.locator("#quotes li.quote").count() >= 2
    screenshot(p, artifacts / "entity-seeds.png")
    page.assert_clean()
