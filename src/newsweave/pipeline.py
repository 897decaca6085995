"""The per-article stages, in order: extract -> clean -> language -> date -> hash, then
(batched) embed + lexical signature. Event assignment is the engine's order-dependent step.
"""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Callable

from newsweave.errors import BadInput
from newsweave.records import Article, Mention, RawDoc
from newsweave.stages import lexical, syndication
from newsweave.stages.clean import clean_text, line_key
from newsweave.stages.dates import date_from_text
from newsweave.stages.embed import Embedder, lead_text
from newsweave.stages.extract import extract_html
from newsweave.stages.language import detect_language, language_segments, script_of
from newsweave.stages.mentions import CorpusNames, find_mentions, with_corpus_names
from newsweave.stages.quotes import find_quotes
from newsweave.stages.similarity import ArticleSignals
from newsweave.stages.timex import find_dates

LOGGER = logging.getLogger(__name__)

# A line seen in this many earlier articles of the same outlet is that outlet's boilerplate.
REPEATED_LINE_MIN_COUNT = 2
# Below this many letters there is no article left to cluster.
MIN_LETTERS = 20
# A body longer than any news article (100,000 characters is ~15,000 words; long-form features run
# to ~10,000) is a book, a dump or an attack: every stage reads it in about 6 s a megabyte, so only
# this much is read (cut at a line break, logged). Limits in docs/reliability.md.
MAX_BODY_CHARS = 100_000
MAX_TITLE_CHARS = 1_000

RepeatedLines = Callable[[str, list[str]], set[str]]


@dataclass
class Prepared:
    """An article before its event, with the line keys its outlet's statistics count and, when
    a worker prepared it, its signals."""

    article: Article
    line_keys: list[str]
    signals: ArticleSignals | None = None


@dataclass(frozen=True)
class Page:
    """A document's title and body text with its metadata: what extraction leaves of a RawDoc."""

    source: str
    title: str | None
    body: str
    outlet: str | None
    url: str | None
    author: str | None
    published: datetime | None
    declared_lang: str | None


def prepare(raw: RawDoc, repeated_lines: RepeatedLines | None = None,
            corpus_names: CorpusNames | None = None) -> Prepared:
    """Run the per-article stages on one raw document. Raises BadInput when nothing usable is left."""
    prepared = prepare_page(read_page(raw), repeated_lines)
    return with_corpus(prepared, corpus_names) if corpus_names is not None else prepared


def read_page(raw: RawDoc) -> Page:
    """Main text and metadata of a raw document: HTML extracted, a text file's title split off."""
    title, body, outlet, url = raw.title, raw.text or "", raw.outlet, raw.url
    author, published, declared_lang = raw.author, raw.published, raw.lang
    if raw.html is not None:
        page = extract_html(raw.html, raw.source, raw.url)
        title = title or page.title
        body = page.text
        outlet, url, author = outlet or page.outlet, url or page.url, author or page.author
        published = published or page.published
        declared_lang = declared_lang or None  # <html lang> is often a site default: trust the text
    elif title is None:
        lines = [line for line in body.split("\n")]
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None:
            raise BadInput(raw.source, "no text: the file is empty after its title")
        title, body = lines[first].strip(), "\n".join(lines[first + 1:])
    return Page(source=raw.source, title=title, body=body, outlet=outlet, url=url, author=author,
                published=published, declared_lang=declared_lang)


