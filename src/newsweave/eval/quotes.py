"""``newsweave eval quotes``: quotes and their speakers against annotated news (CONTRACT.md).

A predicted quote matches a gold one when their overlap is at least half of the longer span,
one to one (largest overlaps first). Gold spans of direct quotes include the quotation marks and
ours do not, which this rule tolerates. Its speaker is right when the predicted local speaker
shares a word with the annotated speaker or overlaps one of its mentions; gold speakers are local
mentions (often pronouns), so the local speaker span is scored, not the resolved name. Speaker
accuracy is over matched quotes whose gold speaker is annotated.
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from newsweave.eval.metrics import prf
from newsweave.records import Mention, Quote
from newsweave.stages.quotes import find_quotes

LOGGER = logging.getLogger(__name__)

Finder = Callable[[str, str | None], Sequence[Quote]]
MIN_OVERLAP = 0.5

_WORD = re.compile(r"\w+")
# Stand-in mentions when the project's mention finder is missing: runs of capitalised words.
_CAPITALISED = re.compile(r"\b[^\W\d_a-zа-яё][\w'’-]*(?:\.?\s[^\W\d_a-zа-яё][\w'’-]*)*", re.UNICODE)


def evaluate_quotes(path: Path, predictions: Path | None = None, find: Finder | None = None) -> dict:
    """Score the quote finder on ``path`` (JSONL lines ``{"id", "lang", "text", "quotes"}``).

    Args:
        path: The annotated file.
        predictions: Where to write one line of predicted quotes per document, if given.
        find: ``find(text, lang) -> quotes``; by default the pipeline's mentions and quote finder.

    Returns:
        ``{"n", "precision", "recall", "f1": {"overall", "direct", "<lang>"...},
        "speaker_accuracy": {"overall", "<lang>"...}}``, ``n`` being the number of documents.
    """
    finder = find or _pipeline_finder()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # matched, predicted, gold
    direct = [0, 0, 0, 0]
    speakers: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # right, judged
    n = 0
    out = predictions.open("w", encoding="utf-8") if predictions else None
    try:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                doc = json.loads(line)
                n += 1
                lang = doc.get("lang") or "und"
                predicted = list(finder(doc["text"], doc.get("lang")))
                gold = doc.get("quotes", [])
                pairs = _match(predicted, gold)
                _count(pairs, predicted, gold, counts[lang], speakers[lang], doc["text"])
                _count_direct(pairs, predicted, gold, direct)
                if out is not None:
                    out.write(json.dumps({"id": doc.get("id"), "quotes": [_as_json(q) for q in predicted]},
                                         ensure_ascii=False) + "\n")
    finally:
        if out is not None:
            out.close()
    langs = sorted(counts)
    total = [sum(counts[k][i] for k in langs) for i in range(3)]
    precision, recall, f1 = prf(*total)
    right, judged = (sum(speakers[k][i] for k in langs) for i in range(2))
    return {
        "n": n,
        "precision": precision,
        "recall": recall,
        "f1": {"overall": f1, "direct": _direct_f1(direct)} | {k: prf(*counts[k])[2] for k in langs},
        "speaker_accuracy": {"overall": _ratio(right, judged)}
        | {k: _ratio(*speakers[k]) for k in langs},
    }


def _count(pairs: list[tuple[int, int]], predicted: Sequence[Quote], gold: list[dict], counts: list[int],
           speakers: list[int], text: str) -> None:
    counts[0] += len(pairs)
    counts[1] += len(predicted)
    counts[2] += len(gold)
    for p, g in pairs:
        if gold[g].get("speaker"):
            speakers[1] += 1
            speakers[0] += _speaker_right(predicted[p], gold[g], text)


def _count_direct(pairs: list[tuple[int, int]], predicted: Sequence[Quote], gold: list[dict],
                  counts: list[int]) -> None:
    """Direct quotes in the same matching: precision of the quotes we call direct, recall of the
    gold direct ones (counts: predicted matched, predicted, gold matched, gold). Matching across
    kinds keeps this fair where gold kinds come from a quotation-mark rule that misses some marks
    (PolNeAR's ''…'' quotes are labelled indirect)."""
    direct_p = {p for p, q in enumerate(predicted) if q.kind == "direct"}
    direct_g = {g for g, q in enumerate(gold) if q["kind"] == "direct"}
    counts[0] += sum(p in direct_p for p, _ in pairs)
    counts[1] += len(direct_p)
    counts[2] += sum(g in direct_g for _, g in pairs)
    counts[3] += len(direct_g)


def _direct_f1(counts: list[int]) -> float:
    precision = counts[0] / counts[1] if counts[1] else 0.0
    recall = counts[2] / counts[3] if counts[3] else 0.0
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0


def _match(predicted: Sequence[Quote], gold: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs whose overlap is at least half of the longer span, largest overlap first."""
    candidates = []
    for p, quote in enumerate(predicted):
        for g, annotated in enumerate(gold):
            overlap = min(quote.end, annotated["end"]) - max(quote.start, annotated["start"])
            longer = max(quote.end - quote.start, annotated["end"] - annotated["start"])
            if overlap > 0 and overlap >= MIN_OVERLAP * longer:
                candidates.append((overlap, p, g))
    pairs, used_p, used_g = [], set(), set()
    for _, p, g in sorted(candidates, reverse=True):
        if p not in used_p and g not in used_g:
            pairs.append((p, g))
            used_p.add(p)
            used_g.add(g)
    return pairs


def _speaker_right(quote: Quote, gold: dict, text: str) -> bool:
    if quote.speaker_start is None or quote.speaker_end is None:
        return False
    for span in gold.get("speaker_mentions", []):
        if quote.speaker_start < span["end"] and span["start"] < quote.speaker_end:
            return True
    said = {w.lower() for w in _WORD.findall(text[quote.speaker_start:quote.speaker_end])}
    return bool(said & {w.lower() for w in _WORD.findall(gold["speaker"])})


def _ratio(right: int, judged: int) -> float | None:
    return round(right / judged, 4) if judged else None


def _as_json(quote: Quote) -> dict:
    speaker = None
    if quote.speaker_start is not None:
        speaker = {"start": quote.speaker_start, "end": quote.speaker_end, "text": quote.speaker_text}
    return {"start": quote.start, "end": quote.end, "speaker": speaker}


def _pipeline_finder() -> Finder:
    """Mentions from the project's mention finder when there is one, else capitalised runs."""
    try:
        from newsweave.stages.mentions import find_mentions
    except ImportError:
        LOGGER.warning("eval quotes: no mention finder, using capitalised runs as mentions")
        return lambda text, lang: find_quotes(text, lang, _capitalised_mentions(text, lang))
    return lambda text, lang: find_quotes(text, lang, find_mentions(text, lang))


def _capitalised_mentions(text: str, lang: str | None) -> list[Mention]:
    return [Mention(m.start(), m.end(), m.group(), "PER", lang=lang, cue="capitalised")
            for m in _CAPITALISED.finditer(text)]
