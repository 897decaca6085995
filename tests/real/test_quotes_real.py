"""Quotes on real data read from ../shared at run time: the Ankara seed articles and a slice of
the annotated quotes dev file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsweave.eval.quotes import evaluate_quotes
from newsweave.records import Mention, Quote
from newsweave.stages.quotes import find_quotes

pytestmark = pytest.mark.real

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ANKARA = {"000": "ar", "001": "ar", "002": "ar", "003": "fr"}
# A stand-in for the mention finder: the spellings of the people these articles name.
MINISTER = {"ar": ("بيني غانتس", "بيني جانتس", "غانتس", "جانتس", "غناتس"), "fr": ("Benny Gantz", "Gantz", "Ganz")}
OTHERS = {"ar": ("رجب طيب إردوغان", "رجب طيب أردوغان", "إردوغان", "أردوغان", "خلوصي أكار", "أكار"),
          "fr": ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", "Erdogan", "Hulusi Akar", "Akar")}
# Floors a little under the measured figures on the slice (first 300 documents).
SLICE = 300
F1_FLOOR = 0.60  # measured 0.630
DIRECT_FLOOR = 0.87  # measured 0.901
SPEAKER_FLOOR = 0.78  # measured 0.816


def _shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared not found: {path} is missing")
    return path


def _seed(prefix: str) -> str:
    (path,) = _shared("seeds").glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _mentions(text: str, lang: str) -> list[Mention]:
    found: list[Mention] = []
    taken: set[int] = set()
    for name in sorted(MINISTER[lang] + OTHERS[lang], key=len, reverse=True):
        for match in re.finditer(re.escape(name), text):
            if taken.isdisjoint(range(match.start(), match.end())):
                taken.update(range(match.start(), match.end()))
                found.append(Mention(match.start(), match.end(), name, "PER", lang))
    return sorted(found, key=lambda m: m.start)


def _minister_quotes(prefix: str) -> tuple[str, list[Quote]]:
    lang = ANKARA[prefix]
    text = _seed(prefix)
    mentions = _mentions(text, lang)
    quotes = find_quotes(text, lang, mentions)
    return text, [q for q in quotes if q.speaker_mention is not None and mentions[q.speaker_mention].text in MINISTER[lang]]


def test_quotes_real_minister_is_quoted_in_three_ankara_articles():
    quoted = [prefix for prefix in ANKARA if _minister_quotes(prefix)[1]]
    assert len(quoted) >= 3, quoted


def test_quotes_real_arabic_verb_and_pronoun_speakers_resolve_to_the_minister():
    speakers = {q.speaker_text for q in _minister_quotes("000")[1]}
    assert {"وقال", "وأضاف"} <= speakers  # "وقال إنه “…”" after the minister was named
    named = {q.speaker_text for q in _minister_quotes("001")[1] + _minister_quotes("002")[1]}
    assert named & set(MINISTER["ar"])  # "وقال جانتس …"


def test_quotes_real_malformed_opening_mark_is_attributed():
    text, quotes = _minister_quotes("001")
    assert any(text[q.start - 2:q.start].strip().endswith("”") for q in quotes)  # ":” …”" opens with a closer


def test_quotes_real_french_a_declare_gantz():
    text, quotes = _minister_quotes("003")
    after = [q for q in quotes if q.kind == "direct" and q.speaker_text == "Gantz"]
    assert after and all("déclaré" in text[q.end:q.speaker_start] for q in after)
    assert any(q.speaker_text == "il" for q in quotes)  # "», a-t-il déclaré"


def test_quotes_real_dev_slice_stays_above_its_floors(tmp_path: Path):
    lines = _shared("data", "quotes_dev.jsonl").read_text(encoding="utf-8").splitlines()[:SLICE]
    part = tmp_path / "slice.jsonl"
    part.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = evaluate_quotes(part, predictions=tmp_path / "out.jsonl")
    assert result["n"] == SLICE
    assert result["f1"]["overall"] >= F1_FLOOR
    assert result["f1"]["direct"] >= DIRECT_FLOOR
    assert result["speaker_accuracy"]["overall"] >= SPEAKER_FLOOR
    first = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert set(first) == {"id", "quotes"}
