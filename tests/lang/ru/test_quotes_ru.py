"""Quote rules for Russian: quotation marks, verbs of saying and speakers (sentences written for
these tests)."""

from __future__ import annotations

from quote_helpers import person_mentions, speaker

from newsweave.records import Mention
from newsweave.stages.quotes import find_quotes

LANG = "ru"


def people(text: str, *names: str, role: str | None = None) -> list[Mention]:
    return person_mentions(text, LANG, *names, role=role)


def test_quotes_ru_guillemets_dash_and_pronoun():
    text = "Иван Петров приехал в город. «Мы откроем новую больницу», — сказал он."
    mentions = people(text, "Иван Петров")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.text == "Мы откроем новую больницу" and quote.speaker_text == "он"
    assert speaker(quote, mentions) == "Иван Петров"


def test_quotes_ru_reported_speech_with_chto():
    text = "Министр Олег Смирнов заявил, что переговоры продолжатся."
    mentions = people(text, "Олег Смирнов")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.kind == "indirect" and quote.text == "что переговоры продолжатся"
    assert speaker(quote, mentions) == "Олег Смирнов"


def test_quotes_ru_po_slovam():
    text = "По словам Анны Козловой, выставка откроется в мае."
    mentions = people(text, "Анны Козловой")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.text == "выставка откроется в мае" and speaker(quote, mentions) == "Анны Козловой"


def test_quotes_ru_present_tense_verb_of_saying():
    text = "Иван Петров утверждает, что цены вырастут."
    mentions = people(text, "Иван Петров")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.text == "что цены вырастут" and speaker(quote, mentions) == "Иван Петров"
