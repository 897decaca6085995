"""Reads beside an ingest: they never wait for a batch being embedded, storylines read while a
batch is written are the previous ones, and what reads keep follows every change of the store,
this process's at once and another process's within VERSION_RECHECK_S."""

from __future__ import annotations

import functools
import os
import threading
import time
from operator import methodcaller

import numpy as np
import pytest

from newsweave import Engine, engine as engine_module
from newsweave.errors import NewsweaveError
from newsweave.eval.bench import demo_docs
from newsweave.part_process import PartProcess
from newsweave.store import open_store


class GatedEmbedder:
    """The real embedder, but the thread named "ingest" waits in it until the test opens the gate."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.entered, self.gate = threading.Event(), threading.Event()

    encode_thread = "ingest"

    def encode(self, texts: list[str]) -> np.ndarray:
        if threading.current_thread().name.startswith(self.encode_thread):
            self.entered.set()
            assert self.gate.wait(60), "the gate was never opened"
        return self.inner.encode(texts)


@pytest.fixture
def store_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path}/reads.db"


def test_reads_go_on_while_a_batch_is_embedded(store_url, embedder):
    gated = GatedEmbedder(embedder)
    docs = demo_docs()
    with Engine(open_store(store_url), embedder=gated) as engine:
        engine.ingest_docs(docs[:16], progress=False)
        before = (len(engine.events()), engine.store.count_articles())
        ingest = threading.Thread(target=engine.ingest_docs, args=(docs[16:32],), kwargs={"progress": False},
                                  name="ingest")
        ingest.start()
        try:
            assert gated.entered.wait(60)
            # The ingest thread is inside its batch's embedding now: reads answer without it, the
            # storylines' first listing too (it waits for the engine's lock, which is free).
            assert engine.storyline_list()
            assert (len(engine.events()), engine.store.count_articles()) == before
            event = engine.events()[0]
            assert engine.event_summary(event.id).sentences  # embedding its sentences meanwhile, too
        finally:
            gated.gate.set()
            ingest.join(120)
        assert engine.store.count_articles() > before[1]
        assert len(engine.events()) >= before[0]  # this process's batch is read at once


def test_storylines_read_during_a_batch_write_are_the_previous_ones(store_url, embedder):
    with Engine(open_store(store_url), embedder=embedder) as engine:
        engine.ingest_docs(demo_docs()[:16], progress=False)
        listed = engine.storyline_list()
        held = threading.Event()
        release = threading.Event()

        def writer() -> None:  # holds the engine's lock as a batch's write does
            with engine._lock:
                held.set()
                release.wait(60)

        thread = threading.Thread(target=writer)
        thread.start()
        try:
            assert held.wait(60)
            assert engine.storyline_list() == listed  # answered, not blocked
        finally:
            release.set()
            thread.join(60)


def test_kept_reads_follow_another_process_writes(store_url, embedder, monkeypatch):
    monkeypatch.setattr(engine_module, "VERSION_RECHECK_S", 0.0)
    docs = demo_docs()
    with Engine(open_store(store_url), embedder=embedder) as reader:
        assert reader.articles() == [] and reader.entities() == [] and reader.quotes() == []
        with Engine(open_store(store_url), embedder=embedder) as writer:  # as another process would
            writer.ingest_docs(docs, progress=False)
        assert {a.id for a in reader.articles()} == {a.id for a in reader.store.articles()}
        assert reader.entities() == reader.store.entities()
        assert [e.id for e in reader.events()] == [e.id for e in reader.store.events()]


def test_a_version_read_that_must_not_wait_gives_the_known_one_and_rereads_apart(store_url, embedder,
                                                                                 monkeypatch):
    monkeypatch.setattr(engine_module, "VERSION_RECHECK_S", 0.0)
    with Engine(open_store(store_url), embedder=embedder) as reader:
        before = reader.store_version()
        with Engine(open_store(store_url), embedder=embedder) as writer:
            writer.ingest_docs(demo_docs()[:5], progress=False)
        entered, release = threading.Event(), threading.Event()
        store_version = reader.store.version

        def held_store_version():  # the store busy: the one who asks it waits
            entered.set()
            release.wait(60)
            return store_version()

        monkeypatch.setattr(reader.store, "version", held_store_version)
        assert reader.store_version(wait=False) == before  # given at once, the store asked apart
        assert entered.wait(60)
        release.set()
        for _ in range(600):
            if reader.store_version(wait=False) != before:
                break
            threading.Event().wait(0.01)
        assert reader.store_version(wait=False) == store_version() != before



def test_a_slow_version_read_begun_earlier_does_not_undo_a_newer_one(store_url, embedder, monkeypatch):
    monkeypatch.setattr(engine_module, "VERSION_RECHECK_S", 0.0)
    with Engine(open_store(store_url), embedder=embedder) as reader:
        before = reader.store_version()
        entered, release = threading.Event(), threading.Event()
        store_version = reader.store.version

        def first_read_held():  # the read begun first answers last, with what the store held then
            if not entered.is_set():
                entered.set()
                release.wait(60)
                return before
            return store_version()

        monkeypatch.setattr(reader.store, "version", first_read_held)
        assert reader.store_version(wait=False) == before  # a reread begins apart, and is held
        assert entered.wait(60)
        with Engine(open_store(store_url), embedder=embedder) as writer:
            writer.ingest_docs(demo_docs()[:5], progress=False)
        reader.saw_changes()  # told by the writer: reads the newer version at once
        newer = store_version()
        monkeypatch.setattr(engine_module, "VERSION_RECHECK_S", 600.0)
        assert reader.store_version(wait=False) == newer != before
        release.set()
        for rereading in [t for t in threading.enumerate() if t.name == "newsweave-version"]:
            rereading.join(60)  # the held read has ended
        assert reader.store_version(wait=False) == newer

def test_an_events_kept_parts_change_with_its_articles(store_url, embedder):
    docs = demo_docs()
    with Engine(open_store(store_url), embedder=embedder) as engine:
        engine.ingest_docs(docs[:20], progress=False)
        first = {e.id: (tuple(e.article_ids), engine.event_titles(e.id), len(engine.event_articles(e.id)))
                 for e in engine.events()}
        engine.ingest_docs(docs[20:], progress=False)
        for event in engine.events():
            articles = engine.event_articles(event.id)
            assert [a.id for a in articles] == event.article_ids  # never an older membership
            assert set(engine.event_titles(event.id)) == {a.lang for a in articles if a.lang} or not articles
        grown = [e for e in engine.events() if e.id in first and tuple(e.article_ids) != first[e.id][0]]
        assert grown, "the second half of the demo corpus adds to events of the first"


def test_event_parts_are_refreshed_in_the_part_process_while_reads_lag(store_url, embedder, monkeypatch):
    monkeypatch.setattr(engine_module, "VERSION_RECHECK_S", 0.0)
    docs = demo_docs()
    with Engine(open_store(store_url), embedder=embedder) as writer:
        writer.ingest_docs(docs[:20], progress=False)
    with Engine(open_store(store_url), embedder=embedder) as reader:
        reader.refresh_parts_apart(store_url)
        first = {e.id: reader.event_coverage(e.id).as_json() for e in reader.events()}
        with reader.lagging_reads():
            with Engine(open_store(store_url), embedder=embedder) as writer:  # as the ingest process
                writer.ingest_docs(docs[20:], progress=False)
                grown = {e.id: e.article_ids for e in writer.events()
                         if e.id in first and len(e.article_ids) > len(first[e.id]["articles"])}
            assert grown, "the second half of the demo corpus adds to events of the first"
            for event_id in grown:  # the older parts at once
                assert reader.event_coverage(event_id).as_json() == first[event_id]
            deadline = time.monotonic() + 60
            while any(reader.event(i).article_ids != ids for i, ids in grown.items()):  # refreshed in the background
                assert time.monotonic() < deadline, "the events were never refreshed"
                time.sleep(0.05)
            for event_id in grown:  # older than their events now: refreshed in the part process
                reader.event_coverage(event_id)
        part_process = reader._part_process._process
        assert part_process.is_alive() and part_process.pid != os.getpid()
        for event_id, article_ids in grown.items():  # current now (made in another process, whose
            # floating-point sums may break a near-tie between the sentences standing for a point otherwise)
            assert [a["article_id"] for a in reader.event_coverage(event_id).as_json()["articles"]] == article_ids


def test_a_part_process_that_ends_is_started_again(store_url, embedder):
    with Engine(open_store(store_url), embedder=embedder) as writer:
        writer.ingest_docs(demo_docs()[:10], progress=False)
        event = writer.events()[0]
        parts = PartProcess(store_url)
        try:
            articles_apart = functools.partial(engine_module._event_part_apart, Engine.event_articles, event.id)
            assert parts.compute(articles_apart) == (tuple(event.article_ids), writer.event_articles(event.id))
            ended = parts._process
            ended.kill()
            ended.join()
            with pytest.raises(NewsweaveError, match="no event"):  # said as the engine says it
                parts.compute(functools.partial(engine_module._event_part_apart, Engine.event_articles, "ev_nope"))
            assert parts.compute(functools.partial(engine_module._stored_apart, methodcaller("articles"))) == (
                writer.store_version(), writer.articles())
            assert parts._process.pid != ended.pid
        finally:
            parts.close()


def test_the_api_answers_while_its_ingest_job_embeds(store_url, embedder):
    from fastapi.testclient import TestClient

    from newsweave.api import create_app

    with Engine(open_store(store_url), embedder=embedder) as engine:
        engine.ingest_docs(demo_docs()[:16], progress=False)
    gated = GatedEmbedder(embedder)
    # Jobs in the server's own thread: the case where reads and the pipeline share the interpreter.
    with TestClient(create_app(store_url, api_key="k" * 20, embedder=gated, ingest_process=False)) as client:
        gated.encode_thread = "newsweave-ingest"  # the job runner's thread (api/jobs.py)
        articles = [{"title": d.title, "text": d.text, "lang": d.lang} for d in demo_docs()[16:32]]
        job = client.post("/api/ingest", json={"articles": articles}, headers={"X-API-Key": "k" * 20}).json()
        try:
            assert gated.entered.wait(60)
            answers = {}

            def read() -> None:
                for path in ("/api/events", "/api/storylines", "/api/entities", "/", "/storylines"):
                    answers[path] = client.get(path).status_code

            reader = threading.Thread(target=read)
            reader.start()
            reader.join(60)
            assert answers == {p: 200 for p in ("/api/events", "/api/storylines", "/api/entities", "/",
                                                "/storylines")}, "reads waited for the ingest job"
        finally:
            gated.gate.set()
        assert client.get(f"/api/jobs/{job['id']}").status_code == 200
