"""Instance facts: years, dates, places, people and numbers, and their agreement and conflicts."""

from datetime import datetime

import numpy as np

from newsweave.records import Article, DateMention, Mention
from newsweave.stages.instance import INSTANCE_FEATURES, InstanceFacts, instance_facts, pair_features, pool_facts
from newsweave.stages.similarity import SimilarityParams, instance_shift


def _article(text: str, mentions=(), dates=(), published=None) -> Article:
    return Article(id="a", source="a.txt", title="Quake hits the coast", text=text, lang="en", content_hash="h",
                   published=published, mentions=list(mentions), dates=list(dates))


def _idf(_: str) -> float:
    return 1.0


def test_instance_facts_read_years_dates_places_people_and_numbers():
    text = "A magnitude 6.1 quake struck in 2013, nine years after 2004; 24 people died on 2 July 2013."
    mentions = [Mention(0, 5, "Aceh", "LOC", entity_id="loc_aceh"), Mention(6, 9, "Aceh", "LOC", entity_id="loc_aceh"),
                Mention(10, 14, "Jokowi", "PER", entity_id="per_j"), Mention(15, 18, "BMKG", "ORG", entity_id="org_b")]
    dates = [DateMention(70, 81, "2 July 2013", "2013-07-02", "explicit"),
             DateMention(0, 4, "Monday", "2013-07-01", "weekday")]
    facts = instance_facts(_article(text, mentions, dates, published=datetime(2014, 1, 3)))
    assert facts.years == (2004, 2013, 2014)  # named, and of the publication
    assert facts.places == {"loc_aceh": 2} and facts.people == {"per_j": 1}
    assert set(facts.numbers) == {"6.1", "24", "2"}  # years are not numbers


def test_instance_facts_survive_their_json_and_bad_json_gives_none():
    facts = InstanceFacts(years=(2009,), places={"p": 2}, people={"q": 1}, numbers=("7.6",), names={"obama": 2},
                          scores=("24-17",))
    assert InstanceFacts.from_json(facts.to_json()) == facts
    stored_before_names = '{"years": [2009], "places": {}, "people": {}, "numbers": []}'
    assert InstanceFacts.from_json(stored_before_names) == InstanceFacts(years=(2009,))
    assert InstanceFacts.from_json(None) is None
    assert InstanceFacts.from_json("{not json") is None and InstanceFacts.from_json('{"years": 3}') is None


def test_pair_features_tell_two_happenings_of_one_kind_apart():
    first = InstanceFacts(years=(2004, 2009), places={"papua": 3, "indonesia": 1}, people={"a": 1},
                          numbers=("7.6", "4"), names={"papua": 1}, scores=("3-1",))
    again = InstanceFacts(years=(2009,), places={"papua": 1}, people={"a": 2}, numbers=("7.6",), names={"papua": 1},
                          scores=("3-1",))
    other = InstanceFacts(years=(2004, 2013), places={"aceh": 2}, people={"b": 1}, numbers=("6.1",),
                          names={"aceh": 1}, scores=("2-0",))
    same = pair_features(first, again, _idf, _idf)
    assert same["places"] > 0 and same["people"] > 0 and same["numbers"] == 0.5
    assert not any(same[k] for k in INSTANCE_FEATURES if k.endswith("_conflict"))
    apart = pair_features(first, other, _idf, _idf)  # the shared background year (2004) is not the latest
    assert all(apart[k] == 1.0 for k in INSTANCE_FEATURES if k.endswith("_conflict"))
    assert apart["people"] == 0.0  # another person is no conflict: people only agree
    assert not any(apart[k] for k in INSTANCE_FEATURES if not k.endswith("_conflict"))


