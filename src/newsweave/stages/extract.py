"""HTML page -> main text and metadata, by combining trafilatura and readability-lxml.

trafilatura (precision mode, no comments) gives the paragraphs; readability-lxml corroborates
them. Only the run of trafilatura paragraphs between the first and the last paragraph that
readability also found is kept, which drops the titles, bylines, share buttons and comment
notices trafilatura picks up around an article. Two rules on the page itself then fix what both
libraries get wrong: "Read also: <link>" teasers inside the article are dropped, and the
standfirst (the visible lead that repeats the page's meta description) is put back in front.

Measured on the 30 pages of extraction_dev (``newsweave eval extraction``), F1 over 16 full
pages / share of 14 snippet pages fully right:

    trafilatura, library defaults               0.960 / 0.571
    trafilatura, precision and no comments      0.980 / 0.714
    readability-lxml, library defaults          0.976 / 0.429
    this module                                 0.981 / 0.929
    ... without readability's corroboration     0.978 / 0.929
    ... without the standfirst rule             0.983 / 0.786
    ... without the teaser rule                 0.982 / 0.857

The one snippet page still wrong wants a sentence left out that the article body does contain.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from readability import Document

from newsweave.errors import BadInput

LOGGER = logging.getLogger(__name__)

# Word runs, with CJK, kana, Hangul and Thai characters one token each (those scripts don't put
# spaces between words), so that paragraphs of both libraries can be compared in any language.
_CHAR_SCRIPTS = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(f"[{_CHAR_SCRIPTS}]|[^\\W{_CHAR_SCRIPTS}]+")

# A trafilatura paragraph is corroborated when at least half of its token trigrams occur in
# readability's text. Trigrams, not whole paragraphs, because the two libraries split
# paragraphs differently (at <br>, around inline quotes); shorter paragraphs can't corroborate.
# Dev F1 is the same for 3- to 5-grams and shares 0.5-0.9; bigrams or a share of 0.3 lose 0.0003.
_NGRAM = 3
_MIN_SHARED = 0.5
# When corroborated paragraphs hold less than this share of trafilatura's tokens, readability has
# picked another block of the page (a comment thread, a teaser list), and the few paragraphs that
# happen to be shared must not trim trafilatura's text. On the dev pages where readability finds
# anything the share is 0.83-1.00, so any value up to 0.8 scores the same.
_MIN_COVERAGE = 0.5

# Inline "read also" teasers: a short label ending in ":" or "|" followed by one link that ends
# the paragraph ("Czytaj też: <a>…</a>", "MIRA | <a>…</a>"). Labels on the dev pages: 1-6 words.
_TEASER_LABEL_END = re.compile(r"[:|]\s*$")
_TEASER_MAX_LABEL_TOKENS = 8

# Elements whose text is never article text. Figure captions are left out too: the snippet pages
# list them as text that must not be extracted.
_NOT_TEXT = {"script", "style", "noscript", "template", "figure", "figcaption", "rt", "rp"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "center", "dd", "div", "dl", "dt",
    "fieldset", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip

_DESCRIPTION_XPATH = (
    '//meta[@name="description" or @property="og:description" or @name="twitter:description"]/@content'
)
_PUBLISHED_XPATH = (
    '//meta[@property="article:published_time" or @property="og:article:published_time"'
    ' or @itemprop="datePublished" or @name="pubdate" or @name="publishdate"'
    ' or @name="publish-date" or @name="date" or @name="DC.date" or @name="DC.date.issued"'
    ' or @name="dcterms.issued" or @name="dcterms.created" or @name="sailthru.date"'
    ' or @name="parsely-pub-date"]/@content'
    ' | //time[@itemprop="datePublished" or @pubdate]/@datetime'
)
_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")


@dataclass(frozen=True)
class Extracted:
    """The main text of a page and what the page says about itself.

    ``text`` holds one paragraph per line. ``published`` comes from the page's metadata only
    (meta tags, JSON-LD, <time>), timezone-aware when the page gives an offset. ``lang`` is the
    primary subtag the page declares ("pt" for "pt-BR").
    """

    title: str | None
    text: str
    author: str | None
    published: datetime | None
    outlet: str | None
    url: str | None
    lang: str | None


def extract_html(html: str, source: str, url: str | None = None) -> Extracted:
    """Extract the main text and metadata of one HTML page.

    Args:
        html: The page, decoded.
        source: How the user named the input; used in error messages.
        url: Where the page came from, if known; used for relative links and as a fallback
            for ``url`` and ``outlet``.

    Returns:
        The extracted article.

    Raises:
        BadInput: The input is empty, not HTML, or has no main text (only navigation, ads or
            other boilerplate). Library errors on broken HTML are logged and never raised.
    """
    if not html or not html.strip():
        raise BadInput(source, "empty page: nothing to extract; check that the download worked")
    head = html[:4096]
    controls = sum(ch < " " and ch not in "\t\n\r\f" for ch in head)
    if "\x00" in head or controls > max(2, len(head) // 100):
        raise BadInput(source, "not HTML: the content looks binary; pass an HTML page")
    if not re.search(r"<[a-zA-Z!?]", html):
        raise BadInput(source, "not HTML: no tags found; pass plain text as a text record instead")
    tree = _parse(html)
    if tree is None:
        raise BadInput(source, "not HTML: the page cannot be parsed; pass an HTML page")

    # Everything read from the page itself comes first: readability modifies the tree it gets.
    teasers = _teasers(tree)
    lead = _visible_description(tree)
    published = _published(tree)
    url = _canonical_url(tree, url or None)
    lang = _declared_lang(tree)

    ordinary = _ordinary(tree)
    document = _trafilatura(tree, url, with_metadata=ordinary)
    paragraphs = _lines(document.text if document is not None else None)
    if paragraphs and ordinary:
        paragraphs = _corroborated(paragraphs, _readability(tree))
    paragraphs = [p for p in paragraphs if tuple(_tokens(p)) not in teasers]
    if not any(_TOKEN.search(p) for p in paragraphs):
        raise BadInput(
            source,
            "no main text found: the page holds only navigation, ads or other boilerplate; "
            "pass the article page itself, or its text as a text record",
        )
    if lead is not None and " ".join(_tokens(lead)) not in " ".join(_tokens(" ".join(paragraphs))):
        paragraphs.insert(0, lead)

    title = document.title if document is not None and document.title else None
    if title is None:
        title = _clean(tree.findtext(".//title") or "") or None
    sitename = document.sitename if document is not None and document.sitename else None
    return Extracted(
        title=title,
        text="\n".join(paragraphs),
        author=(document.author or None) if document is not None else None,
        published=published,
        outlet=sitename or _hostname(url),
        url=url,
        lang=lang,
    )


def html_lines(root: HtmlElement) -> list[str]:
    """The text of an HTML tree, one line per block element, leaving out scripts and captions.

    Walks the tree iteratively, so deeply nested (hostile) HTML can't exhaust the stack.
    """
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        line = _clean("".join(buffer))
        if line:
            lines.append(line)
        buffer.clear()

    skipping = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else None  # None: comment, PI
        if event == "start":
            if tag in _NOT_TEXT:
                skipping += 1
            elif not skipping and tag is not None:
                if tag in _BLOCKS:
                    flush()
                buffer.append(element.text or "")
            continue
        if tag in _NOT_TEXT:
            skipping -= 1
        elif not skipping and tag in _BLOCKS:
            flush()
        if not skipping and element is not root:
            buffer.append(element.tail or "")
    flush()
    return lines


def _parse(html: str) -> HtmlElement | None:
    try:
        return trafilatura.load_html(html)
    except Exception as err:  # noqa: BLE001 - any parser failure means "not HTML" to the caller
        LOGGER.debug("lxml could not parse the page: %s", err)
        return None


# trafilatura's metadata search (licence, categories, tags) and readability's segment merging
# walk containers x descendants. On pages nested hundreds deep (an unclosed block repeated) or
# holding thousands of links (a page repeated), broken or hostile, each took 20 s to minutes for
# 1-10 MB (found by tests/fuzz). Of the 30 real dev pages the deepest nests 51 elements and the
# densest holds 442 links; past these bounds the text is trafilatura's alone, without its metadata
# search (the title is read from <title>) and without readability's corroboration.
MAX_METADATA_DEPTH = 64
MAX_METADATA_LINKS = 2000


def _ordinary(tree: HtmlElement) -> bool:
    """Whether the page is within the bounds of real pages (above)."""
    if sum(1 for _ in tree.iter("a")) > MAX_METADATA_LINKS:
        return False
    depth = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > MAX_METADATA_DEPTH:
            return False
    return True


def _trafilatura(tree: HtmlElement, url: str | None, with_metadata: bool) -> trafilatura.settings.Document | None:
    # favor_precision and no comments: F1 0.980 / snippets 0.714 on the dev pages, against
    # 0.960 / 0.571 with the defaults and 0.955 / 0.571 with favor_recall. trafilatura copies
    # the tree before it cleans it.
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            favor_precision=True,
            include_comments=False,
            with_metadata=with_metadata,
            # Metadata only: never guess a date from the text (it is read from the page below).
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # noqa: BLE001 - a library failure is "no text", never a crash
        LOGGER.debug("trafilatura failed on %s: %s", url, err)
        return None
    return document if isinstance(document, trafilatura.settings.Document) else None


def _readability(tree: HtmlElement) -> list[str]:
    # No url: readability would spend a third of its time making links absolute.
    try:
        summary = Document(tree).summary(html_partial=True)
        return html_lines(lxml.html.fromstring(summary))
    except Exception as err:  # noqa: BLE001 - readability raises bare Exceptions on odd pages
        LOGGER.debug("readability failed: %s", err)
        return []


def _corroborated(paragraphs: list[str], other: list[str]) -> list[str]:
    """Keep ``paragraphs`` from the first to the last one that ``other`` also contains.

    Dropping the uncorroborated ends raises dev F1 from 0.978 to 0.981. On 8 of the 30 pages it
    drops headlines, bylines, datelines, author initials, "read next:" labels, a share button
    and a comment policy; the only text lost is a standfirst, which the standfirst rule restores.
    """
    tokens = _tokens(" ".join(other))
    other_grams = set(zip(*(tokens[i:] for i in range(_NGRAM))))
    anchors = []
    own = [_tokens(paragraph) for paragraph in paragraphs]
    for index, paragraph_tokens in enumerate(own):
        grams = list(zip(*(paragraph_tokens[i:] for i in range(_NGRAM))))
        if grams and sum(g in other_grams for g in grams) >= _MIN_SHARED * len(grams):
            anchors.append(index)
    total = sum(len(t) for t in own)
    covered = sum(len(own[i]) for i in anchors)
    if not anchors or covered < _MIN_COVERAGE * total:
        return paragraphs
    return paragraphs[anchors[0] : anchors[-1] + 1]


def _teasers(tree: HtmlElement) -> set[tuple[str, ...]]:
    """Token keys of "label: <link>" paragraphs, which point to other articles."""
    keys = set()
    for element in tree.iter("p", "blockquote", "li"):
        links = list(element.iter("a"))
        if not links:
            continue
        text = _clean(element.text_content())
        link_text = _clean(links[-1].text_content())
        if not link_text or not text.endswith(link_text):
            continue
        label = text[: len(text) - len(link_text)]
        if _TEASER_LABEL_END.search(label) and len(_tokens(label)) <= _TEASER_MAX_LABEL_TOKENS:
            keys.add(tuple(_tokens(text)))
    return keys


def _visible_description(tree: HtmlElement) -> str | None:
    """The page's meta description when the body also shows it, as its standfirst.

    Adding it back wins 2 dev snippet pages (a subheadline, a lead paragraph that neither
    library keeps) and costs 0.002 F1: the gold of 2 full pages leaves the standfirst out.
    """
    descriptions = {_clean(d) for d in tree.xpath(_DESCRIPTION_XPATH)} - {""}
    body = tree.find("body")
    if not descriptions or body is None:
        return None
    keys = {" ".join(_tokens(d)) for d in descriptions}
    lengths = [len(d) for d in descriptions]
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in _NOT_TEXT:
            continue
        text = _clean(element.text_content())
        # Tokenise only texts of about the right length: this loop sees every element.
        close = any(abs(len(text) - n) <= n // 10 + 2 for n in lengths)
        if close and " ".join(_tokens(text)) in keys:
            return text
    return None


def _published(tree: HtmlElement) -> datetime | None:
    """The publication time the page declares; a value with a UTC offset wins over a bare date.

    Pages often give both ("DC.date" 2021-04-30 before "article:published_time"
    2021-04-30T11:55:00+02:00), and the offset is what makes the time comparable.
    """
    declared = [str(v) for v in tree.xpath(_PUBLISHED_XPATH)]
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            declared.extend(_json_values(json.loads(script), "datePublished"))
        except (ValueError, RecursionError) as err:
            LOGGER.debug("unreadable JSON-LD: %s", err)
    # A <time> inside the article is the last resort: it may belong to a related story.
    for values in (declared, [str(v) for v in tree.xpath("//article//time/@datetime")]):
        parsed = [p for p in (_parse_datetime(v.strip()) for v in values) if p is not None]
        if parsed:
            return next((p for p in parsed if p.tzinfo is not None), parsed[0])
    return None


def _json_values(data: object, key: str) -> list[str]:
    if isinstance(data, dict):
        found = [data[key]] if isinstance(data.get(key), str) else []
        return found + [v for item in data.values() for v in _json_values(item, key)]
    if isinstance(data, list):
        return [v for item in data for v in _json_values(item, key)]
    return []


def _parse_datetime(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)  # RFC 2822, as in some older feeds and pages
    except (TypeError, ValueError, IndexError):
        return None


def _canonical_url(tree: HtmlElement, url: str | None) -> str | None:
    declared = tree.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content')
    for candidate in declared:
        try:
            absolute = urljoin(url or "", str(candidate).strip())
            parts = urlsplit(absolute)
        except ValueError as err:  # "Invalid IPv6 URL" and the like, in the page or the given url
            LOGGER.debug("unusable canonical URL %r: %s", candidate, err)
            continue
        if parts.scheme in ("http", "https") and parts.netloc:
            return absolute
    return url


def _declared_lang(tree: HtmlElement) -> str | None:
    declared = tree.xpath(
        '/html/@lang | /html/@xml:lang | //meta[@http-equiv="content-language"]/@content'
        ' | //meta[@name="language"]/@content',
        namespaces={"xml": "http://www.w3.org/XML/1998/namespace"},
    )
    for value in declared:
        match = _LANG.match(str(value).strip())
        if match:
            return match.group(1).lower()
    return None


def _hostname(url: str | None) -> str | None:
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _lines(text: str | None) -> list[str]:
    return [line for line in (_clean(raw) for raw in (text or "").split("\n")) if line]


def _clean(text: str) -> str:
    # NFC, as trafilatura's own extract() returns: pages mix composed and decomposed forms of
    # the same letters (Bengali ya with nukta on a dev page), which would not compare equal.
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())
