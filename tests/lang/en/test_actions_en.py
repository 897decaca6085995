"""Action records in English: roles before names, coordinated subjects, passives with "by",
possessive event nouns (sentences written for these tests)."""

from __future__ import annotations

from action_helpers import actions

LANG = "en"
ANKARA = {"Recep Tayyip Erdogan": ("PER", "erdogan"), "Benny Gantz": ("PER", "gantz"), "Erdogan": ("PER", "erdogan"),
          "Gantz": ("PER", "gantz"), "Ankara": ("LOC", "ankara")}


def test_actions_en_meeting_across_roles_with_place():
    text = "Turkish President Recep Tayyip Erdogan met Israeli Defense Minister Benny Gantz in Ankara on Thursday."
    assert actions(text, LANG, ANKARA) == {("meet", "erdogan", "gantz", "ankara")}


def test_actions_en_coordinated_subject_of_a_meeting():
    assert actions("Gantz and Erdogan met in Ankara.", LANG, ANKARA) == {("meet", "gantz", "erdogan", "ankara")}


def test_actions_en_passive_with_by_agent():
    names = {"Israel": ("LOC", "israel"), "Iran": ("LOC", "iran")}
    assert actions("Israel was accused by Iran of sabotage.", LANG, names) == {("accuse", "iran", "israel", None)}


def test_actions_en_possessive_visit_noun():
    assert actions("Gantz's visit to Ankara lasted one day.", LANG, ANKARA) == {("visit", "gantz", "ankara", "ankara")}


def test_actions_en_organisation_urges_a_country():
    names = {"United Nations": ("ORG", "un"), "Israel": ("LOC", "israel")}
    assert actions("The United Nations urged Israel to halt the strikes.", LANG, names) == {
        ("call_for", "un", "israel", None)}


def test_actions_en_negated_future_and_planned_events_are_not_records():
    assert actions("Erdogan did not meet Gantz.", LANG, ANKARA) == set()
    assert actions("Gantz will visit Ankara next week.", LANG, ANKARA) == set()
    assert actions("The planned visit of Gantz to Ankara was cancelled.", LANG, ANKARA) == set()


def test_actions_en_unnamed_object_and_noun_use_are_not_records():
    assert actions("Gantz met reporters before flying to Ankara.", LANG, ANKARA) == set()
    assert actions("The attacks on Ankara worried Erdogan.", LANG, ANKARA) == set()
