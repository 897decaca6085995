"""Search stored articles: full text in every language and script, and by meaning.

Full text: SQLite FTS5, or PostgreSQL tsvector with the 'simple' configuration, over title and
text. Both sides, indexed text and query, go through the same normalisation
(`syndication.normalise`): NFKC, casefold, combining marks dropped (Latin accents, Arabic harakat,
Hebrew niqqud, the hamza over or under a seat), Arabic and Persian letter forms unified (alef
maksura and Persian yeh to yaa, keheh to kaf, taa marbuta to haa, tatweel dropped), digits of
every script to ASCII. So "أردوغان", "اردوغان" and "أَرْدُوغَان" are one word to the index, and so are
"Séisme" and "seisme". Arabic and Hebrew words glue clitics to the word (والوزير, בטורקיה):
each word is also indexed without them, and a query word matches any of its readings, so
"الوزير" finds "وزير" and "טורקיה" finds "בטורקיה". Words are AND-ed; there is no query syntax, so
whatever a user types is only ever a list of words.

The index is a derived cache of the articles table: `index_articles` after a committed batch,
`rebuild` for what is missing (idempotent), and every text search first indexes articles stored
after the newest indexed one (another process may have ingested them).

By meaning: the query is embedded with the engine's embedder (multilingual USE, one vector
space for all its languages) and ranked by cosine against the stored article vectors, so a
French query finds the Arabic articles about the same happening.
"""

from __future__ import annotations

import functools
import threading
import weakref
from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable, Iterator

import numpy as np
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from newsweave.records import Article
from newsweave.stages.mention_cues import CLITICS
from newsweave.stages.syndication import normalise
from newsweave.store import Store
from newsweave.store.sql import articles_table, blob_vector, mentions_table, signals_table, store_errors

TABLE = "article_search"
# A clitic is read off only when this much of the word is left: shorter stems match too much.
MIN_STEM = 3
# Query words beyond this are dropped: each one is an AND-ed term of the query.
MAX_QUERY_WORDS = 32
SNIPPET_CHARS = 240
# Words of stored texts whose forms snippets keep (a corpus's vocabulary repeats: a few MB).
TOKEN_FORMS_KEPT = 200_000
ZWNJ = "\u200c"
_CHUNK = 500
# A title match counts twice a body match in SQLite's bm25; on PostgreSQL the title is weight A
# and the body B, which ts_rank counts 1.0 and 0.4.
TITLE_WEIGHT = 2.0


@dataclass(frozen=True)
class ArticleFilter:
    """What the article lists and searches can be narrowed to. Dates are the day of the
    publication date as the article states it (its own time zone), both ends included; an
    undated article is left out when a date bound is given. `source` is the outlet's name or
    the path or URL the article came from."""

    lang: str | None = None
    source: str | None = None
    since: date | None = None
    until: date | None = None
    entity: str | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.lang, self.source, self.since, self.until, self.entity))

    def where(self) -> list[sa.ColumnElement[bool]]:
        a = articles_table.c
        day = sa.func.substr(a.published, 1, 10)
        clauses = []
        if self.lang is not None:
            clauses.append(a.lang == self.lang)
        if self.source is not None:
            clauses.append(sa.or_(a.outlet == self.source, a.source == self.source))
        if self.since is not None:
            clauses.append(day >= self.since.isoformat())
        if self.until is not None:
            clauses.append(day <= self.until.isoformat())
        if self.entity is not None:
            clauses.append(a.id.in_(sa.select(mentions_table.c.article_id).where(
                mentions_table.c.entity_id == self.entity)))
        return clauses


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str
    lang: str | None
    published: datetime | None
    source: str
    outlet: str | None
    event_id: str
    score: float
    snippet: str


@dataclass(frozen=True)
class SearchPage:
    total: int
    hits: list[SearchHit]


def _sql(store: Store) -> sa.Engine:
    # The store has no search seam yet; its SQLAlchemy engine is shared on purpose (same file,
    # same transactions' visibility). A store method can replace this once there is one.
    return store._engine  # type: ignore[attr-defined]


