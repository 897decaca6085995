"""`newsweave eval names`: the pipeline's name resolver against real cross-script variants.

Every variant of the file, with no other context, is resolved against the canonical names of
all the file's entities by `stages.names.NameIndex.resolve` (the resolver entity resolution
uses); an abstention counts wrong. Negatives are pairs of distinct entities with similar names,
scored with `stages.names.same_entity`.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from pathlib import Path

from newsweave.errors import BadInput
from newsweave.stages.names import NameIndex, name_forms, same_entity

LOGGER = logging.getLogger(__name__)

# Negative pairs whose two entities carry the very same name (the file's "same_name_different_entity",
# 24 of 398 dev pairs): only context separates them. `false_merge` counts every pair, as the
# contract says; `false_merge_distinct_names` leaves those out, to show the name rule's own mistakes.
INSEPARABLE = "same_name_different_entity"


def _load(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise BadInput(f"{path}:{number}", f"not JSON ({error.msg})") from None
    return rows


def _rate(hits: dict[str, list[int]]) -> dict[str, float]:
    return {key: round(right / total, 4) for key, (right, total) in sorted(hits.items()) if total}


def score_variants(rows: list[dict], index: NameIndex) -> dict:
    """Top-1 accuracy of `index.resolve` on every variant of `rows`, overall, per script and per language.

    Also returns, per variant, the score of the right entity's match when it ranks first and the
    best score of a wrong entity: what `fit_threshold` needs to choose the abstention threshold.
    """
    by_script: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    right = total = 0
    scores: list[tuple[str, float | None, float]] = []  # entity, right score if first, best wrong score
    for row in rows:
        for variant in row["variants"]:
            found = index.candidates(variant["text"], variant.get("lang"), k=2)
            decided = index.decide(found[:1])
            ok = int(decided is not None and decided[0] == row["entity_id"])
            first_right = bool(found) and found[0][0] == row["entity_id"]
            wrong = [score for entity, score, _ in found if entity != row["entity_id"]]
            scores.append((row["entity_id"], found[0][1] if first_right else None, wrong[0] if wrong else 0.0))
            right += ok
            total += 1
            for table, key in ((by_script, variant.get("script") or "?"), (by_lang, variant.get("lang") or "?"),
                               (by_type, row.get("type") or "?")):
                table[key][0] += ok
                table[key][1] += 1
    return {"n": total, "top1": {"overall": round(right / total, 4) if total else None, **_rate(by_script)},
            "top1_by_lang": _rate(by_lang), "top1_by_type": _rate(by_type), "_scores": scores}


KEEP_RIGHT = 0.99  # the threshold may give up at most 1% of right top-1 resolutions


def _rates(scores: list[tuple[str, float | None, float]], threshold: float) -> tuple[float, float]:
    """Share of right top-1 matches kept, and share of variants that would abstain if their own
    entity were missing from the index (best wrong score below the threshold)."""
    right = [r for _, r, _ in scores if r is not None]
    kept = sum(1 for r in right if r >= threshold) / max(len(right), 1)
    abstained = sum(1 for _, _, wrong in scores if wrong < threshold) / max(len(scores), 1)
    return kept, abstained


def fit_threshold(scores: list[tuple[str, float | None, float]], folds: int = 2) -> dict:
    """The abstention threshold: the highest that keeps KEEP_RIGHT of the right resolutions,
    chosen on the other folds' entities and scored on this fold's (open-set abstention rate)."""
    grid = [round(0.30 + 0.01 * step, 2) for step in range(61)]

    def choose(part: list[tuple[str, float | None, float]]) -> float:
        return max((t for t in grid if _rates(part, t)[0] >= KEEP_RIGHT), default=grid[0])

    out = []
    for fold in range(folds):
        threshold = choose([s for s in scores if hash_fold(s[0], folds) != fold])
        kept, abstained = _rates([s for s in scores if hash_fold(s[0], folds) == fold], threshold)
        out.append((threshold, kept, abstained))
    threshold = choose(scores)
    kept, abstained = _rates(scores, threshold)
    return {"per_fold": [{"threshold": t, "kept": round(k, 4), "novel_abstained": round(a, 4)} for t, k, a in out],
            "in_sample": {"threshold": threshold, "kept": round(kept, 4), "novel_abstained": round(abstained, 4)}}


def hash_fold(entity_id: str, folds: int) -> int:
    """A stable fold for an entity (not Python's salted hash)."""
    return sum(entity_id.encode()) % folds


def build_index(rows: list[dict], gazetteer: bool = True) -> NameIndex:
    index = NameIndex(gazetteer=gazetteer)
    for row in rows:
        index.add(row["entity_id"], row["canonical"], None, row.get("type"))
    return index


def score_negatives(pairs: list[dict], rows: list[dict]) -> dict:
    """False merges of `same_entity` on the negative pairs, each entity with its context: the
    countries the pair line or FILE gives it (as the pipeline gives a person the countries it
    co-occurs with)."""
    countries = {row["entity_id"]: row.get("country") for row in rows}

    def context(entity: dict) -> frozenset[str]:
        return frozenset(entity.get("country") or countries.get(entity["entity_id"]) or ())

    merged: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pair in pairs:
        a, b = pair["a"], pair["b"]
        same, _, _ = same_entity(name_forms(a["canonical"]), name_forms(b["canonical"]), context(a), context(b))
        kind = pair.get("kind") or "?"
        merged[kind][0] += int(same)
        merged[kind][1] += 1
    separable = [counts for kind, counts in merged.items() if kind != INSEPARABLE]
    wrong, total = sum(c[0] for c in separable), sum(c[1] for c in separable)
    everything = sum(c[0] for c in merged.values()), sum(c[1] for c in merged.values())
    return {"false_merge": round(everything[0] / everything[1], 4) if everything[1] else None,
            "false_merge_distinct_names": round(wrong / total, 4) if total else None,
            "false_merge_by_kind": _rate(merged)}


def evaluate_names(file: Path, negatives: Path | None = None, gazetteer: bool = True,
                   fit: bool = False) -> dict:
    """The CONTRACT's `eval names` result, plus per-language and per-type top-1.

    `gazetteer=False` resolves by spelling alone (no CLDR/GeoNames exonyms); `fit` adds the
    cross-validated choice of the abstention threshold.
    """
    rows = _load(file)
    result = score_variants(rows, build_index(rows, gazetteer))
    scores = result.pop("_scores")
    result["gazetteer"] = gazetteer
    if fit:
        result["threshold"] = fit_threshold(scores)
    if negatives is not None:
        result.update(score_negatives(_load(negatives), rows))
    else:
        result["false_merge"] = None
    return result
