"""The SQL store (SQLAlchemy Core), on SQLite (the default) and PostgreSQL alike: the schema and
queries avoid dialect features; what differs (driver, writers' lock) is in _lock_writers and
store/postgres.py.

Article vectors are float16 blobs by default (half the bytes; the loss on `eval pairs` is in the
README), or float32 with NEWSWEAVE_VECTORS=float32; each blob says which it is, so stores written
either way read alike. Event vector sums stay float32; lexical signatures are int32 bucket +
float32 weight blobs.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import logging
import os
from collections import Counter
from dataclasses import asdict, replace
from datetime import datetime, timezone
from pathlib import Path
from collections.abc import Collection, Generator
from typing import Iterable, Iterator

import numpy as np
import sqlalchemy as sa

from newsweave.errors import StoreError
from newsweave.records import ActionRecord, Article, DateMention, Event, EventChange, Mention, Quote, Segment
from newsweave.stages import syndication
from newsweave.stages.instance import InstanceFacts
from newsweave.stages.lexical import LexicalSignature
from newsweave.stages.similarity import ArticleSignals
from newsweave.store.base import EventState, IndexedArticle, StoredArticle
from newsweave.store import postgres

LOGGER = logging.getLogger(__name__)
SCHEMA_VERSION = 3

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
    sa.Column("syndicated_of", sa.String(40), index=True),
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
    sa.Column("script", sa.String(16), nullable=False),
    sa.Column("minhash", sa.LargeBinary),
    sa.Column("instance", sa.Text),  # JSON InstanceFacts (stages/instance.py)
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
    sa.Column("merged_into", sa.String(40), index=True),  # absorbed by that event: its id redirects there
    sa.Column("entity_counts", sa.Text),  # JSON {entity id: mentions} over the event's originals
    sa.Column("languages", sa.Text),  # JSON {lang: articles}
    sa.Column("storyline_id", sa.String(48), index=True),
)

# Every merge, split, opening and late join, in order.
event_history_table = sa.Table(
    "event_history", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(40), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("other_event_id", sa.String(40)),
    sa.Column("article_ids", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
)

# How often a line (by normalised key) appeared in articles of one outlet: boilerplate repeats.
line_stats_table = sa.Table(
    "line_stats", metadata,
    sa.Column("outlet", sa.Text, primary_key=True),
    sa.Column("line_key", sa.String(40), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
)

entities_table = sa.Table(
    "entities", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("type", sa.String(8), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
)

entity_variants_table = sa.Table(
    "entity_variants", metadata,
    sa.Column("entity_id", sa.String(64), sa.ForeignKey("entities.id"), primary_key=True),
    sa.Column("text", sa.Text, primary_key=True),
    sa.Column("lang", sa.String(16), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
)

# One row per name mention, with the evidence of its link to an entity.
mentions_table = sa.Table(
    "mentions", metadata,
    sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("type", sa.String(8), nullable=False),
    sa.Column("lang", sa.String(16)),
    sa.Column("cue", sa.Text),
    sa.Column("role", sa.Text),
    sa.Column("entity_id", sa.String(64), index=True),
    sa.Column("link_method", sa.Text),
    sa.Column("link_score", sa.Float),
    sa.Column("link_context", sa.Text),
    sa.Column("in_title", sa.Boolean, nullable=False, default=False),
    sa.Column("in_caption", sa.Boolean),
)

quotes_table = sa.Table(
    "quotes", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id"), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("lang", sa.String(16)),
    sa.Column("speaker_start", sa.Integer),
    sa.Column("speaker_end", sa.Integer),
    sa.Column("speaker_text", sa.Text),
    sa.Column("speaker_mention", sa.Integer),
    sa.Column("speaker_entity_id", sa.String(64), index=True),
)

article_dates_table = sa.Table(
    "article_dates", metadata,
    sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("start", sa.Integer, primary_key=True),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("value", sa.String(10), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
)

# Who did what to whom, where, when (stages/actions), each with its evidence sentence.
actions_table = sa.Table(
    "actions", metadata,
    sa.Column("article_id", sa.String(40), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("action", sa.String(16), nullable=False, index=True),
    sa.Column("actor_entity_id", sa.String(64), nullable=False, index=True),
    sa.Column("actor_text", sa.Text, nullable=False),
    sa.Column("target_entity_id", sa.String(64), index=True),
    sa.Column("target_text", sa.Text),
    sa.Column("place_entity_id", sa.String(64)),
    sa.Column("place_text", sa.Text),
    sa.Column("date", sa.String(10)),
    sa.Column("date_source", sa.String(16)),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("lang", sa.String(16)),
    sa.Column("cue", sa.Text, nullable=False),
)

# Input shards a distributed ingest finished (newsweave.distributed): skipped when it runs again.
shards_table = sa.Table(
    "ingested_shards", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("done_at", sa.String(40), nullable=False),
)

meta_table = sa.Table(
    "meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)


# Columns added to existing tables, by the schema version that added them.
ADDED_COLUMNS = {
    2: (articles_table.c.syndicated_of, signals_table.c.minhash, events_table.c.merged_into,
        events_table.c.storyline_id, events_table.c.entity_counts, events_table.c.languages,
        mentions_table.c.in_caption),
    3: (signals_table.c.instance,),
}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _from_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


VECTORS_ENV = "NEWSWEAVE_VECTORS"
# Starts a float16 blob: a float32 NaN, which no stored vector holds, so float32 blobs (all
# stores before float16) never start with it.
_FLOAT16_MARK = np.array([np.nan], dtype=np.float32).tobytes()


def vector_blob(vector: np.ndarray, compact: bool | None = None) -> bytes:
    """An article vector as stored: float16 unless ``compact`` is False or NEWSWEAVE_VECTORS=float32."""
    if compact is None:
        compact = os.environ.get(VECTORS_ENV, "float16") != "float32"
    if compact:
        return _FLOAT16_MARK + vector.astype(np.float16).tobytes()
    return vector.astype(np.float32).tobytes()


def blob_vector(blob: bytes) -> np.ndarray:
    """A stored vector (float16 or float32 blob) as float32."""
    if blob[:4] == _FLOAT16_MARK:
        return np.frombuffer(blob, dtype=np.float16, offset=4).astype(np.float32)
    return np.frombuffer(blob, dtype=np.float32)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# What a database error means for the user, by a phrase of the driver's message.
_ADVICE = {
    "readonly database": "the database file is read-only: make it writable, or give another --db",
    "read-only": "the database is read-only: make it writable, or give another --db",
    "database is locked": "another process holds the database's write lock: wait for it to finish, then run again",
    "disk is full": "the disk is full: free some space, then run again",
    "no space left": "the disk is full: free some space, then run again",
    "could not extend file": "the disk is full: free some space, then run again",
}


def _store_error(url: str, error: sa.exc.SQLAlchemyError, what: str = "failed") -> StoreError:
    """One line for a database error: what happened, and what to do. A failed write transaction
    was rolled back: everything committed before it is kept."""
    detail = " ".join(str(getattr(error, "orig", None) or error).split())[:300]
    advice = next((text for phrase, text in _ADVICE.items() if phrase in detail.lower()), None)
    kept = "; everything committed before is kept" if what == "failed" else ""
    return StoreError(f"the store {url} {what} ({error.__class__.__name__}: {detail})"
                      f"{': ' + advice if advice else ''}{kept}")


def store_errors(function):
    """``function`` (of a store and more: a store method, a search) raising StoreError, never a
    driver's error, also from the generator it returns."""
    @functools.wraps(function)
    def call(store, *args, **kwargs):
        try:
            result = function(store, *args, **kwargs)
        except sa.exc.SQLAlchemyError as error:
            raise _store_error(store.url, error) from None
        return _iterating(store.url, result) if isinstance(result, Generator) else result
    return call


