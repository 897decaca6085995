"""The offline baseline: its similarity matrix is `similarity()`, its clusters average linkage."""

from datetime import datetime, timedelta, timezone
from itertools import combinations

import numpy as np
import pytest

from newsweave.eval.clusters import same_grouping
from newsweave.eval.offline import (cluster_matrix, corpus_stats, offline_events, pair_matrices,
                                    similarity_matrix)
from newsweave.stages import lexical
from newsweave.stages.instance import InstanceFacts
from newsweave.stages.similarity import ArticleSignals, SimilarityParams, similarity

DAY = datetime(2024, 5, 1, 12, tzinfo=timezone.utc)
STORIES = {
    "quake": ("Earthquake strikes Izmir", "A strong earthquake struck Izmir on Friday, the governor said."),
    "vote": ("Parliament passes budget", "Parliament passed the budget after a long night of debate."),
}


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


def _signals(story: str, variant: int, *, published=DAY, lang="en", script="Latin",
             entities=None, instance=None) -> ArticleSignals:
    rng = np.random.default_rng(variant)
    base = np.zeros(16)
    base[list(STORIES).index(story)] = 1.0
    title, text = STORIES[story]
    return ArticleSignals(vector=_unit(base + 0.05 * rng.normal(size=16)),
                          title_vector=_unit(base + 0.05 * rng.normal(size=16)),
                          lexical=lexical.signature(f"{title} {text} report {variant}"),
                          published=published, entities=entities or {}, script=script, lang=lang,
                          instance=instance)


@pytest.fixture
def articles() -> dict[str, ArticleSignals]:
    return {
        "q1": _signals("quake", 1, entities={"loc:izmir": 2},
                       instance=InstanceFacts(years=(2024,), places={"loc:izmir": 2}, numbers=("6.1",))),
        "q2": _signals("quake", 2, published=DAY + timedelta(hours=5), entities={"loc:izmir": 1},
                       instance=InstanceFacts(years=(2020, 2024), places={"loc:izmir": 1}, numbers=("5.8",))),
        "q4": _signals("quake", 7, entities={"loc:van": 1},
                       instance=InstanceFacts(years=(2011,), places={"loc:van": 1}, numbers=("7.1",))),
        "q3": _signals("quake", 3, lang="tr", published=None),
        "v1": _signals("vote", 4, published=DAY.replace(tzinfo=None), entities={"org:parliament": 1}),
        "v2": _signals("vote", 5, published=DAY - timedelta(days=1), entities={"org:parliament": 3}),
        "lone": _signals("vote", 6, lang="ar", script="Arabic", published=DAY + timedelta(days=40)),
    }


def test_matrix_equals_similarity_on_every_pair(articles):
    # Shipped model: every term, the cross-script imputation, the time factor (naive vs aware too),
    # the instance veto (q4 is another quake: another year, place and magnitude).
    ids = list(articles)
    stats = corpus_stats(articles.values())
    params = SimilarityParams.load()
    sims = similarity_matrix(pair_matrices([articles[i] for i in ids], stats), params)
    for (i, a), (j, b) in combinations(enumerate(ids), 2):
        expected, _ = similarity(articles[a], articles[b], stats, params)
        assert sims[i, j] == pytest.approx(expected, abs=1e-6), (a, b)
        assert sims[j, i] == pytest.approx(expected, abs=1e-6), (b, a)


def test_offline_clustering_groups_each_story_and_leaves_the_distant_one_alone(articles):
    # similarity = cosine x time factor: the partition does not move when the shipped model is refitted.
    cosine_only = SimilarityParams(weights=(-3.0,) + (0.0,) * 8, bias=4.0, same_event_threshold=0.8)
    stats = corpus_stats(articles.values())
    labels = offline_events(list(articles), articles, stats, cosine_only)
    expected = {"q1": "a", "q2": "a", "q3": "a", "q4": "a", "v1": "b", "v2": "b", "lone": "c"}
    assert same_grouping(labels, expected), labels
    assert labels["q1"] == "off_q1" and labels["v2"] == "off_v1"  # labelled by the first member


def test_average_linkage_not_single_linkage_and_the_threshold_is_inclusive():
    sims = np.array([[1.0, 0.9, 0.6, 0.0],
                     [0.9, 1.0, 0.1, 0.0],
                     [0.6, 0.1, 1.0, 0.5],
                     [0.0, 0.0, 0.5, 1.0]])
    # c to {a, b}: average 0.35 < 0.5 (single link would join at 0.6); c-d at exactly 0.5 joins.
    labels = cluster_matrix(["a", "b", "c", "d"], sims, threshold=0.5)
    assert same_grouping(labels, {"a": 1, "b": 1, "c": 2, "d": 2})
    assert cluster_matrix(["only"], np.ones((1, 1)), 0.5) == {"only": "off_only"}


def test_same_grouping_ignores_labels_but_not_the_partition():
    assert same_grouping({"a": "x", "b": "x", "c": "y"}, {"a": "2", "b": "2", "c": "1"})
    assert same_grouping({"a": "x", "b": "x", "c": "y"}, {"c": "1", "b": "2", "a": "2"})  # any key order
    assert not same_grouping({"a": "x", "b": "x", "c": "y"}, {"a": "1", "b": "2", "c": "2"})
    assert not same_grouping({"a": "x", "b": "x"}, {"a": "1", "b": "2"})  # split
    assert not same_grouping({"a": "x", "b": "y"}, {"a": "1", "b": "1"})  # merge
    assert not same_grouping({"a": "x"}, {"a": "x", "b": "x"})  # other items


def test_instance_conflicts_lower_the_similarity_and_agreement_never_raises_it(articles):
    stats = corpus_stats(articles.values())
    params = SimilarityParams.load()
    content = SimilarityParams(**{**params.__dict__, "instance_weights": ()})
    for a, b in (("q1", "q4"), ("q1", "q2")):
        with_facts, named = similarity(articles[a], articles[b], stats, params)
        assert with_facts <= similarity(articles[a], articles[b], stats, content)[0]
        assert "numbers_conflict" in named
    assert similarity(articles["q1"], articles["q4"], stats, params)[0] < \
        similarity(articles["q1"], articles["q4"], stats, content)[0]


def test_a_headline_only_row_is_an_article_not_a_refused_input():
    from newsweave.eval.clusters import row_doc
    from newsweave.pipeline import prepare

    doc = row_doc({"id": 7, "title": "An Australian climber who survived two nights on Mount Cook was rescued.",
                   "text": "", "lang": "en"})
    assert prepare(doc).article.text.startswith("An Australian climber")
