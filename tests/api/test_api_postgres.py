"""The API and full-text search on PostgreSQL (tsvector 'simple'), as on SQLite."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from api_helpers import ARTICLES, KEY, wait_for
from fastapi.testclient import TestClient

from newsweave import search
from newsweave.api import create_app

HEBREW = {"title": "שר החוץ נחת בניקוסיה", "lang": "he", "source": "חדשות המפרץ",
          "text": "שר החוץ דניאל אורן נחת הבוקר בניקוסיה לביקור עבודה בן יום אחד בקפריסין, במסגרת סבב מדיני "
                  "במזרח הים התיכון. אורן ייפגש עם שר החוץ הקפריסאי ועם נשיא המדינה."}


@pytest.fixture
def pg_client(postgres_url, embedder):
    with TestClient(create_app(postgres_url, api_key=KEY, embedder=embedder)) as client:
        job = client.post("/api/ingest", json={"articles": [*ARTICLES, HEBREW]}, headers={"X-API-Key": KEY}).json()
        assert wait_for(client, job["id"])["ingested"] == 3
        yield client


def _langs(client, q: str, **params) -> list[str]:
    response = client.get("/api/search", params={"q": q, **params})
    assert response.status_code == 200, response.text
    return [h["lang"] for h in response.json()["items"]]


def test_postgres_text_search_every_script(pg_client):
    for variant in ("كيلانجان", "كِيلانجان", "الزلزال", "زلزال", "إيران", "ايران"):
        assert _langs(pg_client, variant) == ["ar"], variant
    assert _langs(pg_client, "SEISME") == _langs(pg_client, "séisme") == ["fr"]
    assert _langs(pg_client, "קַפְרִיסִין") == _langs(pg_client, "ניקוסיה") == ["he"]
    assert _langs(pg_client, "seisme kermanshah") == ["fr"]
    assert _langs(pg_client, "seisme nothing-like-it") == []
    assert _langs(pg_client, "x'; DROP TABLE articles; --") == []
    assert _langs(pg_client, "séisme", lang="ar") == []
    store = pg_client.app.state.engine.store
    assert search.rebuild(store) == 0
    search.index_articles(store, store.articles())
    with store._engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM article_search")).scalar() == 3


def test_postgres_semantic_search_and_lists(pg_client):
    assert set(_langs(pg_client, "tremblement de terre en Iran", mode="semantic", limit=2)) == {"fr", "ar"}
    assert pg_client.get("/api/articles", params={"lang": "he"}).json()["total"] == 1
    assert pg_client.get("/api/events").json()["total"] == 2
