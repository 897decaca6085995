"""Quote rules for Spanish: quotation marks, verbs of saying and speakers (sentences written for
these tests)."""

from __future__ import annotations

from quote_helpers import person_mentions, speaker

from newsweave.records import Mention
from newsweave.stages.quotes import find_quotes

LANG = "es"


def people(text: str, *names: str, role: str | None = None) -> list[Mention]:
    return person_mentions(text, LANG, *names, role=role)


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
