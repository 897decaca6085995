"""Quality floors on ../shared dev data, measured with the same code as `newsweave eval`."""

import pytest

USE_COSINE_OVERALL = 0.729  # data README: plain cosine of multilingual USE v3 on this file


@pytest.fixture(scope="module")
def pairs_cv(shared, embedder):
    from newsweave.eval.pairs import evaluate_pairs

    return evaluate_pairs(shared / "data" / "semeval22_pairs_dev.jsonl", cv_folds=5, embedder=embedder)


def test_eval_pairs_out_of_fold_beats_plain_cosine_overall_and_in_most_languages(pairs_cv):
    pearson, baseline = pairs_cv["pearson"], pairs_cv["baseline_cosine"]
    assert pearson["overall"] > max(USE_COSINE_OVERALL, baseline["overall"])
    assert pearson["overall"] >= 0.77 and pearson["ar"] > baseline["ar"]  # entities help Arabic most
    langs = [k for k in pearson if k != "overall"]
    assert sum(pearson[k] > baseline[k] for k in langs) > len(langs) / 2


def test_eval_pairs_same_event_agreement(pairs_cv):
    assert pairs_cv["same_event"]["f1"] >= 0.75
