"""What being online costs, measured with `eval clusters`: the offline baseline and order dependence."""

from importlib import resources
from pathlib import Path

import pytest

pytestmark = pytest.mark.real


def test_demo_corpus_offline_scores_and_order_dependence(embedder):
    from newsweave.eval.clusters import evaluate_clusters

    corpus = Path(str(resources.files("newsweave.demo").joinpath("corpus.jsonl")))
    result = evaluate_clusters(corpus, embedder=embedder, orders=3, seed=1)
    offline, order = result["offline"], result["order"]
    assert set(offline) == {"bcubed", "pairwise_f1", "ari", "events"}
    assert all(0.0 < offline["bcubed"][k] <= 1.0 for k in ("precision", "recall", "f1"))
    assert 0.0 < offline["pairwise_f1"] <= 1.0 and -1.0 <= offline["ari"] <= 1.0
    assert 1 <= offline["events"] <= result["n"]
    assert order["runs"] == 3 and order["identical_grouping"] in (0.0, 0.3333, 0.6667, 1.0)
    assert -1.0 <= order["ari_vs_default"]["min"] <= order["ari_vs_default"]["mean"] <= 1.0
    f1 = order["bcubed_f1"]
    assert 0.0 < f1["min"] <= f1["mean"] <= f1["max"] <= 1.0