@store_errors
def matching_ids(store: Store, where: ArticleFilter) -> set[str]:
    """Ids of the articles the filter keeps."""
    with _sql(store).connect() as conn:
        return set(conn.execute(sa.select(articles_table.c.id).where(*where.where())).scalars())


# ---- normalisation ------------------------------------------------------------------------
def _clitics(word: str) -> tuple[str, ...]:
    first = word[0]
    if "\u0590" <= first <= "\u05ff":
        return CLITICS["he"]
    if "\u0600" <= first <= "\u06ff":
        return CLITICS["ar"]
    return ()


def readings(word: str) -> list[str]:
    """A normalised word and the same word without each clitic it may start with."""
    return [word] + [word[len(c):] for c in _clitics(word) if word.startswith(c) and len(word) - len(c) >= MIN_STEM]


def index_text(text: str) -> str:
    """What the index stores for a text: its normalised words, each followed by its readings.
    A Persian word written with a zero-width non-joiner (زمین‌لرزه) is indexed joined, as a query
    typed with or without it reads, and as its parts, as a query typed with a space reads."""
    words = normalise(text)
    if ZWNJ in text:
        words += normalise(" ".join(chunk.replace(ZWNJ, " ") for chunk in text.split() if ZWNJ in chunk))
    return " ".join(form for word in words for form in readings(word))


def query_terms(query: str) -> list[list[str]]:
    """The query's distinct words, each as the forms any of which may match."""
    words = list(dict.fromkeys(normalise(query)))[:MAX_QUERY_WORDS]
    return [list(dict.fromkeys(readings(word))) for word in words]


# ---- the index ----------------------------------------------------------------------------
_ready: weakref.WeakSet[sa.Engine] = weakref.WeakSet()
_pg_table = sa.Table(
    TABLE, sa.MetaData(),
    sa.Column("seq", sa.BigInteger, primary_key=True),
    sa.Column("document", postgresql.TSVECTOR, nullable=False),
    sa.Index(f"{TABLE}_document", "document", postgresql_using="gin"),
)


def _ensure_table(engine: sa.Engine) -> None:
    if engine in _ready:
        return
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            # Contentless: the normalised words are not stored twice, only their index.
            conn.execute(sa.text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
                                 "title, body, content='', tokenize='unicode61 remove_diacritics 0')"))
        else:
            _pg_table.create(conn, checkfirst=True)
    _ready.add(engine)


def _insert(conn: sa.Connection, rows: list[dict]) -> None:
    """Index (seq, title, text) rows not indexed yet: re-indexing is a no-op."""
    if not rows:
        return
    values = [{"seq": r["seq"], "title": index_text(r["title"]), "body": index_text(r["text"])} for r in rows]
    if conn.dialect.name == "sqlite":
        # An FTS5 table has no unique rowid check on insert: the NOT EXISTS is it, inside the
        # one statement, so two writers cannot both add the same article.
        conn.execute(sa.text(f"INSERT INTO {TABLE}(rowid, title, body) SELECT :seq, :title, :body "
                             f"WHERE NOT EXISTS (SELECT 1 FROM {TABLE} WHERE rowid = :seq)"), values)
    else:
        def weighted(column: str, weight: str) -> sa.ColumnElement:
            return sa.func.setweight(sa.func.to_tsvector("simple", sa.bindparam(column)), sa.literal_column(weight))

        document = weighted("title", "'A'").op("||")(weighted("body", "'B'"))
        insert = postgresql.insert(_pg_table).values(seq=sa.bindparam("seq"), document=document)
        conn.execute(insert.on_conflict_do_nothing(index_elements=["seq"]), values)


def _rows(conn: sa.Connection, where: sa.ColumnElement[bool]) -> Iterator[list[dict]]:
    a = articles_table.c
    query = sa.select(a.seq, a.title, a.text).where(where).order_by(a.seq)
    rows = conn.execute(query, execution_options={"yield_per": _CHUNK}).mappings()
    for chunk in rows.partitions(_CHUNK):
        yield [dict(r) for r in chunk]


