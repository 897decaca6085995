"""Quote rules for Hebrew: quotation marks, verbs of saying and speakers (sentences written for
these tests)."""

from __future__ import annotations

from quote_helpers import person_mentions, speaker

from newsweave.records import Mention
from newsweave.stages.quotes import find_quotes

LANG = "he"


def people(text: str, *names: str, role: str | None = None) -> list[Mention]:
    return person_mentions(text, LANG, *names, role=role)


def test_quotes_he_gershayim_quote_with_speaker_after():
    text = "\"אנחנו נמשיך לעבוד עם כל הצדדים\", אמר דני לוי בכנס."
    mentions = people(text, "דני לוי")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.kind == "direct" and quote.text == "אנחנו נמשיך לעבוד עם כל הצדדים"
    assert speaker(quote, mentions) == "דני לוי"


def test_quotes_he_abbreviation_is_not_a_quotation_mark():
    text = "דובר צה\"ל אמר כי הכוחות נסוגו מהאזור."
    (quote,) = find_quotes(text, LANG, [])
    assert quote.kind == "indirect" and quote.text.startswith("כי הכוחות")
    assert "דובר" in quote.speaker_text


def test_quotes_he_according_to():
    text = "לדברי השר משה כהן, התקציב יאושר בשבוע הבא."
    mentions = people(text, "משה כהן", role="minister")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.text == "התקציב יאושר בשבוע הבא" and speaker(quote, mentions) == "משה כהן"
