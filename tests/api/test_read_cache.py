"""The read cache: a GET answered again from what was answered at the same version, made once
when many ask at once; anything else (other versions, errors, writes, jobs, other keys, big
answers) goes to the app. Also how the serving app shares the interpreter among its threads."""

from __future__ import annotations

import asyncio
import sys

import httpx
import pytest
from api_helpers import KEY
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from newsweave.api import app as app_module, create_app, read_cache
from newsweave.api.read_cache import ReadCache
from newsweave.kept import gave_stale


def _app(calls: list[str], delay: float = 0.0, missing: tuple[str, ...] = ("/missing",)) -> Starlette:
    async def answer(request: Request) -> Response:
        calls.append(request.url.path)
        await asyncio.sleep(delay)
        size = int(request.query_params.get("size", "5"))
        status = 404 if request.url.path in missing else 200
        return PlainTextResponse(f"{len(calls)}:" + "x" * size, status_code=status)

    return Starlette(routes=[Route("/{path:path}", answer, methods=["GET", "POST"])])


async def _get_all(app, *requests: tuple[str, str, dict]) -> list[httpx.Response]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        return [await client.request(method, path, headers=headers) for method, path, headers in requests]


def test_the_same_get_at_the_same_version_is_answered_once():
    calls, version = [], [1]
    app = ReadCache(_app(calls), version=lambda: version[0])
    first, again, other_query = asyncio.run(_get_all(app, ("GET", "/api/events", {}), ("GET", "/api/events", {}),
                                                     ("GET", "/api/events?offset=20", {})))
    assert first.text == again.text == "1:xxxxx" and other_query.text == "2:xxxxx" and len(calls) == 2
    assert again.headers["content-length"] == first.headers["content-length"]
    version[0] = 2  # an ingest stored a batch
    (after,) = asyncio.run(_get_all(app, ("GET", "/api/events", {})))
    assert after.text == "3:xxxxx"


def test_errors_writes_jobs_and_big_answers_are_not_kept():
    calls = []
    app = ReadCache(_app(calls), version=lambda: 1)
    asyncio.run(_get_all(app, *[("GET", "/missing", {})] * 2, *[("POST", "/api/events", {})] * 2,
                         *[("GET", "/api/jobs/job_1", {})] * 2,
                         *[("GET", f"/big?size={read_cache.LARGEST_KEPT + 1}", {})] * 2))
    assert len(calls) == 8


def test_a_keyed_answer_is_never_given_to_another_key():
    calls = []
    app = ReadCache(_app(calls), version=lambda: 1)
    responses = asyncio.run(_get_all(app, ("GET", "/api/events", {"X-API-Key": "right"}),
                                     ("GET", "/api/events", {}), ("GET", "/api/events", {"X-API-Key": "wrong"}),
                                     ("GET", "/api/events", {"X-API-Key": "right"})))
    assert [r.text for r in responses] == ["1:xxxxx", "2:xxxxx", "3:xxxxx", "1:xxxxx"]


def test_many_asking_at_once_wait_for_one_answer_and_get_the_kept_one_while_it_is_renewed():
    calls, version = [], [1]
    app = ReadCache(_app(calls, delay=0.2), version=lambda: version[0])

    async def run() -> tuple[list[str], list[str]]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            first = await asyncio.gather(*(client.get("/api/events") for _ in range(10)))
            version[0] = 2
            second = await asyncio.gather(*(client.get("/api/events") for _ in range(10)))
            return [r.text for r in first], [r.text for r in second]

    first, second = asyncio.run(run())
    assert first == ["1:xxxxx"] * 10 and len(calls) == 2
    # One request renews the answer; the others meanwhile get the one kept.
    assert sorted(second) == ["1:xxxxx"] * 9 + ["2:xxxxx"]


def test_the_kept_bytes_are_bounded():
    calls = []
    app = ReadCache(_app(calls), version=lambda: 1, max_bytes=30)
    asyncio.run(_get_all(app, ("GET", "/a?size=20", {}), ("GET", "/b?size=20", {}), ("GET", "/a?size=20", {})))
    assert len(calls) == 3  # /a was dropped to keep /b


