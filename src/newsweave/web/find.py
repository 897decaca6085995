"""Search for the web UI: newsweave.search (the HTTP API's full-text index and semantic index)
when it is importable, else a small fallback over engine.articles().

Fallback:
- text: every query word (case, accents and Arabic/Hebrew vowel marks ignored) in the title
  (ranked first) or the text;
- semantic: cosine between the query and the titles, embedded with the engine's embedder, in the
  languages the embedder covers (a French query finds Arabic titles).
"""

from __future__ import annotations

import importlib
import logging
import threading
import unicodedata

import numpy as np

from newsweave.stages.points import embedded_lang

LOGGER = logging.getLogger(__name__)

MODES = ("text", "semantic")
LIMIT = 30
# The fallback's semantic mode embeds titles per query: bound the work on a large store (the
# search module, with stored vectors, has no such limit).
SEMANTIC_FALLBACK_MAX = 5000
_INDEX_LOCK = threading.Lock()


def fold(text: str) -> str:
    """Lower case without combining marks: "Élysée" ~ "elysee", "غَانتس" ~ "غانتس"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")


def search_module():
    """newsweave.search when it offers what the UI calls, else None."""
    try:
        module = importlib.import_module("newsweave.search")
    except ImportError:
        return None
    needed = ("text_search", "SemanticIndex", "ArticleFilter")
    return module if all(hasattr(module, name) for name in needed) else None


def semantic_index(state, engine):
    """The app's SemanticIndex: `app.state.semantic`, the one the HTTP API keeps (created here
    when the app has none)."""
    module = search_module()
    if module is None:
        return None
    with _INDEX_LOCK:
        index = getattr(state, "semantic", None) if state is not None else None
        if index is None:
            index = module.SemanticIndex(engine.store)
            if state is not None:
                state.semantic = index
    return index


def search(engine, query: str, mode: str = "text", lang: str | None = None, *, state=None,
           limit: int = LIMIT) -> tuple[list[dict], int, str]:
    """Matching articles, best first, as rows {"id", "title", "lang", "published", "outlet",
    "source", "event_id", "score", "snippet"}; the number of matches; which implementation answered."""
    query = query.strip()
    if not query:
        return [], 0, "none"
    module = search_module()
    if module is not None:
        where = module.ArticleFilter(lang=lang)
        if mode == "semantic":
            vector = engine.read_embedder.encode([query])[0]
            page = semantic_index(state, engine).search(vector, where, limit=limit)
        else:
            page = module.text_search(engine.store, query, where, limit=limit)
        rows = [{"id": h.id, "title": h.title, "lang": h.lang, "published": h.published, "outlet": h.outlet,
                 "source": h.source, "event_id": h.event_id, "score": h.score, "snippet": h.snippet}
                for h in page.hits]
        return rows, page.total, "newsweave.search"
    articles = [a for a in engine.articles() if not lang or a.lang == lang]
    found = _semantic(engine, articles, query, limit) if mode == "semantic" else _text(articles, query)
    rows = [{"id": a.id, "title": a.title, "lang": a.lang, "published": a.published, "outlet": a.outlet,
             "source": a.source, "event_id": a.event_id, "score": score, "snippet": _lead(a.text)}
            for a, score in found[:limit]]
    return rows, len(found), "fallback"


def _lead(text: str | None, chars: int = 240) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= chars else text[:chars].rsplit(" ", 1)[0] + "…"


def _text(articles, query: str) -> list:
    words = fold(query).split()
    ranked = []
    for order, article in enumerate(articles):
        title, text = fold(article.title or ""), fold(article.text or "")
        if all(w in title or w in text for w in words):
            ranked.append((-sum(w in title for w in words), order, article))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [(article, float(-key)) for key, _, article in ranked]


def _semantic(engine, articles, query: str, limit: int) -> list:
    articles = [a for a in articles if a.title and embedded_lang(a.lang)][-SEMANTIC_FALLBACK_MAX:]
    if not articles:
        return []
    vectors = engine.read_embedder.encode([query] + [a.title for a in articles])
    scores = vectors[1:] @ vectors[0]
    best = np.argsort(-scores, kind="stable")[:limit]
    return [(articles[i], round(float(scores[i]), 3)) for i in best]
