"""Storylines over events, with hand-made event profiles (vectors and entities we wrote)."""

from datetime import datetime, timedelta, timezone
from itertools import permutations

import numpy as np
import pytest

from newsweave.stages import storylines
from newsweave.stages.similarity import ArticleSignals
from newsweave.stages.storylines import EventProfile, StorylineIndex, profile_from_signals

DIM = 32
DAY = datetime(2024, 3, 4, tzinfo=timezone.utc)
TYPES = {"ent_minister": "PER", "ent_erdogan": "PER", "ent_aliyev": "PER", "ent_afad": "ORG",
         "ent_mayor": "PER", "ent_club": "ORG", "ent_coach": "PER",
         "country:TR": "LOC", "country:AZ": "LOC", "country:IL": "LOC", "ent_ankara": "LOC"}
# Article-level IDF as the engine counts it: countries are common, people rare.
IDF = {"ent_minister": 5.0, "ent_erdogan": 3.0, "ent_aliyev": 5.5, "ent_afad": 5.0, "ent_mayor": 6.0,
       "ent_club": 5.0, "ent_coach": 5.5, "country:TR": 1.6, "country:AZ": 3.0, "country:IL": 1.5,
       "ent_ankara": 3.5}


def theme(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=DIM)


DIPLOMACY, QUAKE, FOOTBALL = theme(1), theme(2), theme(3)


def vector(base: np.ndarray, noise_seed: int, noise: float = 1.0) -> np.ndarray:
    """A centroid near a theme; noise 1.0 puts two events of one theme at a cosine near 0.5."""
    v = base / np.linalg.norm(base) + noise * theme(100 + noise_seed) / np.sqrt(DIM)
    return v / np.linalg.norm(v)


def profile(event_id, entities, base=DIPLOMACY, day=None, title=None, size=3, noise_seed=None):
    when = None if day is None else DAY + timedelta(days=day)
    return EventProfile(event_id=event_id, title=title or f"title of {event_id}",
                        vector=vector(base, noise_seed if noise_seed is not None else sum(map(ord, event_id))),
                        entities=entities, first_published=when, last_published=when, size=size,
                        languages=["ar"], types={e: TYPES[e] for e in entities})


ANKARA = profile("ev_ankara", {"ent_minister": 12, "ent_erdogan": 6, "country:TR": 9, "country:IL": 7,
                               "ent_ankara": 4}, day=0, title="Minister visits Ankara")
BAKU = profile("ev_baku", {"ent_minister": 8, "ent_aliyev": 3, "country:AZ": 6, "country:IL": 5}, day=4,
               title="Minister in Azerbaijan")
QUAKE_TR = profile("ev_quake", {"ent_afad": 5, "country:TR": 10, "ent_ankara": 1}, base=QUAKE, day=2,
                   title="Earthquake in eastern Turkey")
DERBY = profile("ev_derby", {"ent_club": 9, "ent_coach": 4, "country:TR": 2}, base=FOOTBALL, day=3)
DERBY_2 = profile("ev_derby2", {"ent_club": 7, "ent_coach": 5}, base=FOOTBALL, day=6)


def test_storylines_two_visits_of_one_minister_within_a_week_link():
    index = StorylineIndex()
    first = index.assign(ANKARA, IDF)
    second = index.assign(BAKU, IDF)
    assert not first.joined and first.evidence["decision"] == "opened"
    assert second.joined and second.storyline_id == first.storyline_id == "st_ev_ankara"
    features = second.evidence["features"]
    assert features["shared_actors"] == ["ent_minister"]
    assert features["time_factor"] == 1.0 and features["time_gap_days"] == 4.0
    assert second.evidence["score"] >= second.evidence["threshold"]


def test_storylines_an_event_sharing_only_a_country_stays_apart():
    index = StorylineIndex()
    index.assign(ANKARA, IDF)
    decision = index.assign(QUAKE_TR, IDF)
    assert not decision.joined and decision.storyline_id == "st_ev_quake"
    assert decision.evidence["candidates"] == 0  # no shared actor: no storyline to compare with


def test_storylines_no_shared_actor_can_never_reach_the_threshold():
    # The invariant behind the actor postings being an exact candidate search.
    assert storylines.COSINE_WEIGHT + storylines.PLACES_WEIGHT < storylines.JOIN_THRESHOLD


def test_storylines_same_actors_two_years_apart_do_not_link_but_undated_they_do():
    later = profile("ev_baku_2026", dict(BAKU.entities), day=730, noise_seed=7)
    index = StorylineIndex()
    index.assign(ANKARA, IDF)
    decision = index.assign(later, IDF)
    assert not decision.joined
    assert decision.evidence["features"]["time_factor"] < 0.01
    # Without dates time is neutral: the same actors on the same theme are one story.
    undated = StorylineIndex()
    undated.assign(profile("ev_a", dict(ANKARA.entities)), IDF)
    assert undated.assign(profile("ev_b", dict(BAKU.entities)), IDF).joined


