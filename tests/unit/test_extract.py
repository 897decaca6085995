"""extract_html on small hand-written pages: what survives, what metadata is read, what is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsweave.errors import BadInput
from newsweave.stages.extract import Extracted, extract_html

PARAGRAPHS = [
    (
        "The harbour council of Velmora voted on Tuesday to rebuild the old stone pier, which "
        "storms damaged badly during the winter and which fishing boats have avoided since March."
    ),
    (
        "Council member Ilse Korvan said the repairs would take about eighteen months and would be "
        "paid for from the regional maintenance fund rather than from a new local tax."
    ),
    (
        "Fishermen who gathered outside the town hall welcomed the decision, although several of "
        "them asked for a temporary landing stage so that they can work during the construction."
    ),
    (
        "The engineering firm that inspected the pier found that two of its foundations had shifted "
        "and that the wooden deck at the far end could no longer carry loaded vehicles safely."
    ),
    (
        "A public meeting about the timetable of the works is planned for next month in the "
        "community hall, where residents will be able to see the drawings and ask questions."
    ),
]

NAV = "Home World Business Sport Weather Subscribe"
SHARE = "Share on Facebook Share on X Copy link"
FOOTER = "Copyright Velmora Gazette. All rights reserved. Privacy policy. Cookie settings."
COMMENT = "Great news, finally someone is doing something about that pier!"
STANDFIRST = "Repairs to the storm-damaged pier will take a year and a half, the council says."


def page(body_extra: str = "", head_extra: str = "") -> str:
    article = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Velmora to rebuild its old pier | Velmora Gazette</title>
<meta property="og:title" content="Velmora to rebuild its old pier">
<meta property="og:site_name" content="Velmora Gazette">
<meta name="author" content="Tomas Reyl">
<meta name="description" content="{STANDFIRST}">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
<link rel="canonical" href="https://gazette.example/news/velmora-pier">
{head_extra}
</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<main>
<article>
<h1>Velmora to rebuild its old pier</h1>
<p class="standfirst">{STANDFIRST}</p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Copy link</a></div>
<div class="article-body">
{article}
{body_extra}
</div>
</article>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>{COMMENT}</p></div></section>
</main>
<footer><p>{FOOTER}</p></footer>
</body>
</html>"""


def words(text: str) -> str:
    return " ".join(text.split())


def test_extract_keeps_the_article_and_drops_the_chrome() -> None:
    extracted = extract_html(page(), "pier.html")
    text = words(extracted.text)
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    for chrome in (NAV, SHARE, FOOTER, COMMENT, "Share on Facebook", "Privacy policy"):
        assert chrome not in text


def test_extract_one_paragraph_per_line() -> None:
    lines = extract_html(page(), "pier.html").text.split("\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in lines


def test_extract_puts_the_visible_standfirst_first() -> None:
    extracted = extract_html(page(), "pier.html")
    assert extracted.text.split("\n")[0] == STANDFIRST


def test_extract_drops_read_also_teasers() -> None:
    teaser = '<p><em>Read also: <a href="/news/lighthouse">The lighthouse gets a new lamp</a></em></p>'
    extracted = extract_html(page(body_extra=teaser), "pier.html")
    assert "lighthouse" not in extracted.text


def test_extract_reads_metadata() -> None:
    extracted = extract_html(page(), "pier.html", url="https://gazette.example/p?id=7")
    assert extracted.title == "Velmora to rebuild its old pier"
    assert extracted.author == "Tomas Reyl"
    assert extracted.published == datetime(2024, 3, 5, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert extracted.outlet == "Velmora Gazette"
    assert extracted.url == "https://gazette.example/news/velmora-pier"
    assert extracted.lang == "en"


def test_extract_reads_the_date_from_json_ld() -> None:
    html = page().replace('<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">', "")
    json_ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-04T18:00:00Z"}</script>'
    extracted = extract_html(html.replace("</head>", json_ld + "</head>"), "pier.html")
    assert extracted.published == datetime(2024, 3, 4, 18, 0, tzinfo=UTC)


def test_extract_never_invents_a_date() -> None:
    html = page().replace('<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">', "")
    assert extract_html(html, "https://gazette.example/2024/03/05/pier").published is None


def test_extract_falls_back_to_the_hostname_for_the_outlet() -> None:
    html = page().replace('<meta property="og:site_name" content="Velmora Gazette">', "")
    html = html.replace('<link rel="canonical" href="https://gazette.example/news/velmora-pier">', "")
    extracted = extract_html(html, "pier.html", url="https://www.gazette.example/news/1")
    assert extracted.url == "https://www.gazette.example/news/1"
    assert extracted.outlet in ("gazette.example", "Velmora Gazette")  # trafilatura may read the title


def test_extract_survives_truncated_html() -> None:
    html = page()
    truncated = html[: html.index(PARAGRAPHS[3][:40]) + 60]  # cut inside the fourth paragraph
    extracted = extract_html(truncated, "cut.html")
    assert PARAGRAPHS[0] in words(extracted.text)


def test_extract_survives_broken_markup() -> None:
    html = page().replace("</p>", "").replace('<div class="article-body">', "<div class=article-body <b>")
    extracted = extract_html(html, "broken.html")
    assert "harbour council of Velmora" in extracted.text


def test_extract_ignores_hostile_scripts() -> None:
    script = (
        "<script>document.write('<p>' + 'INJECTED '.repeat(200) + '</p>');"
        "var s = '</div><p>FAKE PARAGRAPH FROM SCRIPT</p>';</script>"
        "<script type=\"text/javascript\"><!-- if (a < b && c > d) { alert('x') } --></script>"
        "<style>p { content: 'STYLE TEXT' }</style><noscript><p>NOSCRIPT TEXT</p></noscript>"
    )
    extracted = extract_html(page(body_extra=script), "hostile.html")
    for injected in ("INJECTED", "FAKE PARAGRAPH", "alert", "STYLE TEXT", "NOSCRIPT"):
        assert injected not in extracted.text
    assert PARAGRAPHS[-1] in words(extracted.text)


def test_extract_survives_deep_nesting() -> None:
    deep = "<div>" * 5000 + "<p>deep</p>" + "</div>" * 5000
    extracted = extract_html(page(body_extra=deep), "deep.html")
    assert isinstance(extracted, Extracted)


@pytest.mark.parametrize("html", ["", "   \n\t  "])
def test_extract_rejects_empty_input(html: str) -> None:
    with pytest.raises(BadInput, match="empty page"):
        extract_html(html, "empty.html")


def test_extract_rejects_binary_input() -> None:
    binary = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + "".join(chr(i % 32) for i in range(2000))
    with pytest.raises(BadInput, match="binary") as error:
        extract_html(binary, "photo.png")
    assert error.value.input == "photo.png"


def test_extract_rejects_text_without_markup() -> None:
    with pytest.raises(BadInput, match="no tags"):
        extract_html("Just a line of plain text, no markup at all.", "notes.txt")


def test_extract_rejects_a_page_with_only_chrome() -> None:
    chrome_only = f"""<html><head><title>Velmora Gazette</title></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
    <div class="share"><a href="#">Share on Facebook</a></div>
    <footer><p>{FOOTER}</p></footer></body></html>"""
    with pytest.raises(BadInput, match="no main text"):
        extract_html(chrome_only, "chrome.html")
