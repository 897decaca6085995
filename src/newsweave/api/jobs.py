"""Ingest jobs: run one after another, in the order they were submitted (one writer).

By default a job runs in the server's ingest process: one process, started with the first job and
kept for the next ones, at a lower CPU priority, with its own Engine over the same store. The
pipeline is pure Python: run in the server's process it would hold the interpreter that answers
reads. The server learns of each committed batch from it, so reads see the batch at once. A job
may instead run in a thread of the server on its Engine (tests that give the Engine a
particular embedder do). Jobs live in memory: a restarted server forgets them, never their
articles.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import multiprocessing
import multiprocessing.synchronize
import os
import queue
import secrets
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable, Iterator

from newsweave.api.schemas import IngestArticle, IngestRequest
from newsweave.engine import BATCH_SIZE, Engine
from newsweave.errors import BadInput
from newsweave.ingest import read_inputs
from newsweave.part_process import become_background
from newsweave.records import IngestReport, RawDoc

LOGGER = logging.getLogger(__name__)

# Finished jobs kept for GET /api/jobs/{id}; the oldest are forgotten first.
KEPT_JOBS = 1000
# The ingest process yields the CPU to the server's reads (nice(2): 0 is normal, 19 the lowest).
INGEST_NICENESS = 10
# How often the ingest process looks whether the server that started it is still there.
PARENT_CHECK_S = 5.0
# How long a stopping server waits for the ingest process to finish its batch.
STOP_TIMEOUT_S = 120


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


@dataclass
class Job:
    id: str
    total: int | None
    status: str = "queued"
    created_at: datetime = field(default_factory=_now)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    done: int = 0
    report: IngestReport = field(default_factory=IngestReport)
    error: str | None = None


def raw_doc(article: IngestArticle) -> RawDoc:
    """The record an API article stands for. Its source is its URL, else a digest of its
    content, so posting the same article again changes nothing (as re-ingesting a file)."""
    has_text = bool((article.text or "").strip())  # clean text wins over html, as in JSONL
    body = article.text if has_text else article.html
    digest = hashlib.sha256(f"{article.title or ''}\n{body}".encode()).hexdigest()[:16]
    published = article.published
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    return RawDoc(source=article.url or f"api:{digest}", text=body if has_text else None,
                  html=None if has_text else body, title=article.title, url=article.url,
                  published=published, outlet=article.source, author=article.author,
                  lang=article.lang.strip().lower() if article.lang else None)


class JobRunner:
    """Runs submitted jobs one at a time: in an ingest process over the store at ``db_url``, or,
    without one, in a thread on ``engine``. Either way ``engine`` (the server's, for reads) is
    told of every committed batch."""

    def __init__(self, engine: Engine, db_url: str | None = None) -> None:
        self._engine = engine
        self._db_url = db_url
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._jobs_lock = threading.Lock()  # requests submit from several threads
        self._stopping = threading.Event()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-ingest")
        self._process: _IngestProcess | None = None  # started with the first job

    def submit(self, request: IngestRequest) -> Job:
        job = Job(id=f"job_{secrets.token_hex(8)}", total=None if request.urls else len(request.articles))
        task = _Task(docs=[raw_doc(a) for a in request.articles], urls=list(request.urls or ()),
                     source_name=request.source_name)
        with self._jobs_lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEPT_JOBS:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].finished_at is None:
                    break
                del self._jobs[oldest]
        self._executor.submit(self._run, job, task)
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def shutdown(self) -> None:
        """Let the running job finish its batch and stop; queued jobs are dropped."""
        self._stopping.set()
        if self._process is not None:
            self._process.stopping.set()
        self._executor.shutdown(wait=True, cancel_futures=True)
        if self._process is not None:
            self._process.stop()

    def _run(self, job: Job, task: _Task) -> None:
        job.status, job.started_at = "running", _now()
        try:
            with self._engine.lagging_reads():  # while the job runs, reads never wait for it
                if self._db_url is None:
                    self._run_here(job, task)
                else:
                    self._run_apart(job, task)
            job.status = "done"
        except Exception as error:  # the job reports it; the server goes on
            LOGGER.error("ingest job %s failed: %s", job.id, error)
            job.status, job.error = "failed", str(error) if isinstance(error, _IngestFailed) else \
                f"{error.__class__.__name__}: {error}"
        finally:
            if job.total is None:
                job.total = job.done
            job.finished_at = _now()

    def _run_here(self, job: Job, task: _Task) -> None:
        for batch in _batches(task.stream(), BATCH_SIZE):
            if self._stopping.is_set():
                raise RuntimeError("the server stopped; what was stored so far is kept")
            self._engine.ingest_docs(batch, source_name=task.source_name, report=job.report, progress=False)
            job.done += len(batch)

    def _run_apart(self, job: Job, task: _Task) -> None:
        if self._process is None or not self._process.alive():
            self._process = _IngestProcess(self._db_url)
        for done, report in self._process.run(task):
            job.done, job.report = done, report
            self._engine.saw_changes()


@dataclass
class _Task:
    """What one job ingests: records and URLs to read (read where the job runs)."""
    docs: list[RawDoc]
    urls: list[str]
    source_name: str | None

    def stream(self) -> Iterator[RawDoc | BadInput]:
        return itertools.chain(self.docs, read_inputs(self.urls) if self.urls else ())


class _IngestFailed(Exception):
    """The job failed in the ingest process; says how, as it was said there."""


class _IngestProcess:
    """The process jobs run in: tasks go in, (articles done, report) after every batch come out."""

    def __init__(self, db_url: str) -> None:
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads or locks inherited
        self._tasks, self._results = context.Queue(), context.Queue()
        self.stopping = context.Event()
        self._process = context.Process(target=_serve_tasks, name="newsweave-ingest", daemon=True,
                                        args=(db_url, self._tasks, self._results, self.stopping, os.getpid()))
        self._process.start()

    def alive(self) -> bool:
        return self._process.is_alive()

    def run(self, task: _Task) -> Iterator[tuple[int, IngestReport]]:
        self._tasks.put(task)
        while True:
            try:
                kind, done, report, error = self._results.get(timeout=1.0)
            except queue.Empty:
                if not self._process.is_alive():
                    raise _IngestFailed(f"the ingest process ended (exit code {self._process.exitcode}); "
                                        "what it stored is kept: submit the rest again") from None
                continue
            yield done, report
            if kind == "end":
                if error is not None:
                    raise _IngestFailed(error)
                return

    def stop(self) -> None:
        self._tasks.put(None)
        self._process.join(STOP_TIMEOUT_S)
        if self._process.is_alive():
            self._process.kill()


def _serve_tasks(db_url: str, tasks: multiprocessing.Queue, results: multiprocessing.Queue,
                 stopping: multiprocessing.synchronize.Event, parent: int) -> None:
    """The ingest process: runs tasks until told to stop or its server is gone."""
    become_background(INGEST_NICENESS)
    with Engine.open(db_url) as engine:
        while os.getppid() == parent:
            try:
                task = tasks.get(timeout=PARENT_CHECK_S)
            except queue.Empty:
                continue
            if task is None:
                return
            report, done = IngestReport(), 0
            try:
                for batch in _batches(task.stream(), BATCH_SIZE):
                    if stopping.is_set():
                        raise RuntimeError("the server stopped; what was stored so far is kept")
                    engine.ingest_docs(batch, source_name=task.source_name, report=report, progress=False)
                    done += len(batch)
                    results.put(("batch", done, report, None))
                results.put(("end", done, report, None))
            except Exception as error:  # the job reports it; the process goes on with the next
                LOGGER.exception("ingest job failed")
                results.put(("end", done, report, f"{error.__class__.__name__}: {error}"))


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
