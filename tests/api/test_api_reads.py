"""Every read endpoint on the demo store: shapes, filters, pagination, unknown ids."""

from __future__ import annotations

import json

import pytest
from api_helpers import assert_error

from newsweave.api.schemas import CoverageOut
from newsweave.cli import main as cli


def _items(client, path: str, **params) -> list[dict]:
    response = client.get(path, params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    return body["items"]


def test_api_articles_list_and_detail(client):
    articles = _items(client, "/api/articles")
    assert len(articles) == 54
    assert set(articles[0]) >= {"id", "source", "title", "lang", "published", "text", "event_id", "duplicate_of"}
    detail = client.get(f"/api/articles/{articles[4]['id']}").json()
    assert detail["id"] == articles[4]["id"] and detail["lang"] == "ar"
    assert detail["mentions"] and {"start", "end", "text", "type", "entity_id"} <= set(detail["mentions"][0])
    assert {"quotes", "dates", "actions"} <= set(detail)


def test_api_pagination_is_a_window_on_the_same_list(client):
    everything = [a["id"] for a in _items(client, "/api/articles")]
    page = client.get("/api/articles", params={"limit": 10, "offset": 20}).json()
    assert page["total"] == 54 and page["limit"] == 10 and page["offset"] == 20
    assert [a["id"] for a in page["items"]] == everything[20:30]
    beyond = client.get("/api/articles", params={"offset": 1000}).json()
    assert beyond["total"] == 54 and beyond["items"] == []


def test_api_article_filters(client):
    arabic = _items(client, "/api/articles", lang="ar")
    assert len(arabic) == 9 and {a["lang"] for a in arabic} == {"ar"}
    outlet = _items(client, "/api/articles", source="Der Weitblick")
    assert len(outlet) == 4 and {a["outlet"] for a in outlet} == {"Der Weitblick"}
    by_path = _items(client, "/api/articles", source=outlet[0]["source"])
    assert [a["id"] for a in by_path] == [outlet[0]["id"]]
    day = _items(client, "/api/articles", since="2026-03-12", until="2026-03-12")
    assert len(day) == 5 and all(a["published"].startswith("2026-03-12") for a in day)
    assert len(_items(client, "/api/articles", since="2026-03-26")) == 4
    assert _items(client, "/api/articles", lang="ar", until="2026-03-05") == _items(
        client, "/api/articles", lang="ar", since="2026-03-01", until="2026-03-03")


def test_api_entity_filter_and_detail(client):
    oren = next(e for e in _items(client, "/api/entities", type="PER") if "Oren" in {v["text"] for v in e["variants"]})
    articles = _items(client, "/api/articles", entity=oren["id"])
    assert {a["id"] for a in articles} == set(oren["article_ids"])
    assert {a["lang"] for a in articles} >= {"he", "ar", "en", "fr", "ru"}
    events = _items(client, "/api/events", entity=oren["id"])
    assert events and all(set(oren["article_ids"]) & {a["id"] for a in e["articles"]} for e in events)
    assert len(events) < len(_items(client, "/api/events"))
    detail = client.get(f"/api/entities/{oren['id']}").json()
    assert {e["id"] for e in detail["events"]} == {e["id"] for e in events}
    mentions = sum(d["mentions"] for d in detail["mentions_per_day"]) + detail["undated_mentions"]
    assert mentions == len(detail["evidence"])
    assert [d["date"] for d in detail["mentions_per_day"]] == sorted(d["date"] for d in detail["mentions_per_day"])
    assert {"2026-03-11", "2026-03-13"} <= {d["date"] for d in detail["mentions_per_day"]}
    assert all(q["speaker_entity_id"] == oren["id"] for q in detail["quotes"])
    quotes = _items(client, "/api/quotes", entity=oren["id"])
    assert quotes and [q["id"] for q in quotes] == [q["id"] for q in detail["quotes"]]
    actions = _items(client, "/api/actions", entity=oren["id"])
    assert actions and all(oren["id"] in (r["actor_entity_id"], r["target_entity_id"]) for r in actions)
    said = _items(client, "/api/actions", entity=oren["id"], action="say")
    assert said and {r["action"] for r in said} == {"say"}


def test_api_entities_list_filters(client):
    entities = _items(client, "/api/entities")
    assert {"id", "name", "type", "variants", "article_ids"} <= set(entities[0])
    hebrew = _items(client, "/api/entities", lang="he")
    assert 0 < len(hebrew) < len(entities)
    places = _items(client, "/api/entities", type="LOC")
    assert places and {e["type"] for e in places} == {"LOC"}


def test_api_events_list(client):
    events = _items(client, "/api/events")
    assert sum(e["size"] + e["copies"] for e in events) == 54
    assert {"id", "title", "languages", "size", "copies", "closed", "storyline_id", "articles"} <= set(events[0])
    french = _items(client, "/api/events", lang="fr")
    assert french and all("fr" in e["languages"] for e in french) and len(french) < len(events)
    quake = _items(client, "/api/events", since="2026-03-03", until="2026-03-03")
    assert quake and all(any(a["published"].startswith("2026-03-03") for a in e["articles"]) for e in quake)


def test_api_event_detail_is_show_json(client, demo_url, capsys):
    event = _items(client, "/api/events")[0]
    detail = client.get(f"/api/events/{event['id']}").json()
    assert cli(["show", event["id"], "--db", demo_url, "--format", "json"]) == 0
    assert detail == json.loads(capsys.readouterr().out)
    assert detail["titles"] and detail["entities"] and detail["history"][0]["kind"] == "opened"
    assert all("evidence" in a for a in detail["articles"])


def test_api_summary_and_coverage(client):
    event = next(e for e in _items(client, "/api/events") if {"fr", "ar"} <= set(e["languages"]))
    summary = client.get(f"/api/events/{event['id']}/summary", params={"lang": "fr", "sentences": 3}).json()
    assert summary["event_id"] == event["id"] and summary["lang"] == "fr"
    assert 1 <= len(summary["sentences"]) <= 3 and any(s["in_requested_lang"] for s in summary["sentences"])
    coverage = client.get(f"/api/events/{event['id']}/coverage").json()
    assert coverage["event_id"] == event["id"]
    assert {a["article_id"] for a in coverage["articles"]} == {a["id"] for a in event["articles"]}
    assert {p["lang"] for p in coverage["languages"]} == set(event["languages"])


def test_api_coverage_is_of_its_schema_for_every_event(client):
    """The coverage route encodes `Coverage.as_json` without validating it (megabytes for a big event)."""
    for event in _items(client, "/api/events"):
        coverage = client.get(f"/api/events/{event['id']}/coverage").json()
        assert CoverageOut.model_validate(coverage).model_dump(mode="json") == coverage


def test_api_storylines(client):
    storylines = _items(client, "/api/storylines")
    assert storylines and {"id", "title", "event_ids", "timeline"} <= set(storylines[0])
    detail = client.get(f"/api/storylines/{storylines[0]['id']}").json()
    assert [e["id"] for e in detail["events"]] == storylines[0]["event_ids"]
    hebrew = _items(client, "/api/storylines", lang="he")
    assert 0 < len(hebrew) < len(storylines)


@pytest.mark.parametrize("path", ["/api/articles/nope", "/api/events/ev_nope", "/api/events/ev_nope/summary",
                                  "/api/events/ev_nope/coverage", "/api/storylines/st_nope", "/api/entities/ent_nope",
                                  "/api/jobs/job_nope"])
def test_api_unknown_ids_are_404(client, path):
    assert_error(client.get(path), 404, "nope")


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "ten"},
                                    {"since": "last week"}, {"until": "2026-02-30"},
                                    {"since": "2026-03-10", "until": "2026-03-01"}])
