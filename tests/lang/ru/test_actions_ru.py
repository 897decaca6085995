"""Action records in Russian: aspects and genders of the verbs, "с" for meetings, roles and
places naming a role (sentences written for these tests)."""

from __future__ import annotations

from action_helpers import actions

LANG = "ru"


def test_actions_ru_meeting_with_instrumental_object():
    text = "Владимир Путин встретился с Реджепом Тайипом Эрдоганом в Сочи."
    names = {"Владимир Путин": ("PER", "putin"), "Реджепом Тайипом Эрдоганом": ("PER", "erdogan"),
             "Сочи": ("LOC", "sochi")}
    assert actions(text, LANG, names) == {("meet", "putin", "erdogan", "sochi")}


def test_actions_ru_visit_after_a_long_role():
    text = "Министр иностранных дел Сергей Лавров посетил Анкару в среду."
    names = {"Сергей Лавров": ("PER", "lavrov"), "Анкару": ("LOC", "ankara")}
    assert actions(text, LANG, names) == {("visit", "lavrov", "ankara", "ankara")}


def test_actions_ru_feminine_verb_with_country_subject():
    names = {"Украина": ("LOC", "ukraine"), "Россию": ("LOC", "russia")}
    assert actions("Украина обвинила Россию в нарушении перемирия.", LANG, names) == {
        ("accuse", "ukraine", "russia", None)}


def test_actions_ru_country_in_the_role_is_not_the_subject():
    text = "Президент Франции Эммануэль Макрон призвал Израиль прекратить огонь."
    names = {"Франции": ("LOC", "france"), "Эммануэль Макрон": ("PER", "macron"), "Израиль": ("LOC", "israel")}
    assert actions(text, LANG, names) == {("call_for", "macron", "israel", None)}


def test_actions_ru_negated_and_upcoming_events_are_not_records():
    names = {"Путин": ("PER", "putin"), "Эрдоганом": ("PER", "erdogan"), "Лаврова": ("PER", "lavrov"),
             "Анкару": ("LOC", "ankara")}
    assert actions("Путин не встретился с Эрдоганом.", LANG, names) == set()
    assert actions("Предстоящий визит Лаврова в Анкару обсуждается.", LANG, names) == set()
