"""Action records in Hebrew: verb-first clauses, clitic prepositions on names (באנקרה, לפוטין),
"את" objects and "בין" nouns (sentences written for these tests)."""

from __future__ import annotations

from action_helpers import actions

LANG = "he"
BENNETT = {"בנט": ("PER", "bennett"), "פוטין": ("PER", "putin"), "סוצ'י": ("LOC", "sochi")}


def test_actions_he_verb_first_meeting_with_place_clitic():
    text = "נפגש שר הביטחון בני גנץ עם נשיא טורקיה רג'פ טאיפ ארדואן באנקרה."
    names = {"בני גנץ": ("PER", "gantz"), "טורקיה": ("LOC", "turkey"), "רג'פ טאיפ ארדואן": ("PER", "erdogan"),
             "אנקרה": ("LOC", "ankara")}
    assert actions(text, LANG, names) == {("meet", "gantz", "erdogan", "ankara")}


def test_actions_he_visit_with_clitic_target():
    names = {"נפתלי בנט": ("PER", "bennett"), "אבו דאבי": ("LOC", "abudhabi")}
    assert actions("ראש הממשלה נפתלי בנט ביקר באבו דאבי.", LANG, names) == {
        ("visit", "bennett", "abudhabi", "abudhabi")}


def test_actions_he_accusation_with_et():
    names = {"ישראל": ("LOC", "israel"), "איראן": ("LOC", "iran")}
    assert actions("ישראל האשימה את איראן בפיגוע.", LANG, names) == {("accuse", "israel", "iran", None)}


def test_actions_he_meeting_between_with_lamed():
    assert actions("הפגישה בין בנט לפוטין נערכה בסוצ'י.", LANG, BENNETT) == {("meet", "bennett", "putin", "sochi")}


def test_actions_he_negation_and_other_senses_are_not_records():
    assert actions("בנט לא נפגש עם פוטין.", LANG, BENNETT) == set()
    assert actions("פוטין קרא את הספר בסוצ'י.", LANG, BENNETT) == set()  # קרא "read", not "called on"
