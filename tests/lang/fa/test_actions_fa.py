"""Action records in Persian: compound verbs closing the clause, با / از / را marks, ezafe roles
naming a country (sentences written for these tests)."""

from __future__ import annotations

from action_helpers import actions

LANG = "fa"
GANTZ = {"بنی گانتس": ("PER", "gantz"), "گانتس": ("PER", "gantz"), "اسرائیل": ("LOC", "israel"),
         "رجب طیب اردوغان": ("PER", "erdogan"), "اردوغان": ("PER", "erdogan"), "آنکارا": ("LOC", "ankara")}


def test_actions_fa_meeting_with_ba_and_place_dar():
    text = "بنی گانتس، وزیر دفاع اسرائیل، با رجب طیب اردوغان در آنکارا دیدار کرد."
    assert actions(text, LANG, GANTZ) == {("meet", "gantz", "erdogan", "ankara")}


def test_actions_fa_visit_with_az_after_a_role_naming_a_country():
    text = "وزیر امور خارجه ایران، حسین امیرعبداللهیان، از دمشق بازدید کرد."
    names = {"ایران": ("LOC", "iran"), "حسین امیرعبداللهیان": ("PER", "amir"), "دمشق": ("LOC", "damascus")}
    assert actions(text, LANG, names) == {("visit", "amir", "damascus", "damascus")}


def test_actions_fa_accusation_object_with_ra():
    names = {"ایران": ("LOC", "iran"), "اسرائیل": ("LOC", "israel")}
    assert actions("ایران، اسرائیل را به حمله متهم کرد.", LANG, names) == {("accuse", "iran", "israel", None)}


def test_actions_fa_travel_noun_with_genitive_actor():
    names = {"ولادیمیر پوتین": ("PER", "putin"), "تهران": ("LOC", "tehran")}
    assert actions("سفر ولادیمیر پوتین به تهران دو روز طول کشید.", LANG, names) == {
        ("visit", "putin", "tehran", "tehran")}


def test_actions_fa_negated_verb_and_future_meeting_are_not_records():
    assert actions("گانتس با اردوغان دیدار نکرد.", LANG, GANTZ) == set()
    assert actions("دیدار آینده گانتس با اردوغان در آنکارا خواهد بود.", LANG, GANTZ) == set()
