"""Action records in German: verb-second clauses, separable verbs, participles closing the clause,
"zwischen" nouns (sentences written for these tests)."""

from __future__ import annotations

from action_helpers import actions

LANG = "de"
PARIS = {"Olaf Scholz": ("PER", "scholz"), "Emmanuel Macron": ("PER", "macron"), "Scholz": ("PER", "scholz"),
         "Macron": ("PER", "macron"), "Paris": ("LOC", "paris")}


def test_actions_de_verb_second_object_after_date_and_place():
    text = "Bundeskanzler Olaf Scholz traf am Montag in Paris den französischen Präsidenten Emmanuel Macron."
    assert actions(text, LANG, PARIS, dates={"Montag": "2024-03-04"}) == {("meet", "scholz", "macron", "paris")}


def test_actions_de_separable_verb_closes_the_clause():
    names = {"Russland": ("LOC", "russia"), "Ukraine": ("LOC", "ukraine")}
    assert actions("Russland griff in der Nacht die Ukraine an.", LANG, names) == {
        ("attack", "russia", "ukraine", None)}
    assert actions("Russland griff die Ukraine an der Grenze heftig.", LANG, names) == set()  # no closing "an"


def test_actions_de_participle_after_its_object():
    names = {"Gantz": ("PER", "gantz"), "Erdogan": ("PER", "erdogan"), "Ankara": ("LOC", "ankara")}
    assert actions("Gantz hat am Donnerstag in Ankara Erdogan getroffen.", LANG, names) == {
        ("meet", "gantz", "erdogan", "ankara")}


def test_actions_de_verb_first_after_a_fronted_adverbial():
    names = {"Gantz": ("PER", "gantz"), "Erdogan": ("PER", "erdogan")}
    assert actions("Gestern empfing Erdogan den israelischen Minister Gantz.", LANG, names) == {
        ("meet", "erdogan", "gantz", None)}


def test_actions_de_meeting_between_two_names():
    text = "Das Treffen zwischen Scholz und Macron fand in Paris statt."
    assert actions(text, LANG, PARIS) == {("meet", "scholz", "macron", "paris")}


def test_actions_de_negation_after_the_verb_and_planned_visit_are_not_records():
    assert actions("Scholz traf Macron nicht.", LANG, PARIS) == set()
    assert actions("Der geplante Besuch von Scholz in Paris wurde verschoben.", LANG, PARIS) == set()


def test_actions_de_negation_before_a_participle():
    names = {"Gantz": ("PER", "gantz"), "Erdogan": ("PER", "erdogan")}
    assert actions("Gantz hat Erdogan nicht getroffen.", LANG, names) == set()