def _translating_errors(cls: type) -> type:
    for name, member in list(vars(cls).items()):
        if inspect.isfunction(member) and not name.startswith("_"):
            setattr(cls, name, store_errors(member))
    return cls


def _iterating(url: str, rows: Generator):
    try:
        yield from rows
    except sa.exc.SQLAlchemyError as error:
        raise _store_error(url, error) from None


@_translating_errors
class SqlStore:
    """Store on any SQLAlchemy URL. Use as a context manager, or call close()."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            parsed = sa.make_url(postgres.normalise_url(url))
            postgresql = parsed.get_backend_name() == "postgresql"
            self._engine = sa.create_engine(parsed, **(postgres.engine_options() if postgresql else {}))
            if self._engine.dialect.name == "sqlite":
                sa.event.listen(self._engine, "connect", _sqlite_pragmas)
            with self._engine.begin() as conn:
                # Processes opening a new store at once would race to create its tables.
                _lock_writers(conn)
                if postgresql:
                    postgres.check_database(conn)
                metadata.create_all(conn)
                self._check_schema_version(conn)
        except sa.exc.SQLAlchemyError as error:
            raise _store_error(url, error, "cannot be opened") from None
        except ImportError as error:
            raise StoreError(f"cannot open the store {url}: its database driver is missing ({error})") from None

    def _check_schema_version(self, conn: sa.Connection) -> None:
        row = conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")).first()
        if row is None:
            conn.execute(meta_table.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
        elif int(row.value) < SCHEMA_VERSION:
            self._migrate(conn, int(row.value))
        elif int(row.value) > SCHEMA_VERSION:
            raise StoreError(f"{self.url} has schema version {row.value}, newer than this newsweave's "
                             f"{SCHEMA_VERSION}: upgrade newsweave")

    def _migrate(self, conn: sa.Connection, version: int) -> None:
        """Bring an older store up to date in place: new tables exist already (create_all), new
        columns are added empty (articles stored before them have no near-duplicate signature)."""
        for added in range(version + 1, SCHEMA_VERSION + 1):
            for column in ADDED_COLUMNS.get(added, ()):
                table = column.table
                conn.execute(sa.text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" '
                                     f'{column.type.compile(dialect=conn.dialect)}'))
                for index in table.indexes:
                    if column.name in index.columns:
                        index.create(conn)
        conn.execute(meta_table.update().where(meta_table.c.key == "schema_version").values(value=str(SCHEMA_VERSION)))
        LOGGER.info("%s: migrated the store from schema version %s to %s", self.url, version, SCHEMA_VERSION)

    def index_directory(self) -> Path | None:
        """Where the clusterer saves its vector index: beside a SQLite file; for PostgreSQL (whose
        clients may run anywhere) under $NEWSWEAVE_INDEX_DIR, else the user cache, one
        directory per database. None for an in-memory database."""
        url = self._engine.url
        if url.get_backend_name() == "sqlite":
            database = url.database or ""
            if url.query.get("uri") == "true":  # sqlite:///file:PATH?mode=ro&uri=true names PATH
                database = database.removeprefix("file:")
            return Path(database + ".index") if database and database != ":memory:" else None
        root = Path(os.environ.get("NEWSWEAVE_INDEX_DIR") or
                    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsweave" / "index")
        where = hashlib.sha256(f"{url.host}:{url.port}/{url.database}".encode()).hexdigest()[:12]
        return root / f"{url.database}-{where}"

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
                    duplicates: list[tuple[str, str, str]], changes: list[EventChange] = ()) -> list[int | None]:
        """Store articles, their signals, event states, event merges and splits, and duplicate
        sightings in one transaction. Returns each article's seq, None where another process had
        stored the same content meanwhile: that article is kept as a sighting of the stored one."""
        with self._engine.begin() as conn:
            # Writers take turns, and each re-checks under the lock what the engine looked up before:
            # simpler than savepoints and retries, and batch writes are a small part of ingest time.
            _lock_writers(conn)
            hashes = [stored.article.content_hash for stored in articles]
            stored_meanwhile = {row.content_hash: row.id for row in conn.execute(sa.select(
                articles_table.c.content_hash, articles_table.c.id).where(articles_table.c.content_hash.in_(hashes)))}
            sightings = list(duplicates)
            new: list[StoredArticle] = []
            for stored in articles:
                a = stored.article
                sightings.append((a.source, a.content_hash, stored_meanwhile.get(a.content_hash, a.id)))
                if a.content_hash not in stored_meanwhile:
                    new.append(stored)
            # executemany throughout: one statement per table and batch, not one per row.
            seq_of: dict[str, int] = {}
            if new:
                conn.execute(articles_table.insert(), [self._article_row(stored) for stored in new])
                conn.execute(signals_table.insert(), [self._signals_row(stored) for stored in new])
                seq_of = dict(conn.execute(sa.select(articles_table.c.id, articles_table.c.seq).where(
                    articles_table.c.id.in_([stored.article.id for stored in new]))).all())
                self._write_entities(conn, new)
                _add_counts(conn, line_stats_table, ("line_key", "outlet"), Counter(
                    (key, stored.article.outlet) for stored in new if stored.article.outlet
                    for key in set(stored.line_keys)))
            seqs = [None if stored.article.content_hash in stored_meanwhile else int(seq_of[stored.article.id])
                    for stored in articles]
            self._write_sightings(conn, sightings)
            for event in events:
                values = dict(title=event.title, size=event.size,
                              vector_sum=vector_blob(event.vector_sum, compact=False),
                              first_published=_iso(event.first_published),
                              last_published=_iso(event.last_published),
                              updated_at=_iso(event.updated_at), merged_into=None,
                              entity_counts=json.dumps(event.entities), languages=json.dumps(event.languages))
                updated = conn.execute(events_table.update().where(events_table.c.id == event.id).values(**values))
                if updated.rowcount == 0:
                    conn.execute(events_table.insert().values(id=event.id, created_at=_iso(event.created_at),
                                                              **values))
            for change in changes:
                self._apply_change(conn, change)
        return seqs

    @staticmethod
    def _write_sightings(conn: sa.Connection, sightings: list[tuple[str, str, str]]) -> None:
        """Record each (source, content hash, article) once: a source can repeat within one run,
        and another process may have recorded it meanwhile."""
        new = {(source, content_hash): article_id for source, content_hash, article_id in sightings}
        sources = list({source for source, _ in new})
        known = {(row.source, row.content_hash) for row in conn.execute(sa.select(
            sources_table.c.source, sources_table.c.content_hash).where(sources_table.c.source.in_(sources)))}
        rows = [dict(source=source, content_hash=content_hash, article_id=article_id)
                for (source, content_hash), article_id in new.items() if (source, content_hash) not in known]
        if rows:
            conn.execute(sources_table.insert(), rows)

    @staticmethod
    def _apply_change(conn: sa.Connection, change: EventChange) -> None:
        if change.kind == "absorbed":
            survivor = change.other_event_id
            conn.execute(articles_table.update().where(articles_table.c.event_id == change.event_id)
                         .values(event_id=survivor))
            conn.execute(events_table.update().where(sa.or_(
                events_table.c.id == change.event_id, events_table.c.merged_into == change.event_id))
                .values(merged_into=survivor))
            if conn.execute(sa.select(events_table.c.id).where(events_table.c.id == change.event_id)).first() is None:
                # Opened and absorbed within one batch: its id must still redirect.
                at = _iso(change.at)
                conn.execute(events_table.insert().values(id=change.event_id, title="", size=0, vector_sum=b"",
                                                          created_at=at, updated_at=at, merged_into=survivor))
        elif change.kind == "split_from":
            moved = list(change.article_ids)
            conn.execute(articles_table.update().where(sa.or_(
                articles_table.c.id.in_(moved), articles_table.c.syndicated_of.in_(moved))).values(event_id=change.event_id))
            conn.execute(events_table.update().where(events_table.c.id == change.event_id).values(merged_into=None))
        conn.execute(event_history_table.insert().values(
            event_id=change.event_id, kind=change.kind, at=_iso(change.at), other_event_id=change.other_event_id,
            article_ids=json.dumps(list(change.article_ids)), reason=json.dumps(change.reason, ensure_ascii=False)))

    @staticmethod
    def _article_row(stored: StoredArticle) -> dict:
        a = stored.article
        return dict(id=a.id, source=a.source, url=a.url, outlet=a.outlet, title=a.title, text=a.text,
                    lang=a.lang, published=_iso(a.published), published_from=a.published_from,
                    author=a.author, content_hash=a.content_hash,
                    segments=json.dumps([asdict(s) for s in a.segments], ensure_ascii=False),
                    removed_lines=json.dumps(a.removed_lines, ensure_ascii=False),
                    event_id=a.event_id, duplicate_of=a.duplicate_of, syndicated_of=a.syndicated_of,
                    event_evidence=json.dumps(stored.event_evidence), ingested_at=_now())

    @staticmethod
    def _signals_row(stored: StoredArticle) -> dict:
        s = stored.signals
        return dict(article_id=stored.article.id, vector=vector_blob(s.vector), title_vector=vector_blob(s.title_vector),
                    lexical_buckets=s.lexical.buckets.astype(np.int32).tobytes(),
                    lexical_weights=s.lexical.weights.astype(np.float32).tobytes(), script=s.script,
                    minhash=syndication.to_bytes(s.minhash) if s.minhash is not None else None,
                    instance=s.instance.to_json() if s.instance is not None else None)

    @staticmethod
    def _write_entities(conn: sa.Connection, batch: list[StoredArticle]) -> None:
        """Entities new to the store, variant counts, and each article's mentions, quotes, dates
        and actions."""
        named = {entity_id: value for stored in batch for entity_id, value in stored.entities.items()}
        known: set[str] = set()
        ids = list(named)
        for start in range(0, len(ids), 500):
            known.update(conn.execute(sa.select(entities_table.c.id).where(
                entities_table.c.id.in_(ids[start:start + 500]))).scalars())
        entity_rows = [dict(id=entity_id, type=type_, name=name, created_at=_now())
                       for entity_id, (type_, name) in named.items() if entity_id not in known]
        if entity_rows:
            conn.execute(entities_table.insert(), entity_rows)
        _add_counts(conn, entity_variants_table, ("entity_id", "text", "lang"), Counter(
            (m.entity_id, m.text, m.lang or "und") for stored in batch for m in stored.article.mentions
            if m.entity_id))
        mention_rows, quote_rows, date_rows, action_rows = [], [], [], []
        for stored in batch:
            a, links = stored.article, stored.entity_links
            mention_rows += [dict(
                article_id=a.id, position=position, start=m.start, end=m.end, text=m.text, type=m.type, lang=m.lang,
                cue=m.cue, role=m.role, entity_id=m.entity_id, in_title=m.in_title, in_caption=m.in_caption,
                link_method=links[position].method if position < len(links) else None,
                link_score=links[position].score if position < len(links) else None,
                link_context=json.dumps(links[position].context) if position < len(links) else None)
                for position, m in enumerate(a.mentions)]
            quote_rows += [dict(
                id=f"q_{a.id}_{q.start}", article_id=a.id, start=q.start, end=q.end, text=q.text, kind=q.kind,
                lang=q.lang, speaker_start=q.speaker_start, speaker_end=q.speaker_end, speaker_text=q.speaker_text,
                speaker_mention=q.speaker_mention, speaker_entity_id=q.speaker_entity_id)
                for q in {q.start: q for q in a.quotes}.values()]
            date_rows += [dict(article_id=a.id, start=d.start, end=d.end, text=d.text, value=d.value, kind=d.kind)
                          for d in {d.start: d for d in a.dates}.values()]
            action_rows += [dict(asdict(record), position=position) for position, record in enumerate(a.actions)]
        for table, rows in ((mentions_table, mention_rows), (quotes_table, quote_rows),
                            (article_dates_table, date_rows), (actions_table, action_rows)):
            if rows:
                conn.execute(table.insert(), rows)

    # ---- entities -----------------------------------------------------------------------
    def entity_names(self) -> Iterator[tuple[str, str, str | None, str]]:
        """(entity id, variant text, lang, type) of every stored variant: rebuilds the name index."""
        query = sa.select(entity_variants_table.c.entity_id, entity_variants_table.c.text,
                          entity_variants_table.c.lang, entities_table.c.type).join(
            entities_table, entities_table.c.id == entity_variants_table.c.entity_id)
        with self._engine.connect() as conn:
            for row in conn.execute(query):
                yield row.entity_id, row.text, None if row.lang == "und" else row.lang, row.type

    def article_entity_mentions(self, skip: int = 0) -> Iterator[list[tuple[str, str | None]]]:
        """Per stored article after the first ``skip``, in ingestion order, its (entity id, role)
        mentions: rebuilds the resolver's co-occurrence context."""
        query = sa.select(mentions_table.c.article_id, mentions_table.c.entity_id, mentions_table.c.role).join(
            articles_table, articles_table.c.id == mentions_table.c.article_id).where(
            mentions_table.c.entity_id.is_not(None)).order_by(articles_table.c.seq, mentions_table.c.position)
        with self._engine.connect() as conn:
            if skip:
                first = self._seq_after(conn, skip)
                if first is None:
                    return
                query = query.where(articles_table.c.seq >= first)
            current, found = None, []
            for row in conn.execute(query):
                if row.article_id != current:
                    if found:
                        yield found
                    current, found = row.article_id, []
                found.append((row.entity_id, row.role))
            if found:
                yield found

    def entities(self, ids: Collection[str] | None = None, evidence: bool = True) -> list[dict]:
        def only(column: sa.Column, query: sa.Select) -> sa.Select:
            return query if ids is None else query.where(column.in_(sorted(ids)))

        with self._engine.connect() as conn:
            variants: dict[str, list[dict]] = {}
            # Sorted here: PostgreSQL would order text by the database's collation, not by code point.
            for row in sorted(conn.execute(only(entity_variants_table.c.entity_id, sa.select(entity_variants_table))),
                              key=lambda r: (-r.count, r.text, r.lang)):
                variants.setdefault(row.entity_id, []).append({"text": row.text, "lang": row.lang, "count": row.count})
            article_ids: dict[str, list[str]] = {}
            for row in conn.execute(only(mentions_table.c.entity_id, sa.select(
                    mentions_table.c.entity_id, mentions_table.c.article_id).distinct()
                    .order_by(mentions_table.c.article_id))):
                article_ids.setdefault(row.entity_id, []).append(row.article_id)
            links: dict[str, list[dict]] = {}
            linked = only(mentions_table.c.entity_id, sa.select(mentions_table).join(
                articles_table, articles_table.c.id == mentions_table.c.article_id).where(
                mentions_table.c.entity_id.is_not(None)).order_by(articles_table.c.seq, mentions_table.c.position))
            for row in conn.execute(linked) if evidence else ():
                links.setdefault(row.entity_id, []).append({
                    "article_id": row.article_id, "text": row.text, "method": row.link_method,
                    "score": row.link_score, "context": json.loads(row.link_context or "[]")})
            rows = list(conn.execute(only(entities_table.c.id, sa.select(entities_table))))
        entities = [{"id": row.id, "name": row.name, "type": row.type, "variants": variants.get(row.id, []),
                     "article_ids": article_ids.get(row.id, []),
                     **({"evidence": links.get(row.id, [])} if evidence else {})} for row in rows]
        return sorted(entities, key=lambda e: (-len(e["article_ids"]), -sum(v["count"] for v in e["variants"]), e["id"]))

    def entity_labels(self) -> dict[str, str]:
        with self._engine.connect() as conn:
            return {row.id: row.name for row in conn.execute(sa.select(entities_table.c.id, entities_table.c.name))}

    def entity_types(self) -> dict[str, str]:
        with self._engine.connect() as conn:
            return {row.id: row.type for row in conn.execute(sa.select(entities_table.c.id, entities_table.c.type))}

    def entities_named_in(self, article_ids: Collection[str]) -> set[str]:
        with self._engine.connect() as conn:
            return {row.entity_id for row in conn.execute(
                sa.select(mentions_table.c.entity_id).distinct().where(
                    mentions_table.c.article_id.in_(sorted(article_ids)), mentions_table.c.entity_id.is_not(None)))}

    def quotes(self, entity_id: str | None = None) -> list[dict]:
        query = sa.select(quotes_table).order_by(quotes_table.c.article_id, quotes_table.c.start)
        if entity_id is not None:
            query = query.where(quotes_table.c.speaker_entity_id == entity_id)
        with self._engine.connect() as conn:
            return [{"id": row.id, "article_id": row.article_id, "text": row.text, "lang": row.lang,
                     "speaker_entity_id": row.speaker_entity_id, "speaker_text": row.speaker_text,
                     "kind": row.kind, "start": row.start, "end": row.end} for row in conn.execute(query)]

    def actions(self, entity_id: str | None = None, action: str | None = None,
                article_ids: list[str] | None = None) -> list[dict]:
        query = sa.select(actions_table).order_by(actions_table.c.article_id, actions_table.c.position)
        if entity_id is not None:
            query = query.where(sa.or_(actions_table.c.actor_entity_id == entity_id,
                                       actions_table.c.target_entity_id == entity_id))
        if action is not None:
            query = query.where(actions_table.c.action == action)
        if article_ids is not None:
            query = query.where(actions_table.c.article_id.in_(article_ids))
        with self._engine.connect() as conn:
            return [{k: v for k, v in row._mapping.items() if k != "position"} for row in conn.execute(query)]

    def sources(self) -> list[tuple[str, str]]:
        """Every (source, content hash) seen, including exact duplicates."""
        with self._engine.connect() as conn:
            return [(row.source, row.content_hash) for row in conn.execute(sa.select(sources_table))]

    # ---- clustering ---------------------------------------------------------------------
    @staticmethod
    def _seq_after(conn, skip: int) -> int | None:
        """The seq of the article after the first ``skip`` in storage order; None past the end."""
        return conn.execute(sa.select(articles_table.c.seq).order_by(articles_table.c.seq).offset(skip).limit(1)).scalar()

    def indexed_articles(self, skip: int = 0) -> Iterator[IndexedArticle]:
        """Articles in storage order, after the first ``skip`` (what a saved index already holds)."""
        with self._engine.connect() as conn:
            first = 0
            if skip:
                first = self._seq_after(conn, skip)
                if first is None:
                    return
            query = sa.select(articles_table.c.seq, articles_table.c.id, articles_table.c.event_id,
                              articles_table.c.syndicated_of, articles_table.c.published, signals_table.c.vector,
                              signals_table.c.lexical_buckets).join(
                signals_table, signals_table.c.article_id == articles_table.c.id).where(
                articles_table.c.seq >= first).order_by(articles_table.c.seq)
            entity_ids: dict[str, set[str]] = {}
            for row in conn.execute(sa.select(mentions_table.c.article_id, mentions_table.c.entity_id).join(
                    articles_table, articles_table.c.id == mentions_table.c.article_id).where(
                    mentions_table.c.entity_id.is_not(None), articles_table.c.seq >= first)):
                entity_ids.setdefault(row.article_id, set()).add(row.entity_id)
            for row in conn.execution_options(yield_per=2000).execute(query):
                yield IndexedArticle(seq=row.seq, id=row.id, event_id=row.event_id, vector=blob_vector(row.vector),
                                     lexical_buckets=np.frombuffer(row.lexical_buckets, dtype=np.int32),
                                     entity_ids=sorted(entity_ids.get(row.id, ())), syndicated_of=row.syndicated_of,
                                     published=_from_iso(row.published))

    def as_read_back(self, signals: ArticleSignals) -> ArticleSignals:
        return replace(signals, vector=blob_vector(vector_blob(signals.vector)),
                       title_vector=blob_vector(vector_blob(signals.title_vector)),
                       published=_from_iso(_iso(signals.published)))

    def signals(self, article_ids: list[str]) -> dict[str, tuple[ArticleSignals, str | None]]:
        if not article_ids:
            return {}
        query = sa.select(signals_table, articles_table.c.published, articles_table.c.event_id,
                          articles_table.c.lang).join(
            articles_table, signals_table.c.article_id == articles_table.c.id).where(
            signals_table.c.article_id.in_(article_ids))
        with self._engine.connect() as conn:
            profiles: dict[str, Counter[str]] = {}
            for row in conn.execute(sa.select(mentions_table.c.article_id, mentions_table.c.entity_id).where(
                    mentions_table.c.article_id.in_(article_ids), mentions_table.c.entity_id.is_not(None))):
                profiles.setdefault(row.article_id, Counter())[row.entity_id] += 1
            return {row.article_id: (ArticleSignals(
                vector=blob_vector(row.vector), title_vector=blob_vector(row.title_vector),
                lexical=LexicalSignature(np.frombuffer(row.lexical_buckets, dtype=np.int32),
                                         np.frombuffer(row.lexical_weights, dtype=np.float32)),
                published=_from_iso(row.published), script=row.script, lang=row.lang,
                entities=dict(profiles.get(row.article_id, {})),
                minhash=syndication.from_bytes(row.minhash) if row.minhash else None,
                instance=InstanceFacts.from_json(row.instance)), row.event_id)
                for row in conn.execute(query)}

    def event_members(self, event_id: str, limit: int) -> list[tuple[int, str]]:
        """The event's latest `limit` articles that are not syndicated copies, as (seq, id), oldest first."""
        query = sa.select(articles_table.c.seq, articles_table.c.id).where(
            articles_table.c.event_id == event_id, articles_table.c.syndicated_of.is_(None)).order_by(
            articles_table.c.seq.desc()).limit(limit)
        with self._engine.connect() as conn:
            return sorted((row.seq, row.id) for row in conn.execute(query))

    def event_storylines(self) -> list[tuple[str, str | None, datetime | None]]:
        """(event id, storyline id, last published) of every live event, in the order events
        were created."""
        with self._engine.connect() as conn:
            return [(row.id, row.storyline_id, _from_iso(row.last_published)) for row in conn.execute(
                sa.select(events_table.c.id, events_table.c.storyline_id, events_table.c.last_published).where(
                    events_table.c.merged_into.is_(None)).order_by(events_table.c.created_at, events_table.c.id))]

    def write_storylines(self, assignments: dict[str, str], changes: list[EventChange]) -> None:
        with self._engine.begin() as conn:
            _lock_writers(conn)
            for event_id, storyline_id in assignments.items():
                conn.execute(events_table.update().where(events_table.c.id == event_id).values(storyline_id=storyline_id))
            for change in changes:
                self._apply_change(conn, change)

    def done_shards(self, keys: list[str]) -> set[str]:
        found: set[str] = set()
        with self._engine.connect() as conn:
            for start in range(0, len(keys), 500):
                found.update(conn.execute(sa.select(shards_table.c.key).where(
                    shards_table.c.key.in_(keys[start:start + 500]))).scalars())
        return found

    def mark_shards_done(self, keys: list[str]) -> None:
        with self._engine.begin() as conn:
            _lock_writers(conn)
            done = set(conn.execute(sa.select(shards_table.c.key).where(shards_table.c.key.in_(keys))).scalars())
            new = sorted(set(keys) - done)
            if new:
                conn.execute(shards_table.insert(), [{"key": key, "done_at": _now()} for key in new])

    def event_redirects(self) -> dict[str, str]:
        with self._engine.connect() as conn:
            return {row.id: row.merged_into for row in conn.execute(
                sa.select(events_table.c.id, events_table.c.merged_into).where(events_table.c.merged_into.is_not(None)))}

    def latest_published(self) -> datetime | None:
        with self._engine.connect() as conn:
            return _from_iso(conn.execute(sa.select(sa.func.max(events_table.c.last_published))).scalar())

    def syndication_signatures(self, latest: int | None = None) -> Iterator[tuple[str, bytes, str | None]]:
        """(article id, near-duplicate signature, original if a copy) in ingestion order, the
        ``latest`` ones only if given: rebuilds the copy index."""
        signed = sa.select(articles_table.c.seq).join(
            signals_table, signals_table.c.article_id == articles_table.c.id).where(signals_table.c.minhash.is_not(None))
        query = sa.select(articles_table.c.id, signals_table.c.minhash, articles_table.c.syndicated_of).join(
            signals_table, signals_table.c.article_id == articles_table.c.id).where(
            signals_table.c.minhash.is_not(None)).order_by(articles_table.c.seq)
        with self._engine.connect() as conn:
            if latest is not None:
                first = conn.execute(signed.order_by(articles_table.c.seq.desc()).offset(latest - 1).limit(1)).scalar()
                if first is not None:
                    query = query.where(articles_table.c.seq >= first)
            for row in conn.execution_options(yield_per=2000).execute(query):
                yield row.id, row.minhash, row.syndicated_of

    def event_states(self, event_ids: list[str]) -> dict[str, EventState]:
        if not event_ids:
            return {}
        with self._engine.connect() as conn:
            rows = conn.execute(sa.select(events_table).where(events_table.c.id.in_(event_ids)))
            return {row.id: EventState(
                id=row.id, title=row.title, size=row.size, vector_sum=blob_vector(row.vector_sum).copy(),
                first_published=_from_iso(row.first_published), last_published=_from_iso(row.last_published),
                created_at=_from_iso(row.created_at), updated_at=_from_iso(row.updated_at),
                entities=Counter(json.loads(row.entity_counts or "{}")),
                languages=Counter(json.loads(row.languages or "{}"))) for row in rows}

    # ---- backup and integrity ---------------------------------------------------------------
    def dump(self) -> Iterator[tuple[str, dict]]:
        """Every row of every table (the schema version aside), as (table name, row), parents
        before children and each table in primary-key order."""
        with self._engine.connect() as conn:
            for table in _DUMPED:
                query = sa.select(table).order_by(*table.primary_key.columns)
                for row in conn.execution_options(stream_results=True, yield_per=1000).execute(query).mappings():
                    yield table.name, dict(row)

    def load(self, rows: Iterable[tuple[str, dict]]) -> int:
        """Rows as `dump` gives them into this store, which must hold no article and no event:
        all of them in one transaction, or none. Returns how many."""
        tables = {table.name: table for table in _DUMPED}
        loaded = 0
        with self._engine.begin() as conn:
            _lock_writers(conn)
            if any(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() for t in _DUMPED):
                raise StoreError(f"{self.url} is not empty: import into a new store")
            pending: dict[str, list[dict]] = {}
            for name, row in rows:
                table = tables.get(name)
                if table is None:
                    raise StoreError(f"no table {name!r} in a newsweave store")
                unknown = set(row) - set(table.columns.keys())
                if unknown:
                    raise StoreError(f"table {name} has no column(s) {', '.join(sorted(unknown))}")
                pending.setdefault(name, []).append(row)
                loaded += 1
                if len(pending[name]) >= 1000:
                    conn.execute(table.insert(), pending.pop(name))
            for table in _DUMPED:  # the parents' rows first, as the foreign keys want
                if pending.get(table.name):
                    conn.execute(table.insert(), pending[table.name])
            if conn.dialect.name == "postgresql":
                postgres.continue_sequences(conn, [articles_table.c.seq, event_history_table.c.seq])
        return loaded

    def problems(self) -> list[str]:
        """What breaks the store's invariants, one line each (empty when it is sound)."""
        found = []
        with self._engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                found += [f"SQLite integrity check: {row[0]}" for row in conn.exec_driver_sql("PRAGMA integrity_check")
                          if row[0] != "ok"]
            for description, query in _invariants():
                ids = conn.execute(query.limit(PROBLEM_EXAMPLES + 1)).scalars().all()
                if ids:
                    more = " ..." if len(ids) > PROBLEM_EXAMPLES else ""
                    found.append(f"{description}: {', '.join(map(str, ids[:PROBLEM_EXAMPLES]))}{more}")
        return found

    def ordered_article_ids(self) -> list[str]:
        with self._engine.connect() as conn:
            return list(conn.execute(sa.select(articles_table.c.id).order_by(articles_table.c.seq)).scalars())

    # ---- read ---------------------------------------------------------------------------
    def version(self) -> tuple[int, int]:
        """Changes whenever an article is stored or an event's history grows (merges, splits,
        storylines): the last article's and the last history entry's sequence numbers."""
        with self._engine.connect() as conn:
            row = conn.execute(sa.select(sa.select(sa.func.max(articles_table.c.seq)).scalar_subquery(),
                                         sa.select(sa.func.max(event_history_table.c.seq)).scalar_subquery())).one()
        return int(row[0] or 0), int(row[1] or 0)

    def count_articles(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(articles_table)).scalar() or 0)

    def _select_articles(self, where=None, details: bool = False) -> list[Article]:
        """Articles in ingestion order; with `details`, their mentions, quotes and dates too."""
        query = sa.select(articles_table).order_by(articles_table.c.seq)
        if where is not None:
            query = query.where(where)
        with self._engine.connect() as conn:
            articles = [Article(
                id=row.id, source=row.source, title=row.title, text=row.text, lang=row.lang,
                content_hash=row.content_hash, url=row.url, outlet=row.outlet, author=row.author,
                published=_from_iso(row.published), published_from=row.published_from,
                segments=[Segment(**s) for s in json.loads(row.segments)],
                removed_lines=json.loads(row.removed_lines), event_id=row.event_id,
                duplicate_of=row.duplicate_of, syndicated_of=row.syndicated_of) for row in conn.execute(query)]
            if details and articles:
                self._add_details(conn, {a.id: a for a in articles})
        return articles

    @staticmethod
    def _add_details(conn: sa.Connection, by_id: dict[str, Article]) -> None:
        ids = list(by_id)
        for row in conn.execute(sa.select(mentions_table).where(mentions_table.c.article_id.in_(ids))
                                .order_by(mentions_table.c.article_id, mentions_table.c.position)):
            by_id[row.article_id].mentions.append(Mention(
                start=row.start, end=row.end, text=row.text, type=row.type, lang=row.lang, cue=row.cue,
                role=row.role, entity_id=row.entity_id, in_title=bool(row.in_title),
                in_caption=bool(row.in_caption)))
        for row in conn.execute(sa.select(quotes_table).where(quotes_table.c.article_id.in_(ids))
                                .order_by(quotes_table.c.article_id, quotes_table.c.start)):
            by_id[row.article_id].quotes.append(Quote(
                start=row.start, end=row.end, text=row.text, kind=row.kind, lang=row.lang,
                speaker_start=row.speaker_start, speaker_end=row.speaker_end, speaker_text=row.speaker_text,
                speaker_mention=row.speaker_mention, speaker_entity_id=row.speaker_entity_id))
        for row in conn.execute(sa.select(actions_table).where(actions_table.c.article_id.in_(ids))
                                .order_by(actions_table.c.article_id, actions_table.c.position)):
            by_id[row.article_id].actions.append(ActionRecord(**{k: v for k, v in row._mapping.items() if k != "position"}))
        for row in conn.execute(sa.select(article_dates_table).where(article_dates_table.c.article_id.in_(ids))
                                .order_by(article_dates_table.c.article_id, article_dates_table.c.start)):
            by_id[row.article_id].dates.append(DateMention(start=row.start, end=row.end, text=row.text,
                                                           value=row.value, kind=row.kind))

    def articles(self) -> list[Article]:
        return self._select_articles()

    def article(self, article_id: str) -> Article | None:
        found = self._select_articles(articles_table.c.id == article_id, details=True)
        return found[0] if found else None

    def event_articles(self, event_id: str) -> list[Article]:
        return self._select_articles(articles_table.c.event_id == event_id, details=True)

    def _members(self, where=None) -> list[sa.Row]:
        """What an Event says of its articles (id, language, copy of), in ingestion order."""
        query = sa.select(articles_table.c.id, articles_table.c.event_id, articles_table.c.lang,
                          articles_table.c.syndicated_of).order_by(articles_table.c.seq)
        with self._engine.connect() as conn:
            return list(conn.execute(query if where is None else query.where(where)))

    def events(self) -> list[Event]:
        members: dict[str, list[sa.Row]] = {}
        for a in self._members():
            members.setdefault(a.event_id, []).append(a)
        with self._engine.connect() as conn:
            rows = list(conn.execute(sa.select(events_table).where(events_table.c.merged_into.is_(None))))
        events = [self._event(row, members.get(row.id, [])) for row in rows]
        return sorted(events, key=lambda e: (-e.size, e.id))

    def resolve_event_id(self, event_id: str) -> str | None:
        """The live event an id stands for: itself, or the event that absorbed it."""
        with self._engine.connect() as conn:
            for _ in range(64):  # redirects are kept flat; the bound only guards a corrupt store
                row = conn.execute(sa.select(events_table.c.merged_into).where(events_table.c.id == event_id)).first()
                if row is None:
                    return None
                if row.merged_into is None:
                    return event_id
                event_id = row.merged_into
        return None

    def event(self, event_id: str) -> Event | None:
        event_id = self.resolve_event_id(event_id)
        if event_id is None:
            return None
        with self._engine.connect() as conn:
            row = conn.execute(sa.select(events_table).where(events_table.c.id == event_id)).first()
        return self._event(row, self._members(articles_table.c.event_id == event_id))

    @staticmethod
    def _event(row, members: list[sa.Row]) -> Event:
        return Event(id=row.id, title=row.title, size=row.size,
                     languages=sorted({a.lang for a in members if a.lang}),
                     first_seen=_from_iso(row.first_published), last_seen=_from_iso(row.last_published),
                     article_ids=[a.id for a in members], storyline_id=row.storyline_id,
                     copies=sum(1 for a in members if a.syndicated_of))

    def event_history(self, event_id: str) -> list[EventChange]:
        with self._engine.connect() as conn:
            rows = conn.execute(sa.select(event_history_table).where(event_history_table.c.event_id == event_id)
                                .order_by(event_history_table.c.seq))
            return [EventChange(event_id=row.event_id, kind=row.kind, at=_from_iso(row.at),
                                other_event_id=row.other_event_id, article_ids=tuple(json.loads(row.article_ids)),
                                reason=json.loads(row.reason)) for row in rows]

    def event_evidence(self, event_id: str) -> dict[str, dict]:
        with self._engine.connect() as conn:
            rows = conn.execute(sa.select(articles_table.c.id, articles_table.c.event_evidence).where(
                articles_table.c.event_id == event_id).order_by(articles_table.c.seq))
            return {row.id: json.loads(row.event_evidence) for row in rows}