@store_errors
def index_articles(store: Store, articles: Iterable[Article]) -> None:
    """Index stored articles (after the batch that holds them is committed)."""
    ids = [a.id for a in articles]
    if not ids:
        return
    engine = _sql(store)
    _ensure_table(engine)
    with engine.begin() as conn:
        for chunk in _rows(conn, articles_table.c.id.in_(ids)):
            _insert(conn, chunk)


@store_errors
def rebuild(store: Store) -> int:
    """Index every stored article the index lacks; the number indexed. Idempotent, and cheap
    when the index is up to date."""
    engine = _sql(store)
    _ensure_table(engine)
    indexed = (sa.select(sa.column("rowid")).select_from(sa.table(TABLE)) if engine.dialect.name == "sqlite"
               else sa.select(_pg_table.c.seq))
    return _index_where(engine, articles_table.c.seq.not_in(indexed))


def _catch_up(engine: sa.Engine) -> None:
    """Index the articles stored after the newest indexed one."""
    newest = sa.text(f"SELECT max(rowid) FROM {TABLE}" if engine.dialect.name == "sqlite"
                     else f"SELECT max(seq) FROM {TABLE}")
    with engine.connect() as conn:
        last = conn.execute(newest).scalar() or 0
        stored = conn.execute(sa.select(sa.func.max(articles_table.c.seq))).scalar() or 0
    if stored > last:
        _index_where(engine, articles_table.c.seq > last)


def _index_where(engine: sa.Engine, where: sa.ColumnElement[bool]) -> int:
    count = 0
    with engine.connect() as reader:
        for chunk in _rows(reader, where):
            with engine.begin() as conn:  # one transaction per chunk: progress survives a kill
                _insert(conn, chunk)
            count += len(chunk)
    return count


# ---- full text ----------------------------------------------------------------------------
@store_errors
def text_search(store: Store, query: str, where: ArticleFilter = ArticleFilter(), *,
                limit: int = 20, offset: int = 0) -> SearchPage:
    """Articles holding every word of the query (in any of its spellings), best first."""
    terms = query_terms(query)
    if not terms:
        return SearchPage(0, [])
    engine = _sql(store)
    _ensure_table(engine)
    _catch_up(engine)
    a = articles_table.c
    if engine.dialect.name == "sqlite":
        match = " AND ".join("(" + " OR ".join('"' + f.replace('"', '""') + '"' for f in forms) + ")"
                             for forms in terms)
        index = sa.table(TABLE, sa.column("rowid"))
        score = sa.literal_column(f"-bm25({TABLE}, {TITLE_WEIGHT}, 1.0)")
        found = sa.text(f"{TABLE} MATCH :match").bindparams(match=match)
        joined = index.join(articles_table, a.seq == index.c.rowid)
    else:
        tsquery = sa.func.to_tsquery("simple", " & ".join(
            "(" + " | ".join("'" + f.replace("'", "''") + "'" for f in forms) + ")" for forms in terms))
        score = sa.func.ts_rank(_pg_table.c.document, tsquery)
        found = _pg_table.c.document.op("@@")(tsquery)
        joined = _pg_table.join(articles_table, a.seq == _pg_table.c.seq)
    with engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(joined).where(found, *where.where())).scalar()
        rows = conn.execute(sa.select(*_HIT_COLUMNS, a.text, score.label("score")).select_from(joined)
                            .where(found, *where.where()).order_by(sa.desc("score"), a.seq)
                            .limit(limit).offset(offset)).mappings().all()
    forms = {form for group in terms for form in group}
    return SearchPage(int(total or 0), [_hit(row, float(row["score"]), snippet(row["text"], forms)) for row in rows])


_HIT_COLUMNS = (articles_table.c.id, articles_table.c.title, articles_table.c.lang, articles_table.c.published,
                articles_table.c.source, articles_table.c.outlet, articles_table.c.event_id)


