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


def test_quotes_en_parenthetical_gives_both_parts():
    text = "The economy, Maria Lopez said, will grow next year."
    mentions = people(text, "Maria Lopez")
    before, after = find_quotes(text, LANG, mentions)
    assert (before.text, after.text) == ("The economy", "will grow next year")
    assert speaker(before, mentions) == speaker(after, mentions) == "Maria Lopez"


def test_quotes_en_belief_verb_and_as_reported():
    text = ("Maria Lopez believes the economy will grow next year. "
            "As Tom Reed reported on Monday, the factory will close in May.")
    mentions = people(text, "Maria Lopez", "Tom Reed")
    belief, reported = find_quotes(text, LANG, mentions)
    assert belief.text == "the economy will grow next year" and speaker(belief, mentions) == "Maria Lopez"
    assert reported.text == "the factory will close in May" and speaker(reported, mentions) == "Tom Reed"


def test_quotes_en_stance_noun_object():
    (quote,) = find_quotes("The senator faced questions about his ties to the oil industry.", LANG, [])
    assert quote.kind == "indirect" and quote.text == "his ties to the oil industry"


def test_quotes_en_headline_source_and_colon():
    text = "Tom Reed: Tax cuts will pay for themselves\nThe debate went on."
    mentions = people(text, "Tom Reed")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.text == "Tax cuts will pay for themselves" and speaker(quote, mentions) == "Tom Reed"


def test_quotes_en_quote_ending_its_clause_is_mixed():
    text = 'The answers to the crisis are "not meeting the demand," says Tom Reed.'
    mentions = people(text, "Tom Reed")
    (quote,) = find_quotes(text, LANG, mentions)
    assert quote.kind == "mixed" and quote.text.startswith("The answers") and quote.text.endswith('demand,"')
    assert speaker(quote, mentions) == "Tom Reed"


def test_quotes_en_verb_of_next_sentence_does_not_attribute_the_quote():
    text = "“We will win the state.” Tom Reed said the campaign had a plan."
    mentions = people(text, "Tom Reed")
    direct, reported = find_quotes(text, LANG, mentions)
    assert direct.speaker_text is None
    assert reported.text == "the campaign had a plan" and speaker(reported, mentions) == "Tom Reed"


def test_quotes_en_and_said_starts_a_second_clause():
    text = "Tom Reed said that prices are high and said that wages must rise."
    first, second = find_quotes(text, LANG, people(text, "Tom Reed"))
    assert (first.text, second.text) == ("that prices are high", "that wages must rise")


def test_quotes_en_curly_opener_closed_by_straight_mark():
    text = "“Deals should not be a requirement,\" Jo Chase said, adding that they were handed out."
    mentions = people(text, "Jo Chase")
    direct, reported = find_quotes(text, LANG, mentions)
    assert direct.text == "Deals should not be a requirement," and speaker(direct, mentions) == "Jo Chase"
    assert reported.text == "that they were handed out"
