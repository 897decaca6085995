"""The store seam: everything newsweave keeps goes through this protocol.

One SQL implementation (store/sql.py) serves both backends: SQLite, the embedded default, and
PostgreSQL for shared deployments. Writes are batched: one transaction holds whole articles with
their signals and event assignments, so a killed process leaves either all of an article or none
of it; writers take turns, so concurrent workers neither lose nor duplicate an article.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator, Protocol

import numpy as np

from newsweave.records import Article, Event, EventChange
from newsweave.stages.similarity import ArticleSignals


@dataclass
class StoredArticle:
    """An article ready to store: the record, its signals and the evidence of its event decision."""

    article: Article
    signals: ArticleSignals
    line_keys: list[str]
    event_evidence: dict = field(default_factory=dict)
    # Parallel to article.mentions: how each mention was linked (method, score, context).
    entity_links: list = field(default_factory=list)
    # Every entity the article refers to: id -> (type, display name), created if new.
    entities: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class EventState:
    """Running statistics of one event (Priberam-style incremental sums)."""

    id: str
    title: str
    size: int
    vector_sum: np.ndarray
    first_published: datetime | None
    last_published: datetime | None
    created_at: datetime
    updated_at: datetime
    # Mentions per entity and articles per language, summed over the originals: what storylines
    # compare, kept here so no event's articles are re-read as it grows.
    entities: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class IndexedArticle:
    """What the in-memory index and IDF table are rebuilt from when a store opens."""

    seq: int
    id: str
    event_id: str | None
    vector: np.ndarray
    lexical_buckets: np.ndarray
    entity_ids: list[str] = field(default_factory=list)
    syndicated_of: str | None = None
    published: datetime | None = None


class Store(Protocol):
    def __enter__(self) -> "Store": ...
    def __exit__(self, *exc: object) -> None: ...
    def close(self) -> None: ...
    def index_directory(self) -> Path | None: ...

    # ingest
    def seen_source(self, source: str, content_hash: str) -> bool: ...
    def article_for_hash(self, content_hash: str) -> str | None: ...
    def line_counts(self, outlet: str, keys: Iterable[str]) -> dict[str, int]: ...
    def write_batch(self, articles: list[StoredArticle], events: list[EventState],
                    duplicates: list[tuple[str, str, str]], changes: list[EventChange] = ()) -> list[int | None]: ...
    def done_shards(self, keys: list[str]) -> set[str]: ...
    def mark_shards_done(self, keys: list[str]) -> None: ...

    # entities
    def entity_names(self) -> Iterator[tuple[str, str, str | None, str]]: ...
    def article_entity_mentions(self, skip: int = 0) -> Iterator[list[tuple[str, str | None]]]: ...
    def entities(self) -> list[dict]: ...
    def quotes(self, entity_id: str | None = None) -> list[dict]: ...
    def actions(self, entity_id: str | None = None, action: str | None = None,
                article_ids: list[str] | None = None) -> list[dict]: ...

    # clustering
    def indexed_articles(self, skip: int = 0) -> Iterator[IndexedArticle]: ...
    def signals(self, article_ids: list[str]) -> dict[str, tuple[ArticleSignals, str | None]]: ...
    def as_read_back(self, signals: ArticleSignals) -> ArticleSignals:
        """``signals`` as `signals` would read them back once stored (stored precision)."""
    def event_states(self, event_ids: list[str]) -> dict[str, EventState]: ...
    def event_members(self, event_id: str, limit: int) -> list[tuple[int, str]]: ...
    def event_redirects(self) -> dict[str, str]: ...
    def event_storylines(self) -> list[tuple[str, str | None, datetime | None]]: ...
    def write_storylines(self, assignments: dict[str, str], changes: list[EventChange]) -> None: ...
    def latest_published(self) -> datetime | None: ...
    def syndication_signatures(self, latest: int | None = None) -> Iterator[tuple[str, bytes, str | None]]: ...

    # read
    def count_articles(self) -> int: ...
    def articles(self) -> list[Article]: ...
    def article(self, article_id: str) -> Article | None: ...
    def event_articles(self, event_id: str) -> list[Article]: ...
    def events(self) -> list[Event]: ...
    def sources(self) -> list[tuple[str, str]]: ...
    def event(self, event_id: str) -> Event | None: ...
    def resolve_event_id(self, event_id: str) -> str | None: ...
    def event_evidence(self, event_id: str) -> dict[str, dict]: ...
    def event_history(self, event_id: str) -> list[EventChange]: ...
