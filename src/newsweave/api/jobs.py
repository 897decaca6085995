"""Ingest jobs: run in one background thread, in the order they were submitted (one writer).

A job feeds the Engine one batch at a time; reads go on meanwhile (the Engine takes its lock only
while a batch's indexes and rows are written). Jobs live in memory: a restarted server forgets them, never their articles.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
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
from newsweave.records import IngestReport, RawDoc

LOGGER = logging.getLogger(__name__)

# Finished jobs kept for GET /api/jobs/{id}; the oldest are forgotten first.
KEPT_JOBS = 1000


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
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._jobs_lock = threading.Lock()  # requests submit from several threads
        self._stopping = threading.Event()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-ingest")

    def submit(self, request: IngestRequest) -> Job:
        job = Job(id=f"job_{secrets.token_hex(8)}", total=None if request.urls else len(request.articles))
        docs: Iterable[RawDoc | BadInput] = itertools.chain(
            (raw_doc(a) for a in request.articles), read_inputs(request.urls) if request.urls else ())
        with self._jobs_lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEPT_JOBS:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].finished_at is None:
                    break
                del self._jobs[oldest]
        self._executor.submit(self._run, job, docs, request.source_name)
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def shutdown(self) -> None:
        """Let the running job finish its batch and stop; queued jobs are dropped."""
        self._stopping.set()
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _run(self, job: Job, docs: Iterable[RawDoc | BadInput], source_name: str | None) -> None:
        job.status, job.started_at = "running", _now()
        try:
            for batch in _batches(docs, BATCH_SIZE):
                if self._stopping.is_set():
                    raise RuntimeError("the server stopped; what was stored so far is kept")
                self._engine.ingest_docs(batch, source_name=source_name, report=job.report, progress=False)
                job.done += len(batch)
            job.status = "done"
        except Exception as error:  # the job reports it; the server goes on
            LOGGER.exception("ingest job %s failed", job.id)
            job.status, job.error = "failed", f"{error.__class__.__name__}: {error}"
        finally:
            if job.total is None:
                job.total = job.done
            job.finished_at = _now()


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
