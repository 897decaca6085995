"""Quote finding across scripts and the `eval quotes` scoring (sentences written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

from newsweave.eval.quotes import evaluate_quotes
from newsweave.records import Mention, Quote
from newsweave.stages.quotes import find_quotes


def test_quotes_text_is_the_article_slice_without_marks():
    text = "He said: “Prices will fall.” Then he left."
    (quote,) = find_quotes(text, "en", [])
    assert quote.text == text[quote.start:quote.end] == "Prices will fall."
    assert quote.speaker_text == "He" and quote.kind == "direct"


def test_quotes_closing_mark_used_to_open():
    text = "The minister said:” we will keep talking to everyone” and left."
    (quote,) = find_quotes(text, "en", [])
    assert quote.text == "we will keep talking to everyone"


def test_quotes_unknown_language_still_finds_marked_quotes():
    (quote,) = find_quotes("« Ceci est une longue citation entre guillemets » ici.", None, [])
    assert quote.text == "Ceci est une longue citation entre guillemets"


def test_quotes_pronoun_prefers_the_last_speaker_over_a_later_object():
    text = ("Rita Cole spoke first. “We are ready,” Cole said. "
            "She thanked Mark Young. “The deal is good for both sides,” she said.")
    mentions = [Mention(0, 9, "Rita Cole", "PER"), Mention(37, 41, "Cole", "PER"),
                Mention(62, 72, "Mark Young", "PER")]
    quotes = find_quotes(text, "en", mentions)
    assert [q.speaker_mention for q in quotes] == [1, 1]


def test_quotes_partly_quoted_clause_is_mixed():
    text = "The senator said the bill was “dead on arrival” in the House and would fail."
    (quote,) = find_quotes(text, "en", [])
    assert quote.kind == "mixed" and quote.text.startswith("the bill was")


def test_quotes_empty_text():
    assert find_quotes("", "en", []) == []


def test_eval_quotes_matches_spans_and_speakers(tmp_path: Path):
    text = "“We will win,” said Ann Lee. The vote is close, aides said."
    gold = [{"start": 0, "end": 14, "text": text[0:14], "kind": "direct", "speaker": "Ann Lee",
             "speaker_mentions": [{"start": 20, "end": 27}]},
            {"start": 29, "end": 46, "text": text[29:46], "kind": "indirect", "speaker": "aides",
             "speaker_mentions": [{"start": 48, "end": 53}]},
            {"start": 100, "end": 120, "text": "", "kind": "indirect", "speaker": None, "speaker_mentions": []}]
    data = tmp_path / "gold.jsonl"
    data.write_text(json.dumps({"id": "d1", "lang": "en", "text": text, "quotes": gold}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = evaluate_quotes(data, predictions=out, find=lambda t, lang: find_quotes(t, lang, []))
    assert result["n"] == 1
    assert result["precision"] == 1.0 and result["recall"] == round(2 / 3, 4)
    assert result["f1"]["direct"] == 1.0 and result["speaker_accuracy"] == {"overall": 1.0, "en": 1.0}
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["quotes"][0]["speaker"]["text"] == "Ann Lee"


def test_eval_quotes_wrong_speaker_counts_against_accuracy(tmp_path: Path):
    text = "“Taxes will rise,” said Bo Park."
    gold = [{"start": 0, "end": 18, "text": text[:18], "kind": "direct", "speaker": "Kim",
             "speaker_mentions": [{"start": 0, "end": 0}]}]
    data = tmp_path / "gold.jsonl"
    data.write_text(json.dumps({"id": "d", "lang": "en", "text": text, "quotes": gold}) + "\n", encoding="utf-8")

    def find(t: str, lang: str | None) -> list[Quote]:
        return find_quotes(t, lang, [])

    assert evaluate_quotes(data, find=find)["speaker_accuracy"]["overall"] == 0.0


def test_quotes_bad_input_gives_no_traceback():
    for text in ("“", "„“", "\"\"\"", ":", "said that", "\n\n\n", "« »", "a, b said, c", "sei sei sei", "X: "):
        for lang in ("en", "de", "cs", None, "xx"):
            assert all(q.text == text[q.start:q.end] for q in find_quotes(text, lang, []))
