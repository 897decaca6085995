"""Distributed ingest on Dask: the per-article stages run on workers, shard by shard; the
order-dependent rest (known names, entities, events, storylines) runs here, in input order.

A serial ingest reads one thing earlier articles taught while it prepares an article's text: its
outlet's repeated lines (boilerplate). A worker cannot see them as they are at that article's
turn, so it removes the repeated lines of its own shard and records which it took as repeated.
Here each article's turn comes in input order; if the store gives the same repeated lines now,
the worker's article is exactly what a serial ingest would have made; if not, the article is
prepared again here from the worker's extracted page (and re-embedded only if its text changed).
The names the corpus has taught are then found in it here (`pipeline.with_corpus`), as in a
serial ingest. So the store equals a serial ingest's, while the costly stages (HTML extraction,
language, mentions, embedding) run on the workers.

A shard is one WARC or JSONL file, or a run of up to SHARD_FILES other files or URLs. Finished
shards are recorded in the store, so an interrupted batch resumes where it stopped.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import fsspec
from tqdm import tqdm

from newsweave.errors import BadInput, NewsweaveError
from newsweave.ingest.base import DEFAULT_LIMITS
from newsweave.ingest.files import kind_from_name
from newsweave.ingest.sources import Unit, input_units, read_units
from newsweave.pipeline import REPEATED_LINE_MIN_COUNT, Page, Prepared, compute_signals, prepare_page, read_page
from newsweave.records import RawDoc
from newsweave.stages.embed import Embedder, UseEmbedder

# Small files per task: enough work to outweigh a task's overhead (~1 ms), few enough that a
# lost worker costs little to redo.
SHARD_FILES = 64
# Shards in flight per worker: keeps every worker busy while results wait for their turn here,
# without holding a whole archive's results in memory.
SHARDS_AHEAD_PER_WORKER = 3
CONNECT_TIMEOUT_S = 30


@dataclass(frozen=True)
class Shard:
    """Units read by one task. ``key`` fingerprints them (names, sizes, modification times) for
    resuming; None when they cannot be fingerprinted (URLs, stdin), which are never skipped."""

    index: int
    units: tuple[Unit, ...]
    key: str | None
    local: bool = False  # stdin: only this process can read it


@dataclass(frozen=True)
class Assumed:
    """What a worker took the store to hold when it prepared an article: (outlet, the article's
    line keys, those taken as the outlet's repeated lines), or None without an outlet."""

    lines: tuple[str, tuple[str, ...], frozenset[str]] | None


@dataclass
class Speculation:
    """An article a worker prepared (or the BadInput preparing it raised), its page, and what
    that rested on."""

    page: Page
    assumed: Assumed
    prepared: Prepared | None = None
    failure: BadInput | None = None


@dataclass(frozen=True)
class ShardDone:
    """Marks the end of a shard's items in the stream the engine consumes."""

    shard: Shard


Item = RawDoc | BadInput | Speculation | ShardDone


# ---- planning (this process) ------------------------------------------------------------------
def plan_shards(inputs: Iterable[str]) -> list[Shard | BadInput]:
    """The inputs as shards in reading order; inputs that cannot even be listed as BadInput."""
    planned: list[Shard | BadInput] = []
    run: list[Unit] = []

    def close_run() -> None:
        if run:
            planned.append(_shard(len(planned), run))
            run.clear()

    for unit in input_units(inputs):
        if isinstance(unit, BadInput):
            close_run()
            planned.append(unit)
        elif unit.kind == "stdin":
            close_run()
            planned.append(Shard(len(planned), (unit,), None, local=True))
        elif unit.kind != "url" and kind_from_name(unit.name) in ("warc", "jsonl"):
            close_run()
            planned.append(_shard(len(planned), [unit]))
        else:
            run.append(unit)
            if len(run) >= SHARD_FILES:
                close_run()
    close_run()
    return planned


def _shard(index: int, units: list[Unit]) -> Shard:
    return Shard(index, tuple(units), _fingerprint(units))


def _fingerprint(units: list[Unit]) -> str | None:
    digest = hashlib.sha256()
    for unit in units:
        if unit.kind == "url":
            return None
        try:
            if unit.kind == "fsspec":
                fs, path = fsspec.core.url_to_fs(unit.name)
                info = fs.info(path)
                stamp = (info.get("size"), info.get("mtime") or info.get("LastModified") or info.get("ETag"))
            else:
                stat = os.stat(unit.name)
                stamp = (stat.st_size, stat.st_mtime_ns)
        except (OSError, ValueError, ImportError):
            return None  # unreadable now: its reader will say why, and it is never skipped
        digest.update(f"{unit.name}\0{stamp}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


# ---- the worker's task ------------------------------------------------------------------------
class _ShardLines:
    """Answers the repeated-lines question from the worker's own shard, and records the answer."""

    def __init__(self, counts: Counter[tuple[str, str]]) -> None:
        self._counts = counts
        self.lines: tuple[str, tuple[str, ...], frozenset[str]] | None = None

    def __call__(self, outlet: str, keys: list[str]) -> set[str]:
        repeated = {key for key in keys if self._counts[(outlet, key)] >= REPEATED_LINE_MIN_COUNT}
        self.lines = (outlet, tuple(keys), frozenset(repeated))
        return repeated


def prepare_shard(shard: Shard, *, source_name: str | None = None, allow_private_network: bool = False,
                  embedder_factory: Callable[[], Embedder] = UseEmbedder) -> list[BadInput | Speculation]:
    """Read a shard and prepare and embed its articles (runs on a Dask worker)."""
    items: list[BadInput | Speculation] = []
    shard_lines: Counter[tuple[str, str]] = Counter()
    for doc in read_units(shard.units, allow_private_network=allow_private_network, limits=DEFAULT_LIMITS):
        if isinstance(doc, BadInput):
            items.append(doc)
            continue
        if source_name:
            doc = replace(doc, outlet=source_name)
        try:
            page = read_page(doc)
        except Exception as error:
            items.append(failure(doc.source, error))
            continue
        lines = _ShardLines(shard_lines)
        speculation = Speculation(page=page, assumed=Assumed(None))
        try:
            speculation.prepared = prepare_page(page, lines)
            if page.outlet:
                shard_lines.update((page.outlet, key) for key in set(speculation.prepared.line_keys))
        except Exception as error:
            speculation.failure = failure(page.source, error)
        speculation.assumed = Assumed(lines.lines)
        items.append(speculation)
    prepared = [item.prepared for item in items if isinstance(item, Speculation) and item.prepared]
    for one, signals in zip(prepared, compute_signals([p.article for p in prepared], _embedder(embedder_factory))):
        one.signals = signals
    return items


def failure(source: str, error: Exception) -> BadInput:
    """The BadInput for an article that could not be prepared: its own, or an unexpected error's."""
    if isinstance(error, BadInput):
        return error
    return BadInput(source, f"could not be processed ({error.__class__.__name__}: {error})")


_EMBEDDERS: dict[str, Embedder] = {}


def _embedder(factory: Callable[[], Embedder]) -> Embedder:
    """One embedder per worker process and factory (each task unpickles a new factory object)."""
    key = repr(factory)
    if key not in _EMBEDDERS:
        _EMBEDDERS[key] = factory()
    return _EMBEDDERS[key]


# The workers' embedder: one BLAS thread each, as Dask runs one task per worker process.
WORKER_EMBEDDER = functools.partial(UseEmbedder, threads=1)


# ---- the cluster and the ordered stream (this process) ---------------------------------------
@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None):
    """A Dask client: on an existing cluster (``scheduler``), or on a local one of ``workers``
    processes, closed on exit. Prints the dashboard address on stderr."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise NewsweaveError("distributed ingest needs dask.distributed: pip install 'dask[distributed]'") from None
    # Dask logs every worker's coming and going at INFO; newsweave's stderr is for the user.
    logging.getLogger("distributed").setLevel(max(logging.WARNING, logging.getLogger().getEffectiveLevel()))
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=50)
            client = Client(cluster)
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise NewsweaveError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {error}; "
                             "is `dask scheduler` running there?") from None
    try:
        if client.dashboard_link:
            print(f"Dask dashboard: {client.dashboard_link}", file=sys.stderr)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class ShardStream:
    """Shards submitted to the cluster a few ahead, their items given back in input order."""

    def __init__(self, client, planned: list[Shard | BadInput], *, source_name: str | None, allow_private_network: bool, stdin=None,
                 embedder_factory: Callable[[], Embedder] = WORKER_EMBEDDER, progress: bool | None = None) -> None:
        self.client = client
        self.planned = planned
        self.task_options = {"source_name": source_name, "allow_private_network": allow_private_network,
                             "embedder_factory": embedder_factory}
        self.stdin = stdin
        self.progress = progress
        self.shards_done = 0
        self.documents = 0

    def __iter__(self) -> Iterator[Item]:
        shards = [entry for entry in self.planned if isinstance(entry, Shard) and not entry.local]
        ahead = max(1, SHARDS_AHEAD_PER_WORKER * max(1, len(self.client.scheduler_info().get("workers", {}))))
        futures: dict[int, object] = {}
        queue = deque(shards)
        bar = tqdm(total=len(shards), desc="ingest", unit="shard", file=sys.stderr,
                   disable=None if self.progress is None else not self.progress)
        started = time.monotonic()

        def submit_ahead() -> None:
            while queue and len(futures) < ahead:
                shard = queue.popleft()
                futures[shard.index] = self.client.submit(prepare_shard, shard, pure=False, retries=1,
                                                          **self.task_options)

        try:
            for entry in self.planned:
                if isinstance(entry, BadInput):
                    yield entry
                    continue
                if entry.local:
                    yield from read_units(entry.units, stdin=self.stdin)
                    continue
                submit_ahead()
                try:
                    items = futures.pop(entry.index).result()
                except Exception as error:
                    raise NewsweaveError(
                        f"the Dask cluster could not finish the shard starting at {entry.units[0].name} "
                        f"({error.__class__.__name__}: {error}); run the same command again to resume") from None
                yield from items
                yield ShardDone(entry)
                self.documents += len(items)
                self.shards_done += 1
                bar.update(1)
                bar.set_postfix(docs_per_s=f"{self.documents / max(time.monotonic() - started, 1e-9):.1f}")
                submit_ahead()
        finally:
            for future in futures.values():
                future.cancel()
            bar.close()