def test_while_reads_lag_a_stale_answer_is_given_at_once_and_renewed_in_the_background():
    calls, version, lagging = [], [1], [False]
    app = ReadCache(_app(calls, delay=0.2), version=lambda: version[0], lagging=lambda: lagging[0])

    async def run() -> list[tuple[str, float]]:
        answers = []
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            async def get() -> None:
                started = asyncio.get_running_loop().time()
                answer = await client.get("/api/events")
                answers.append((answer.text, asyncio.get_running_loop().time() - started))

            await get()
            version[0], lagging[0] = 2, True  # an ingest stored a batch and goes on
            await get()
            await get()  # while the renewal runs: the kept answer, not a second renewal
            await asyncio.sleep(0.4)
            await get()
            version[0], lagging[0] = 3, False  # the ingest is over: answers are current
            await get()
        return answers

    answers = asyncio.run(run())
    assert [text for text, _ in answers] == ["1:xxxxx", "1:xxxxx", "1:xxxxx", "2:xxxxx", "3:xxxxx"]
    assert all(took < 0.1 for _, took in answers[1:4])  # none waited for the 0.2 s the app takes
    assert answers[4][1] >= 0.2 and len(calls) == 3


def test_an_answer_renewed_into_an_error_is_no_longer_given():
    calls, version, missing = [], [1], []
    app = ReadCache(_app(calls, missing=missing), version=lambda: version[0], lagging=lambda: True)

    async def run() -> list[int]:
        statuses = []
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            statuses.append((await client.get("/api/events/ev_1")).status_code)
            version[0] = 2
            missing.append("/api/events/ev_1")  # merged into another event meanwhile
            statuses.append((await client.get("/api/events/ev_1")).status_code)  # kept, renewed behind it
            await asyncio.sleep(0.1)
            statuses.append((await client.get("/api/events/ev_1")).status_code)
        return statuses

    assert asyncio.run(run()) == [200, 200, 404]



def test_an_answer_of_current_values_outlives_refreshes_one_given_a_stale_value_does_not():
    calls, refreshes = [], [0]

    def answer(request: Request) -> Response:  # not async: run in the thread pool, as the API's reads are
        calls.append(request.url.path)
        if request.query_params.get("stale"):
            gave_stale()
        return PlainTextResponse(str(len(calls)))

    app = ReadCache(Starlette(routes=[Route("/{path:path}", answer)]), version=lambda: 1,
                    refreshes=lambda: refreshes[0])
    first = asyncio.run(_get_all(app, ("GET", "/api/events", {}), ("GET", "/api/events?stale=1", {})))
    refreshes[0] = 1  # a kept value given stale was refreshed
    again = asyncio.run(_get_all(app, ("GET", "/api/events", {}), ("GET", "/api/events?stale=1", {})))
    assert [r.text for r in first] == ["1", "2"] and [r.text for r in again] == ["1", "3"]


def test_while_reads_lag_an_answer_is_renewed_once_what_it_was_given_stale_is_refreshed():
    calls, refreshing, version, refreshes = [], [True], [1], [0]

    def answer(request: Request) -> Response:
        calls.append(request.url.path)
        gave_stale(lambda: refreshing[0])
        return PlainTextResponse(str(len(calls)))

    app = ReadCache(Starlette(routes=[Route("/{path:path}", answer)]), version=lambda: version[0],
                    refreshes=lambda: refreshes[0], lagging=lambda: True)

    async def run() -> list[str]:
        texts = []
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            async def read() -> None:
                texts.append((await client.get("/api/events")).text)
                await asyncio.sleep(0.05)  # a renewal, if one was asked for, is made

            await read()
            refreshes[0] = 1  # other values were refreshed, not this one's
            await read()
            await read()
            refreshing[0] = False  # its value is refreshed: made again, it would be newer
            await read()
            await read()
            refreshing[0], version[0] = True, 2  # a new batch: newer whatever is being refreshed
            await read()
            await read()
        return texts

    assert asyncio.run(run()) == ["1", "1", "1", "1", "2", "2", "3"]


def test_an_answer_of_current_values_is_still_good_when_an_ingest_job_ends(demo_url, embedder, monkeypatch):
    """The end of a job counts as a refresh: answers made of values given stale are made again,
    the others are not (every answer was made again at the end of every job, in a burst)."""
    with TestClient(create_app(demo_url, api_key=KEY, embedder=embedder)) as client:
        engine = client.app.state.engine
        made = client.get("/api/articles?limit=3")
        with engine.lagging_reads():
            pass
        monkeypatch.setattr(engine, "articles", lambda: pytest.fail("the answer was made again"))
        assert client.get("/api/articles?limit=3").content == made.content


def test_a_serving_app_switches_threads_often_and_puts_the_interval_back(empty_app):
    before = sys.getswitchinterval()  # other tests' apps may be serving
    sys.setswitchinterval(0.005)  # the interpreter's default
    try:
        with TestClient(empty_app):
            assert sys.getswitchinterval() == app_module.SWITCH_INTERVAL_S
        assert sys.getswitchinterval() == 0.005
    finally:
        sys.setswitchinterval(before)
