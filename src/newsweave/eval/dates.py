"""`newsweave eval dates`: the dates stage against gold TIMEX3 dates, anchored on each document's DCT.

Scored on gold DATE timexes whose value is a day (YYYY-MM-DD). Recall: share of them overlapped by a
predicted date with the same day. Precision: share of predicted dates that overlap a gold day DATE
with the same value. One F1 overall (micro) and one per language. A line that is not a document
(not JSON, no text, a timex without offsets) stops the run with `BadInput` naming the line.
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from newsweave.errors import BadInput
from newsweave.eval.metrics import prf
from newsweave.stages.timex import find_dates

LOGGER = logging.getLogger(__name__)

_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def evaluate_dates(path: Path, predictions: Path | None = None) -> dict:
    """Precision, recall and F1 of day-level dates on ``path`` (see CONTRACT.md, `eval dates`).

    Args:
        path: JSONL with id, lang, dct, text and timexes.
        predictions: where to write one line per document: {"id", "dates": [{"start", "end", "value"}]}.

    Raises:
        BadInput: a line of ``path`` is not a document, or ``predictions`` cannot be written.
    """
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # hit gold, gold, right pred, pred
    n = 0
    try:
        out = predictions.open("w", encoding="utf-8") if predictions else None
    except OSError as error:
        raise BadInput(str(predictions), f"cannot write predictions ({error.strerror})") from None
    try:
        for row, gold in _documents(path):
            n += 1
            lang = row.get("lang") if isinstance(row.get("lang"), str) else None
            dates = find_dates(row["text"], lang, _anchor(row.get("dct")))
            tally = counts[lang or "und"]
            tally[0] += sum(any(_same(g, d.start, d.end, d.value) for d in dates) for g in gold)
            tally[1] += len(gold)
            tally[2] += sum(any(_same(g, d.start, d.end, d.value) for g in gold) for d in dates)
            tally[3] += len(dates)
            if out is not None:
                out.write(json.dumps({"id": row.get("id"), "dates": [
                    {"start": d.start, "end": d.end, "value": d.value} for d in dates]},
                    ensure_ascii=False) + "\n")
    finally:
        if out is not None:
            out.close()
    total = [sum(t[i] for t in counts.values()) for i in range(4)]
    precision, recall, overall = _scores(total)
    f1 = {"overall": overall} | {lang: _scores(counts[lang])[2] for lang in sorted(counts)}
    return {"n": n, "precision": precision, "recall": recall, "f1": f1}


def _documents(path: Path) -> Iterator[tuple[dict, list[dict]]]:
    """Each document of ``path`` with its gold day-level DATE timexes."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise BadInput(where, f"not JSON ({error.msg})") from None
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise BadInput(where, 'not a document: expected an object with a "text" string')
            timexes = row.get("timexes") or []
            if not isinstance(timexes, list) or not all(
                    isinstance(t, dict) and isinstance(t.get("start"), int) and isinstance(t.get("end"), int)
                    for t in timexes):
                raise BadInput(where, '"timexes" must be a list of objects with integer "start" and "end"')
            yield row, [t for t in timexes if t.get("type") == "DATE" and _DAY.fullmatch(str(t.get("value", "")))]


def _scores(tally: list[int]) -> tuple[float, float, float]:
    recall = prf(tally[0], tally[1], tally[1])[0]  # hits over gold
    precision = prf(tally[2], tally[3], tally[3])[0]  # right predictions over predictions
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, round(f1, 4)


def _same(gold: dict, start: int, end: int, value: str) -> bool:
    return gold["value"] == value and start < gold["end"] and gold["start"] < end


def _anchor(dct: object) -> date | None:
    try:
        return date.fromisoformat(dct) if isinstance(dct, str) and dct else None
    except ValueError:
        LOGGER.warning("ignoring dct %r: not YYYY-MM-DD", dct)
        return None
