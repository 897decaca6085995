"""The dates stage: interface guarantees, anchoring rules and false-hit guards (any language)."""

from __future__ import annotations

from datetime import date, datetime
from itertools import pairwise

import pytest

from newsweave.stages.dates import date_from_text
from newsweave.stages.timex import find_dates

THURSDAY = date(2024, 3, 14)


def found(text: str, lang: str | None, anchor: date | None = THURSDAY) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(text, lang, anchor)]


def test_timex_mentions_are_sorted_disjoint_and_slice_the_text():
    text = ("On Thursday, 14 March 2024, the minister said that yesterday's talks would resume "
            "next Tuesday and that the 3 April vote stands. Jeudi dernier, hier.")
    mentions = find_dates(text, "en", THURSDAY)
    assert mentions
    for one, two in pairwise(mentions):
        assert one.end <= two.start
    for mention in mentions:
        assert mention.text == text[mention.start:mention.end]
        assert mention.kind in {"explicit", "relative", "weekday", "dateline"}
        date.fromisoformat(mention.value)


def test_timex_weekday_before_a_date_is_one_explicit_mention():
    assert found("The vote is on Thursday, 21 March.", "en") == [("Thursday, 21 March", "2024-03-21")]
    assert find_dates("The vote is on Thursday, 21 March.", "en", THURSDAY)[0].kind == "explicit"


def test_timex_without_anchor_only_dates_with_their_year():
    text = "Yesterday, on Thursday 3 March, and on 4 March 2024 the talks ended."
    assert found(text, "en", None) == [("4 March 2024", "2024-03-04")]


def test_timex_year_less_date_takes_the_nearest_year():
    assert found("It opens on 2 January.", "en", date(2023, 12, 20)) == [("2 January", "2024-01-02")]
    assert found("It closed on 20 December.", "en", date(2024, 1, 5)) == [("20 December", "2023-12-20")]


def test_timex_modifier_overrides_the_nearest_year():
    assert found("élu le 6 mai dernier", "fr", date(2024, 3, 1)) == [("le 6 mai", "2023-05-06")]
    assert found("dès le 1er février prochain", "fr", date(2024, 3, 1)) == [("le 1er février", "2025-02-01")]


def test_timex_weekday_follows_the_tense():
    assert found("The minister met him on Monday.", "en") == [("Monday", "2024-03-11")]
    assert found("The minister will meet him on Monday.", "en") == [("Monday", "2024-03-18")]
    assert found("Talks on Friday.", "en") == [("Friday", "2024-03-15")]  # no tense: the nearest


def test_timex_tense_stops_at_the_full_stop_after_the_weekday():
    assert found("The final is on Saturday. Officials said it was moved.", "en") == [("Saturday", "2024-03-16")]


def test_timex_numbers_that_are_not_dates():
    text = "A 6.2 magnitude quake, 3-1 win, 12/30 votes, 1.5.3 release, 2023, 17 people, you may 4."
    assert found(text, "en") == []


def test_timex_days_of_a_list_share_the_month():
    assert found("du 19 au 23 juillet", "fr", date(1999, 7, 16)) == [("19", "1999-07-19"),
                                                                   ("23 juillet", "1999-07-23")]
    assert [v for _, v in found("am 3., 4. und 5. Oktober", "de", date(2012, 9, 18))] == [
        "2012-10-03", "2012-10-04", "2012-10-05"]


def test_timex_numeric_order_follows_the_language():
    assert found("03/04/2024", "fr") == [("03/04/2024", "2024-04-03")]
    assert found("03/04/2024", "en") == [("03/04/2024", "2024-03-04")]
    assert found("25/12/2023", "en") == [("25/12/2023", "2023-12-25")]


def test_timex_next_day_needs_a_date_before_it():
    assert found("The next day they left.", "en") == []
    assert found("They arrived on 3 March. The next day they left.", "en")[-1] == ("The next day", "2024-03-04")


def test_timex_dateline_kind():
    mentions = find_dates("WASHINGTON, March 12 (Reuters) - Officials met.", "en", THURSDAY)
    assert [(m.value, m.kind) for m in mentions] == [("2024-03-12", "dateline")]


def test_timex_unknown_language_reads_month_words_only_in_full_dates():
    assert found("Opublikowano 3 marca 2024 r. Wczoraj.", "pl") == [("3 marca 2024", "2024-03-03")]


@pytest.mark.parametrize(("text", "lang"), [("Die Partei und die Regierung", "de"), ("sa voiture et sa maison", "fr"),
                                            ("Pazar yerinde", "tr"), ("Среда обитания", "ru")])
def test_timex_short_words_are_not_weekdays(text, lang):
    assert found(text, lang) == []


def test_date_from_text_head_or_tail_explicit_only():
    assert date_from_text("BERLIN, 4 March 2026 — Fire", "en") == datetime(2026, 3, 4)
    assert date_from_text("Fire yesterday and on Thursday.", "en") is None
    assert date_from_text("x" * 1000 + " Published 2024-05-06T10:00", None) == datetime(2024, 5, 6)
    assert date_from_text("Le 3 mars, sans année.", "fr") is None


def test_eval_dates_scores_and_names_bad_lines(tmp_path):
    from newsweave.errors import BadInput
    from newsweave.eval.dates import evaluate_dates

    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "a", "lang": "en", "dct": "2024-03-14", "text": "Talks ended yesterday.", '
                    '"timexes": [{"start": 12, "end": 21, "type": "DATE", "value": "2024-03-13"}]}\n', encoding="utf-8")
    assert evaluate_dates(good)["f1"] == {"overall": 1.0, "en": 1.0}
    for number, line in enumerate(['not json', '[1, 2]', '{"id": "b"}',
                                   '{"text": "x", "timexes": [{"type": "DATE", "value": "2024-03-13"}]}'], 1):
        bad = tmp_path / f"bad{number}.jsonl"
        bad.write_text(line + "\n", encoding="utf-8")
        with pytest.raises(BadInput, match=f"{bad}:1"):
            evaluate_dates(bad)
