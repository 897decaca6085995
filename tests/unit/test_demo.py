"""The bundled demo corpus: what `make demo` shows, scored against its gold stories."""

from importlib import resources
from pathlib import Path


def test_demo_corpus_groups_stories_across_languages(embedder):
    from newsweave.eval.clusters import evaluate_clusters

    corpus = Path(str(resources.files("newsweave.demo").joinpath("corpus.jsonl")))
    result = evaluate_clusters(corpus, embedder=embedder)
    assert result["n"] >= 40
    assert result["bcubed"]["f1"] >= 0.8
