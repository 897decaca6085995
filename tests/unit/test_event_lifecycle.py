"""Event lifecycle through the real engine and store: merges, splits, their history, syndicated
copies counted once, quiet events closing.

Merges and splits are driven by article vectors chosen here (a stand-in embedder) and a similarity
that is their plain cosine, so each decision's numbers are known in advance."""

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from newsweave import Engine
from newsweave.records import RawDoc
from newsweave.stages.similarity import SimilarityParams
from newsweave.store import open_store

# similarity = cosine: the fitted model's rating 4 - 3·cosine mapped back to 0..1
COSINE = SimilarityParams(weights=(-3.0, 0, 0, 0, 0, 0, 0, 0, 0), bias=4.0, same_event_threshold=0.48)


class ChosenVectors:
    """Embeds each text as the vector chosen for the first key (a title) found in it."""

    name = "chosen"

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors
        self.dim = len(next(iter(vectors.values())))

    def encode(self, texts: list[str]) -> np.ndarray:
        out = [next(v for k, v in self.vectors.items() if k in t) for t in texts]
        return np.array([v / np.linalg.norm(v) for v in out], dtype=np.float32).reshape(len(texts), self.dim)


def vectors_with_cosines(gram: list[list[float]]) -> list[np.ndarray]:
    values, basis = np.linalg.eigh(np.array(gram))
    return list(basis * np.sqrt(np.clip(values, 0, None)))


def docs(keys, published=None):
    body = "The committee met on the matter and the members said the review would go on for some weeks."
    return [RawDoc(source=f"{k}.txt", title=k, text=f"{k} report. {body} Reference {k}.",
                   published=published[i] if published else None) for i, k in enumerate(keys)]


@pytest.fixture
def open_engine(tmp_path):
    opened = []

    def make(vectors):
        engine = Engine(open_store(f"sqlite:///{tmp_path}/life.db"), embedder=ChosenVectors(vectors), params=COSINE)
        opened.append(engine)
        return engine

    yield make
    for engine in opened:
        engine.close()


def test_events_merge_when_an_article_links_two_events_and_the_absorbed_id_redirects(open_engine):
    a, b = np.array([1.0, 0.0]), np.array([0.3, np.sqrt(1 - 0.09)])
    engine = open_engine({"Alpha": a, "Bravo": b, "Charlie": a + b})  # Charlie: cosine 0.81 to both
    for doc in docs(["Alpha", "Bravo", "Charlie"]):  # one batch each: merges across commits
        engine.ingest_docs([doc], progress=False)
    events = engine.events()
    assert len(events) == 1 and events[0].size == 3
    survivor = events[0].id
    absorbed = ({f"ev_{x.id}" for x in engine.articles()} - {survivor}) & {
        c.other_event_id for c in engine.event_history(survivor)}
    assert len(absorbed) == 1
    gone = absorbed.pop()
    assert engine.event(gone).id == survivor  # the absorbed id redirects
    kinds = [c.kind for c in engine.event_history(survivor)]
    assert "merged" in kinds
    merge = next(c for c in engine.event_history(survivor) if c.kind == "merged")
    assert merge.reason["event_link"] >= COSINE.same_event_threshold and merge.at is not None
    assert "absorbed" in [c.kind for c in engine.event_history(gone)]  # then the survivor's history


def test_events_split_when_an_event_drifts_into_two_happenings(open_engine):
    # A-B and C-D are close pairs; C and D join through B, but the two pairs link at 0.425 only.
    a, b, c, d = vectors_with_cosines([[1, .9, .35, .2], [.9, 1, .65, .5], [.35, .65, 1, .9], [.2, .5, .9, 1]])
    engine = open_engine({"Alpha": a, "Bravo": b, "Charlie": c, "Delta": d})
    engine.ingest_docs(docs(["Alpha", "Bravo", "Charlie", "Delta"]), progress=False)  # one batch
    groups = sorted(sorted(x.title for x in engine.event_articles(e.id)) for e in engine.events())
    assert groups == [["Alpha", "Bravo"], ["Charlie", "Delta"]]
    by_title = {x.title: x for x in engine.articles()}
    kept, moved = by_title["Alpha"].event_id, by_title["Charlie"].event_id
    assert kept == f"ev_{by_title['Alpha'].id}" and moved == f"ev_{by_title['Charlie'].id}"
    split = next(c for c in engine.event_history(kept) if c.kind == "split")
    assert split.other_event_id == moved and split.reason["link_between_parts"] < COSINE.same_event_threshold
    assert set(split.article_ids) == {by_title["Charlie"].id, by_title["Delta"].id}
    assert [c.kind for c in engine.event_history(moved)][:1] == ["split_from"]  # then its storyline
    assert {e.id: e.size for e in engine.events()} == {kept: 2, moved: 2}


def test_events_close_after_the_quiet_period_and_a_late_article_still_joins(open_engine, monkeypatch):
    monkeypatch.setenv("NEWSWEAVE_QUIET_DAYS", "5")
    base = datetime(2026, 5, 1, tzinfo=timezone.utc)
    a, other = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    engine = open_engine({"Alpha": a, "Again": a, "Other": other})
    engine.ingest_docs(docs(["Alpha", "Other"], [base, base + timedelta(days=9)]), progress=False)
    alpha = next(e for e in engine.events() if e.title == "Alpha")
    assert alpha.closed and not next(e for e in engine.events() if e.title == "Other").closed
    engine.ingest_docs(docs(["Again"], [base + timedelta(days=2)]), progress=False)  # late, but about Alpha
    assert engine.event(alpha.id).size == 2
    assert "late_join" in [c.kind for c in engine.event_history(alpha.id)]


WIRE = ("The central bank raised its main interest rate by half a point on Thursday, the third rise this "
        "year, saying inflation had stayed above its target for too long. The governor told reporters that "
        "further increases could follow if prices kept rising in the coming months. Markets had expected "
        "a smaller step, and the currency gained against the dollar after the announcement. Economists "
        "said the decision would weigh on mortgage holders and small businesses already facing higher costs.")


def test_syndicated_copy_joins_its_original_and_counts_once(engine):
    copy = "Share on Facebook\n" + WIRE.rsplit(" Economists", 1)[0] + "\nSubscribe to our newsletter"
    engine.ingest_docs([RawDoc(source="wire.txt", title="Central bank raises rates again", text=WIRE),
                        RawDoc(source="copy.txt", title="Rates up for third time this year", text=copy)],
                       progress=False)
    original, syndicated = engine.articles()
    assert syndicated.syndicated_of == original.id and syndicated.event_id == original.event_id
    event = engine.event(original.event_id)
    assert (event.size, event.copies, len(event.article_ids)) == (1, 1, 2)
    assert engine.event_evidence(event.id)[syndicated.id]["decision"] == "syndicated"


def test_events_opened_and_absorbed_in_one_batch_still_redirect(open_engine):
    a, b = np.array([1.0, 0.0]), np.array([0.3, np.sqrt(1 - 0.09)])
    engine = open_engine({"Alpha": a, "Bravo": b, "Charlie": a + b})
    engine.ingest_docs(docs(["Alpha", "Bravo", "Charlie"]), progress=False)  # one batch
    (survivor,) = engine.events()
    openers = [a for a in engine.articles() if a.title in ("Alpha", "Bravo")]  # each opened an event
    for article in openers:
        assert engine.event(f"ev_{article.id}").id == survivor.id
