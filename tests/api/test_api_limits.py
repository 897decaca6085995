"""What one client may send: bodies over the limit (413), writes past the rate (429); no CORS
headers for other origins; injection strings in every filter and in search change nothing."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from api_helpers import ARTICLES, KEY, assert_error
from fastapi.testclient import TestClient

from newsweave import Engine
from newsweave.api import create_app

HEADERS = {"X-API-Key": KEY}


def test_a_body_over_the_limit_is_refused_before_it_is_read(tmp_path, embedder):
    app = create_app(f"sqlite:///{tmp_path}/s.db", api_key=KEY, embedder=embedder, max_body_bytes=2000)
    with TestClient(app) as client:
        body = json.dumps({"articles": [{"title": "t", "text": "x" * 5000}]})
        assert_error(client.post("/api/ingest", content=body, headers={**HEADERS, "Content-Type": "application/json"}),
                     413, "limit", "2000 bytes")
        ok = client.post("/api/ingest", json={"articles": ARTICLES[:1]}, headers=HEADERS)
        assert ok.status_code == 202  # a body within the limit goes through


def test_a_chunked_body_is_counted_as_it_arrives(tmp_path, embedder):
    app = create_app(f"sqlite:///{tmp_path}/s.db", api_key=KEY, embedder=embedder, max_body_bytes=2000)

    def chunks():  # no Content-Length: the server learns the size only by reading
        yield b'{"articles": [{"title": "t", "text": "'
        for _ in range(10):
            yield b"x" * 500
        yield b'"}]}'

    with TestClient(app) as client:
        response = client.post("/api/ingest", content=chunks(),
                               headers={**HEADERS, "Content-Type": "application/json"})
        assert_error(response, 413, "limit")
    with Engine.open(f"sqlite:///{tmp_path}/s.db", embedder=embedder) as engine:
        assert engine.store.count_articles() == 0


def test_writes_past_the_rate_get_429_with_retry_after_and_reads_go_on(tmp_path, embedder):
    app = create_app(f"sqlite:///{tmp_path}/s.db", api_key=KEY, embedder=embedder, writes_per_minute=6)
    with TestClient(app) as client:
        codes = [client.post("/api/ingest", json={"articles": []}, headers={"X-API-Key": "wrong"}).status_code
                 for _ in range(40)]
        assert codes[:30] == [401] * 30  # the burst, then the limit: even with wrong keys
        assert set(codes[30:]) == {429}
        refused = client.post("/api/ingest", json={"articles": ARTICLES}, headers=HEADERS)
        assert_error(refused, 429, "too many writes", "retry in")
        assert int(refused.headers["Retry-After"]) >= 1
        assert client.get("/api/events").status_code == 200


def test_no_cors_headers_for_another_origin(client):
    evil = {"Origin": "https://evil.example"}
    read = client.get("/api/events", headers=evil)
    assert read.status_code == 200 and "access-control-allow-origin" not in read.headers
    preflight = client.options("/api/ingest", headers={**evil, "Access-Control-Request-Method": "POST",
                                                       "Access-Control-Request-Headers": "X-API-Key"})
    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-headers" not in preflight.headers


INJECTIONS = [
    "' OR '1'='1", "' OR 1=1 --", "\" OR \"\"=\"", "'; DROP TABLE articles; --", "1; DELETE FROM events",
    "%' UNION SELECT id, text FROM articles --", "ar' UNION SELECT sql FROM sqlite_master --",
    "') OR ('x'='x", "\\'; SELECT pg_sleep(5); --", "*", "%", "_", "\x00' OR 1=1", "' OR ''='",
    "NEAR(a b)", "a OR b", "\"unterminated", "title:* AND text:*",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_in_filters_and_search_are_only_text(client, value):
    before = client.get("/api/articles?limit=1").json()["total"]
    for path in ("/api/articles", "/api/events", "/api/entities", "/api/quotes", "/api/actions", "/api/storylines"):
        for name in ("lang", "source", "entity"):
            if name == "entity" and path in ("/api/entities",):
                continue
            response = client.get(path, params={name: value})
            assert response.status_code in (200, 422), (path, name, response.text)
            if response.status_code == 200:
                assert response.json()["total"] == 0, (path, name)  # matched as a value, matching nothing
    for mode in ("text", "semantic"):
        found = client.get("/api/search", params={"q": value, "mode": mode})
        assert found.status_code == 200, found.text
        assert all(set(hit) >= {"id", "score", "snippet"} for hit in found.json()["items"])
    segment = quote(value, safe="")
    for path in (f"/api/events/{segment}", f"/api/entities/{segment}", f"/api/articles/{segment}"):
        assert client.get(path).status_code in (404, 422)  # no such id (or no valid id at all)
    assert client.get("/api/articles?limit=1").json()["total"] == before  # nothing dropped or changed
