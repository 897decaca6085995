"""`newsweave eval mentions`: the pipeline's own mention finder against annotated news.

Exact (start, end, type) match. In ar, fa and he, leading clitics are skipped on both sides
before starts are compared, since gold spans there often include them (CONTRACT.md). The file's
texts serve as the corpus: a first pass collects the names each text's cues found, a second pass
finds them again everywhere (`CorpusNames`).
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from pathlib import Path

from newsweave.errors import BadInput
from newsweave.eval.metrics import prf
from newsweave.records import Mention
from newsweave.stages.mentions import find_mentions, normal_name

LOGGER = logging.getLogger(__name__)

TYPES = ("PER", "ORG", "LOC")
_CLITICS = {
    "ar": ("ال", "و", "ف", "ب", "ل", "ك"),
    "fa": ("و", "ب"),
    "he": ("ו", "ה", "ב", "ל", "מ", "ש", "כ"),
}
MAX_CLITICS = 3
MIN_VOTES = 2
# Cues whose names the corpus learns from: the ones that say what a name is, not the ones that
# only recall it (recurrence, corpus) or guess it (a bare capitalised run).
TEACHING_CUES = ("role:", "org:", "model:", "gazetteer:", "org-word")


class FileCorpus:
    """Names and the types the cues gave them across a set of texts (majority type wins)."""

    def __init__(self) -> None:
        self._votes: dict[str, Counter[str]] = defaultdict(Counter)

    def add(self, mentions: list[Mention]) -> None:
        for mention in mentions:
            if mention.cue and mention.cue.startswith(TEACHING_CUES):
                key = normal_name(mention.text)
                if key:
                    self._votes[key][mention.type] += 1

    def type_of(self, normal_name: str) -> str | None:
        votes = self._votes.get(normal_name)
        if not votes:
            return None
        kind, count = votes.most_common(1)[0]
        # A one-word name seen once may be a cue's slip; seen twice it is a name.
        return kind if count >= MIN_VOTES or " " in normal_name else None


def load_rows(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise BadInput(f"{path}:{number}", f"not JSON ({error.msg})") from None
    return rows


def predict(rows: list[dict]) -> list[list[Mention]]:
    """Two passes: the cues alone, then again with the file's names as the corpus."""
    corpus = FileCorpus()
    for row in rows:
        corpus.add(find_mentions(row["text"], row.get("lang")))
    return [find_mentions(row["text"], row.get("lang"), corpus) for row in rows]


def skip_clitics(text: str, start: int, end: int, lang: str | None) -> int:
    """The start after up to three leading clitics (keeping at least two letters)."""
    prefixes = _CLITICS.get(lang or "", ())
    for _ in range(MAX_CLITICS):
        for prefix in prefixes:
            if text.startswith(prefix, start) and end - start - len(prefix) >= 2:
                start += len(prefix)
                break
        else:
            break
    return start


def evaluate_mentions(path: Path, predictions: Path | None = None) -> dict:
    rows = load_rows(path)
    predicted = predict(rows)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # true positives, predicted, gold
    out = []
    for row, mentions in zip(rows, predicted):
        lang, text = row.get("lang"), row["text"]

        def spans(items: list[tuple[int, int, str]]) -> Counter[tuple[int, int, str]]:
            return Counter((skip_clitics(text, s, e, lang), e, t) for s, e, t in items)  # noqa: B023

        gold = spans([(e["start"], e["end"], e["type"]) for e in row.get("entities", [])])
        pred = spans([(m.start, m.end, m.type) for m in mentions])
        hits = gold & pred
        for key in ("overall", f"lang:{lang}"):
            _add(counts[key], sum(hits.values()), sum(pred.values()), sum(gold.values()))
        for kind in TYPES:
            _add(counts[f"type:{kind}"], sum(v for k, v in hits.items() if k[2] == kind),
                 sum(v for k, v in pred.items() if k[2] == kind), sum(v for k, v in gold.items() if k[2] == kind))
        out.append({"id": row.get("id"),
                    "entities": [{"start": m.start, "end": m.end, "type": m.type} for m in mentions]})
    if predictions is not None:
        with open(predictions, "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in out)
    precision, recall, f1 = prf(*counts["overall"])
    langs = sorted(k[5:] for k in counts if k.startswith("lang:"))
    return {
        "n": len(rows),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": {"overall": round(f1, 4), **{lang: round(prf(*counts[f"lang:{lang}"])[2], 4) for lang in langs}},
        "by_type": {kind: round(prf(*counts[f"type:{kind}"])[2], 4) for kind in TYPES},
    }


def _add(total: list[int], hits: int, predicted: int, gold: int) -> None:
    total[0] += hits
    total[1] += predicted
    total[2] += gold
