"""The store's behaviour, the same on every backend: each test runs on SQLite and on PostgreSQL."""

from dataclasses import asdict
from datetime import datetime, timezone
from importlib import resources

import numpy as np
import pytest

from newsweave.ingest import read_inputs
from newsweave.records import EventChange, RawDoc
from newsweave.store import open_store

FIRE = ("Firefighters contained a forest fire near the northern border on Tuesday after two days of work. "
        "Around 300 residents returned home in the evening.")
SNOW = ("Heavy snow closed every school in the valley on Monday, and buses stayed in their depots until "
        "the roads were cleared.")
VOTE = ("The city council voted on Thursday to build a new tram line across the river, after a debate "
        "that lasted late into the night.")
TALKS = ("PARIS, 4 March 2026 — French Foreign Minister Jean-Noël Barrot met Jordanian Foreign Minister "
         "Ayman Safadi in Amman on Tuesday. \"We agreed to work together on water and refugees,\" Barrot said "
         "after the talks. Safadi said the two countries would meet again on 12 April 2026 in Paris.")
AT = datetime(2026, 3, 5, 12, 0, tzinfo=timezone.utc)


def ingest(engine, *docs):
    return engine.ingest_docs(list(docs), progress=False)


def three_events(engine):
    """Three unrelated articles, each opening its own event: their ids, in order."""
    ingest(engine, RawDoc(source="fire.txt", title="Fire contained near border", text=FIRE),
           RawDoc(source="snow.txt", title="Storm closes schools", text=SNOW),
           RawDoc(source="vote.txt", title="Council approves tram line", text=VOTE))
    articles = engine.articles()
    assert len({a.event_id for a in articles}) == 3
    return [a.id for a in articles], [a.event_id for a in articles]


def test_store_reingest_is_a_no_op(store_engine):
    doc = RawDoc(source="a.txt", title="Fire contained near border", text=FIRE)
    assert ingest(store_engine, doc).ingested == 1
    again = ingest(store_engine, doc)
    assert (again.ingested, again.duplicates) == (0, 1)
    assert len(store_engine.articles()) == 1 and len(store_engine.store.sources()) == 1


def test_store_exact_duplicate_from_another_source_is_recorded_not_added(store_engine):
    report = ingest(store_engine, RawDoc(source="a.txt", title="Fire contained near border", text=FIRE),
                    RawDoc(source="b.txt", title="Fire contained near border", text=FIRE))
    assert (report.ingested, report.duplicates) == (1, 1)
    (article,) = store_engine.articles()
    assert sorted(store_engine.store.sources()) == [("a.txt", article.content_hash), ("b.txt", article.content_hash)]


def test_store_same_source_twice_in_one_run_is_stored_once(store_engine):
    doc = RawDoc(source="a.txt", title="Fire contained near border", text=FIRE)
    report = ingest(store_engine, doc, doc)
    assert (report.ingested, report.duplicates, report.failed) == (1, 1, [])
    assert len(store_engine.store.sources()) == 1


def test_store_article_round_trip_keeps_fields(store_engine):
    from newsweave.pipeline import prepare

    published = datetime(2026, 3, 4, 9, 30, tzinfo=timezone.utc)
    text = FIRE + "\nالدفاع المدني أعلن السيطرة على الحريق 🚒\nShare this"
    doc = RawDoc(source="x", title="Fire contained", text=text, outlet="Valley Times",
                 url="https://valley.example/fire", published=published, author="A. Writer")
    ingest(store_engine, doc)
    (article,) = store_engine.articles()
    assert (article.outlet, article.url, article.published, article.author, article.published_from) == (
        "Valley Times", "https://valley.example/fire", published, "A. Writer", "metadata")
    expected = prepare(doc).article
    assert (article.text, article.segments, article.removed_lines, article.content_hash) == (
        expected.text, expected.segments, expected.removed_lines, expected.content_hash)
    assert any(s.foreign and s.lang == "ar" and "🚒" in s.text for s in article.segments)  # removed as chrome, kept