def test_storylines_ids_stay_those_of_the_founding_event():
    index = StorylineIndex()
    ids = [index.assign(p, IDF).storyline_id for p in (ANKARA, BAKU, DERBY, DERBY_2)]
    assert ids == ["st_ev_ankara", "st_ev_ankara", "st_ev_derby", "st_ev_derby"]
    again = index.assign(BAKU, IDF)  # re-scored, nothing changed
    assert again.evidence["decision"] == "stayed" and again.storyline_id == "st_ev_ankara"
    assert index.storylines() == ["st_ev_ankara", "st_ev_derby"]


@pytest.mark.parametrize("order", list(permutations([ANKARA, BAKU, QUAKE_TR, DERBY, DERBY_2])))
def test_storylines_arrival_order_gives_the_same_storylines(order):
    index = StorylineIndex()
    for p in order:
        index.assign(p, IDF)
    groups = {frozenset(e for e, _, _ in index.timeline(s)) for s in index.storylines()}
    assert groups == {frozenset({"ev_ankara", "ev_baku"}), frozenset({"ev_quake"}),
                      frozenset({"ev_derby", "ev_derby2"})}


def test_storylines_timeline_by_date_then_undated_in_arrival_order():
    index = StorylineIndex()
    undated_1 = profile("ev_u1", {"ent_minister": 5, "ent_erdogan": 2})
    undated_2 = profile("ev_u2", {"ent_minister": 4, "country:IL": 2})
    for p in (BAKU, undated_1, ANKARA, undated_2):
        assert index.assign(p, IDF).storyline_id == "st_ev_baku"
    assert [(e, t) for e, _, t in index.timeline("st_ev_baku")] == [
        ("ev_ankara", "Minister visits Ankara"), ("ev_baku", "Minister in Azerbaijan"),
        ("ev_u1", "title of ev_u1"), ("ev_u2", "title of ev_u2")]
    assert index.timeline("st_ev_baku")[0][1] == DAY


def test_storylines_title_names_the_thread_and_the_latest_event():
    index = StorylineIndex()
    index.assign(ANKARA, IDF)
    index.assign(BAKU, IDF)
    names = {"ent_minister": "Benny Gantz", "ent_erdogan": "Erdoğan", "ent_aliyev": "Aliyev", "country:IL": "Israel"}
    # Only the minister is in both events; Erdoğan was in Ankara only.
    assert index.title("st_ev_ankara", names.get) == "Benny Gantz: Minister in Azerbaijan"
    assert index.title("st_ev_ankara", {"country:IL": "Israel"}.get) == "Israel: Minister in Azerbaijan"
    assert index.title("st_ev_ankara", {}.get) == "Minister in Azerbaijan"
    alone = StorylineIndex()
    alone.assign(ANKARA, IDF)
    assert alone.title("st_ev_ankara", names.get) == "Minister visits Ankara"  # one event: its own title


def test_storylines_remove_keeps_the_id_and_the_timeline_right():
    index = StorylineIndex()
    for p in (ANKARA, BAKU, DERBY):
        index.assign(p, IDF)
    assert index.remove_event("ev_ankara") == "st_ev_ankara"
    assert [e for e, _, _ in index.timeline("st_ev_ankara")] == ["ev_baku"]
    assert index.storyline_of("ev_ankara") is None
    assert index.remove_event("ev_derby") == "st_ev_derby"
    assert "st_ev_derby" not in index.storylines()
    assert index.remove_event("ev_unknown") is None
    # The sums are back to those of the remaining event: a newcomer scores as against it alone.
    alone = StorylineIndex()
    alone.assign(BAKU, IDF)
    newcomer = profile("ev_new", {"ent_minister": 3, "ent_aliyev": 1}, day=5)
    assert index.score(newcomer, "st_ev_ankara", IDF) == alone.score(newcomer, "st_ev_baku", IDF)


def test_storylines_merge_upstream_updates_the_survivor_and_drops_the_absorbed():
    index = StorylineIndex()
    for p in (ANKARA, BAKU, DERBY):
        index.assign(p, IDF)
    merged = profile("ev_ankara", {"ent_minister": 20, "ent_erdogan": 6, "ent_aliyev": 3, "country:TR": 9,
                                   "country:AZ": 6}, day=-1, size=6, title="Minister's regional tour")
    decision = index.merge_events(merged, "ev_baku", IDF)
    assert decision.storyline_id == "st_ev_ankara"
    assert index.timeline("st_ev_ankara") == [("ev_ankara", DAY - timedelta(days=1), "Minister's regional tour")]
    assert index.storyline_of("ev_baku") is None
    # An event id reused after its storyline lived on without it opens a storyline of its own.
    index.remove_event("ev_derby")
    index.assign(profile("ev_x", {"ent_club": 9}, base=FOOTBALL, day=3), IDF)
    index.assign(profile("ev_y", {"ent_club": 8}, base=FOOTBALL, day=4), IDF)
    index.remove_event("ev_x")
    reused = index.assign(profile("ev_x", {"ent_mayor": 3}, day=9), IDF)
    assert reused.storyline_id == "st_ev_x.2" and index.storyline_of("ev_y") == "st_ev_x"