def _add_counts(conn: sa.Connection, table: sa.Table, key_columns: tuple[str, ...],
                counts: Counter[tuple]) -> None:
    """Add ``counts`` to the table's ``count`` column, keyed by ``key_columns``, inserting rows
    not there yet: one select, one executemany update, one executemany insert."""
    if not counts:
        return
    first = table.c[key_columns[0]]
    wanted = sorted({key[0] for key in counts})
    existing: set[tuple] = set()
    for start in range(0, len(wanted), 500):
        rows = conn.execute(sa.select(*(table.c[c] for c in key_columns)).where(first.in_(wanted[start:start + 500])))
        existing.update(tuple(row) for row in rows if tuple(row) in counts)
    names = [f"k_{column}" for column in key_columns]
    if existing:
        conn.execute(table.update().where(*(table.c[c] == sa.bindparam(n) for c, n in zip(key_columns, names)))
                     .values(count=table.c.count + sa.bindparam("k_added")),
                     [dict(zip(names, key), k_added=counts[key]) for key in existing])
    missing = [dict(zip(key_columns, key), count=count) for key, count in counts.items() if key not in existing]
    if missing:
        conn.execute(table.insert(), missing)


# Dumped and loaded by export/import, parents first; the schema version is the store's own.
_DUMPED = [table for table in metadata.sorted_tables if table is not meta_table]
PROBLEM_EXAMPLES = 5  # ids named per broken invariant


