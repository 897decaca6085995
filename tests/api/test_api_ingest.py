"""Writes: API keys, and ingest jobs run to completion in the background."""

from __future__ import annotations

import itertools
import json
import logging
import time
from importlib import resources

import pytest
from api_helpers import ARTICLES, KEY, assert_error, wait_for
from fastapi.testclient import TestClient

from newsweave.api import create_app
from newsweave.errors import NewsweaveError, StoreError


def test_api_writes_refused_without_a_configured_key(tmp_path, embedder, monkeypatch):
    monkeypatch.delenv("NEWSWEAVE_API_KEY", raising=False)
    with TestClient(create_app(f"sqlite:///{tmp_path}/k.db", embedder=embedder)) as client:
        assert_error(client.post("/api/ingest", json={"articles": ARTICLES}, headers={"X-API-Key": "anything"}),
                     403, "NEWSWEAVE_API_KEY", "X-API-Key")
        assert client.get("/api/articles").status_code == 200


def test_api_write_key_checks(empty_app, caplog):
    caplog.set_level(logging.DEBUG)
    with TestClient(empty_app) as client:
        assert_error(client.post("/api/ingest", json={"articles": ARTICLES}), 401, "X-API-Key")
        wrong = client.post("/api/ingest", json={"articles": ARTICLES}, headers={"X-API-Key": KEY + "x"})
        assert_error(wrong, 401, "wrong")
        cyrillic = {"X-API-Key": "ключ".encode()}
        assert_error(client.post("/api/ingest", json={"articles": ARTICLES}, headers=cyrillic), 401)
        accepted = client.post("/api/ingest", json={"articles": ARTICLES}, headers={"X-API-Key": KEY})
        assert accepted.status_code == 202
        wait_for(client, accepted.json()["id"])
    assert KEY not in caplog.text and KEY not in wrong.text


def test_api_key_from_the_environment_and_keyed_reads(tmp_path, embedder, monkeypatch):
    url = f"sqlite:///{tmp_path}/r.db"
    monkeypatch.delenv("NEWSWEAVE_API_KEY", raising=False)
    with pytest.raises(NewsweaveError, match="API key"):
        create_app(url, read_key=True, embedder=embedder)
    monkeypatch.setenv("NEWSWEAVE_API_KEY", "from-env")
    with TestClient(create_app(url, read_key=True, embedder=embedder)) as client:
        for path in ("/api/articles", "/api/events", "/api/search?q=x", "/api/jobs/job_x"):
            assert_error(client.get(path), 401, "X-API-Key")
            assert client.get(path, headers={"X-API-Key": "from-env"}).status_code in (200, 404)
        assert client.post("/api/ingest", json={"articles": ARTICLES[:1]},
                           headers={"X-API-Key": "from-env"}).status_code == 202


def test_api_ingest_job_runs_to_completion(empty_app):
    with TestClient(empty_app) as client:
        response = client.post("/api/ingest", json={"articles": ARTICLES},
                               headers={"X-API-Key": KEY})
        assert response.status_code == 202
        job = response.json()
        assert job["status"] in ("queued", "running", "done") and job["progress"]["total"] == 2
        assert response.headers["Location"] == f"/api/jobs/{job['id']}"
        done = wait_for(client, job["id"])
        assert done["status"] == "done" and done["error"] is None, done
        assert done["progress"] == {"done": 2, "total": 2}
        assert done["ingested"] == 2 and done["duplicates"] == 0 and done["failed"] == []
        assert done["finished_at"] >= done["started_at"] >= done["created_at"]
        articles = client.get("/api/articles").json()["items"]
        assert {a["id"] for a in articles} == set(done["article_ids"])
        assert {a["lang"] for a in articles} == {"fr", "ar"}
        arabic = next(a for a in articles if a["lang"] == "ar")
        assert arabic["source"] == "https://alofoq.example/iran-quake" and arabic["outlet"] == "الأفق اليوم"
        assert client.get("/api/search", params={"q": "كيلانجان"}).json()["items"][0]["id"] == arabic["id"]
        assert client.get("/api/search", params={"q": "seisme"}).json()["total"] == 1
        events = client.get("/api/events").json()["items"]
        assert len(events) == 1 and set(events[0]["languages"]) == {"fr", "ar"}

        again = wait_for(client, client.post("/api/ingest", json={"articles": ARTICLES},
                                             headers={"X-API-Key": KEY}).json()["id"])
        assert again["status"] == "done" and again["ingested"] == 0 and again["duplicates"] == 2
        assert client.get("/api/articles").json()["total"] == 2


