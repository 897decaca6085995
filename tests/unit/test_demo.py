"""The bundled demo corpus: what `make demo` shows, scored against its gold stories."""

from importlib import resources
from pathlib import Path


def test_demo_corpus_groups_stories_across_languages(embedder):
    from newsweave.eval.clusters import evaluate_clusters

    corpus = Path(str(resources.files("newsweave.demo").joinpath("corpus.jsonl")))
    result = evaluate_clusters(corpus, embedder=embedder)
    assert result["n"] >= 40
    assert result["bcubed"]["f1"] >= 0.8


def test_demo_syndicated_copies_join_their_originals_and_count_once(engine):
    from newsweave.ingest import read_inputs

    corpus = str(resources.files("newsweave.demo").joinpath("corpus.jsonl"))
    engine.ingest_docs(read_inputs([corpus]), progress=False)
    line = {a.id: int(a.source.rsplit("#", 1)[1]) for a in engine.articles()}
    copies = {line[a.id]: line[a.syndicated_of] for a in engine.articles() if a.syndicated_of}
    assert copies == {3: 2, 21: 20, 24: 23, 36: 35}  # the copies the demo README lists (d003 <- d002...)
    for copy in (a for a in engine.articles() if a.syndicated_of):
        event = engine.event(copy.event_id)
        assert copy.syndicated_of in event.article_ids
        assert event.size == len(event.article_ids) - event.copies
