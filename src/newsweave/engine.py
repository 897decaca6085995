"""Engine: the one Python API that the CLI (and later the HTTP API and web UI) wrap."""

from __future__ import annotations

import functools
import logging
import os
import shutil
import sys
import threading
import time
from contextlib import nullcontext
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from operator import methodcaller
from typing import IO, BinaryIO, Callable, ContextManager, Iterable, TypeVar

import numpy as np
from tqdm import tqdm

from newsweave import search
from newsweave.backup import export_store, import_store
from newsweave.errors import BadInput, NewsweaveError
from newsweave.ingest import read_inputs
from newsweave.kept import Kept, Refresher, gave_stale
from newsweave.part_process import PartProcess
from newsweave.distributed import (WORKER_EMBEDDER, Assumed, Shard, ShardDone, ShardStream, Speculation, dask_client,
                                   failure, plan_shards)
from newsweave.pipeline import (REPEATED_LINE_MIN_COUNT, Prepared, compute_signals, optional_stage, prepare,
                                prepare_page, with_corpus)
from newsweave.records import Article, Event, EventChange, Failure, IngestReport, RawDoc
from newsweave.stages.embed import CachedEmbedder, Embedder, UseEmbedder
from newsweave.stages.entities import EntityContext, EntityResolver, display_name, entity_weights
from newsweave.stages.actions import find_actions
from newsweave.stages.ann import ArticleIndex
from newsweave.stages.coverage import Coverage, coverage
from newsweave.stages.events import OnlineClusterer, is_quiet, quiet_days
from newsweave.stages.instance import instance_facts
from newsweave.stages.points import Point, event_points
from newsweave.stages.storylines import EventProfile, StorylineIndex, join_horizon_days
from newsweave.stages.summarize import Summary, event_titles, summarize
from newsweave.stages.syndication import SyndicationIndex, from_bytes
from newsweave.stages.similarity import SimilarityParams
from newsweave.store import EventState, Store, StoredArticle, open_store
from newsweave.store.index_lock import IndexLock

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_DB = "sqlite:///newsweave.db"
# Articles per embedding batch and per transaction: large enough for fast batched embedding,
# small enough that a crash loses little uncommitted work.
BATCH_SIZE = 16
# The resolver's co-occurrence context, saved beside the clusterer's index (as of its position).
CONTEXT_FILE = "context.npz"
# Reads keep what is costly to recompute: the sentence vectors of recently read events (~2 KB
# each), and the articles, points, titles and entities of recently read events, as long as
# their articles stay the same.
READ_SENTENCES = 20_000
READ_EVENT_PARTS = 1200  # six parts of 200 events
# Lists, single articles and single entities read at one version of the store, kept until it changes.
READ_SNAPSHOTS = 2000
# How long reads trust the store's version without asking again: what this process stores is
# seen at once, what another process stores within this.
VERSION_RECHECK_S = 0.5


