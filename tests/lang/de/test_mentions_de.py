"""German mention rules; sentences written for these tests."""

import pytest

from newsweave.stages import ner_tagger
from newsweave.stages.mentions import find_mentions


@pytest.fixture(autouse=True)
def _cues_only(monkeypatch):
    """These tests pin the cue rules; the packaged tagger (which reads the cues) is left out."""
    monkeypatch.setattr(ner_tagger, "load", lambda lang: None)


def _found(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.type, m.role) for m in find_mentions(text, "de")}


def test_mentions_de_compound_role_before_name():
    found = _found("Verteidigungsminister Boris Pistorius reiste nach Warschau.")
    assert found["Boris Pistorius"] == ("PER", "defence minister")
    assert found["Warschau"][0] == "LOC"


def test_mentions_de_genitive_of_a_country():
    assert _found("Die Wirtschaft Italiens wächst.")["Italiens"][0] == "LOC"


def test_mentions_de_company_suffix_makes_an_organisation():
    assert _found("Gestern meldete die Deutsche Bank AG einen Gewinn.")["Deutsche Bank AG"][0] == "ORG"


def test_mentions_de_capitalised_nouns_are_not_names():
    assert find_mentions("Die Kinder gingen am Morgen zur Schule und kamen am Nachmittag zurück.", "de") == []
