"""`newsweave bench --scale N`: grow a store to N synthetic articles and measure, at 10k, 100k,
1M... stored, what stays flat or not: event-assignment latency, articles/s, start-up time, peak
memory and database size.

The articles are synthetic and say so (`"synthetic": true`): a fixed-seed stream of events told
in several languages and scripts over time (5,000 articles a day), each article with its
mentions of recurring people, organisations and places, about 3% of them syndicated copies.
Their vectors are made, not embedded (an event's direction plus its topic's plus noise): the
per-article stages (extraction, mentions, embedding) cost the same at any store size and are
timed by `bench --docs` and the Dask throughput run; this measures what grows with the store:
entity resolution, near-duplicate lookup, event assignment, storylines and the writes.
"""

from __future__ import annotations

import json
import math
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
from tqdm import tqdm

from newsweave.distributed import Assumed, Speculation
from newsweave.engine import Engine
from newsweave.errors import NewsweaveError
from newsweave.pipeline import Page, Prepared, hash_content
from newsweave.records import Article, Mention
from newsweave.stages import lexical, syndication
from newsweave.stages.embed import lead_text
from newsweave.stages.language import script_of
from newsweave.stages.similarity import ArticleSignals
from newsweave.store import open_store

POINTS = (10_000, 100_000, 1_000_000, 10_000_000)
MEASURED = 1000  # articles timed after each point
ARTICLES_PER_DAY = 5000
DIM = 512
NEW_EVENT_SHARE = 0.12
COPY_SHARE = 0.03
ACTIVE_DAYS = 3  # an event gets articles for about this long
TOPICS = 60
OUTLETS = 300
NAME_POOL = 20_000
SYLLABLES = ["ka", "ro", "mi", "ta", "ne", "lu", "sa", "de", "vo", "ri", "an", "el", "os", "ur", "ba", "zi",
             "po", "ge", "ha", "ki", "mar", "tel", "son", "berg", "ov", "ina", "ali", "dar", "sen", "kov"]
LANGS = ("en", "fr", "de", "ru", "ar", "tr")
WORDS = {
    "en": "the minister said on officials after talks government report city council agreed new plan week "
          "budget police court vote talks border trade market price company workers strike storm",
    "fr": "le ministre a déclaré les responsables après des discussions gouvernement rapport ville conseil "
          "accord nouveau plan semaine budget police tribunal vote frontière commerce marché prix",
    "de": "der Minister sagte die Behörden nach Gesprächen Regierung Bericht Stadt Rat einigte neuen Plan "
          "Woche Haushalt Polizei Gericht Abstimmung Grenze Handel Markt Preis Firma Arbeiter",
    "ru": "министр заявил чиновники после переговоров правительство доклад город совет согласовал новый "
          "план неделя бюджет полиция суд голосование граница торговля рынок цена компания",
    "ar": "قال الوزير المسؤولون بعد محادثات الحكومة تقرير المدينة المجلس اتفق خطة جديدة الأسبوع الميزانية "
          "الشرطة المحكمة التصويت الحدود التجارة السوق الأسعار الشركة العمال",
    "tr": "bakan açıkladı yetkililer görüşmelerin ardından hükümet rapor şehir meclis anlaştı yeni plan hafta "
          "bütçe polis mahkeme oylama sınır ticaret piyasa fiyat şirket işçiler",
}
# Names are written in the article's script: the resolver must link them across scripts.
_CYRILLIC = dict(zip("abdegiklmnoprstuvz", "абдегиклмнопрстувз"))
_ARABIC = dict(zip("abdegiklmnoprstuvz", "ابدغيكلمنوبرستوفز"))


def _in_script(name: str, lang: str) -> str:
    table = _CYRILLIC if lang == "ru" else _ARABIC if lang == "ar" else None
    if table is None:
        return name
    return " ".join("".join(table.get(ch, "") for ch in part.lower()) for part in name.split())


@dataclass
class _Event:
    number: int
    topic: int
    direction: np.ndarray
    opened_day: float
    people: list[str]
    org: str
    place: str
    langs: tuple[str, ...]
    articles: list[tuple[str, str]] = field(default_factory=list)  # (title, text) of originals


