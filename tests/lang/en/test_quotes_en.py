"""Quote rules for English: quotation marks, verbs of saying and speakers (sentences written for
these tests)."""

from __future__ import annotations

from quote_helpers import person_mentions, speaker

from newsweave.records import Mention
from newsweave.stages.quotes import find_quotes

LANG = "en"


def people(text: str, *names: str, role: str | None = None) -> list[Mention]:
    return person_mentions(text, LANG, *names, role=role)


def test_quotes_en_speaker_after_and_continued_quote():
    text = ("“We will not raise taxes,” said Anna Berg. “Our plan is already funded.”\n\n"
            "The opposition disagreed.")
    mentions = people(text, "Anna Berg")
    first, second = find_quotes(text, LANG, mentions)
    assert first.text == "We will not raise taxes," and speaker(first, mentions) == "Anna Berg"
    assert second.speaker_text == "Anna Berg" and speaker(second, mentions) == "Anna Berg"


def test_quotes_en_role_resolves_to_the_person_with_that_role():
    text = ("Foreign Minister Omar Haddad met Lena Fox in Geneva. "
            "“The talks were useful,” the minister told reporters.")
    mentions = [Mention(17, 28, "Omar Haddad", "PER", LANG, role="foreign minister"),
                Mention(33, 41, "Lena Fox", "PER", LANG)]
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.speaker_text == "the minister" and speaker(quote, mentions) == "Omar Haddad"


def test_quotes_en_reported_speech_forms():
    text = ("Mayor Tom Reed said that the bridge would reopen in May. "
            "The river is safe again, officials said. "
            "Sales fell by a third last year, according to the trade association.")
    mentions = people(text, "Tom Reed")
    that, parenthetical, according = find_quotes(text, LANG, mentions)
    assert that.text == "that the bridge would reopen in May" and speaker(that, mentions) == "Tom Reed"
    assert parenthetical.text == "The river is safe again" and parenthetical.speaker_text == "officials"
    assert according.text == "Sales fell by a third last year" and "association" in according.speaker_text


def test_quotes_en_scare_quotes_are_not_quotes():
    assert find_quotes("The so-called “reform” was shelved.", LANG, []) == []
