"""Online clustering with the real embedder on short texts we wrote."""

from newsweave.records import RawDoc

QUAKE = [
    ("en", "Strong earthquake hits eastern Turkey", "A magnitude 6.1 earthquake struck the province of Erzincan early on Monday, collapsing dozens of buildings in the town of Kemerli. Rescue teams searched the rubble through the night."),
    ("fr", "Un fort séisme frappe l'est de la Turquie", "Un séisme de magnitude 6,1 a frappé lundi à l'aube la province d'Erzincan, provoquant l'effondrement de dizaines de bâtiments à Kemerli. Les secours ont fouillé les décombres toute la nuit."),
    ("de", "Starkes Erdbeben erschüttert den Osten der Türkei", "Ein Erdbeben der Stärke 6,1 hat am Montagmorgen die Provinz Erzincan erschüttert. In der Stadt Kemerli stürzten Dutzende Gebäude ein. Rettungskräfte suchten die ganze Nacht in den Trümmern."),
]
OTHER = ("en", "City library reopens after renovation", "The public library in Millbrook reopened on Saturday after a two-year renovation that added a children's wing, a café and a rooftop reading garden.")


def _docs(items):
    return [RawDoc(source=f"t#{i}", title=t, text=x, lang=l) for i, (l, t, x) in enumerate(items)]


def test_events_group_one_happening_across_languages_and_keep_others_apart(engine):
    report = engine.ingest_docs(_docs(QUAKE + [OTHER]), progress=False)
    assert report.ingested == 4
    events = {a.source: a.event_id for a in engine.articles()}
    assert events["t#0"] == events["t#1"] == events["t#2"]
    assert events["t#3"] != events["t#0"]


def test_events_ids_are_stable_and_named_after_the_founding_article(engine):
    engine.ingest_docs(_docs(QUAKE), progress=False)
    first = engine.articles()[0]
    assert first.event_id == f"ev_{first.id}"


def test_events_each_decision_keeps_its_evidence(engine):
    engine.ingest_docs(_docs(QUAKE), progress=False)
    event_id = engine.articles()[0].event_id
    evidence = engine.event_evidence(event_id)
    decisions = [e["decision"] for e in evidence.values()]
    assert decisions[0] == "opened" and set(decisions[1:]) == {"joined"}
    joined = list(evidence.values())[1]
    assert {"cosine", "lexical", "title_cosine", "time_factor"} <= set(joined["features"])


def test_events_far_apart_dates_do_not_join(engine):
    from datetime import datetime, timedelta

    base = datetime(2026, 3, 2)
    docs = [RawDoc(source=f"d#{i}", title=t, text=x, lang=l, published=base + timedelta(days=120 * i))
            for i, (l, t, x) in enumerate(QUAKE[:2])]
    engine.ingest_docs(docs, progress=False)
    assert len({a.event_id for a in engine.articles()}) == 2


def _signals(text: str, instance, turn: float = 0.0):
    import numpy as np

    from newsweave.stages import lexical
    from newsweave.stages.similarity import ArticleSignals

    vector = np.array([np.cos(turn), np.sin(turn), 0.0, 0.0])
    return ArticleSignals(vector=vector, title_vector=vector, lexical=lexical.signature(text), published=None,
                          lang="en", instance=instance)


def test_event_link_moves_by_the_pooled_facts_of_both_events():
    from dataclasses import replace

    from newsweave.stages.events import event_link
    from newsweave.stages.instance import InstanceFacts
    from newsweave.stages.similarity import CorpusStats, SimilarityParams

    text = "A strong earthquake struck the coast, rescuers searched the rubble."
    papua = InstanceFacts(years=(2009,), places={"papua": 1}, names={"papua": 1, "manokwari": 1})
    aceh = InstanceFacts(years=(2013,), places={"aceh": 1}, names={"aceh": 1, "takengon": 1})
    stats, params = CorpusStats(), SimilarityParams.load()
    told = "Rescue teams dug through collapsed houses after the quake near the coast."
    one = [_signals(text, papua), _signals(text, papua)]
    same = event_link(one, [_signals(told, papua, 1.0)], stats, params)
    other = event_link(one, [_signals(told, aceh, 1.0)], stats, params)
    silent = event_link(one, [_signals(told, InstanceFacts(), 1.0)], stats, params)
    assert 0.0 < other < silent < same < 1.0  # agreement may raise the link: pooled, it is not a veto
    pairwise = event_link(one, [_signals(told, aceh, 1.0)], stats, replace(params, merge_weights=()))
    assert pairwise <= silent  # without merge weights: the average pairwise (vetoed) similarity


def test_storylines_past_the_horizon_leave_memory_but_stay_listed(engine, tmp_path):
    from datetime import datetime, timedelta

    from newsweave import Engine
    from newsweave.store import open_store

    base = datetime(2026, 3, 2)
    docs = [RawDoc(source=f"d#{i}", title=t, text=x, lang=l, published=base + timedelta(days=120 * i))
            for i, (l, t, x) in enumerate([QUAKE[0], OTHER])]
    engine.ingest_docs(docs, progress=False)
    old, new = (a.event_id for a in sorted(engine.articles(), key=lambda a: a.published))
    held = engine.storylines  # set aside after the batch: the quake's ended 120 days before the library's
    assert held.storyline_of(old) is None and held.storyline_of(new) is not None and not held.complete
    listed = {e for s in engine.storyline_list() for e in s["event_ids"]}
    assert listed == {old, new}
    url = str(engine.store._engine.url)
    engine.close()
    with Engine(open_store(url), embedder=engine.embedder) as reopened:  # loads only what can be joined
        assert reopened.storylines.storyline_of(old) is None and reopened.storylines.storyline_of(new)
        assert {e for s in reopened.storyline_list() for e in s["event_ids"]} == {old, new}