def _aware(value: datetime) -> datetime:
    """A naive stored date is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def default_db_url() -> str:
    return os.environ.get("NEWSWEAVE_DB") or DEFAULT_DB


class Engine:
    """Ingest articles and read what newsweave made of them.

    One ingest at a time; reads may run in other threads meanwhile (the HTTP API's do): they read
    the store, and take the engine's lock only for the in-memory indexes an ingest updates.

    Args:
        store: where everything is kept (see newsweave.store).
        embedder: the sentence embedder; multilingual USE v3 by default, loaded on first use.
        params: similarity and clustering parameters; the shipped fitted ones by default.
    """

    def __init__(self, store: Store, embedder: Embedder | None = None,
                 params: SimilarityParams | None = None) -> None:
        self.store = store
        self._embedder = embedder
        self.params = params or SimilarityParams.load()
        self._clusterer: OnlineClusterer | None = None
        self._resolver: EntityResolver | None = None
        self._syndication: SyndicationIndex | None = None
        self._storylines: StorylineIndex | None = None
        self._lock = threading.RLock()  # the in-memory indexes, and building them on first use
        self._storyline_rows: tuple[tuple[int, int], list[dict]] | None = None  # (store version, listing)
        self._refresher = Refresher()
        self._snapshots: Kept[object] = Kept(READ_SNAPSHOTS, self._refresher)
        self._version_read: tuple[float, tuple[int, int]] | None = None  # (when, Store.version())
        self._version_rereading = threading.Lock()
        self._version_keeping = threading.Lock()
        self._index_lock: IndexLock | None = None
        self._read_embedder: CachedEmbedder | None = None
        self._event_parts: Kept[object] = Kept(READ_EVENT_PARTS, self._refresher)
        self._part_process: PartProcess | None = None

    @classmethod
    def open(cls, db_url: str | None = None, **kwargs) -> "Engine":
        return cls(open_store(db_url or default_db_url()), **kwargs)

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._refresher.close()
        if self._part_process is not None:
            self._part_process.close()
        if self._clusterer is not None:
            self._saving(self._clusterer.save)
        if self._index_lock is not None:
            self._index_lock.close()
        self.store.close()

    def _saving(self, step: Callable[[], None]) -> None:
        """Run a clusterer step that may save its index; if it did, save the resolver's context
        as of the same store position, so the next process loads both and catches up alike."""
        before = self.clusterer.saved_position
        directory = self.store.index_directory()
        try:
            step()
            if self._resolver is not None and directory is not None and self.clusterer.saved_position != before:
                self._resolver.context.save(directory / CONTEXT_FILE, self.clusterer.saved_position)
        except OSError as error:  # disk full, directory read-only: the saves are derived from the store
            LOGGER.error("%s: the indexes beside the store could not be saved (%s); the next start rebuilds "
                         "or catches them up from the store", directory, error.strerror or error)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            with self._lock:
                if self._embedder is None:
                    self._embedder = UseEmbedder()
        return self._embedder

    @property
    def read_embedder(self) -> Embedder:
        """The embedder for reads: remembers the sentences it embedded."""
        if self._read_embedder is None:
            with self._lock:
                if self._read_embedder is None:
                    self._read_embedder = CachedEmbedder(self.embedder, max_texts=READ_SENTENCES)
        return self._read_embedder

    @property
    def clusterer(self) -> OnlineClusterer:
        if self._clusterer is None:
            self._hold_index_lock()
            self._clusterer = OnlineClusterer(self.store, self.embedder.dim, self.params,
                                              index_dir=self.store.index_directory())
        return self._clusterer

    def _hold_index_lock(self) -> IndexLock | None:
        """The lock on the indexes beside the store, held shared from the first use of them on."""
        directory = self.store.index_directory()
        if self._index_lock is None and directory is not None:
            self._index_lock = IndexLock(directory)
        return self._index_lock

    def _indexes_alone(self) -> ContextManager[bool]:
        """True inside if no other engine has the indexes beside the store open (`IndexLock.alone`)."""
        lock = self._hold_index_lock()
        return lock.alone() if lock is not None else nullcontext(True)

    @property
    def resolver(self) -> EntityResolver:
        if self._resolver is None:
            resolver = EntityResolver()
            for entity_id, text, lang, type_ in self.store.entity_names():
                resolver.add_name(entity_id, text, lang, type_)
            directory = self.store.index_directory()
            saved = EntityContext.load(directory / CONTEXT_FILE) if directory is not None else None
            skip = 0
            if saved is not None and saved[1] <= self.store.count_articles():  # else saved ahead of the store
                resolver.context, skip = saved
            for mentions in self.store.article_entity_mentions(skip):
                resolver.context.add_article(mentions)
            self._resolver = resolver
        return self._resolver

    @property
    def syndication(self) -> SyndicationIndex:
        if self._syndication is None:
            self._syndication = SyndicationIndex()
            self._syndication.restore((article_id, from_bytes(signature), original or article_id) for
                                      article_id, signature, original in
                                      self.store.syndication_signatures(latest=self._syndication.window))
        return self._syndication

    @property
    def storylines(self) -> StorylineIndex:
        """The storylines new events may still join (`join_horizon_days` before the stream's
        time), rebuilt from the stored assignments; events stored without one (a process killed
        between a batch and its storyline update) are placed now."""
        if self._storylines is None:
            self._storylines, unplaced = self._storyline_index(self._storyline_horizon())
            if unplaced:
                self._place_events(unplaced, [])
        return self._storylines

    def _storyline_horizon(self) -> datetime | None:
        """Storylines whose latest event ended before this cannot be joined any more."""
        clock = self.clusterer.clock
        return _aware(clock) - timedelta(days=join_horizon_days()) if clock is not None else None

    def _storyline_index(self, since: datetime | None, types: dict[str, str] | None = None
                         ) -> tuple[StorylineIndex, list[EventState]]:
        """Stored storylines whose latest event ended ``since`` or later (all if None, and the
        undated ones always), and the events stored without a storyline; ``types`` are the
        entities' (the resolver's by default)."""
        placed = self.store.event_storylines()
        index = StorylineIndex()
        if since is not None:
            kept = {s for _, s, last in placed if s is not None and (last is None or _aware(last) >= since)}
            index.complete = all(s is None or s in kept for _, s, _ in placed)
            placed = [entry for entry in placed if entry[1] is None or entry[1] in kept]
        states = self.store.event_states([event_id for event_id, _, _ in placed])
        for event_id, storyline_id, _ in placed:
            if storyline_id is not None:
                index.restore(self._event_profile(states[event_id], types), storyline_id)
        return index, [states[event_id] for event_id, storyline_id, _ in placed if storyline_id is None]

    def _event_profile(self, state: EventState, types: dict[str, str] | None = None) -> EventProfile:
        """What storylines compare, from the event's running sums (originals only: copies would
        count twice)."""
        types = self.resolver.types if types is None else types
        return EventProfile(
            event_id=state.id, title=state.title, vector=state.vector_sum / (np.linalg.norm(state.vector_sum) or 1.0),
            entities=dict(state.entities), first_published=state.first_published,
            last_published=state.last_published, size=state.size, languages=sorted(state.languages),
            types={e: types[e] for e in state.entities if e in types})

    def _place_events(self, touched: list[EventState], changes: list[EventChange]) -> None:
        """Update storylines after a committed batch: merged events leave theirs, split parts are
        re-scored, new and grown events are placed. Decisions that change a storyline are logged
        in the event's history."""
        index, idf = self.storylines, self.clusterer.stats.entity_weighing()
        states = {state.id: state for state in touched}
        decisions = {}
        for change in changes:
            if change.kind == "absorbed" and change.other_event_id in states:
                decisions[change.other_event_id] = index.merge_events(
                    self._event_profile(states[change.other_event_id]), change.event_id, idf)
        absorbed = {c.event_id for c in changes if c.kind == "absorbed"}
        for state in touched:
            if state.id not in absorbed:
                decisions[state.id] = index.assign(self._event_profile(state), idf)
        horizon = self._storyline_horizon()
        if horizon is not None:
            index.set_aside(horizon)
        self._storyline_rows = None
        self.store.write_storylines(
            {event_id: d.storyline_id for event_id, d in decisions.items()},
            [EventChange(event_id=event_id, kind="storyline", at=datetime.now(timezone.utc).replace(microsecond=0),
                         other_event_id=d.storyline_id, reason=d.evidence)
             for event_id, d in decisions.items() if d.evidence.get("decision") != "stayed"])

    # ---- ingest -------------------------------------------------------------------------
    def ingest(self, inputs: Iterable[str], *, source_name: str | None = None,
               allow_private_network: bool = False, stdin: BinaryIO | None = None,
               progress: bool | None = None, workers: int | None = None, scheduler: str | None = None,
               embedder_factory: Callable[[], Embedder] = WORKER_EMBEDDER) -> IngestReport:
        """Read every input, store new articles and assign each to an event, one at a time.

        With ``workers`` (a local Dask cluster of that many processes) or ``scheduler`` (the
        address of a running one), reading, extraction, mentions and embedding run on the
        cluster's workers (newsweave.distributed; ``embedder_factory`` makes their embedder);
        the store comes out the same as a serial ingest's. Shards a previous distributed run
        finished are skipped.
        """
        report = IngestReport()
        if workers is None and scheduler is None:
            docs = read_inputs(list(inputs), allow_private_network=allow_private_network, stdin=stdin)
            return self.ingest_docs(docs, source_name=source_name, report=report, progress=progress)
        planned = plan_shards(list(inputs))
        done = self.store.done_shards([s.key for s in planned if isinstance(s, Shard) and s.key is not None])
        todo = [entry for entry in planned if not (isinstance(entry, Shard) and entry.key in done)]
        report.shards = {"total": sum(isinstance(entry, Shard) for entry in planned),
                         "skipped": len(planned) - len(todo), "re_prepared": 0}
        with dask_client(workers, scheduler) as client:
            stream = ShardStream(client, todo, source_name=source_name,
                                 allow_private_network=allow_private_network, stdin=stdin,
                                 embedder_factory=embedder_factory, progress=progress)
            return self.ingest_docs(stream, report=report, progress=False)

    def ingest_docs(self, docs: Iterable[RawDoc | BadInput | Speculation | ShardDone], *,
                    source_name: str | None = None, report: IngestReport | None = None,
                    progress: bool | None = None) -> IngestReport:
        """Ingest already-read documents (readers' output, records built in Python, or what Dask
        workers prepared), one at a time in the order given."""
        report = report or IngestReport()
        batch: list[Prepared] = []
        duplicates: list[tuple[str, str, str]] = []
        pending_hashes: dict[str, str] = {}
        finished_shards: list[Shard] = []  # consumed whole; recorded once their articles are committed
        bar = tqdm(desc="ingest", unit="doc", disable=None if progress is None else not progress,
                   file=sys.stderr)
        for doc in docs:
            if isinstance(doc, ShardDone):
                finished_shards.append(doc.shard)
                continue
            bar.update(1)
            if isinstance(doc, BadInput):
                self._fail(report, doc.input, doc.reason)
                continue
            try:
                prepared = self._prepare(doc, source_name, report)
            except BadInput as error:
                self._fail(report, error.input, error.reason)
                continue
            article = prepared.article
            if self.store.seen_source(article.source, article.content_hash):
                report.duplicates += 1
                continue
            original = pending_hashes.get(article.content_hash) or self.store.article_for_hash(article.content_hash)
            if original is not None:
                report.duplicates += 1
                if (article.source, article.content_hash) not in {(s, h) for s, h, _ in duplicates}:
                    duplicates.append((article.source, article.content_hash, original))
                continue
            pending_hashes[article.content_hash] = article.id
            batch.append(prepared)
            if len(batch) >= BATCH_SIZE:
                self._store_batch(batch, duplicates, report)
                batch, duplicates = [], []
                self._record_shards(finished_shards)
        if batch or duplicates:
            self._store_batch(batch, duplicates, report)
        self._record_shards(finished_shards)
        bar.close()
        return report

    def _prepare(self, doc: RawDoc | Speculation, source_name: str | None, report: IngestReport) -> Prepared:
        """The article a serial ingest makes of ``doc`` at this point: a worker's speculation
        stands when the outlet's repeated lines it assumed still hold, else the page is prepared
        again; then the names the corpus knows now are found in it."""
        source = doc.page.source if isinstance(doc, Speculation) else doc.source
        try:
            return with_corpus(self._prepare_alone(doc, source_name, report), self.resolver)
        except Exception as error:  # one broken document never stops the batch
            LOGGER.debug("failure on %s", source, exc_info=True)
            raise failure(source, error) from None

    def _prepare_alone(self, doc: RawDoc | Speculation, source_name: str | None, report: IngestReport) -> Prepared:
        if not isinstance(doc, Speculation):
            return prepare(replace(doc, outlet=source_name) if source_name else doc, self._repeated_lines)
        if self._still_holds(doc.assumed):
            if doc.failure is not None:
                raise doc.failure
            return doc.prepared
        report.shards["re_prepared"] += 1
        prepared = prepare_page(doc.page, self._repeated_lines)
        worker = doc.prepared
        if worker is not None and (worker.article.title, worker.article.text, worker.article.lang,
                                   worker.article.published) == (prepared.article.title, prepared.article.text,
                                                                 prepared.article.lang, prepared.article.published):
            prepared.signals = worker.signals  # same text: the worker's embedding holds
        return prepared

    def _still_holds(self, assumed: Assumed) -> bool:
        if assumed.lines is None:
            return True
        outlet, keys, repeated = assumed.lines
        return self._repeated_lines(outlet, list(keys)) == repeated

    def _record_shards(self, finished: list[Shard]) -> None:
        keys = [shard.key for shard in finished if shard.key is not None]
        if keys:
            self.store.mark_shards_done(keys)
        finished.clear()

    def _repeated_lines(self, outlet: str, keys: list[str]) -> set[str]:
        counts = self.store.line_counts(outlet, keys)
        return {key for key, count in counts.items() if count >= REPEATED_LINE_MIN_COUNT}

    @staticmethod
    def _fail(report: IngestReport, input: str, reason: str) -> None:
        report.failed.append(Failure(input=input, error=f"{input}: {reason}"))
        LOGGER.warning("%s: %s", input, reason)

    def _store_batch(self, batch: list[Prepared], duplicates: list[tuple[str, str, str]],
                     report: IngestReport) -> None:
        unsigned = [p for p in batch if p.signals is None]  # prepared here, not by a worker
        for prepared, signals in zip(unsigned, compute_signals([p.article for p in unsigned], self.embedder)
                                     if unsigned else []):
            prepared.signals = signals
        with self._lock:
            self._store_signed(batch, duplicates, report)

    def _store_signed(self, batch: list[Prepared], duplicates: list[tuple[str, str, str]],
                      report: IngestReport) -> None:
        stored: list[StoredArticle] = []
        for prepared in batch:
            article, article_signals = prepared.article, prepared.signals
            article.mentions, links, new_entities = self.resolver.resolve(article.id, article.mentions)
            article.quotes = [replace(q, speaker_entity_id=article.mentions[q.speaker_mention].entity_id)
                              if q.speaker_mention is not None and q.speaker_mention < len(article.mentions) else q
                              for q in article.quotes]
            article.actions = optional_stage("actions", article.source, lambda: find_actions(article))
            article_signals = replace(article_signals, entities=dict(entity_weights(article.mentions)),
                                      instance=instance_facts(article))
            original = self.syndication.original_of(article_signals.minhash)
            if original is not None:
                article.syndicated_of = original[0]
                assignment = self.clusterer.assign_copy(article.id, original[0], original[1], article_signals)
            else:
                assignment, _ = self.clusterer.assign(article.id, article.title, article_signals)
            self.syndication.add(article.id, article_signals.minhash)
            article.event_id = assignment.event_id
            names = {e.id: (e.type, e.name) for e in new_entities}
            for m in article.mentions:
                names.setdefault(m.entity_id, (m.type, display_name(m.entity_id, m.text)))
            stored.append(StoredArticle(article=article, signals=article_signals, line_keys=prepared.line_keys,
                                        event_evidence=assignment.evidence, entity_links=links, entities=names))
        try:
            touched = self.clusterer.pending_events() if stored else []
            changes = self.clusterer.pending_changes() if stored else []
            seqs = self.store.write_batch(stored, self.clusterer.pending_events() if stored else [], duplicates,
                                          changes)
        except Exception:
            # The in-memory indexes hold the lost batch: rebuild them from the store.
            self._clusterer = None
            self._resolver = None
            self._syndication = None
            self._storylines = None
            raise
        self._saving(self.clusterer.committed)
        # An article another process stored meanwhile was kept as a sighting of that one (seq None).
        kept = [s.article for s, seq in zip(stored, seqs) if seq is not None]
        LOGGER.info("committed %d article(s): %s", len(kept), " ".join(a.id for a in kept))
        # Committed: make the batch searchable (search.rebuild fills what a kill right here leaves out).
        search.index_articles(self.store, kept)
        self._place_events(touched, changes)
        self._reread_version()  # reads see this batch at once
        report.ingested += len(kept)
        report.duplicates += len(stored) - len(kept)
        report.article_ids.extend(a.id for a in kept)

    # ---- backup and integrity ---------------------------------------------------------------
    def export(self, out: IO[str]) -> int:
        """Write the whole store as JSON lines (`backup`); returns the rows written."""
        return export_store(self.store, out)

    def import_(self, lines: Iterable[str], name: str) -> int:
        """Load an export into this store, which must be empty; returns the rows loaded."""
        with self._indexes_alone() as alone:
            if not alone:  # it would delete the indexes another process is writing
                raise NewsweaveError(f"{name}: not imported, since another process (a server or an ingest) has "
                                     "this store open: stop it, then import again")
            loaded = import_store(self.store, lines, name)
            self._forget_derived()  # a saved index beside an empty store came from another one
            search.rebuild(self.store)
            self._saving(self.clusterer.save)
        return loaded

    def verify(self) -> dict:
        """The store's integrity checks (`Store.problems`), and the vector index beside it checked
        against it: rebuilt from the store if it does not match (it is derived from it)."""
        problems = self.store.problems()
        repaired = []
        mismatch = self._index_mismatch()
        if mismatch is not None:
            with self._indexes_alone() as alone:
                if alone:
                    self._forget_derived()
                    self._saving(self.clusterer.save)
                    repaired.append(f"the vector index beside the store {mismatch}: rebuilt from the store")
                else:
                    problems.append(f"the vector index beside the store {mismatch}; not rebuilt, since another "
                                    "process that ingests into this store has it open: stop it (or the server), "
                                    "then run verify again")
        return {"ok": not problems, "articles": self.store.count_articles(), "problems": problems,
                "repaired": repaired}

    def _index_mismatch(self) -> str | None:
        """How the saved vector index disagrees with the store, or None (none saved, or it agrees)."""
        directory = self.store.index_directory()
        if directory is None or not (directory / "manifest.json").exists():
            return None
        index = ArticleIndex.load(self.embedder.dim, directory)
        if index is None:
            return "cannot be read"
        stored = self.store.ordered_article_ids()  # label n: the n-th article stored
        if index.position > len(stored):
            return f"holds {index.position} articles, the store {len(stored)}"
        wrong = [label for label, article_id in index.labelled().items()
                 if not 0 < label <= len(stored) or stored[label - 1] != article_id]
        return f"names {len(wrong)} article(s) the store holds elsewhere or not at all" if wrong else None

    def _forget_derived(self) -> None:
        """Drop the indexes derived from the store, in memory and saved beside it."""
        directory = self.store.index_directory()
        if directory is not None and directory.exists():
            shutil.rmtree(directory)
        self._clusterer = self._resolver = self._syndication = self._storylines = None
        self._storyline_rows = self._version_read = None

    # ---- read ---------------------------------------------------------------------------
    def _as_stored(self, name: tuple[str, ...], read: Callable[[], T],
                   apart: Callable[["Engine"], T] | None = None) -> T:
        """``read()``, kept until the store changes (`Store.version`, by this process or another);
        the records given are shared between callers, who must not change them. ``apart(engine)``
        reads the same in another engine: a refresh in the background runs it in the part process,
        if `refresh_parts_apart` started one."""
        refresh = None
        if apart is not None and self._part_process is not None:
            refresh = functools.partial(self._part_process.compute, functools.partial(_stored_apart, apart))
        return self._snapshots.get(name, read, self.store_version(), refresh)

    def store_version(self, wait: bool = True) -> tuple[int, int]:
        """`Store.version`, asked again at most every VERSION_RECHECK_S (at once after this
        process stored a batch, or after `saw_changes`). Without ``wait``, a version due for a
        recheck is given as known while a thread asks the store (an event loop must not wait
        for a database connection that busy readers hold)."""
        known, now = self._version_read, time.monotonic()
        if known is not None and now - known[0] <= VERSION_RECHECK_S:
            return known[1]
        if wait or known is None:
            return self._reread_version()
        if self._version_rereading.acquire(blocking=False):
            threading.Thread(target=self._reread_version, args=(self._version_rereading,), daemon=True,
                             name="newsweave-version").start()
        return known[1]

    def _reread_version(self, held: threading.Lock | None = None) -> tuple[int, int]:
        try:
            asked = time.monotonic()
            found = self.store.version()
            with self._version_keeping:
                known = self._version_read
                # A read begun before the known one was taken (in another thread) may give an older version.
                if known is None or asked >= known[0] or found >= known[1]:
                    self._version_read = known = (asked, found)
                return known[1]
        finally:
            if held is not None:
                held.release()

    def saw_changes(self) -> None:
        """Another process changed the store (and said so): reads see it at once."""
        self._reread_version()

    def lagging_reads(self) -> ContextManager[None]:
        """While an ingest runs, in this process or another: reads get what they read at an
        earlier version of the store, each brought up to date in the background."""
        return self._refresher.lagging()

    def reads_may_lag(self) -> bool:
        """Within `lagging_reads`: what reads give may be a batch or a few behind."""
        return self._refresher.may_lag()

    def read_refreshes(self) -> int:
        """Changes when kept reads given stale were brought up to date, and when lagging ends:
        what was made of values given stale (`newsweave.kept.watching_staleness`) may have changed."""
        return self._refresher.refreshes()

    def articles(self) -> list[Article]:
        return self._articles()[0]

    def articles_by_id(self) -> dict[str, Article]:
        """`articles` by id (kept as they are)."""
        return self._articles()[1]

    def _articles(self) -> tuple[list[Article], dict[str, Article]]:
        """The stored articles, and each by its id: one value, so a refresh in the part process
        sends each article once."""
        def read() -> tuple[list[Article], dict[str, Article]]:
            articles = self.store.articles()
            return articles, {a.id: a for a in articles}

        return self._as_stored(("articles",), read, methodcaller("_articles"))

    def articles_of(self, article_ids: list[str]) -> list[Article]:
        """These articles, in this order, from the kept list; any stored after it was read (an
        event list read a moment later may name them) from the store."""
        by_id = self.articles_by_id()
        found = [by_id.get(i) or self.article(i) for i in article_ids]
        return [a for a in found if a is not None]

    def article(self, article_id: str) -> Article | None:
        """One article with its mentions, quotes, dates and actions, or None."""
        return self._as_stored(("article", article_id), lambda: self.store.article(article_id),
                               methodcaller("article", article_id))

    def events(self) -> list[Event]:
        return self._events()[0]

    def _events(self) -> tuple[list[Event], dict[str, Event]]:
        """The live events, and each event by its id and by every id it absorbed."""
        def read() -> tuple[list[Event], dict[str, Event]]:
            events = self._with_status(self.store.events())
            by_id = {e.id: e for e in events}
            by_id.update((absorbed, by_id[live]) for absorbed, live in self.store.event_redirects().items()
                         if live in by_id)
            return events, by_id

        return self._as_stored(("events",), read, methodcaller("_events"))

    def event(self, event_id: str) -> Event:
        """The event an id stands for; an id absorbed by a merge gives the event that absorbed it."""
        event = self._events()[1].get(event_id)
        if event is None:
            raise NewsweaveError(f"no event {event_id!r}: list events with `newsweave events`")
        return event

    def _with_status(self, events: list[Event]) -> list[Event]:
        clock, quiet = self.store.latest_published(), timedelta(days=quiet_days())
        for event in events:
            event.closed = is_quiet(event.last_seen, clock, quiet)
        return events

    def event_part(self, part: str, event: Event, compute: Callable[[], T],
                   apart: Callable[["Engine", str], T] | None = None) -> T:
        """``compute()``, or what it gave for this event with these articles when read lately
        (an event's articles, points, titles and entities change only when its articles do).
        ``apart(engine, event id)`` computes the same in another engine: a refresh in the
        background runs it in the part process, if `refresh_parts_apart` started one."""
        refresh = None
        if apart is not None and self._part_process is not None:
            refresh = functools.partial(self._part_process.compute,
                                        functools.partial(_event_part_apart, apart, event.id))
        return self._event_parts.get((part, event.id), compute, tuple(event.article_ids), refresh)

    def refresh_parts_apart(self, db_url: str) -> None:
        """Bring what reads keep up to date in a process of their own while reads lag (a server's
        reads then keep its interpreter); it starts with the first refresh."""
        self._part_process = PartProcess(db_url)

    def event_articles(self, event_id: str) -> list[Article]:
        event = self.event(event_id)
        return self.event_part("articles", event, lambda: self.store.event_articles(event.id), Engine.event_articles)

    def event_evidence(self, event_id: str) -> dict[str, dict]:
        live = self.event(event_id).id
        return self._as_stored(("evidence", live), lambda: self.store.event_evidence(live),
                               methodcaller("event_evidence", live))

    def event_history(self, event_id: str) -> list[EventChange]:
        """Openings, merges, splits and late joins of the event, oldest first; an absorbed id's
        own history ends with its absorption."""
        live = self.event(event_id).id
        return self._as_stored(("history", event_id), lambda: self.store.event_history(event_id) + (
            self.store.event_history(live) if live != event_id else []))

    def entities(self, evidence: bool = True) -> list[dict]:
        """Every entity, most widely named first (kept until the store changes); with the
        evidence of each link unless ``evidence`` is false (lists need none)."""
        return self._as_stored(("entities", evidence), lambda: self.store.entities(evidence=evidence),
                               methodcaller("entities", evidence))

    def entity(self, entity_id: str) -> dict | None:
        """One entity as `entities` gives it, or None."""
        return self._as_stored(("entity", entity_id), lambda: next(iter(self.store.entities([entity_id])), None),
                               methodcaller("entity", entity_id))

    def quotes(self, entity_id: str | None = None) -> list[dict]:
        return self.store.quotes(entity_id) if entity_id else self._as_stored(("quotes",), self.store.quotes,
                                                                              methodcaller("quotes"))

    def event_entities(self, event_id: str) -> list[dict]:
        """Entities named in the event's articles, most widely mentioned first."""
        event = self.event(event_id)
        ids = set(event.article_ids)

        def named() -> list[dict]:
            found = []
            for entity in self.store.entities(self.store.entities_named_in(ids), evidence=False):
                shared = [a for a in entity["article_ids"] if a in ids]
                if shared:
                    found.append({"id": entity["id"], "name": entity["name"], "type": entity["type"],
                                  "article_ids": shared})
            return sorted(found, key=lambda e: (-len(e["article_ids"]), e["name"]))

        return self.event_part("entities", event, named, Engine.event_entities)

    def event_points(self, event_id: str) -> tuple[list[Article], list[Point]]:
        """The event's articles and its points: equivalent sentences grouped across languages
        (kept for the recently read events while their articles stay the same)."""
        event = self.event(event_id)

        def compute() -> tuple[list[Article], list[Point]]:
            articles = self.store.event_articles(event.id)  # as of now: the points are made of them
            return articles, event_points(articles, self.read_embedder)

        return self.event_part("points", event, compute, Engine.event_points)

    def event_summary(self, event_id: str, lang: str | None = None, sentences: int = 5) -> Summary:
        """An extractive summary: central, non-redundant points, each told in `lang` when an
        article in that language carries it, else in its own language (marked)."""
        articles, points = self.event_points(event_id)
        return summarize(points, articles, lang, sentences)

    def event_titles(self, event_id: str) -> dict[str, str]:
        """One title per language the event's articles are in."""
        event = self.event(event_id)
        return self.event_part("titles", event,
                               lambda: event_titles(self.event_points(event.id)[0], self.read_embedder),
                               Engine.event_titles)

    def event_coverage(self, event_id: str) -> Coverage:
        """Who covered the event, when, and what each article carries that others leave out."""
        event = self.event(event_id)
        return self.event_part("coverage", event, lambda: coverage(*self.event_points(event.id)),
                               Engine.event_coverage)

    def storyline_list(self) -> list[dict]:
        """Storylines, largest first: id, title, and event ids in timeline order.

        An engine that ingests lists them from its index of the storylines events may still
        join, unless it set some aside; every other (an API server whose ingest runs in its own
        process) reads them from the store, once per change. While an ingest stores a batch
        (holding the engine's lock), a read gets them as of before it."""
        if self._storylines is None or not self._storylines.complete:
            return self._as_stored(("storylines",), lambda: self._storyline_rows_of(
                self._storyline_index(since=None, types=self.store.entity_types())[0]))
        cached = self._storyline_rows
        if not self._lock.acquire(blocking=cached is None):  # a batch is being stored
            gave_stale()
            return cached[1]
        try:
            version = self.store_version()  # another process may have stored more
            if self._storyline_rows is None or self._storyline_rows[0] != version:
                self._storyline_rows = (version, self._storyline_rows_of(self.storylines))
            return self._storyline_rows[1]
        finally:
            self._lock.release()

    def _storyline_rows_of(self, index: StorylineIndex) -> list[dict]:
        names = self.store.entity_labels()
        return [{"id": s, "title": index.title(s, names.get),
                 "event_ids": [e for e, _, _ in index.timeline(s)],
                 "timeline": [{"event_id": e, "first_published": when, "title": title}
                              for e, when, title in index.timeline(s)]} for s in index.storylines()]

    def actions(self, entity_id: str | None = None, action: str | None = None) -> list[dict]:
        """Who did what to whom, where, when: records with their evidence sentence; `entity_id`
        matches the actor or the target (meetings and signings are mutual)."""
        return self.store.actions(entity_id, action)

    def event_actions(self, event_id: str) -> list[dict]:
        event = self.event(event_id)
        return self.event_part("actions", event, lambda: self.store.actions(article_ids=event.article_ids),
                               Engine.event_actions)

    def event_quotes(self, event_id: str) -> list[dict]:
        ids = set(self.event(event_id).article_ids)
        return [q for q in self.quotes() if q["article_id"] in ids]


# What the part process runs (newsweave.part_process): module functions, sent by reference.
def _event_part_apart(part: Callable[[Engine, str], T], event_id: str, engine: Engine) -> tuple[tuple[str, ...], T]:
    """An event part, with the article ids it was computed for (its version in `Engine.event_part`)."""
    return tuple(engine.event(event_id).article_ids), part(engine, event_id)


def _stored_apart(read: Callable[[Engine], T], engine: Engine) -> tuple[tuple[int, int], T]:
    """A read kept by store version, with the version it was read at."""
    return engine.store_version(), read(engine)