def prepare_page(page: Page, repeated_lines: RepeatedLines | None = None) -> Prepared:
    """The stages after extraction. What earlier articles taught comes in through
    ``repeated_lines`` (an outlet's boilerplate) and, afterwards, `with_corpus` (known names)."""
    title, body, outlet, url, author = page.title, page.body, page.outlet, page.url, page.author
    published, declared_lang = page.published, page.declared_lang
    # NUL is no text in any language, and PostgreSQL cannot store it.
    title, body = " ".join((title or "").replace("\x00", "").split())[:MAX_TITLE_CHARS], body.replace("\x00", "")
    body = _capped(body, page.source)
    keys = [line_key(line) for line in body.split("\n") if line.strip()]
    repeated = repeated_lines(outlet, keys) if (outlet and repeated_lines) else set()
    lang = declared_lang or detect_language(f"{title}\n{body}")[0]
    cleaned = clean_text(body, title=title, lang=lang, repeated_keys=repeated)
    text = cleaned.text.strip()
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        raise BadInput(page.source, "no article text left after removing site chrome (is it a listing or an error page?)")
    if not declared_lang:
        lang = detect_language(f"{title}\n{text}")[0] or lang
    published_from = "metadata" if published else None
    if published is None:
        published = date_from_text(text, lang)
        published_from = "text" if published else None
    mentions = optional_stage("mentions", page.source, lambda: find_mentions(text, lang))
    quotes = optional_stage("quotes", page.source, lambda: find_quotes(text, lang, mentions))
    # Title mentions go after the text's, so quotes' speaker indices stay valid.
    mentions += [replace(m, in_title=True) for m in
                 optional_stage("mentions", page.source, lambda: find_mentions(title, lang))]
    # Captions in another language, which cleaning removes from the text, still name people in
    # their own script (a Hebrew photo caption under a French article): their names count.
    segments = language_segments(text, cleaned.removed, lang)
    mentions += [replace(m, in_caption=True) for segment in segments if segment.removed and segment.foreign
                 for m in optional_stage("mentions", page.source,
                                         lambda: find_mentions(segment.text, segment.lang))]
    anchor = published.date() if published else None
    dates = optional_stage("dates", page.source, lambda: find_dates(text, lang, anchor))
    content_hash = hash_content(title, text)
    article = Article(
        id=content_hash[:16], source=page.source, title=title or text.split("\n", 1)[0][:120], text=text,
        lang=lang, content_hash=content_hash, url=url, outlet=outlet, author=author,
        published=published, published_from=published_from,
        segments=segments, removed_lines=cleaned.removed,
        mentions=mentions, quotes=quotes, dates=dates)
    return Prepared(article=article, line_keys=keys)


def _capped(body: str, source: str) -> str:
    """``body`` cut at the last line break before MAX_BODY_CHARS, if it is longer."""
    if len(body) <= MAX_BODY_CHARS:
        return body
    cut = body.rfind("\n", 0, MAX_BODY_CHARS)
    LOGGER.warning("%s: %d characters, more than any news article: only the first %d are read", source,
                   len(body), MAX_BODY_CHARS)
    return body[:cut if cut > MAX_BODY_CHARS // 2 else MAX_BODY_CHARS]


def with_corpus(prepared: Prepared, corpus_names: CorpusNames) -> Prepared:
    """``prepared`` with the names the corpus has taught found in its text and title (captions
    keep their own), and its quotes found again if the text's mentions changed: the one
    mention step that reads the corpus, so it runs where the corpus is current."""
    article = prepared.article
    text_mentions = [m for m in article.mentions if not (m.in_title or m.in_caption)]
    title_mentions = [m for m in article.mentions if m.in_title]
    captions = [m for m in article.mentions if m.in_caption]

    def taught(text: str, mentions: list[Mention]) -> list[Mention]:
        return optional_stage("mentions", article.source,
                              lambda: with_corpus_names(text, article.lang, mentions, corpus_names)) or mentions

    found = taught(article.text, text_mentions)
    in_title = [replace(m, in_title=True) for m in taught(article.title, title_mentions)]
    if found == text_mentions and in_title == title_mentions:
        return prepared
    quotes = article.quotes if found == text_mentions else optional_stage(
        "quotes", article.source, lambda: find_quotes(article.text, article.lang, found))
    return replace(prepared, article=replace(article, mentions=found + in_title + captions, quotes=quotes))


def optional_stage(name: str, source: str, run: Callable[[], list]) -> list:
    """Mentions, quotes, dates and actions enrich an article; a failure in one of them must not lose it."""
    try:
        return run()
    except Exception as error:
        LOGGER.warning("%s: %s stage failed (%s: %s); stored without %s", source, name,
                       error.__class__.__name__, error, name)
        return []


def hash_content(title: str, text: str) -> str:
    """SHA-256 of the normalised title and text: the same article from any input has one hash."""
    normal = unicodedata.normalize("NFC", f"{title}\n{text}")
    return hashlib.sha256(" ".join(normal.split()).encode("utf-8")).hexdigest()


def compute_signals(articles: list[Article], embedder: Embedder) -> list[ArticleSignals]:
    """Embeddings (batched), lexical and near-duplicate signatures for a batch of articles."""
    vectors = embedder.encode([lead_text(a.title, a.text) for a in articles])
    title_vectors = embedder.encode([a.title or a.text[:200] for a in articles])
    return [ArticleSignals(vector=v, title_vector=t, lexical=lexical.signature(lead_text(a.title, a.text)),
                           published=a.published, script=script_of(lead_text(a.title, a.text)), lang=a.lang,
                           minhash=syndication.signature(a.text))
            for a, v, t in zip(articles, vectors, title_vectors)]