def _missing(column: sa.Column, parent: sa.Column) -> sa.Select:
    """Values of ``column`` (not null) with no row of ``parent`` holding them."""
    parent = parent.table.alias().c[parent.name]  # its own name for it: a column may point into its own table
    return sa.select(column).where(column.is_not(None), ~sa.exists().where(parent == column)).order_by(column)


def _invariants() -> list[tuple[str, sa.Select]]:
    """(what is wrong, the ids it is wrong for) for each invariant `problems` checks."""
    articles, events = articles_table, events_table
    originals = sa.select(sa.func.count()).where(articles.c.event_id == events.c.id,
                                                 articles.c.syndicated_of.is_(None)).scalar_subquery()
    children = [(table, "article_id") for table in
                (signals_table, sources_table, mentions_table, quotes_table, article_dates_table, actions_table)]
    return [
        ("articles without text", sa.select(articles.c.id).where(
            sa.func.length(articles.c.text) == 0, sa.func.length(articles.c.title) == 0).order_by(articles.c.id)),
        ("articles without vectors", _missing(articles.c.id, signals_table.c.article_id)),
        ("articles without a source", _missing(articles.c.id, sources_table.c.article_id)),
        ("articles whose event is missing", _missing(articles.c.event_id, events.c.id)),
        ("copies whose original is missing", _missing(articles.c.syndicated_of, articles.c.id)),
        *[(f"{table.name} rows whose article is missing", _missing(table.c[column], articles.c.id))
          for table, column in children],
        ("mentions linked to a missing entity", _missing(mentions_table.c.entity_id, entities_table.c.id)),
        ("quotes whose speaker entity is missing", _missing(quotes_table.c.speaker_entity_id, entities_table.c.id)),
        ("name variants of a missing entity", _missing(entity_variants_table.c.entity_id, entities_table.c.id)),
        ("events merged into a missing event", _missing(events.c.merged_into, events.c.id)),
        ("history of a missing event", _missing(event_history_table.c.event_id, events.c.id)),
        ("live events whose size is not their original articles", sa.select(events.c.id).where(
            events.c.merged_into.is_(None), events.c.size != originals).order_by(events.c.id)),
    ]


def _lock_writers(conn: sa.Connection) -> None:
    """First in a write transaction: wait for other processes' writes, then hold them off until
    this transaction ends, so that its check-then-write steps see everything committed before."""
    if conn.dialect.name == "postgresql":
        postgres.lock_writers(conn)
    elif conn.dialect.name == "sqlite":
        # Take the database's write lock now rather than at the first write.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL: readers never block the writer and a killed writer loses nothing committed.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
