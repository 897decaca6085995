"""The FastAPI app: one Engine over one store, the /api/ routes, and the web UI when installed.

    uvicorn.run(create_app("sqlite:///news.db", api_key="..."), host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version

import anyio.to_thread
from fastapi import FastAPI, Security
from threadpoolctl import threadpool_limits

from newsweave import search
from newsweave.api import errors, ingest, routes
from newsweave.api.limits import MAX_BODY_BYTES, WRITES_PER_MINUTE, BodyLimit, WriteRateLimit
from newsweave.api.auth import API_KEY_ENV, require_key
from newsweave.api.jobs import JobRunner
from newsweave.api.pauses import short_pauses
from newsweave.api.read_cache import ReadCache
from newsweave.engine import Engine, default_db_url
from newsweave.errors import NewsweaveError
from newsweave.stages.embed import Embedder

DESCRIPTION = """Multilingual news as events, storylines, entities, quotes, summaries, coverage and
action records. Lists take `limit` and `offset` and say their `total`; errors are
`{"ok": false, "error", "status"}`. Writes need the server's key in the `X-API-Key` header."""
# Threads computing the reads the read cache does not have (see the lifespan).
READ_THREADS = 4
# A read waiting on the database gives up the interpreter at every row it fetches and gets it
# back only when a computing thread lets go, which it is made to every switch interval (5 ms by
# default): beside two busy threads a 1.6 ms article read took 300 ms, 26 ms at 0.5 ms (measured).
SWITCH_INTERVAL_S = 0.0005


def create_app(db_url: str | None = None, *, api_key: str | None = None, read_key: bool = False,
               embedder: Embedder | None = None, max_body_bytes: int = MAX_BODY_BYTES,
               writes_per_minute: int = WRITES_PER_MINUTE, ingest_process: bool = True) -> FastAPI:
    """The HTTP API over the store at `db_url` (default: $NEWSWEAVE_DB, else sqlite:///newsweave.db).

    Args:
        api_key: the key writes need (default: $NEWSWEAVE_API_KEY); with none, writes are refused.
        read_key: reads need the key too.
        embedder: the sentence embedder for reads (semantic search, summaries); multilingual USE
            by default, loaded on first use. Ingest jobs use it only without ``ingest_process``.
        max_body_bytes: larger request bodies are refused (413).
        writes_per_minute: writes each client address may make (429 past it, after a burst).
        ingest_process: ingest jobs run in an ingest process of their own (newsweave.api.jobs),
            else in a thread of this one, slowing its reads; with it, what reads keep is
            refreshed in a part process while a job runs (newsweave.part_process).
    No CORS headers are sent: browsers keep other sites' pages from reading the API.
    """
    api_key = api_key or os.environ.get(API_KEY_ENV) or None
    if read_key and api_key is None:
        raise NewsweaveError(f"keyed reads need an API key: set {API_KEY_ENV} (or pass api_key=...)")
    # Reads multiply small matrices in many threads at once (a query's embedding, an event's
    # sentences): BLAS threads of their own only spin against each other (4.0 ms a query
    # embedding with them, 1.9 ms without, measured).
    threadpool_limits(1, user_api="blas")
    db_url = db_url or default_db_url()
    engine = Engine.open(db_url, embedder=embedder)
    search.rebuild(engine.store)  # a store written before search existed, or a kill between commit and index

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Reads not kept are pure Python: more threads than this only take the GIL from one
        # another and from the event loop that serves the kept ones (at 200 reads/s, p99 370 ms
        # with anyio's 40 threads, 130 ms with 4, measured without an ingest).
        anyio.to_thread.current_default_thread_limiter().total_tokens = READ_THREADS
        switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        try:
            with short_pauses(busy=engine.reads_may_lag):
                yield
                app.state.jobs.shutdown()
                engine.close()
        finally:
            sys.setswitchinterval(switch_interval)

    app = FastAPI(title="newsweave", version=version("newsweave"), description=DESCRIPTION, lifespan=lifespan)
    app.state.engine = engine
    app.state.api_key = api_key
    app.state.jobs = JobRunner(engine, db_url if ingest_process else None)
    if ingest_process:  # what the ingest process changes, reads refresh apart too
        engine.refresh_parts_apart(db_url)
    app.state.semantic = search.SemanticIndex(engine.store)
    errors.install(app)
    keyed_reads = {"dependencies": [Security(require_key)], "responses": errors.KEYED} if read_key else {}
    app.include_router(routes.router, **keyed_reads)
    app.include_router(ingest.jobs_router, **keyed_reads)
    app.include_router(ingest.router)
    _mount_web(app)
    app.add_middleware(WriteRateLimit, per_minute=writes_per_minute)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    # Outermost: a kept answer costs least. It runs on the event loop, which must never wait for the store.
    app.add_middleware(ReadCache, version=functools.partial(engine.store_version, wait=False),
                       refreshes=engine.read_refreshes, lagging=engine.reads_may_lag)
    return app


def _mount_web(app: FastAPI) -> None:
    try:
        from newsweave.web import mount
    except ModuleNotFoundError as error:  # the web UI is a separate package: the API runs without it
        if error.name != "newsweave.web":
            raise
        return
    mount(app)