def test_api_bad_parameters_are_422(client, params):
    body = assert_error(client.get("/api/articles", params=params), 422, "invalid")
    assert "errors" in body or any(name in body["error"] for name in params)


def test_api_errors_share_one_shape(client):
    assert_error(client.get("/api/nowhere"), 404, "/api/")
    assert_error(client.delete("/api/articles"), 405)
    assert_error(client.get("/api/search"), 422, "q")
    assert_error(client.get("/api/search", params={"q": "x", "mode": "fuzzy"}), 422, "mode")
    assert_error(client.get("/api/entities", params={"type": "THING"}), 422, "type")


INJECTIONS = ["' OR '1'='1", "x'; DROP TABLE articles; --", '" OR 1=1 --', "ar) UNION SELECT * FROM entities --",
              "%' --", "NEAR(a b)", "*", "title:x", "\\'; SELECT 1; --"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_api_sql_injection_in_filters_is_only_a_value(client, value):
    for path, param in [("/api/articles", "lang"), ("/api/articles", "source"), ("/api/events", "entity"),
                        ("/api/entities", "lang"), ("/api/quotes", "entity"), ("/api/actions", "action"),
                        ("/api/storylines", "source")]:
        response = client.get(path, params={param: value})
        assert response.status_code == 200, (path, param, response.text)
        assert response.json()["total"] == 0
    for mode in ("text", "semantic"):
        response = client.get("/api/search", params={"q": value, "mode": mode, "lang": value})
        assert response.status_code == 200 and response.json()["total"] == 0
    assert client.get("/api/search", params={"q": value}).status_code == 200
    assert len(_items(client, "/api/articles")) == 54
