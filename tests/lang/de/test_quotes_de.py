"""Quote rules for German: quotation marks, verbs of saying and speakers (sentences written for
these tests)."""

from __future__ import annotations

from quote_helpers import person_mentions, speaker

from newsweave.records import Mention
from newsweave.stages.quotes import find_quotes

LANG = "de"


def people(text: str, *names: str, role: str | None = None) -> list[Mention]:
    return person_mentions(text, LANG, *names, role=role)


def test_quotes_de_low_high_marks_with_inverted_speaker():
    text = "„Wir werden die Steuern nicht erhöhen“, sagte Klaus Weber am Montag."
    mentions = people(text, "Klaus Weber")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.kind == "direct" and quote.text == "Wir werden die Steuern nicht erhöhen"
    assert speaker(quote, mentions) == "Klaus Weber"


def test_quotes_de_split_quote_and_pronoun():
    text = "Anna Schmidt besuchte die Schule. „Die Kinder“, sagte sie, „brauchen mehr Lehrer.“"
    mentions = people(text, "Anna Schmidt")
    first, second = find_quotes(text, LANG, mentions)
    assert first.speaker_text == second.speaker_text == "sie"
    assert speaker(first, mentions) == speaker(second, mentions) == "Anna Schmidt"


def test_quotes_de_reported_speech_dass_and_subjunctive():
    text = ("Der Minister Peter Braun erklärte, dass die Brücke bald fertig sei. "
            "Die Sprecherin sagte, die Lage sei ruhig.")
    mentions = people(text, "Peter Braun")
    dass, subjunctive = find_quotes(text, LANG, mentions)
    assert dass.text == "dass die Brücke bald fertig sei" and speaker(dass, mentions) == "Peter Braun"
    assert subjunctive.text == "die Lage sei ruhig" and subjunctive.speaker_text == "Die Sprecherin"


def test_quotes_de_laut():
    text = "Laut Polizei wurde niemand verletzt."
    (quote,) = find_quotes(text, LANG, [])
    assert quote.speaker_text == "Polizei" and quote.text == "wurde niemand verletzt"


def test_quotes_de_konjunktiv_sentence_continues_the_speaker():
    text = "„Wir brauchen mehr Schulen“, sagte Karl Brandt. Die Stadt habe dafür kein Geld."
    mentions = people(text, "Karl Brandt")
    direct, reported = find_quotes(text, LANG, mentions)
    assert reported.kind == "indirect" and reported.text == "Die Stadt habe dafür kein Geld"
    assert speaker(direct, mentions) == speaker(reported, mentions) == "Karl Brandt"


def test_quotes_de_separable_particle_is_no_verb_of_saying():
    text = "Der Bürgermeister ging mit seinem Hund an den Fluss, und ein Bauer kam ihm entgegen."
    assert find_quotes(text, LANG, []) == []


def test_quotes_de_indicative_first_person_is_not_reported():
    assert find_quotes("Ich habe das Haus im Sommer gekauft.", LANG, []) == []


def test_quotes_de_colon_without_verb_of_saying_takes_the_subject():
    text = "Karl Marx führt dazu aus: „Der Gewinn entspringt aus der Funktion des Kapitals.“"
    mentions = people(text, "Karl Marx")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.kind == "direct" and speaker(quote, mentions) == "Karl Marx"
