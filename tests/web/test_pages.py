"""The web UI in a real browser over the demo corpus (plus one hostile article)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from web_helpers import XSS_TITLE, screenshot

RTL_LANGS = {"ar", "he", "fa"}


def direction(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el).direction")


def test_web_front_page_lists_events(demo_site, page_factory, artifacts):
    page = page_factory(demo_site["base"])
    response = page.goto("/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    p = page.page
    assert p.locator("h1").inner_text() == "Events"
    cards = p.locator("ol.events > li.card")
    assert cards.count() == len(demo_site["events"])
    first = cards.first
    assert first.locator(".size").inner_text()  # size shown
    assert first.locator("time").count() >= 1  # latest update shown
    assert p.locator("ol.events abbr.lang").count() >= len(demo_site["events"])
    assert p.locator(".outlets bdi").count() > 0  # outlets covering each event
    # Newest first by default: the latest update of the first card is the newest of all.
    latest = [e.last_seen for e in demo_site["events"] if e.last_seen]
    assert first.locator(".updated time").get_attribute("datetime") == max(latest).isoformat()
    screenshot(p, artifacts / "front.png")
    page.assert_clean()


def test_web_front_page_filters_by_language_and_entity(demo_site, page_factory):
    page = page_factory(demo_site["base"])
    page.goto("/")
    p = page.page
    p.select_option("select[name=lang]", "he")
    p.locator("form.filters button").click()
    p.wait_for_url(re.compile(r"lang=he"))
    with_he = [e for e in demo_site["events"] if "he" in e.languages]
    assert p.locator("ol.events > li.card").count() == len(with_he)
    # Titles in the chosen language: Hebrew, right to left.
    titles = p.locator("ol.events .event-title")
    for i in range(titles.count()):
        assert titles.nth(i).get_attribute("lang") == "he"
        assert direction(titles.nth(i)) == "rtl"
    # Entity filter: the events naming the first entity offered.
    option = p.locator("select[name=entity] option").nth(1)
    entity_id = option.get_attribute("value")
    p.goto(f"{demo_site['base']}/?entity={quote(entity_id)}")
    assert 0 < p.locator("ol.events > li.card").count() <= len(demo_site["events"])
    assert p.locator("select[name=entity] option[selected]").get_attribute("value") == entity_id
    page.assert_clean()


def test_web_event_page_shows_everything(demo_site, page_factory, artifacts):
    event = demo_site["biggest"]
    page = page_factory(demo_site["base"])
    page.goto("/")
    p = page.page
    p.locator(f"ol.events a[href^='/events/{event.id}']").click()
    p.wait_for_url(re.compile(re.escape(f"/events/{event.id}")))
    assert p.locator("h1.event-title").inner_text()
    assert p.locator("ol.summary li.sentence").count() >= 1
    dated = [a for a in demo_site["articles"] if a.event_id == event.id and a.published]
    assert p.locator("#timeline svg circle.dot").count() == len(dated)
    assert p.locator("#articles li.article").count() == len(event.article_ids)
    assert p.locator("#articles .lang-group").count() == len(event.languages)
    assert p.locator("#coverage ul.coverage > li.card").count() == len(event.article_ids)
    assert p.locator("#entities a[href^='/entities/']").count() >= 3
    assert p.locator("#quotes li.quote").count() >= 1
    assert p.locator("#actions table.actions tbody tr").count() >= 1
    assert p.locator("#history li.change.opened").count() >= 1
    # Article links only to http(s) URLs, opened without referrer or opener.
    links = p.locator("#articles .article-title a")
    assert links.count() >= 1
    for i in range(links.count()):
        assert links.nth(i).get_attribute("href").startswith(("http://", "https://"))
        assert "noopener" in links.nth(i).get_attribute("rel")
    screenshot(p, artifacts / "event.png")
    page.assert_clean()


def test_web_event_summary_language_switch(demo_site, page_factory):
    event = demo_site["mixed"]
    page = page_factory(demo_site["base"])
    page.goto(f"/events/{event.id}")
    p = page.page
    switcher = p.locator("nav.switcher a")
    assert sorted(switcher.nth(i).get_attribute("hreflang") for i in range(switcher.count())) == sorted(event.languages)
    p.locator("nav.switcher a[hreflang=fr]").click()
    p.wait_for_url(re.compile(r"lang=fr"))
    assert p.locator("nav.switcher a[aria-current=true]").get_attribute("hreflang") == "fr"
    assert "French" in p.locator("#summary h2").inner_text()
    sentences = p.locator("ol.summary li.sentence")
    assert sentences.count() >= 1
    assert p.locator("ol.summary li.sentence[lang=fr]").count() >= 1
    for i in range(sentences.count()):
        item = sentences.nth(i)
        if item.get_attribute("lang") != "fr":  # told in another language: marked
            assert "other-lang" in item.get_attribute("class")
            assert "no French article says this" in item.locator(".note").inner_text()
    # Then Arabic: the summary reads right to left.
    p.locator("nav.switcher a[hreflang=ar]").click()
    p.wait_for_url(re.compile(r"lang=ar"))
    arabic = p.locator("ol.summary li.sentence[lang=ar]")
    assert arabic.count() >= 1
    assert direction(arabic.first) == "rtl"
    assert direction(p.locator("h1.event-title")) == "rtl"
    page.assert_clean()


def test_web_rtl_next_to_ltr(demo_site, page_factory):
    """dir="auto" per element: on a French summary page, the right-to-left titles of the
    article list read right to left and the French ones left to right."""
    event = demo_site["mixed"]
    page = page_factory(demo_site["base"])
    page.goto(f"/events/{event.id}?lang=fr")
    p = page.page
    titles = p.locator("#articles .article-title")
    seen = set()
    for i in range(titles.count()):
        lang = titles.nth(i).get_attribute("lang")
        assert direction(titles.nth(i)) == ("rtl" if lang in RTL_LANGS else "ltr"), titles.nth(i).inner_text()
        seen.add(lang)
    assert "fr" in seen and seen & RTL_LANGS
    # The page itself stays left to right.
    assert direction(p.locator("header.site")) == "ltr"
    # Every element holding article text is dir="auto".
    for selector in ("ol.summary li.sentence", "#quotes blockquote", "#coverage .points li", ".excerpt p",
                     "#articles .article-title", "#coverage .article-title", "#articles h4.outlet"):
        items = p.locator(selector)
        for i in range(items.count()):
            assert items.nth(i).get_attribute("dir") == "auto", selector
    page.assert_clean()


def test_web_entity_page(demo_site, page_factory, artifacts):
    event = demo_site["biggest"]
    page = page_factory(demo_site["base"])
    page.goto(f"/events/{event.id}")
    p = page.page
    p.locator("#entities a[href^='/entities/']").first.click()
    p.wait_for_url(re.compile(r"/entities/"))
    variants = p.locator("table.variants tbody tr")
    assert variants.count() >= 2
    scripts = {variants.nth(i).locator("td").nth(2).inner_text() for i in range(variants.count())}
    assert len(scripts) >= 2, scripts  # spellings across scripts
    for i in range(variants.count()):
        cell = variants.nth(i).locator(".variant-text")
        assert cell.get_attribute("dir") == "auto"
        if variants.nth(i).locator("td").nth(2).inner_text() in ("Arabic", "Hebrew"):
            assert direction(cell) == "rtl"
    assert p.locator("#mentions svg rect.bar").count() >= 1
    assert p.locator("#events li.card a").count() >= 1
    screenshot(p, artifacts / "entity.png")
    page.assert_clean()


def test_web_search(demo_site, page_factory):
    page = page_factory(demo_site["base"])
    page.goto("/")
    p = page.page
    p.fill("#site-q", "Kemerli")
    p.locator("form.search button").click()
    p.wait_for_url(re.compile(r"/search\?q=Kemerli"))
    hits = p.locator("ol.hits li.hit")
    assert hits.count() >= 3
    hits.first.locator(".article-title a").click()
    p.wait_for_url(re.compile(r"/events/"))
    # By meaning: an English query finds articles in other languages.
    page.goto("/search?q=earthquake+in+Turkey&mode=semantic")
    langs = {p.locator("ol.hits li.hit abbr.lang").nth(i).inner_text() for i in range(5)}
    assert langs - {"en"}, langs
    page.assert_clean()


def test_web_xss_article_is_inert(demo_site, page_factory):
    article = demo_site["xss_article"]
    page = page_factory(demo_site["base"])
    p = page.page
    for path in ("/", f"/events/{article.event_id}", "/search?q=Kemerli+bridge", f"/?lang=en"):
        page.goto(path)
        assert p.locator("script").count() == 0
        assert p.locator("img").count() == 0
        hrefs = p.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))], path
        assert not p.evaluate("() => window.__xss === true")
    page.goto(f"/events/{article.event_id}")
    assert p.locator("h1.event-title").inner_text() == XSS_TITLE  # shown as text
    assert p.locator("#articles .article-title a").count() == 0  # its javascript: URL is no link
    assert "Evil Outlet" not in p.locator("b").all_inner_texts()
    page.assert_clean()


def test_web_absorbed_event_shows_survivor(demo_site, page_factory):
    if demo_site["absorbed"] is None:
        pytest.skip("no merge happened in the demo ingest")
    absorbed, survivor = demo_site["absorbed"]
    page = page_factory(demo_site["base"])
    page.goto(f"/events/{absorbed}")
    p = page.page
    assert survivor in p.locator(".notice").inner_text()
    assert p.locator("header.event-head code.id").inner_text() == survivor
    assert p.locator("#history li.change.absorbed").count() >= 1
    page.assert_clean()


def test_web_storylines(demo_site, page_factory):
    page = page_factory(demo_site["base"])
    page.goto("/storylines?all=1")
    p = page.page
    cards = p.locator("ul.storylines > li.card")
    assert cards.count() >= 1
    cards.first.locator("a").first.click()
    p.wait_for_url(re.compile(r"/storylines/"))
    assert p.locator("ol.storyline-timeline li").count() >= 1
    assert p.locator("#timeline svg rect.bar").count() == p.locator("ol.storyline-timeline li").count()
    page.assert_clean()


def test_web_phone_width(demo_site, page_factory):
    event = demo_site["biggest"]
    page = page_factory(demo_site["base"], viewport={"width": 390, "height": 844}, is_mobile=True,
                        device_scale_factor=2)
    p = page.page
    for path in ("/", f"/events/{event.id}", f"/events/{event.id}?lang=ar", f"/entities", "/search?q=Oren"):
        page.goto(path)
        overflow = p.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{path} overflows a phone screen by {overflow}px"
    page.assert_clean()


def test_web_not_found(demo_site, page_factory):
    page = page_factory(demo_site["base"])
    response = page.page.goto(demo_site["base"] + "/events/ev_nope")
    assert response.status == 404
    assert "no event" in page.page.locator("main").inner_text()
    response = page.page.goto(demo_site["base"] + "/entities/nope")
    assert response.status == 404
