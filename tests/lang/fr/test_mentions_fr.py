"""French mention rules; sentences written for these tests."""

import pytest

from newsweave.stages import ner_tagger
from newsweave.stages.mentions import find_mentions


@pytest.fixture(autouse=True)
def _cues_only(monkeypatch):
    """These tests pin the cue rules; the packaged tagger (which reads the cues) is left out."""
    monkeypatch.setattr(ner_tagger, "load", lambda lang: None)


def _found(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.type, m.role) for m in find_mentions(text, "fr")}


def test_mentions_fr_role_with_complement_and_elision():
    found = _found("Le ministre de l'Intérieur Gérald Darmanin s'est rendu à Marseille.")
    assert found["Gérald Darmanin"] == ("PER", "interior minister")
    assert found["Marseille"][0] == "LOC"


def test_mentions_fr_nationality_adjective_inside_role():
    found = _found("Il a reçu le ministre turc de la Défense Hulusi Akar.")
    assert found["Hulusi Akar"][0] == "PER"
    assert "Défense" not in " ".join(found)


def test_mentions_fr_organisation_word_and_country():
    found = _found("Selon la Banque de France, la croissance ralentit en Allemagne.")
    assert found["Banque de France"][0] == "ORG"
    assert found["Allemagne"][0] == "LOC"


def test_mentions_fr_coordination_splits_names():
    found = _found("Une rencontre entre Benny Gantz et Recep Tayyip Erdogan a eu lieu.")
    assert "Benny Gantz" in found and "Recep Tayyip Erdogan" in found


def test_mentions_fr_sentence_start_common_word_is_not_a_name():
    assert find_mentions("Hier soir, les enfants sont rentrés de l'école avant la pluie.", "fr") == []


def test_mentions_fr_dropped_letter_typo_of_a_name_in_the_article():
    found = {m.text: m.type for m in find_mentions("Le ministre Daniel Oren est arrivé à Lyon. Oen a salué.", "fr")}
    assert "Oen" not in found  # the name is too short for a slip to be safe
    found = {m.text: m.type for m in find_mentions(
        "Le ministre Daniel Marchetti est arrivé à Lyon. Marchtti a salué l'accueil.", "fr")}
    assert found["Marchtti"] == "PER"
