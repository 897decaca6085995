"""The seeds' two events (the minister in Ankara, then in Azerbaijan) form one storyline."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.real


def test_storylines_seeds_two_visits_are_one_storyline(shared, engine):
    engine.ingest([str(shared / "seeds")], progress=False)
    by_number = {a.source.rsplit("/", 1)[-1][:3]: a for a in engine.articles()}
    ankara, baku = by_number["000"].event_id, by_number["004"].event_id
    assert ankara != baku, "the events stage keeps the two visits apart"
    assert engine.event(ankara).storyline_id == engine.event(baku).storyline_id == f"st_{ankara}"
    joined = next(c for c in engine.event_history(baku) if c.kind == "storyline")
    assert joined.reason["decision"] == "joined"
    # The shared actor is the minister, not a country.
    names = {e["id"]: e["name"] for e in engine.entities()}
    shared_actors = [names[e] for e in joined.reason["features"]["shared_actors"]]
    assert any("غانتس" in name for name in shared_actors)
    assert not any(e.startswith("country:") for e in joined.reason["features"]["shared_actors"])
    storyline = next(s for s in engine.storyline_list() if s["id"] == f"st_{ankara}")
    assert storyline["event_ids"] == [ankara, baku]
    assert storyline["title"].endswith(engine.event(baku).title)
