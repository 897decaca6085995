"""Quote rules for Turkish: quotation marks, verbs of saying and speakers (sentences written for
these tests)."""

from __future__ import annotations

from quote_helpers import person_mentions, speaker

from newsweave.records import Mention
from newsweave.stages.quotes import find_quotes

LANG = "tr"


def people(text: str, *names: str, role: str | None = None) -> list[Mention]:
    return person_mentions(text, LANG, *names, role=role)


def test_quotes_tr_quote_then_dedi_takes_the_subject_before_it():
    text = "Bakan Ahmet Yılmaz, \"Bu proje bölgeye büyük katkı sağlayacak\" dedi."
    mentions = people(text, "Ahmet Yılmaz", role="minister")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.kind == "direct" and quote.text == "Bu proje bölgeye büyük katkı sağlayacak"
    assert speaker(quote, mentions) == "Ahmet Yılmaz"


def test_quotes_tr_dropped_subject_verb_resolves_to_the_last_person():
    text = ("Ayşe Demir dün Ankara'da konuştu. \"Yeni okullar açacağız\" dedi.")
    mentions = people(text, "Ayşe Demir")
    (quote,) = find_quotes(text, LANG, mentions)
    assert speaker(quote, mentions) == "Ayşe Demir"


def test_quotes_tr_according_to_with_gore():
    text = "Uzmanlara göre, fiyatlar gelecek ay düşecek."
    (quote,) = find_quotes(text, LANG, [])
    assert quote.text == "fiyatlar gelecek ay düşecek" and quote.speaker_text == "Uzmanlara"