def test_store_reads_back_mentions_quotes_dates_and_actions(store_engine):
    ingest(store_engine, RawDoc(source="talks.txt", title="Barrot meets Safadi in Amman", text=TALKS))
    article = store_engine.store.article(store_engine.articles()[0].id)
    people = {m.text: m.entity_id for m in article.mentions if m.type == "PER" and not m.in_title}
    assert {"Jean-Noël Barrot", "Ayman Safadi"} <= set(people) and None not in people.values()
    assert {m.text for m in article.mentions if m.in_title} & {"Barrot", "Safadi", "Amman"}
    quote = next(q for q in article.quotes if q.kind == "direct")
    assert quote.text.startswith("We agreed") and quote.speaker_entity_id == people["Jean-Noël Barrot"]
    assert [d.value for d in article.dates] == ["2026-03-04", "2026-03-03", "2026-04-12"]
    meeting = next(a for a in article.actions if a.action == "meet")
    assert (meeting.actor_entity_id, meeting.target_entity_id, meeting.place_text) == (
        people["Jean-Noël Barrot"], people["Ayman Safadi"], "Amman")
    assert store_engine.actions(entity_id=people["Ayman Safadi"], action="meet")[0]["sentence"] == meeting.sentence
    assert {q["id"] for q in store_engine.quotes(people["Jean-Noël Barrot"])} == {f"q_{article.id}_{quote.start}"}
    link = next(e for e in store_engine.entities() if e["id"] == people["Ayman Safadi"])
    assert link["article_ids"] == [article.id] and link["evidence"][0]["method"]
    listed = next(e for e in store_engine.entities(evidence=False) if e["id"] == people["Ayman Safadi"])
    assert "evidence" not in listed and listed == {k: v for k, v in link.items() if k != "evidence"}


def test_store_signals_round_trip_as_stored(store_engine):
    ids, events = three_events(store_engine)
    signals = store_engine.store.signals(ids)
    indexed = list(store_engine.store.indexed_articles())
    assert [a.id for a in indexed] == ids and [a.seq for a in indexed] == sorted(a.seq for a in indexed)
    for item in indexed:
        stored, event_id = signals[item.id]
        assert event_id == item.event_id and stored.vector.dtype == np.float32
        assert np.array_equal(stored.vector, item.vector)
        assert np.array_equal(stored.lexical.buckets, item.lexical_buckets)
    later = list(store_engine.store.indexed_articles(skip=1))  # what a saved index lacks
    assert [a.id for a in later] == ids[1:] and later[0].entity_ids == indexed[1].entity_ids
    assert list(store_engine.store.indexed_articles(skip=len(ids))) == []
    assert [a for a, _, _ in store_engine.store.syndication_signatures()] == ids
    assert [a for a, _, _ in store_engine.store.syndication_signatures(latest=2)] == ids[-2:]
    assert [a for a, _, _ in store_engine.store.syndication_signatures(latest=10)] == ids
    states = store_engine.store.event_states(events + [f"ev_missing{i}" for i in range(70_000)])  # a long in_()
    assert set(states) == set(events) and all(s.size == 1 for s in states.values())


def test_store_merge_redirects_and_split_moves_articles_back(store_engine):
    store = store_engine.store
    (fire, snow, _), (survivor, absorbed, other) = three_events(store_engine)
    reason = {"event_link": 0.61, "note": "réunion à Paris"}
    store.write_batch([], [], [], [
        EventChange(event_id=survivor, kind="merged", at=AT, other_event_id=absorbed, reason=reason),
        EventChange(event_id=absorbed, kind="absorbed", at=AT, other_event_id=survivor, reason=reason)])
    assert store.resolve_event_id(absorbed) == survivor and store.event_redirects() == {absorbed: survivor}
    assert store.event(absorbed).id == survivor
    assert [a.id for a in store.event_articles(survivor)] == [fire, snow]
    assert {e.id for e in store.events()} == {survivor, other}
    merged = store.event_history(survivor)[-1]
    assert (merged.kind, merged.other_event_id, merged.at, merged.reason) == ("merged", absorbed, AT, reason)
    store.write_batch([], [], [], [
        EventChange(event_id=survivor, kind="split", at=AT, other_event_id=absorbed, article_ids=(snow,)),
        EventChange(event_id=absorbed, kind="split_from", at=AT, other_event_id=survivor, article_ids=(snow,))])
    assert store.resolve_event_id(absorbed) == absorbed and store.event_redirects() == {}
    assert [a.id for a in store.event_articles(absorbed)] == [snow]
    assert [c.kind for c in store.event_history(absorbed)][-2:] == ["absorbed", "split_from"]
    assert store.event_history(absorbed)[-1].article_ids == (snow,)


