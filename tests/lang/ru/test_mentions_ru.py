"""Russian mentions: natasha's packaged NER, with roles; sentences written for these tests."""

import pytest

from newsweave.stages import ner_tagger
from newsweave.stages.mentions import find_mentions


@pytest.fixture(autouse=True)
def _cues_only(monkeypatch):
    """These tests pin the cue rules; the packaged tagger (which reads the cues) is left out."""
    monkeypatch.setattr(ner_tagger, "load", lambda lang: None)


def _found(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.type, m.role) for m in find_mentions(text, "ru")}


def test_mentions_ru_person_and_city():
    found = _found("Министр обороны Сергей Шойгу прибыл в Минск.")
    assert found["Сергей Шойгу"][0] == "PER"
    assert found["Минск"][0] == "LOC"


def test_mentions_ru_inflected_country_and_organisation():
    found = _found("Центральный банк России повысил ставку, сообщил Сбербанк.")
    assert found["России"][0] == "LOC"
    assert found["Сбербанк"][0] == "ORG"


def test_mentions_ru_everyday_sentence_has_no_names():
    assert find_mentions("Дети утром пошли в школу и вернулись после обеда.", "ru") == []
