"""Action records in French: auxiliaries, passives with "par", roles and pronouns as subjects,
event nouns (sentences written for these tests)."""

from __future__ import annotations

from datetime import datetime

from action_helpers import actions, article

from newsweave.stages.actions import find_actions

LANG = "fr"
LEADERS = {"Emmanuel Macron": ("PER", "macron"), "Olaf Scholz": ("PER", "scholz"), "Macron": ("PER", "macron"),
           "Scholz": ("PER", "scholz"), "Berlin": ("LOC", "berlin")}


def test_actions_fr_meeting_with_place_and_date():
    text = "Le président Emmanuel Macron a rencontré le chancelier Olaf Scholz à Berlin jeudi."
    (record,) = find_actions(article(text, LANG, LEADERS, dates={"jeudi": "2024-05-16"}))
    assert (record.action, record.actor_entity_id, record.target_entity_id) == ("meet", "macron", "scholz")
    assert (record.place_text, record.date, record.date_source, record.cue) == ("Berlin", "2024-05-16", "text",
                                                                                 "rencontré")


def test_actions_fr_passive_takes_its_actor_from_par():
    names = {"Israël": ("LOC", "israel"), "Iran": ("LOC", "iran")}
    assert actions("Israël a été accusé par l'Iran de saboter le site.", LANG, names) == {
        ("accuse", "iran", "israel", None)}


def test_actions_fr_role_subject_resolves_to_the_minister_named_before():
    text = ("Le ministre de l'Intérieur Gérald Darmanin est arrivé à Alger. "
            "Le ministre a rencontré le président Abdelmadjid Tebboune.")
    names = {"Gérald Darmanin": ("PER", "darmanin"), "Alger": ("LOC", "algiers"),
             "Abdelmadjid Tebboune": ("PER", "tebboune")}
    roles = {"Gérald Darmanin": "interior minister", "Abdelmadjid Tebboune": "president"}
    assert actions(text, LANG, names, roles=roles) == {("meet", "darmanin", "tebboune", None)}


def test_actions_fr_pronoun_after_the_sentence_subject():
    text = "Jean Roche est arrivé à Tunis mardi, où il a rencontré Kaïs Saïed."
    names = {"Jean Roche": ("PER", "roche"), "Tunis": ("LOC", "tunis"), "Kaïs Saïed": ("PER", "saied")}
    assert actions(text, LANG, names) == {("meet", "roche", "saied", "tunis")}


def test_actions_fr_visit_noun_with_de_and_a():
    text = "La visite de Benjamin Netanyahu à Washington a duré deux jours."
    names = {"Benjamin Netanyahu": ("PER", "netanyahu"), "Washington": ("LOC", "washington")}
    published = datetime(2024, 2, 1)
    (record,) = find_actions(article(text, LANG, names, published=published))
    assert (record.action, record.actor_entity_id, record.target_entity_id) == ("visit", "netanyahu", "washington")
    assert (record.date, record.date_source) == ("2024-02-01", "published")


def test_actions_fr_negation_and_noun_senses_are_not_records():
    assert actions("Macron n'a pas rencontré Scholz.", LANG, LEADERS) == set()
    names = {"Ankara": ("LOC", "ankara"), "Berlin": ("LOC", "berlin")}
    assert actions("La menace d'Ankara contre Berlin reste forte.", LANG, names) == set()


def test_actions_fr_pronoun_without_antecedent_and_dative_a_is_no_place():
    assert actions("Il a rencontré des étudiants à Lyon.", LANG, {"Lyon": ("LOC", "lyon")}) == set()
    names = {"Olaf Scholz": ("PER", "scholz"), "Iran": ("LOC", "iran")}
    assert actions("Olaf Scholz a demandé à l'Iran de cesser.", LANG, names) == {("call_for", "scholz", "iran", None)}
