"""Action records in Spanish: reflexive "se", personal "a", verb-first clauses and dropped
subjects (sentences written for these tests)."""

from __future__ import annotations

from action_helpers import actions

LANG = "es"


def test_actions_es_reunirse_con_with_place():
    text = "El presidente Pedro Sánchez se reunió con Emmanuel Macron en París."
    names = {"Pedro Sánchez": ("PER", "sanchez"), "Emmanuel Macron": ("PER", "macron"), "París": ("LOC", "paris")}
    assert actions(text, LANG, names) == {("meet", "sanchez", "macron", "paris")}


def test_actions_es_verb_first_subject_and_personal_a_object():
    text = "Ayer recibió el rey Felipe VI al presidente Gustavo Petro en Madrid."
    names = {"Felipe VI": ("PER", "felipe"), "Gustavo Petro": ("PER", "petro"), "Madrid": ("LOC", "madrid")}
    assert actions(text, LANG, names) == {("meet", "felipe", "petro", "madrid")}


def test_actions_es_dropped_subject_is_the_person_of_the_previous_sentence():
    text = "Nicolás Maduro habló con la prensa. Acusó a Estados Unidos de injerencia."
    names = {"Nicolás Maduro": ("PER", "maduro"), "Estados Unidos": ("LOC", "usa")}
    assert actions(text, LANG, names) == {("accuse", "maduro", "usa", None)}


def test_actions_es_visit_noun():
    names = {"Lula": ("PER", "lula"), "Pekín": ("LOC", "beijing")}
    assert actions("La visita de Lula a Pekín reforzó los lazos.", LANG, names) == {
        ("visit", "lula", "beijing", "beijing")}


def test_actions_es_negation_and_noun_sense_are_not_records():
    names = {"Sánchez": ("PER", "sanchez"), "Macron": ("PER", "macron")}
    assert actions("Sánchez no se reunió con Macron.", LANG, names) == set()
    names = {"Rusia": ("LOC", "russia"), "Europa": ("LOC", "europe")}
    assert actions("La amenaza de Rusia preocupa a Europa.", LANG, names) == set()
