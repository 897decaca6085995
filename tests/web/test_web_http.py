"""The web UI's pages as HTTP responses (no browser): headers, escaping, bad parameters; and the
pure helpers (links, language codes, chart layout)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import httpx
import pytest

from newsweave.web import charts
from newsweave.web.present import lang_code, path, safe_url, with_query

PAGES = ["/", "/?lang=ar", "/entities", "/storylines", "/storylines?all=1", "/search?q=Kemerli",
         "/search?q=earthquake&mode=semantic"]


@pytest.fixture(scope="module")
def client(demo_site):
    with httpx.Client(base_url=demo_site["base"], timeout=30) as client:
        yield client


def test_web_pages_send_strict_headers(client, demo_site):
    for url in PAGES + [f"/events/{demo_site['biggest'].id}", "/events/nope"]:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert response.headers["content-type"].startswith("text/html")
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        body = response.text
        assert "<script" not in body.lower(), url  # the UI needs no script at all
        assert " style=" not in body, url  # nor inline styles (style-src 'self')
        assert '<meta name="viewport"' in body


def test_web_article_content_is_escaped(client, demo_site):
    article = demo_site["xss_article"]
    body = client.get(f"/events/{article.event_id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<img" not in body
    assert 'href="javascript' not in body.lower() and "href='javascript" not in body.lower()
    assert "&lt;a href=&#34;javascript:alert(4)&#34;&gt;" in body  # its link, shown as text
    assert "&lt;b onmouseover=alert(7)&gt;" in body  # the source, shown as text
    assert "<b " not in body


def test_web_parameters_are_never_reflected_raw(client):
    attack = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
    for url, params in (("/search", {"q": attack}), ("/search", {"q": attack, "mode": "semantic"}),
                        ("/", {"lang": attack}), ("/", {"entity": attack}), ("/entities", {"q": attack}),
                        ("/", {"sort": attack, "page": "2"})):
        response = client.get(url, params=params)
        assert response.status_code == 200, (url, params)
        assert "<script>alert" not in response.text and "<img src=x" not in response.text, (url, params)
    response = client.get("/events/" + "%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert response.status_code == 404
    assert "<script>alert" not in response.text


def test_web_bad_page_numbers(client):
    assert client.get("/", params={"page": "0"}).status_code == 422
    assert client.get("/", params={"page": "999"}).status_code == 200  # clamped to the last page


def test_web_static_files(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    assert client.get("/static/favicon.svg").status_code == 200
    assert client.get("/static/../app.py").status_code == 404


def test_web_pages_stay_out_of_the_api_schema(client):
    response = client.get("/openapi.json")
    if response.status_code != 200:
        pytest.skip("no OpenAPI document (the app is the UI alone)")
    paths = response.json()["paths"]
    assert not {"/", "/events/{event_id}", "/entities/{entity_id}", "/search"} & set(paths)


def test_web_search_fallback(demo_site, embedder, monkeypatch):
    """Without newsweave.search, the UI searches engine.articles() itself."""
    from newsweave import Engine
    from newsweave.store import open_store
    from newsweave.web import find

    monkeypatch.setattr(find, "search_module", lambda: None)
    with Engine(open_store(demo_site["db_url"]), embedder=embedder) as engine:
        rows, total, backend = find.search(engine, "KEMERLI", "text")
        assert backend == "fallback" and total == len(rows) >= 3
        assert all("kemerli" in (r["title"] + r["snippet"]).lower() or r["score"] == 0 for r in rows)
        assert rows[0]["score"] >= rows[-1]["score"]  # title matches first
        arabic, _, _ = find.search(engine, "زلزال", "text", lang="ar")
        assert arabic and all(r["lang"] == "ar" for r in arabic)
        rows, _, _ = find.search(engine, "earthquake in Turkey", "semantic")
        assert rows and {r["lang"] for r in rows[:6]} - {"en"}
        assert find.search(engine, "   ", "text") == ([], 0, "none")


def test_web_safe_url():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("http://example.org") == "http://example.org"
    for bad in ("javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                "data:text/html,<script>", "vbscript:x", "//example.org/x", "/relative", "https:///nohost",
                "https://exa mple.org", "https://example.org/\u2028", None, 42, ""):
        assert safe_url(bad) is None, bad


def test_web_lang_code():
    assert lang_code("ar") == "ar" and lang_code("fil") == "fil" and lang_code("zh-Hant") == "zh-Hant"
    for bad in ("", None, "arabic", "a", '"><x', "ar ab", "AR"):
        assert lang_code(bad) is None, bad


def test_web_paths_quote_ids():
    assert path("entities", "country:GR") == "/entities/country%3AGR"
    assert path("events", "a/../b") == "/events/a%2F..%2Fb"
    assert with_query("/", lang="fr", entity=None, page=None) == "/?lang=fr"


def test_web_chart_layout():
    start = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)
    items = [{"lang": lang, "published": start + timedelta(hours=h), "title": f"t{h}", "href": f"#a-{h}",
              "copy": h == 5} for lang, h in (("ar", 0), ("fr", 5), ("ar", 10), ("he", 30))]
    items.append({"lang": "en", "published": None, "title": "undated", "href": "#a-x", "copy": False})
    chart = charts.article_timeline(items, charts.colour_classes(["ar", "fr", "he", "en"]))
    assert [lane["lang"] for lane in chart.lanes] == ["ar", "fr", "he"]
    assert len(chart.dots) == 4 and chart.undated == 1
    xs = [dot["x"] for dot in chart.dots]
    assert xs == sorted(xs) and charts.LEFT <= xs[0] and xs[-1] <= charts.WIDTH - charts.RIGHT
    assert sum("copy" in dot["cls"] for dot in chart.dots) == 1
    assert charts.article_timeline([items[-1]], {}) is None
    # Mentions: one day of mentions still gets a week of context; bars stack by language.
    histogram = charts.mention_histogram([(start, "ar"), (start, "fr"), (start, "ar"), (None, "fr")],
                                         charts.colour_classes(["ar", "fr"]))
    assert histogram.undated == 1 and len(histogram.bars) == 2
    assert sum(bar["h"] for bar in histogram.bars) == pytest.approx(120)
    assert all(bar["w"] <= charts.MAX_BAR for bar in histogram.bars)
    assert len(histogram.ticks) >= 2
    same_moment = charts.article_timeline(items[:1], {})
    assert same_moment.dots[0]["x"] == pytest.approx(charts.LEFT + (charts.WIDTH - charts.LEFT - charts.RIGHT) / 2)
