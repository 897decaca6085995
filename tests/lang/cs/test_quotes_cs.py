"""Quote rules for Czech: verbs of saying, "že" clauses and speakers (sentences written for these
tests)."""

from __future__ import annotations

from quote_helpers import person_mentions, speaker

from newsweave.records import Mention
from newsweave.stages.quotes import find_quotes

LANG = "cs"


def people(text: str, *names: str) -> list[Mention]:
    return person_mentions(text, LANG, *names)


def test_quotes_cs_reported_speech_with_ze():
    text = "Ministr Jan Novák sdělil, že vláda zvýší daně."
    mentions = people(text, "Jan Novák")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.kind == "indirect" and quote.text == "že vláda zvýší daně"
    assert speaker(quote, mentions) == "Jan Novák"


def test_quotes_cs_direct_quote_with_inverted_speaker():
    text = "\"Daně nezvýšíme,\" řekl Jan Novák."
    mentions = people(text, "Jan Novák")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.kind == "direct" and speaker(quote, mentions) == "Jan Novák"
