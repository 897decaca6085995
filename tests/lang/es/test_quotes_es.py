"""Quote rules for Spanish: quotation marks, verbs of saying and speakers (sentences written for
these tests)."""

from __future__ import annotations

from newsweave.records import Mention, Quote
from newsweave.stages.quotes import find_quotes

LANG = "es"


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


def test_quotes_es_guillemets_with_speaker_after():
    text = "«Vamos a construir más viviendas», dijo Lucía Gómez en Madrid."
    mentions = people(text, "Lucía Gómez")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.text == "Vamos a construir más viviendas" and speaker(quote, mentions) == "Lucía Gómez"


def test_quotes_es_dropped_subject_que():
    text = "El presidente Carlos Ruiz visitó la planta. Aseguró que la producción crecerá."
    mentions = people(text, "Carlos Ruiz", role="president")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.kind == "indirect" and quote.text == "que la producción crecerá"
    assert speaker(quote, mentions) == "Carlos Ruiz"


def test_quotes_es_segun():
    text = "Según el ministerio, el paro bajó en marzo."
    (quote,) = find_quotes(text, LANG, [])
    assert quote.text == "el paro bajó en marzo" and "ministerio" in quote.speaker_text