def test_pair_features_main_place_and_names_conflict_only_within_one_language():
    cyprus = InstanceFacts(places={"nicosia": 3, "athens": 1}, people={"minister": 2})
    athens = InstanceFacts(places={"athens": 4, "nicosia": 1}, people={"minister": 1})
    named = pair_features(cyprus, athens, _idf, _idf)
    assert named["main_place_conflict"] == 1.0 and named["places_conflict"] == 0.0
    quake = InstanceFacts(years=(2026,), places={"kemerli": 1}, people={"rescuer": 1}, numbers=("6.1", "12"))
    beben = InstanceFacts(years=(2027,), places={"kemerli_de": 1}, people={"erdbeben": 1}, numbers=("6.1",))
    assert not any(pair_features(quake, beben, _idf, _idf, same_language=False).values())
    within = pair_features(quake, beben, _idf, _idf)
    assert within["places_conflict"] == within["latest_year_conflict"] == 1.0 and within["numbers"] == 0.5


def test_instance_facts_read_names_and_scores_and_their_overlap():
    won = instance_facts(_article("The Colts beat the Patriots 24-17 in Indianapolis on Sunday."))
    assert won.scores == ("24-17",)
    assert {"colts", "patriots", "24-17", "indianapolis", "sunday"} <= set(won.names) and "beat" not in won.names
    again = instance_facts(_article("Indianapolis won 24 - 17 against the Patriots."))
    lost = instance_facts(_article("The Colts lost 10-31 to the Chargers in San Diego."))
    same, apart = pair_features(won, again, _idf, _idf), pair_features(won, lost, _idf, _idf)
    assert same["scores"] == 1.0 and apart["scores_conflict"] == 1.0
    assert same["names"] > 0 and apart["names_conflict"] > same["names_conflict"] > 0
    assert pair_features(won, InstanceFacts(), _idf, _idf)["names_conflict"] == 0.0  # a silent side is no gap


def test_instance_facts_read_one_number_across_decimal_marks():
    en = instance_facts(_article("A magnitude 6.1 quake left 20,000 homeless."))
    de = instance_facts(_article("Ein Beben der Stärke 6,1 machte 20.000 Menschen obdachlos."))
    assert set(en.numbers) == set(de.numbers) == {"6.1", "20000"}


def test_pair_features_of_silent_articles_are_neither_agreement_nor_conflict():
    named = pair_features(InstanceFacts(), InstanceFacts(years=(2013,), places={"x": 1}), _idf, _idf)
    assert set(named) == set(INSTANCE_FEATURES) and not any(named.values())


def test_instance_shift_moves_on_the_log_odds_scale_and_keeps_silent_pairs():
    assert float(instance_shift(0.6, 0.0)) == 0.6
    assert float(instance_shift(0.6, -2.0)) < 0.6 < float(instance_shift(0.6, 2.0)) < 1.0
    assert np.allclose(instance_shift(np.array([0.0, 1.0]), np.array([0.0, 0.0])), [0.0, 1.0])


def test_shipped_params_weigh_every_instance_feature_with_its_sign():
    params = SimilarityParams.load()
    for fitted in (params.instance_weights, params.merge_weights):
        weights = dict(zip(INSTANCE_FEATURES, fitted))
        assert set(weights) == set(INSTANCE_FEATURES)
        assert all((w <= 0) if k.endswith("_conflict") else (w >= 0) for k, w in weights.items())


def test_pool_facts_keep_the_latest_year_most_members_name_and_sum_the_rest():
    members = [InstanceFacts(years=(2004, 2009), places={"papua": 2}, names={"papua": 1}, numbers=("7.6",)),
               InstanceFacts(years=(2009,), places={"papua": 1, "jakarta": 1}, scores=("3-1",)),
               InstanceFacts(years=(2013,), people={"a": 1}, numbers=("4",)),
               InstanceFacts()]
    pooled = pool_facts(members)
    assert pooled.years == (2009,)  # not 2013: one member's background is no conflict of the event
    assert pooled.places == {"papua": 3, "jakarta": 1} and pooled.people == {"a": 1}
    assert pooled.numbers == ("4", "7.6") and pooled.scores == ("3-1",) and pooled.names == {"papua": 1}
    assert pool_facts([InstanceFacts(years=(2008,)), InstanceFacts(years=(2009,))]).years == (2009,)  # tie: later
    assert pool_facts([InstanceFacts()]) == InstanceFacts()