class SyntheticStream:
    """A reproducible stream of articles as a Dask worker would hand them over."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.np = np.random.default_rng(seed)
        self.topics = self._unit(self.np.standard_normal((TOPICS, DIM)))
        self.names = [self._name(2) for _ in range(NAME_POOL)]
        self.orgs = [self._name(1).title() + " " + self.rng.choice(["Group", "Bank", "Party", "Union"])
                     for _ in range(NAME_POOL // 10)]
        self.places = [self._name(1) for _ in range(NAME_POOL // 10)]
        self.events: list[_Event] = []
        self.count = 0
        self.start = datetime(2025, 1, 1, tzinfo=timezone.utc)

    def _name(self, parts: int) -> str:
        return " ".join("".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3))).title()
                        for _ in range(parts))

    @staticmethod
    def _unit(vectors: np.ndarray) -> np.ndarray:
        return (vectors / np.linalg.norm(vectors, axis=-1, keepdims=True)).astype(np.float32)

    def _popular(self, pool: list[str]) -> str:
        # Zipf-like: a few names are everywhere (a head of state), most are rare.
        return pool[min(len(pool) - 1, int(len(pool) ** self.rng.random()) - 1)]

    def _event(self, day: float) -> _Event:
        active = [e for e in self.events[-400:] if day - e.opened_day < ACTIVE_DAYS]
        if active and self.rng.random() > NEW_EVENT_SHARE:
            return self.rng.choices(active, weights=[1 + len(e.articles) for e in active])[0]
        topic = self.rng.randrange(TOPICS)
        own = self._unit(self.np.standard_normal(DIM))
        event = _Event(number=len(self.events), topic=topic, opened_day=day,
                       direction=self._unit(0.55 * self.topics[topic] + 0.85 * own),
                       people=[self._popular(self.names) for _ in range(self.rng.randint(1, 3))],
                       org=self._popular(self.orgs), place=self._popular(self.places),
                       langs=tuple(self.rng.sample(LANGS, self.rng.randint(1, 4))))
        self.events.append(event)
        return event

    def _text(self, event: _Event, lang: str) -> tuple[str, str, list[Mention]]:
        words = WORDS[lang].split()
        names = [(n, "PER") for n in event.people] + [(event.org, "ORG"), (event.place, "LOC")]
        title_name = _in_script(event.people[0], lang)
        title = f"{title_name} {' '.join(self.rng.choices(words, k=6))} {_in_script(event.place, lang)}"
        parts: list[str] = []
        mentions: list[Mention] = []
        offset = 0
        for _ in range(self.rng.randint(5, 9)):
            sentence_words = self.rng.choices(words, k=self.rng.randint(10, 18))
            name, type_ = self.rng.choice(names)
            written = _in_script(name, lang)
            head = " ".join(sentence_words[:3]) + " "
            start = offset + len(head)
            mentions.append(Mention(start=start, end=start + len(written), text=written, type=type_, lang=lang,
                                    cue="synthetic"))
            sentence = f"{head}{written} {' '.join(sentence_words[3:])} {self.rng.randint(2, 999)}."
            parts.append(sentence)
            offset += len(sentence) + 1
        title_mention = Mention(start=0, end=len(title_name), text=title_name, type="PER", lang=lang,
                                cue="synthetic", in_title=True)
        return title, "\n".join(parts), mentions + [title_mention]

    def items(self, n: int) -> Iterator[Speculation]:
        for _ in range(n):
            yield self.next()

    def skip(self, n: int) -> None:
        """Move on past ``n`` articles without building them (resuming a grown store)."""
        for _ in range(n):
            self._draw()

    def _draw(self) -> tuple[int, datetime, str, str, str, str, list[Mention], np.ndarray, np.ndarray]:
        """Every random choice of the next article: (number, published, lang, outlet, title,
        text, mentions, vector, title vector)."""
        i = self.count
        self.count += 1
        day = i / ARTICLES_PER_DAY
        published = self.start + timedelta(days=day)
        event = self._event(day)
        lang = self.rng.choice(event.langs)
        outlet = f"outlet-{self.rng.randrange(OUTLETS)}"
        if event.articles and self.rng.random() < COPY_SHARE:  # a wire copy: same text, another outlet
            title, text = self.rng.choice(event.articles)
            text += f"\n({outlet})"
            mentions: list[Mention] = []
        else:
            title, text, mentions = self._text(event, lang)
            event.articles = (event.articles + [(title, text)])[-5:]
        noise = self.np.standard_normal(DIM).astype(np.float32) / math.sqrt(DIM)
        return (i, published, lang, outlet, title, text, mentions, self._unit(event.direction + 0.7 * noise),
                self._unit(event.direction + 0.9 * noise))

    def next(self) -> Speculation:
        i, published, lang, outlet, title, text, mentions, vector, title_vector = self._draw()
        content_hash = hash_content(title, text)
        article = Article(id=content_hash[:16], source=f"synthetic://{i}", title=title, text=text, lang=lang,
                          content_hash=content_hash, outlet=outlet, published=published, published_from="metadata",
                          mentions=mentions)
        lead = lead_text(title, text)
        signals = ArticleSignals(vector=vector, title_vector=title_vector, lexical=lexical.signature(lead),
                                 published=published, script=script_of(lead), lang=lang,
                                 minhash=syndication.signature(text))
        page = Page(source=article.source, title=title, body=text, outlet=outlet, url=None, author=None,
                    published=published, declared_lang=lang)
        return Speculation(page=page, assumed=Assumed(None),
                           prepared=Prepared(article=article, line_keys=[], signals=signals))


class _Timed:
    """Wraps the clusterer's assign to record each call's milliseconds."""

    def __init__(self, assign) -> None:
        self.assign = assign
        self.ms: list[float] = []

    def __call__(self, *args, **kwargs):
        began = time.perf_counter()
        try:
            return self.assign(*args, **kwargs)
        finally:
            self.ms.append(1000 * (time.perf_counter() - began))


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0}
    found = np.percentile(np.array(values), [50, 95, 99])
    return {"p50": round(float(found[0]), 2), "p95": round(float(found[1]), 2), "p99": round(float(found[2]), 2)}


def _db_mb(url: str) -> float:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        files = [path, path.with_name(path.name + "-wal")]
        return round(sum(f.stat().st_size for f in files if f.exists()) / 2**20, 1)
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        size = conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar()
    engine.dispose()
    return round(size / 2**20, 1)


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class _MadeVectors:
    """The embedder's place in a store whose vectors the stream makes (never asked to encode)."""

    name = "synthetic"
    dim = DIM

    def encode(self, texts: list[str]) -> np.ndarray:
        raise RuntimeError("bench --scale makes its vectors; nothing should be embedded")


