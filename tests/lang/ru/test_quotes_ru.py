"""Quote rules for Russian: quotation marks, verbs of saying and speakers (sentences written for
these tests)."""

from __future__ import annotations

from newsweave.records import Mention, Quote
from newsweave.stages.quotes import find_quotes

LANG = "ru"


def people(text: str, *names: str, role: str | None = None) -> list[Mention]:
    """Every occurrence of each name as a PER mention (a stand-in for the mention finder)."""
    found = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            found.append(Mention(start, start + len(name), name, "PER", LANG, role=role))
            start = text.find(name, start + len(name))
    return sorted(found, key=lambda m: m.start)


def speaker(quote: Quote, mentions: list[Mention]) -> str | None:
    return None if quote.speaker_mention is None else mentions[quote.speaker_mention].text


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