def _hit(row: sa.RowMapping, score: float, snippet_text: str) -> SearchHit:
    published = row["published"]
    return SearchHit(id=row["id"], title=row["title"], lang=row["lang"],
                     published=datetime.fromisoformat(published) if published else None, source=row["source"],
                     outlet=row["outlet"], event_id=row["event_id"], score=round(score, 6), snippet=snippet_text)


@functools.lru_cache(maxsize=TOKEN_FORMS_KEPT)
def _token_forms(token: str) -> frozenset[str]:
    """The forms a query can match a token of a text by (kept: normalising each word of each
    hit's text was two thirds of a text search's time)."""
    return frozenset(form for word in normalise(token) for form in readings(word))


def snippet(text: str, forms: set[str]) -> str:
    """About SNIPPET_CHARS of the original text from a little before the first word matching
    the query (the lead when none does, as for a title-only match), cut at spaces."""
    start = position = 0
    for word in text.split() if forms else ():  # no words to find (a search by meaning): the lead
        position = text.index(word, position)
        if not forms.isdisjoint(_token_forms(word)):
            start = position
            break
        position += len(word)
    begin = max(0, start - SNIPPET_CHARS // 3)
    if begin and (space := text.find(" ", begin, start)) >= 0:
        begin = space + 1
    end = min(len(text), begin + SNIPPET_CHARS)
    if end < len(text) and (space := text.rfind(" ", begin, end)) > begin:
        end = space
    return ("…" if begin else "") + " ".join(text[begin:end].split()) + ("…" if end < len(text) else "")


# ---- by meaning ---------------------------------------------------------------------------
class SemanticIndex:
    """Article vectors of one store in memory, refreshed with what was stored since, searched
    exactly (one matrix product, ~10 ms per 100k articles). Thread-safe."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._seqs = np.zeros(0, dtype=np.int64)
        self._vectors: np.ndarray | None = None

    def _refresh(self, dim: int) -> tuple[np.ndarray, np.ndarray]:
        a, s = articles_table.c, signals_table.c
        with self._lock:
            last = int(self._seqs[-1]) if len(self._seqs) else 0
            with _sql(self._store).connect() as conn:
                rows = conn.execute(sa.select(a.seq, s.vector).join(signals_table, s.article_id == a.id)
                                    .where(a.seq > last).order_by(a.seq)).all()
            vectors = self._vectors if self._vectors is not None else np.zeros((0, dim), dtype=np.float32)
            if rows:
                self._seqs = np.concatenate([self._seqs, np.array([r.seq for r in rows], dtype=np.int64)])
                vectors = np.vstack([vectors, *(blob_vector(r.vector) for r in rows)])
            self._vectors = vectors
            return self._seqs, vectors

    def search(self, query_vector: np.ndarray, where: ArticleFilter = ArticleFilter(), *,
               limit: int = 20, offset: int = 0) -> SearchPage:
        """Articles ranked by the cosine of their vector with the (normalised) query vector;
        `total` counts every article ranked: all those the filter keeps."""
        seqs, vectors = self._refresh(len(query_vector))
        engine = _sql(self._store)
        if where:
            with engine.connect() as conn:
                kept = np.fromiter(conn.execute(sa.select(articles_table.c.seq).where(*where.where())).scalars(),
                                   dtype=np.int64)
            mask = np.isin(seqs, kept)
            seqs, vectors = seqs[mask], vectors[mask]
        scores = vectors @ query_vector
        chosen = {int(seqs[i]): float(scores[i]) for i in np.argsort(-scores, kind="stable")[offset:offset + limit]}
        a = articles_table.c
        with engine.connect() as conn:
            rows = {row["seq"]: row for row in conn.execute(
                sa.select(a.seq, *_HIT_COLUMNS, a.text).where(a.seq.in_(list(chosen)))).mappings()}
        return SearchPage(len(seqs), [_hit(rows[seq], score, snippet(rows[seq]["text"], set()))
                                      for seq, score in chosen.items()])
