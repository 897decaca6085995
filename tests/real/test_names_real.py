"""`eval names` on the shared dev variants: the floors the resolver really reaches."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture(scope="module")
def data() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared not found: real-data tests need the shared data beside the repo")
    return SHARED / "data"


@pytest.fixture(scope="module")
def result(data):
    from newsweave.eval.names import evaluate_names

    return evaluate_names(data / "name_variants_dev.jsonl", data / "name_negatives_dev.jsonl")


def test_eval_names_top1_overall_and_every_script(result):
    top1 = result["top1"]
    assert top1["overall"] >= 0.94  # measured 0.944; issue floor 0.90
    for script in ("Arabic", "Hebrew", "Cyrillic", "Latin"):
        assert top1[script] >= 0.93, script  # measured 0.936-0.956; issue floor 0.85
    assert result["top1_by_type"]["PER"] >= 0.87  # measured 0.875 (no gazetteer involved)


def test_eval_names_false_merges(result):
    # Measured 0.005 on pairs with different names; of the 24 identical-name pairs only those
    # placed in different countries can be told apart (9), so all pairs: 0.043 (issue bar 0.05).
    assert result["false_merge_distinct_names"] <= 0.01
    assert result["false_merge"] <= 0.05
    assert result["false_merge_by_kind"]["same_name_different_entity"] < 1.0


def test_eval_names_by_spelling_alone(data):
    from newsweave.eval.names import evaluate_names

    names_only = evaluate_names(data / "name_variants_dev.jsonl", gazetteer=False)
    assert names_only["top1"]["overall"] >= 0.75  # measured 0.758; the ICU + Jaro-Winkler baseline gets 0.558