def test_api_ingest_reports_failed_inputs(empty_app):
    with TestClient(empty_app) as client:
        job = client.post("/api/ingest", headers={"X-API-Key": KEY}, json={
            "articles": [{"title": "Menu", "html": "<html><body><nav>Home | Login</nav></body></html>"}],
            "urls": ["http://127.0.0.1:9/feed.xml"]}).json()
        assert job["progress"]["total"] is None  # feeds are read in the job
        done = wait_for(client, job["id"])
        assert done["status"] == "done" and done["ingested"] == 0 and len(done["failed"]) == 2
        assert done["progress"] == {"done": 2, "total": 2}
        assert any("127.0.0.1" in f["input"] for f in done["failed"])


@pytest.mark.parametrize("body", [{}, {"articles": []}, {"articles": [{"title": "no body"}]},
                                  {"articles": [{"title": "t", "text": "   "}]},
                                  {"articles": [{"text": "x", "colour": "red"}]},
                                  {"urls": ["/etc/passwd"]}, {"urls": ["file:///etc/passwd"]},
                                  {"articles": [{"text": "x", "published": "yesterday"}]}])
def test_api_ingest_rejects_bad_bodies(empty_app, body):
    with TestClient(empty_app) as client:
        assert_error(client.post("/api/ingest", json=body, headers={"X-API-Key": KEY}), 422, "invalid")
        assert_error(client.post("/api/ingest", content=b"{not json", headers={"X-API-Key": KEY,
                                                                                "Content-Type": "application/json"}),
                     422)


def test_api_reads_answer_while_a_job_writes(empty_app):
    corpus = resources.files("newsweave.demo").joinpath("corpus.jsonl").read_text(encoding="utf-8")
    fields = ("title", "text", "url", "published", "source", "lang")
    articles = [{k: v for k, v in json.loads(line).items() if k in fields} for line in corpus.splitlines()[:33]]
    with TestClient(empty_app) as client:
        job = client.post("/api/ingest", json={"articles": articles}, headers={"X-API-Key": KEY}).json()
        seen, reads = set(), itertools.cycle(("/api/storylines", "/api/events", "/api/entities",
                                              "/api/search?q=Kontoro", "/api/search?q=grève&mode=semantic"))
        while (state := client.get(f"/api/jobs/{job['id']}").json())["status"] in ("queued", "running"):
            seen.add(state["progress"]["done"])
            path = next(reads)
            assert client.get(path).status_code == 200, path  # waits for at most the batch being stored
        assert state["status"] == "done" and state["ingested"] == 33 and state["progress"] == {"done": 33, "total": 33}
        assert len(seen) > 1  # progress was visible while it ran
        assert client.get("/api/search", params={"q": "Kontoro"}).json()["total"] == 5  # d023-d027


def test_api_failed_job_says_why_and_the_server_goes_on(tmp_path, embedder, monkeypatch):
    def broken(*_args, **_kwargs):
        raise StoreError("cannot write the store: disk full")

    app = create_app(f"sqlite:///{tmp_path}/t.db", api_key=KEY, embedder=embedder, ingest_process=False)
    with TestClient(app) as client:
        monkeypatch.setattr(app.state.engine, "ingest_docs", broken)
        job = wait_for(client, client.post("/api/ingest", json={"articles": ARTICLES},
                                           headers={"X-API-Key": KEY}).json()["id"])
        assert job["status"] == "failed" and "disk full" in job["error"] and job["progress"]["done"] == 0
        monkeypatch.undo()
        again = wait_for(client, client.post("/api/ingest", json={"articles": ARTICLES},
                                             headers={"X-API-Key": KEY}).json()["id"])
        assert again["status"] == "done" and again["ingested"] == 2


def test_api_job_whose_ingest_process_dies_fails_and_the_next_job_gets_a_new_one(empty_app):
    """The ingest process killed mid-job (out of memory, say): the job says so, what it stored
    stays, and the next job starts a new process that completes the set."""
    corpus = resources.files("newsweave.demo").joinpath("corpus.jsonl").read_text(encoding="utf-8")
    fields = ("title", "text", "url", "published", "source", "lang")
    articles = [{k: v for k, v in json.loads(line).items() if k in fields} for line in corpus.splitlines()[:40]]
    with TestClient(empty_app) as client:
        job = client.post("/api/ingest", json={"articles": articles}, headers={"X-API-Key": KEY}).json()
        while (state := client.get(f"/api/jobs/{job['id']}").json())["progress"]["done"] == 0:
            assert state["status"] in ("queued", "running"), state
            time.sleep(0.05)
        empty_app.state.jobs._process._process.kill()
        failed = wait_for(client, job["id"])
        assert failed["status"] == "failed" and "ingest process ended" in failed["error"], failed
        stored = client.get("/api/articles", params={"limit": 1}).json()["total"]
        assert 0 < stored < 40 and stored == len(failed["article_ids"])
        again = wait_for(client, client.post("/api/ingest", json={"articles": articles},
                                             headers={"X-API-Key": KEY}).json()["id"])
        assert again["status"] == "done" and again["ingested"] == 40 - stored and again["duplicates"] == stored
        assert client.get("/api/articles", params={"limit": 1}).json()["total"] == 40
