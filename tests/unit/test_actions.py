"""Action records: evidence, arguments, pronouns, quotes and dates across languages (sentences
written for these tests; per-language rules are in tests/lang/*/test_actions_*.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from action_helpers import actions, article, events

from newsweave.records import Mention, Quote
from newsweave.stages.actions import find_actions

NAMES = {"Rita Cole": ("PER", "cole"), "Cole": ("PER", "cole"), "Mark Young": ("PER", "young"),
         "Young": ("PER", "young"), "Lisbon": ("LOC", "lisbon"), "Portugal": ("LOC", "portugal")}


def test_actions_record_holds_its_evidence_sentence_and_cue():
    text = "Markets were calm. Rita Cole met Mark Young in Lisbon. Prices rose later."
    (record,) = find_actions(article(text, "en", NAMES))
    assert record.sentence == "Rita Cole met Mark Young in Lisbon." == text[record.start:record.end]
    assert (record.actor_text, record.target_text, record.place_text) == ("Rita Cole", "Mark Young", "Lisbon")
    assert (record.article_id, record.lang, record.cue) == ("a1", "en", "met")


def test_actions_unknown_language_and_empty_text_give_nothing():
    assert find_actions(article("Rita Cole met Mark Young.", "pl", NAMES)) == []
    assert find_actions(article("", "en", NAMES)) == []


def test_actions_never_actor_equal_to_target_nor_without_entities():
    assert actions("Rita Cole met Cole in Lisbon.", "en", NAMES) == set()
    unlinked = article("Rita Cole met Mark Young.", "en", NAMES)
    unlinked.mentions = [replace(m, entity_id=None) if m.text == "Rita Cole" else m for m in unlinked.mentions]
    assert find_actions(unlinked) == []


def test_actions_title_mentions_are_not_arguments():
    a = article("met Mark Young in Lisbon.", "en", NAMES)
    a.mentions.append(Mention(0, 9, "Rita Cole", "PER", "en", entity_id="cole", in_title=True))
    assert find_actions(a) == []


def test_actions_pronoun_needs_one_person_in_subject_position():
    assert actions("Rita Cole arrived in Portugal, where she met Mark Young.", "en", NAMES) == {
        ("meet", "cole", "young", None)}
    two_people = actions("Rita Cole met Mark Young. Later he visited Lisbon.", "en", NAMES)
    assert {action for action, *_ in two_people} == {"meet"}  # "he" could be either
    assert actions("Reporters followed Rita Cole as she visited Lisbon.", "en", NAMES) == set()  # not the subject


def test_actions_role_resolves_only_to_a_person_with_that_role():
    text = "President Rita Cole and Mark Young arrived. The president visited Lisbon."
    found = actions(text, "en", NAMES, roles={"Rita Cole": "president"})
    assert found == {("visit", "cole", "lisbon", "lisbon")}
    assert actions(text, "en", NAMES) == set()  # nobody named with that role


def test_actions_quoted_words_are_not_narration():
    text = "Rita Cole said: “I met Mark Young in Lisbon and we visited Portugal.”"
    assert {r.action for r in find_actions(article(text, "en", NAMES, quotes=True))} == {"say"}


def test_actions_say_from_quotes_with_a_resolved_speaker():
    text = "“We will build the bridge,” Rita Cole said. “It is too expensive,” they said."
    (record,) = find_actions(article(text, "en", NAMES, quotes=True))
    assert (record.action, record.actor_entity_id, record.cue) == ("say", "cole", "quote:direct")
    assert record.sentence == "“We will build the bridge,” Rita Cole said."


def test_actions_say_skips_a_name_that_only_qualifies_the_speaker():
    text = "A source close to Mark Young said that the talks failed."
    a = article(text, "en", NAMES)
    a.quotes = [Quote(text.index("that"), len(text) - 1, "that the talks failed", "indirect", "en",
                      speaker_start=0, speaker_end=text.index(" said"), speaker_text="A source close to Mark Young",
                      speaker_mention=0, speaker_entity_id="young")]
    assert find_actions(a) == []


def test_actions_date_from_the_sentence_then_publication_then_none():
    text = "Rita Cole met Mark Young on 3 May. Cole visited Portugal."
    published = datetime(2024, 5, 10)
    found = find_actions(article(text, "en", NAMES, dates={"3 May": "2024-05-03"}, published=published))
    assert [(r.action, r.date, r.date_source) for r in found] == [("meet", "2024-05-03", "text"),
                                                                    ("visit", "2024-05-10", "published")]
    (undated,) = find_actions(article("Cole visited Portugal.", "en", NAMES))
    assert (undated.date, undated.date_source) == (None, None)


def test_actions_place_belongs_to_its_own_event():
    text = "Rita Cole met Mark Young, who later accused Portugal of fraud in Lisbon."
    found = find_actions(article(text, "en", NAMES))
    assert events(found) == {("meet", "cole", "young", None)}  # "in Lisbon" is after another event's verb


def test_actions_target_is_not_found_across_an_unnamed_object():
    assert actions("Rita Cole urged the president to call Mark Young.", "en", NAMES) == {
        ("call_for", "cole", None, None)}