def _engine(url: str) -> Engine:
    return Engine(open_store(url), embedder=_MadeVectors())


def run_scale(n: int, db_url: str | None = None, progress: bool | None = None, measured: int = MEASURED) -> dict:
    """Grow a store to ``n`` articles (plus the timed windows of ``measured`` articles) and
    measure at each point. With ``db_url``, a run that was stopped resumes: its progress and the
    points it measured are kept beside the store (`_Progress`); articles it fed again are
    duplicates, which the store skips."""
    targets = sorted({p for p in POINTS if p < n} | {n})
    stream = SyntheticStream()
    with tempfile.TemporaryDirectory() as scratch:
        url = db_url or f"sqlite:///{scratch}/scale.db"
        with _engine(url) as engine:
            beside = engine.store.index_directory()
        if beside is None:
            raise NewsweaveError("bench --scale grows a store on disk: give --db a file or a server")
        progress_file = _Progress(Path(f"{beside}.scale.json"), n, measured)
        stream.skip(progress_file.fed)
        bar = tqdm(total=n + len(targets) * measured, initial=progress_file.fed, desc="bench --scale",
                   unit="article", file=sys.stderr, disable=None if progress is None else not progress)
        for number, target in enumerate(targets):
            if any(point["point"] == number for point in progress_file.points):
                continue
            with _engine(url) as engine:
                while stream.count < target:  # grow, untimed (the earlier points' windows count)
                    chunk = min(10_000, target - stream.count)
                    engine.ingest_docs(stream.items(chunk), progress=False)
                    progress_file.save(stream.count)
                    bar.update(chunk)
                # The window goes on in the process that grew the store: the cost of an article in a
                # running ingest (a process just started pays its cold caches once: start-up below).
                progress_file.save(stream.count, measuring=number)
                timed = _Timed(engine.clusterer.assign)
                engine.clusterer.assign = timed
                began = time.perf_counter()
                engine.ingest_docs(stream.items(measured), progress=False)
                elapsed = time.perf_counter() - began
                bar.update(measured)
            with _engine(url) as engine:  # start-up: open the grown store as a new process does
                began = time.perf_counter()
                engine.clusterer, engine.resolver, engine.syndication, engine.storylines  # noqa: B018 (load)
                startup_s = time.perf_counter() - began
            progress_file.points.append({
                "point": number, "stored": target, "assign_ms": _percentiles(timed.ms),
                "articles_per_s": round(measured / elapsed, 1), "ms_per_article": round(1000 * elapsed / measured, 2),
                "startup_s": round(startup_s, 2), "rss_mb": _rss_mb(), "db_mb": _db_mb(url)})
            progress_file.save(stream.count)
            print(f"bench --scale: {progress_file.points[-1]}", file=sys.stderr)
        bar.close()
    return {"synthetic": True, "articles_per_day": ARTICLES_PER_DAY, "measured_per_point": measured,
            "machine_cpus": os.cpu_count(),
            "points": [{k: v for k, v in point.items() if k != "point"} for point in progress_file.points]}


class _Progress:
    """How far a run has fed the stream into a store, and the points it measured: a JSON file
    beside the store, so a stopped run resumes (the same target and window size only)."""

    def __init__(self, path: Path, n: int, measured: int) -> None:
        self.path = path
        self.run = {"n": n, "measured": measured}
        self.fed, self.points = 0, []
        if path.exists():
            try:
                saved = json.loads(path.read_text(encoding="utf-8"))
                saved["fed"], saved["points"]  # noqa: B018 (present)
            except (ValueError, KeyError, TypeError):
                raise NewsweaveError(f"{path}: unreadable bench --scale progress; delete it and the store "
                                     "to start over") from None
            if saved.get("run") != self.run:
                raise NewsweaveError(f"{path}: the store holds a bench --scale run of another size "
                                     f"({saved.get('run')}); give a new --db to start one of {n}")
            self.fed, self.points = saved["fed"], saved["points"]
            if saved.get("measuring") is not None and all(p["point"] != saved["measuring"] for p in self.points):
                self.fed += measured  # a window cut short: its point is timed on the next articles

    def save(self, fed: int, measuring: int | None = None) -> None:
        """Record progress (``measuring``: the point whose window starts now)."""
        self.fed = fed
        staged = self.path.with_name(self.path.name + ".tmp")
        staged.write_text(json.dumps({"run": self.run, "fed": fed, "measuring": measuring, "points": self.points}),
                          encoding="utf-8")
        staged.replace(self.path)
