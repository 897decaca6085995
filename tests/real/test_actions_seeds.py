"""Action records on the seed articles (../shared/seeds, read at run time), through the real
pipeline: the visiting minister meets the Turkish president, and every record has its evidence."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.real


@pytest.fixture
def seeded(shared, engine):
    report = engine.ingest([str(shared / "seeds")], progress=False)
    assert report.ingested == 5
    return engine


def _entity(entities: list[dict], *spellings: str) -> str:
    (found,) = [e["id"] for e in entities if any(s in v["text"] for v in e["variants"] for s in spellings)]
    return found


def test_actions_seeds_minister_meets_the_turkish_president_in_ankara(seeded):
    entities = seeded.entities()
    gantz, erdogan = _entity(entities, "Gantz"), _entity(entities, "Erdogan", "أردوغان")
    ankara = _entity(entities, "Ankara")
    records = seeded.actions()
    visited = {r["place_entity_id"] for r in records if r["action"] == "visit" and r["actor_entity_id"] == gantz}
    assert ankara in visited  # an Arabic article: "(he) began a visit to ... Ankara"
    # A meeting is mutual: in one article the president is the subject of "met with the minister".
    meetings = [r for r in seeded.actions(gantz, "meet") if {r["actor_entity_id"], r["target_entity_id"]} == {gantz, erdogan}]
    assert len({r["article_id"] for r in meetings}) >= 3
    assert any(r["place_entity_id"] == ankara for r in meetings)
    ankara_event = next(a.event_id for a in seeded.articles() if a.source.endswith(("000_3a907c826026319f.txt",)))
    assert any(r["action"] == "meet" for r in seeded.event_actions(ankara_event))


def test_actions_seeds_every_record_has_its_evidence(seeded):
    texts = {a.id: seeded.store.article(a.id).text for a in seeded.articles()}
    records = seeded.actions()
    assert {r["action"] for r in records} >= {"say", "meet", "visit"}
    for r in records:
        assert r["sentence"] and r["sentence"] == texts[r["article_id"]][r["start"]:r["end"]] and r["cue"]
        assert r["actor_entity_id"] and r["actor_entity_id"] != r["target_entity_id"]
        assert r["actor_text"] in r["sentence"] or r["action"] == "say"  # a quote's speaker may be named earlier
        for argument in (r["target_text"], r["place_text"]):
            assert argument is None or argument in r["sentence"]