def test_store_storylines_and_their_history(store_engine):
    store = store_engine.store
    _, events = three_events(store_engine)
    placed = {event_id: storyline for event_id, storyline, _ in store.event_storylines()}
    assert set(placed) == set(events) and all(placed.values())  # the engine placed each new event
    last = {event_id: last for event_id, _, last in store.event_storylines()}
    assert last == {e: state.last_published for e, state in store.event_states(events).items()}
    storyline = "st_" + events[0]
    store.write_storylines({events[1]: storyline}, [
        EventChange(event_id=events[1], kind="storyline", at=AT, other_event_id=storyline, reason={"score": 0.4})])
    assert {e: s for e, s, _ in store.event_storylines()}[events[1]] == storyline
    assert store.event(events[1]).storyline_id == storyline
    assert store.event_history(events[1])[-1].reason == {"score": 0.4}


def test_store_latest_published_is_the_newest_date(store_engine):
    dates = [datetime(2026, 3, 4, 9, 30, tzinfo=timezone.utc), datetime(2026, 3, 11, 8, 0, tzinfo=timezone.utc),
             datetime(2026, 3, 10, 23, 59, 59, 500000, tzinfo=timezone.utc)]
    ingest(store_engine, *[RawDoc(source=f"{i}.txt", title=t, text=x, published=d)
                           for i, (t, x, d) in enumerate(zip(["Fire", "Snow", "Vote"], [FIRE, SNOW, VOTE], dates))])
    assert store_engine.store.latest_published() == max(dates)


def test_store_reopens_and_goes_on(store_url, embedder):
    from newsweave import Engine

    with Engine(open_store(store_url), embedder=embedder) as engine:
        ingest(engine, RawDoc(source="fire.txt", title="Fire contained near border", text=FIRE))
    with Engine(open_store(store_url), embedder=embedder) as engine:  # indexes rebuilt from the store
        report = ingest(engine, RawDoc(source="fire.txt", title="Fire contained near border", text=FIRE),
                        RawDoc(source="more.txt", title="Fire near border is out", text=FIRE + " Roads reopened."))
        assert (report.ingested, report.duplicates) == (1, 1)
        assert len(engine.events()) == 1 and engine.events()[0].size == 2


def everything(engine) -> dict:
    """What every read command shows, as plain data."""
    events = engine.events()
    return {"articles": [asdict(engine.store.article(a.id)) for a in engine.articles()],
            "events": [asdict(e) for e in events], "entities": engine.entities(), "quotes": engine.quotes(),
            "actions": engine.actions(), "storylines": engine.storyline_list(),
            "history": {e.id: engine.event_history(e.id) for e in events},
            "evidence": {e.id: engine.event_evidence(e.id) for e in events}, "sources": sorted(engine.store.sources())}


@pytest.mark.slow
def test_store_backends_hold_the_same_demo_corpus(tmp_path, postgres_url, embedder):
    """The bundled demo ingested into each backend reads back identically: same articles, events,
    entities, quotes, actions, storylines, histories and evidence."""
    from newsweave import Engine

    corpus = str(resources.files("newsweave.demo").joinpath("corpus.jsonl"))
    seen = []
    for url in (f"sqlite:///{tmp_path}/demo.db", postgres_url):
        with Engine(open_store(url), embedder=embedder) as engine:
            ingest(engine, *read_inputs([corpus]))
            seen.append(everything(engine))
    for history in seen[0]["history"], seen[1]["history"]:  # the clock of each run differs
        for changes in history.values():
            changes[:] = [(c.event_id, c.kind, c.other_event_id, c.article_ids, c.reason) for c in changes]
    assert seen[0] == seen[1]
