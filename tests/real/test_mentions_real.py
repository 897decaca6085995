"""Mentions on the seeds and on the annotated dev news in ../shared (read at run time)."""

from pathlib import Path

import pytest

from newsweave.records import Mention

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = ("000", "001", "002", "003", "004")
# `eval mentions` on mentions_dev.jsonl with the packaged models: a little under the measured
# figures (docs/mentions.md). ar, de, fr and ru are in-sample there (their models were trained on
# this file); the cross-validated figures are in docs/mentions.md.
FLOOR_OVERALL = 0.63  # measured 0.650
FLOORS = {"ar": 0.92, "de": 0.93, "fr": 0.82, "ru": 0.98, "en": 0.54, "es": 0.55, "tr": 0.47, "fa": 0.35, "he": 0.32}
# `eval mentions --cv 3` on the first CV_DOCS documents of these languages (measured: see docs/mentions.md).
CV_DOCS = 60
CV_SLICE = {"de": 0.47, "tr": 0.65}  # measured 0.503, 0.682


@pytest.fixture(scope="module")
def seeds() -> dict[str, list[Mention]]:
    from newsweave.stages.mentions import find_mentions

    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"../shared not found: {SHARED} holds the seeds")
    found = {}
    for prefix in SEEDS:
        path = next((SHARED / "seeds").glob(f"{prefix}_*.txt"))
        found[prefix] = find_mentions(path.read_text(encoding="utf-8"), "fr" if prefix == "003" else "ar")
    return found


def _has(mentions: list[Mention], kind: str, *parts: str) -> bool:
    return any(m.type == kind and any(p in m.text for p in parts) for m in mentions)


@pytest.mark.real
@pytest.mark.parametrize("prefix", SEEDS)
def test_seeds_israeli_defence_minister_is_a_person(seeds, prefix):
    assert _has(seeds[prefix], "PER", "غانتس", "جانتس", "Gantz")


@pytest.mark.real
@pytest.mark.parametrize("prefix", SEEDS)
def test_seeds_israel_is_a_place(seeds, prefix):
    assert _has(seeds[prefix], "LOC", "إسرائيل", "Israël")


@pytest.mark.real
@pytest.mark.parametrize("prefix", ("000", "001", "002", "003"))
def test_seeds_visit_names_president_minister_city_country(seeds, prefix):
    found = seeds[prefix]
    assert _has(found, "PER", "إردوغان", "أردوغان", "اردوغان", "Erdogan", "Erdoğan")
    assert _has(found, "PER", "أكار", "Akar")
    assert _has(found, "LOC", "أنقرة", "Ankara")
    assert _has(found, "LOC", "تركيا", "Turquie")


@pytest.mark.real
def test_seeds_roles_are_normalised(seeds):
    roles = {(m.text, m.role) for found in seeds.values() for m in found if m.role}
    assert any(role == "defence minister" and ("غانتس" in text or "جانتس" in text) for text, role in roles)
    assert any(role == "president" and "Erdoğan" in text for text, role in roles)
    assert any(role == "defence minister" and "أكار" in text for text, role in roles)


@pytest.mark.real
def test_seeds_azerbaijan_is_a_country(seeds):
    assert any(m.type == "LOC" and m.cue == "gazetteer:country" and "أذربيجان" in m.text for m in seeds["004"])


@pytest.mark.real
def test_seeds_every_spelling_of_the_president_in_000(seeds):
    texts = {m.text for m in seeds["000"] if m.type == "PER"}
    assert any("إردوغان" in t for t in texts) and any("اردوغان" in t for t in texts)


@pytest.mark.real
@pytest.mark.slow
def test_eval_mentions_dev_floors(shared, tmp_path):
    from newsweave.eval.mentions import evaluate_mentions

    result = evaluate_mentions(shared / "data" / "mentions_dev.jsonl", tmp_path / "out.jsonl")
    assert result["n"] == 1508
    assert result["f1"]["overall"] >= FLOOR_OVERALL
    for lang, floor in FLOORS.items():
        assert result["f1"][lang] >= floor, lang
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8").count("\n") == 1508
    assert "in-sample" in result["models"]["ar"] and result["models"]["en"] == "cues only (no model)"


@pytest.mark.real
@pytest.mark.slow
def test_eval_mentions_cross_validated_on_a_slice(shared, tmp_path):
    """The tagger trained out-of-fold on the first documents of two languages (bounded: CI runs it)."""
    lines = (shared / "data" / "mentions_dev.jsonl").read_text(encoding="utf-8").splitlines()
    picked = [line for lang in CV_SLICE for line in [x for x in lines if f'"lang": "{lang}"' in x][:CV_DOCS]]
    (tmp_path / "slice.jsonl").write_text("\n".join(picked) + "\n", encoding="utf-8")
    from newsweave.eval.mentions import evaluate_mentions

    result = evaluate_mentions(tmp_path / "slice.jsonl", cv=3)
    assert result["n"] == CV_DOCS * len(CV_SLICE)
    assert result["models"]["de"].startswith("cross-validated")
    for lang, floor in CV_SLICE.items():
        assert result["f1"][lang] >= floor, lang
