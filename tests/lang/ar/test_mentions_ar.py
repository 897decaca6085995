"""Arabic mention rules: roles, clitics, organisations, places; sentences written for these tests."""

import pytest

from newsweave.stages import ner_tagger
from newsweave.stages.mentions import find_mentions


@pytest.fixture(autouse=True)
def _cues_only(monkeypatch):
    """These tests pin the cue rules; the packaged tagger (which reads the cues) is left out."""
    monkeypatch.setattr(ner_tagger, "load", lambda lang: None)


def _found(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.type, m.role) for m in find_mentions(text, "ar")}


def test_mentions_ar_name_after_role_and_nationality_adjective():
    found = _found("وقال وزير الخارجية المصري سامح شكري إن القاهرة ترفض ذلك.")
    assert found["سامح شكري"] == ("PER", "foreign minister")
    assert found["القاهرة"][0] == "LOC"


def test_mentions_ar_definite_role_after_conjunction_clitic():
    found = _found("وشكر الرئيس والوزير أكار على الاستقبال.")
    assert found["أكار"] == ("PER", "minister")


def test_mentions_ar_clitic_left_out_of_place_span():
    text = "سافر الوفد وبغداد تستعد للقمة."
    mention = next(m for m in find_mentions(text, "ar") if m.type == "LOC")
    assert mention.text == "بغداد"
    assert text[mention.start:mention.end] == mention.text


def test_mentions_ar_organisation_head_and_genitive():
    found = _found("وأكد حزب العمال البريطاني أن الاجتماع تأجل.")
    assert found["حزب العمال البريطاني"][0] == "ORG"


def test_mentions_ar_name_recurs_after_verb_of_saying():
    found = find_mentions("وصل شكري إلى بغداد ثم زار الأردن، وقال شكري إن الزيارة ناجحة.", "ar")
    assert [m.text for m in found if m.type == "PER"] == ["شكري", "شكري"]
    assert {m.text for m in found if m.type == "LOC"} == {"بغداد", "الأردن"}


def test_mentions_ar_common_words_are_not_names():
    assert find_mentions("ذهب الطلاب إلى المدرسة في الصباح وعادوا بعد الظهر.", "ar") == []


def test_mentions_ar_swapped_letters_typo_of_a_name_in_the_article():
    found = _found("وقال وزير الخارجية دانيال أورين إن المحادثات مثمرة. واجتمع الوزير مع أوربن لاحقا. "
                   "وعقد الرئيس مؤتمرا مع أويرن في ختام الزيارة.")
    assert found["أويرن"][0] == "PER"  # ي and ر swapped
    assert "أوربن" not in found  # a letter changed, not swapped: another word
