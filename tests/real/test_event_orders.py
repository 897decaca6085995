"""Online events do not depend on arrival order: the seeds in all 120 orders group the same way."""

import itertools

import pytest

from newsweave import Engine
from newsweave.ingest import read_inputs
from newsweave.store import open_store


@pytest.mark.slow
def test_seeds_in_every_order_give_the_same_grouping(shared, embedder, tmp_path):
    docs = {path.name[:3]: doc for path in sorted((shared / "seeds").glob("*.txt"))
            for doc in read_inputs([str(path)])}
    groupings = set()
    for number, order in enumerate(itertools.permutations(sorted(docs))):
        with Engine(open_store(f"sqlite:///{tmp_path}/order{number}.db"), embedder=embedder) as engine:
            engine.ingest_docs([docs[key] for key in order], progress=False)
            event_of = {a.source.rsplit("/", 1)[-1][:3]: a.event_id for a in engine.articles()}
        groupings.add(frozenset(frozenset(k for k in event_of if event_of[k] == e) for e in set(event_of.values())))
    assert groupings == {frozenset({frozenset({"000", "001", "002", "003"}), frozenset({"004"})})}
