"""Quote rules for Arabic: quotation marks, verbs of saying and speakers (sentences written for
these tests)."""

from __future__ import annotations

from quote_helpers import person_mentions, speaker

from newsweave.records import Mention
from newsweave.stages.quotes import find_quotes

LANG = "ar"


def people(text: str, *names: str, role: str | None = None) -> list[Mention]:
    return person_mentions(text, LANG, *names, role=role)


def test_quotes_ar_verb_first_with_colon_and_malformed_mark():
    text = "وصل الوزير سامي حداد إلى العاصمة. وقال حداد:” نريد علاقات أفضل مع الجيران”."
    mentions = people(text, "سامي حداد", "حداد")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.kind == "direct" and quote.text == "نريد علاقات أفضل مع الجيران"
    assert quote.speaker_text == "حداد" and speaker(quote, mentions) == "حداد"


def test_quotes_ar_dropped_subject_after_the_name():
    text = ("التقى رئيس الوزراء كريم ناصر بالسفير. وقال إنه “سيعمل على تعزيز التعاون بين البلدين”. "
            "وأضاف: “الزيارة كانت ناجحة جدا”.")
    mentions = people(text, "كريم ناصر")
    first, second = find_quotes(text, LANG, mentions)
    assert first.speaker_text == "وقال" and speaker(first, mentions) == "كريم ناصر"
    assert second.speaker_text == "وأضاف" and speaker(second, mentions) == "كريم ناصر"


def test_quotes_ar_reported_speech_with_inna():
    text = "وقال وزير المالية ماجد سليم إن الحكومة ستخفض الضرائب في العام المقبل."
    mentions = people(text, "ماجد سليم")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.kind == "indirect" and quote.text.startswith("إن الحكومة")
    assert speaker(quote, mentions) == "ماجد سليم"


def test_quotes_ar_according_to():
    text = "ارتفعت الأسعار بنسبة كبيرة هذا الشهر، بحسب مكتب الإحصاء."
    (quote,) = find_quotes(text, LANG, [])
    assert quote.text.startswith("ارتفعت الأسعار") and quote.speaker_text.startswith("مكتب")
