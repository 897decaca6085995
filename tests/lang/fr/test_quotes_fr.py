"""Quote rules for French: quotation marks, verbs of saying and speakers (sentences written for
these tests)."""

from __future__ import annotations

from quote_helpers import person_mentions, speaker

from newsweave.records import Mention
from newsweave.stages.quotes import find_quotes

LANG = "fr"


def people(text: str, *names: str, role: str | None = None) -> list[Mention]:
    return person_mentions(text, LANG, *names, role=role)


def test_quotes_fr_guillemets_with_speaker_after():
    text = "« Nous allons reconstruire le pont avant l’hiver », a déclaré Marie Dubois lundi."
    mentions = people(text, "Marie Dubois")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.kind == "direct" and quote.text == "Nous allons reconstruire le pont avant l’hiver"
    assert speaker(quote, mentions) == "Marie Dubois"


def test_quotes_fr_inversion_pronoun_resolves_to_the_last_speaker():
    text = ("Paul Martin a visité l’usine. « Les salariés méritent mieux », a-t-il déclaré. "
            "« Nous trouverons une solution rapide », a-t-il ajouté.")
    mentions = people(text, "Paul Martin")
    quotes = find_quotes(text, LANG, mentions)
    assert [q.speaker_text for q in quotes] == ["il", "il"]
    assert all(speaker(q, mentions) == "Paul Martin" for q in quotes)


def test_quotes_fr_speaker_before_with_colon():
    text = "La maire Claire Petit a expliqué : « Le budget sera voté en mars. »"
    mentions = people(text, "Claire Petit")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.text == "Le budget sera voté en mars." and speaker(quote, mentions) == "Claire Petit"


def test_quotes_fr_reported_speech_and_selon():
    text = ("Le ministre Jean Roche a affirmé que les négociations reprendront demain. "
            "Les prix vont encore baisser cette année, selon la banque centrale.")
    mentions = people(text, "Jean Roche")
    reported, selon = find_quotes(text, LANG, mentions)
    assert reported.kind == "indirect" and reported.text.startswith("que les négociations")
    assert speaker(reported, mentions) == "Jean Roche"
    assert selon.text.startswith("Les prix") and "banque" in selon.speaker_text