def test_storylines_an_event_moves_only_when_the_evidence_clearly_changed():
    index = StorylineIndex()
    index.assign(ANKARA, IDF)
    index.assign(DERBY, IDF)
    # A first article that names the minister in passing, mostly about football.
    early = profile("ev_grow", {"ent_minister": 1, "ent_club": 1}, base=FOOTBALL, day=5, noise_seed=11)
    placed = index.assign(early, IDF)
    # One more article of the same mix: the evidence barely moves, the event stays.
    same = index.assign(profile("ev_grow", {"ent_minister": 2, "ent_club": 2}, base=FOOTBALL, day=5,
                                noise_seed=11), IDF)
    assert same.evidence["decision"] == "stayed" and same.storyline_id == placed.storyline_id
    # It turns out to be the minister's story: it moves, and the decision says from where.
    grown = profile("ev_grow", {"ent_minister": 14, "ent_aliyev": 4, "ent_club": 1}, day=5, noise_seed=12)
    moved = index.assign(grown, IDF)
    assert placed.storyline_id == "st_ev_derby"
    assert moved.evidence["decision"] == "moved" and moved.storyline_id == "st_ev_ankara"
    assert moved.evidence["previous"] == "st_ev_derby"
    assert moved.evidence["score"] >= (moved.evidence["own_score"] or 0) + storylines.MOVE_MARGIN
    assert [e for e, _, _ in index.timeline("st_ev_derby")] == ["ev_derby"]


def test_storylines_an_event_whose_link_vanished_splits_but_a_founder_stays():
    index = StorylineIndex()
    index.assign(ANKARA, IDF)
    index.assign(BAKU, IDF)
    drifted = profile("ev_baku", {"ent_mayor": 6, "country:AZ": 2}, base=QUAKE, day=4)
    split = index.assign(drifted, IDF)
    assert split.evidence["decision"] == "split" and split.storyline_id == "st_ev_baku"
    assert [e for e, _, _ in index.timeline("st_ev_ankara")] == ["ev_ankara"]
    index.assign(BAKU, IDF)  # back to the minister: moves into his storyline again
    assert index.storyline_of("ev_baku") == "st_ev_ankara"
    founder = index.assign(profile("ev_ankara", {"ent_mayor": 6}, base=QUAKE, day=0), IDF)
    assert founder.evidence["decision"] == "stayed" and founder.storyline_id == "st_ev_ankara"


def test_storylines_idf_table_treats_unseen_entities_as_the_rarest():
    index = StorylineIndex()
    index.assign(ANKARA, {"country:TR": 1.0})
    decision = index.assign(BAKU, {"country:TR": 1.0})
    assert decision.joined


def test_storylines_profile_from_signals_sums_mentions_and_spans_dates():
    def signals(v, entities, day):
        return ArticleSignals(vector=v, title_vector=v, lexical=None, published=DAY + timedelta(days=day),
                              entities=entities, lang="fr")

    a, b = np.eye(4)[0], np.eye(4)[1]
    built = profile_from_signals("ev_1", "Title", [signals(a, {"ent_minister": 3, "country:TR": 1}, 2),
                                                   signals(b, {"ent_minister": 2}, 0)], TYPES)
    assert built.entities == {"ent_minister": 5, "country:TR": 1}
    assert built.types == {"ent_minister": "PER", "country:TR": "LOC"}
    assert np.allclose(built.vector, (a + b) / np.sqrt(2))
    assert (built.first_published, built.last_published) == (DAY, DAY + timedelta(days=2))
    assert built.size == 2 and built.languages == ["fr"]


def test_storylines_past_the_join_horizon_cannot_be_joined_and_are_set_aside():
    horizon = storylines.join_horizon_days()
    assert 40 < horizon < 50
    # The best possible content score (1.0) just past the horizon stays under the threshold.
    assert np.exp(-(horizon + 0.01 - storylines.TIME_GRACE_DAYS) / storylines.TIME_SCALE_DAYS) < storylines.JOIN_THRESHOLD
    index = StorylineIndex()
    index.assign(ANKARA, IDF)  # day 0
    index.assign(BAKU, IDF)  # day 4, same storyline
    index.assign(DERBY, IDF)  # day 3, a storyline of its own
    index.assign(profile("ev_undated", {"ent_mayor": 3}), IDF)
    index.assign(DERBY_2, IDF)  # day 6: the derby storyline now ends on day 6
    assert index.set_aside(DAY + timedelta(days=2)) == 0 and index.complete
    assert index.set_aside(DAY + timedelta(days=5)) == 1 and not index.complete  # the minister's (day 4)
    assert index.storyline_of("ev_ankara") is None and index.storyline_of("ev_baku") is None
    assert index.storyline_of("ev_derby") == index.storyline_of("ev_derby2") == "st_ev_derby"
    assert index.set_aside(DAY + timedelta(days=400)) == 1  # the derby's; the undated one stays
    assert index.storylines() == ["st_ev_undated"]
    again = index.assign(BAKU, IDF)  # an old event that grows again is placed afresh
    assert again.evidence["decision"] == "opened"
