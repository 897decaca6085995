"""Quote rules for Persian: quotation marks, verbs of saying and speakers (sentences written for
these tests)."""

from __future__ import annotations

from quote_helpers import person_mentions, speaker

from newsweave.records import Mention
from newsweave.stages.quotes import find_quotes

LANG = "fa"


def people(text: str, *names: str, role: str | None = None) -> list[Mention]:
    return person_mentions(text, LANG, *names, role=role)


def test_quotes_fa_guillemets_after_verb_and_colon():
    text = "علی رضایی گفت: «ما به مذاکرات ادامه خواهیم داد»."
    mentions = people(text, "علی رضایی")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.kind == "direct" and quote.text == "ما به مذاکرات ادامه خواهیم داد"
    assert speaker(quote, mentions) == "علی رضایی"


def test_quotes_fa_reported_speech_with_ke():
    text = "وزیر نفت حسن احمدی گفت که تولید افزایش یافته است."
    mentions = people(text, "حسن احمدی")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.kind == "indirect" and quote.text.startswith("که تولید")
    assert speaker(quote, mentions) == "حسن احمدی"


def test_quotes_fa_according_to():
    text = "به گفته مریم کریمی، جلسه فردا برگزار می‌شود."
    mentions = people(text, "مریم کریمی")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.text == "جلسه فردا برگزار می‌شود" and speaker(quote, mentions) == "مریم کریمی"
