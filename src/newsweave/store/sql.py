"""The SQL store (SQLAlchemy Core). SQLite by default; the schema avoids dialect features so a
PostgreSQL URL can share it.

Vectors are float32 blobs; lexical signatures are int32 bucket + float32 weight blobs.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Iterable, Iterator

import numpy as np
import sqlalchemy as sa

from newsweave.errors import StoreError
from newsweave.records import Article, Event, Segment
from newsweave.stages.lexical import LexicalSignature
from newsweave.stages.similarity import ArticleSignals
from newsweave.store.base import EventState, IndexedArticle, StoredArticle

LOGGER = logging.getLogger(__name__)
SCHEMA_VERSION = 1

metadata = sa.MetaData()

articles_table = sa.Table(
    "articles", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(40), nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("lang", sa.String(16)),
    sa.Column("published", sa.String(40)),
    sa.Column("published_from", sa.String(16)),
    sa.Column("author", sa.Text),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("segments", sa.Text, nullable=False),
    sa.Column("removed_lines", sa.Text, nullable=False),
    sa.Column("event_id", sa.String(40), nullable=False, index=True),
    sa.Column("duplicate_of", sa.String(40)),
    sa.Column("event_evidence", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.String(40), nullable=False),
)

signals_table = sa.Table(
    "article_signals", metadata,
    sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("vector", sa.LargeBinary, nullable=False),
    sa.Column("title_vector", sa.LargeBinary, nullable=False),
    sa.Column("lexical_buckets", sa.LargeBinary, nullable=False),
    sa.Column("lexical_weights", sa.LargeBinary, nullable=False),
)

# Every (source, content) pair seen: re-ingesting it is a no-op; a new source with known
# content is an exact duplicate, recorded against the article it repeats.
sources_table = sa.Table(
    "sources", metadata,
    sa.Column("source", sa.Text, primary_key=True),
    sa.Column("content_hash", sa.String(64), primary_key=True),
    sa.Column("article_id", sa.String(40), nullable=False, index=True),
)

events_table = sa.Table(
    "events", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("vector_sum", sa.LargeBinary, nullable=False),
    sa.Column("first_published", sa.String(40)),
    sa.Column("last_published", sa.String(40)),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

# How often a line (by normalised key) appeared in articles of one outlet: boilerplate repeats.
line_stats_table = sa.Table(
    "line_stats", metadata,
    sa.Column("outlet", sa.Text, primary_key=True),
    sa.Column("line_key", sa.String(40), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
)

meta_table = sa.Table(
    "meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _from_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _vector(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SqlStore:
    """Store on any SQLAlchemy URL. Use as a context manager, or call close()."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self._engine = sa.create_engine(url, future=True)
            if self._engine.dialect.name == "sqlite":
                sa.event.listen(self._engine, "connect", _sqlite_pragmas)
            metadata.create_all(self._engine)
            self._check_schema_version()
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot open the store {url}: {error.__class__.__name__}: "
                             f"{str(error.orig) if hasattr(error, 'orig') else error}") from None

    def _check_schema_version(self) -> None:
        with self._engine.begin() as conn:
            row = conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")).first()
            if row is None:
                conn.execute(meta_table.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
            elif int(row.value) != SCHEMA_VERSION:
                raise StoreError(f"{self.url} has schema version {row.value}, this newsweave needs "
                                 f"{SCHEMA_VERSION}: export with the older version and import here")

    def __enter__(self) -> "SqlStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._engine.dispose()

    # ---- ingest -------------------------------------------------------------------------
    def seen_source(self, source: str, content_hash: str) -> bool:
        with self._engine.connect() as conn:
            return conn.execute(sa.select(sources_table.c.article_id).where(
                sources_table.c.source == source, sources_table.c.content_hash == content_hash)).first() is not None

    def article_for_hash(self, content_hash: str) -> str | None:
        with self._engine.connect() as conn:
            return conn.execute(sa.select(articles_table.c.id).where(
                articles_table.c.content_hash == content_hash)).scalar()

    def line_counts(self, outlet: str, keys: Iterable[str]) -> dict[str, int]:
        keys = list(set(keys))
        if not keys:
            return {}
        with self._engine.connect() as conn:
            rows = conn.execute(sa.select(line_stats_table.c.line_key, line_stats_table.c.count).where(
                line_stats_table.c.outlet == outlet, line_stats_table.c.line_key.in_(keys)))
            return {row.line_key: row.count for row in rows}

    def write_batch(self, articles: list[StoredArticle], events: list[EventState],
                    duplicates: list[tuple[str, str, str]]) -> list[int]:
        """Store articles, their signals, event states and duplicate sightings in one transaction."""
        seqs: list[int] = []
        with self._engine.begin() as conn:
            for stored in articles:
                a = stored.article
                result = conn.execute(articles_table.insert().values(
                    id=a.id, source=a.source, url=a.url, outlet=a.outlet, title=a.title, text=a.text,
                    lang=a.lang, published=_iso(a.published), published_from=a.published_from,
                    author=a.author, content_hash=a.content_hash,
                    segments=json.dumps([asdict(s) for s in a.segments], ensure_ascii=False),
                    removed_lines=json.dumps(a.removed_lines, ensure_ascii=False),
                    event_id=a.event_id, duplicate_of=a.duplicate_of,
                    event_evidence=json.dumps(stored.event_evidence), ingested_at=_now()))
                seqs.append(int(result.inserted_primary_key[0]))
                s = stored.signals
                conn.execute(signals_table.insert().values(
                    article_id=a.id, vector=s.vector.astype(np.float32).tobytes(),
                    title_vector=s.title_vector.astype(np.float32).tobytes(),
                    lexical_buckets=s.lexical.buckets.astype(np.int32).tobytes(),
                    lexical_weights=s.lexical.weights.astype(np.float32).tobytes()))
                conn.execute(sources_table.insert().values(source=a.source, content_hash=a.content_hash,
                                                           article_id=a.id))
                if a.outlet:
                    self._count_lines(conn, a.outlet, stored.line_keys)
            for source, content_hash, article_id in duplicates:
                conn.execute(sources_table.insert().values(source=source, content_hash=content_hash,
                                                           article_id=article_id))
            for event in events:
                values = dict(title=event.title, size=event.size,
                              vector_sum=event.vector_sum.astype(np.float32).tobytes(),
                              first_published=_iso(event.first_published),
                              last_published=_iso(event.last_published),
                              updated_at=_iso(event.updated_at))
                updated = conn.execute(events_table.update().where(events_table.c.id == event.id).values(**values))
                if updated.rowcount == 0:
                    conn.execute(events_table.insert().values(id=event.id, created_at=_iso(event.created_at),
                                                              **values))
        return seqs

    @staticmethod
    def _count_lines(conn: sa.Connection, outlet: str, keys: list[str]) -> None:
        for key in set(keys):
            updated = conn.execute(line_stats_table.update().where(
                line_stats_table.c.outlet == outlet, line_stats_table.c.line_key == key).values(
                count=line_stats_table.c.count + 1))
            if updated.rowcount == 0:
                conn.execute(line_stats_table.insert().values(outlet=outlet, line_key=key, count=1))

    def sources(self) -> list[tuple[str, str]]:
        """Every (source, content hash) seen, including exact duplicates."""
        with self._engine.connect() as conn:
            return [(row.source, row.content_hash) for row in conn.execute(sa.select(sources_table))]

    # ---- clustering ---------------------------------------------------------------------
    def indexed_articles(self) -> Iterator[IndexedArticle]:
        query = sa.select(articles_table.c.seq, articles_table.c.id, articles_table.c.event_id,
                          signals_table.c.vector, signals_table.c.lexical_buckets).join(
            signals_table, signals_table.c.article_id == articles_table.c.id).order_by(articles_table.c.seq)
        with self._engine.connect() as conn:
            for row in conn.execution_options(yield_per=2000).execute(query):
                yield IndexedArticle(seq=row.seq, id=row.id, event_id=row.event_id, vector=_vector(row.vector),
                                     lexical_buckets=np.frombuffer(row.lexical_buckets, dtype=np.int32))

    def signals(self, article_ids: list[str]) -> dict[str, tuple[ArticleSignals, str | None]]:
        if not article_ids:
            return {}
        query = sa.select(signals_table, articles_table.c.published, articles_table.c.event_id).join(
            articles_table, signals_table.c.article_id == articles_table.c.id).where(
            signals_table.c.article_id.in_(article_ids))
        with self._engine.connect() as conn:
            return {row.article_id: (ArticleSignals(
                vector=_vector(row.vector), title_vector=_vector(row.title_vector),
                lexical=LexicalSignature(np.frombuffer(row.lexical_buckets, dtype=np.int32),
                                         np.frombuffer(row.lexical_weights, dtype=np.float32)),
                published=_from_iso(row.published)), row.event_id) for row in conn.execute(query)}

    def event_states(self, event_ids: list[str]) -> dict[str, EventState]:
        if not event_ids:
            return {}
        with self._engine.connect() as conn:
            rows = conn.execute(sa.select(events_table).where(events_table.c.id.in_(event_ids)))
            return {row.id: EventState(
                id=row.id, title=row.title, size=row.size, vector_sum=_vector(row.vector_sum).copy(),
                first_published=_from_iso(row.first_published), last_published=_from_iso(row.last_published),
                created_at=_from_iso(row.created_at), updated_at=_from_iso(row.updated_at)) for row in rows}

    # ---- read ---------------------------------------------------------------------------
    def count_articles(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(articles_table)).scalar() or 0)

    def _select_articles(self, where=None) -> list[Article]:
        query = sa.select(articles_table).order_by(articles_table.c.seq)
        if where is not None:
            query = query.where(where)
        with self._engine.connect() as conn:
            return [Article(
                id=row.id, source=row.source, title=row.title, text=row.text, lang=row.lang,
                content_hash=row.content_hash, url=row.url, outlet=row.outlet, author=row.author,
                published=_from_iso(row.published), published_from=row.published_from,
                segments=[Segment(**s) for s in json.loads(row.segments)],
                removed_lines=json.loads(row.removed_lines), event_id=row.event_id,
                duplicate_of=row.duplicate_of) for row in conn.execute(query)]

    def articles(self) -> list[Article]:
        return self._select_articles()

    def article(self, article_id: str) -> Article | None:
        found = self._select_articles(articles_table.c.id == article_id)
        return found[0] if found else None

    def event_articles(self, event_id: str) -> list[Article]:
        return self._select_articles(articles_table.c.event_id == event_id)

    def events(self) -> list[Event]:
        members: dict[str, list[Article]] = {}
        for a in self.articles():
            members.setdefault(a.event_id, []).append(a)
        with self._engine.connect() as conn:
            rows = list(conn.execute(sa.select(events_table)))
        events = [self._event(row, members.get(row.id, [])) for row in rows]
        return sorted(events, key=lambda e: (-e.size, e.id))

    def event(self, event_id: str) -> Event | None:
        with self._engine.connect() as conn:
            row = conn.execute(sa.select(events_table).where(events_table.c.id == event_id)).first()
        if row is None:
            return None
        return self._event(row, self.event_articles(event_id))

    @staticmethod
    def _event(row, members: list[Article]) -> Event:
        return Event(id=row.id, title=row.title, size=row.size,
                     languages=sorted({a.lang for a in members if a.lang}),
                     first_seen=_from_iso(row.first_published), last_seen=_from_iso(row.last_published),
                     article_ids=[a.id for a in members])

    def event_evidence(self, event_id: str) -> dict[str, dict]:
        with self._engine.connect() as conn:
            rows = conn.execute(sa.select(articles_table.c.id, articles_table.c.event_evidence).where(
                articles_table.c.event_id == event_id).order_by(articles_table.c.seq))
            return {row.id: json.loads(row.event_evidence) for row in rows}


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL: readers never block the writer and a killed writer loses nothing committed.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
