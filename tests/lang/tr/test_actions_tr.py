"""Action records in Turkish: verb-final clauses, case suffixes after the apostrophe (-ı, -da,
'ın), "ile", compound verbs (sentences written for these tests)."""

from __future__ import annotations

from action_helpers import actions

LANG = "tr"


def test_actions_tr_meeting_with_ile_and_locative_place():
    text = "Cumhurbaşkanı Recep Tayyip Erdoğan, İsrail Savunma Bakanı Benny Gantz ile Ankara'da görüştü."
    names = {"Recep Tayyip Erdoğan": ("PER", "erdogan"), "İsrail": ("LOC", "israel"),
             "Benny Gantz": ("PER", "gantz"), "Ankara": ("LOC", "ankara")}
    assert actions(text, LANG, names) == {("meet", "erdogan", "gantz", "ankara")}


def test_actions_tr_visit_with_accusative_suffix():
    names = {"Mevlüt Çavuşoğlu": ("PER", "cavusoglu"), "Kahire": ("LOC", "cairo")}
    assert actions("Dışişleri Bakanı Mevlüt Çavuşoğlu Kahire'yi ziyaret etti.", LANG, names) == {
        ("visit", "cavusoglu", "cairo", "cairo")}


def test_actions_tr_condemnation_of_a_country():
    names = {"Türkiye": ("LOC", "turkey"), "İsrail": ("LOC", "israel"), "Gazze": ("LOC", "gaza")}
    assert actions("Türkiye, İsrail'i Gazze'deki saldırılar nedeniyle kınadı.", LANG, names) == {
        ("condemn", "turkey", "israel", None)}


def test_actions_tr_visit_noun_with_genitive_actor():
    names = {"Gantz": ("PER", "gantz"), "Türkiye": ("LOC", "turkey")}
    assert actions("Gantz'ın Türkiye ziyareti iki gün sürdü.", LANG, names) == {("visit", "gantz", "turkey", "turkey")}


def test_actions_tr_negative_verb_and_possible_visit_are_not_records():
    names = {"Erdoğan": ("PER", "erdogan"), "Gantz": ("PER", "gantz"), "Mısır": ("LOC", "egypt")}
    assert actions("Erdoğan, Gantz ile görüşmedi.", LANG, names) == set()
    assert actions("Erdoğan'ın olası Mısır ziyareti ertelendi.", LANG, names) == set()
