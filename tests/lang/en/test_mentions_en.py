"""English mention rules; sentences written for these tests."""

from newsweave.stages.mentions import find_mentions


def _found(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.type, m.role) for m in find_mentions(text, "en")}


def test_mentions_en_capitalised_role_before_name():
    found = _found("Foreign Minister Sergei Lavrov met Chancellor Olaf Scholz in Berlin.")
    assert found["Sergei Lavrov"] == ("PER", "foreign minister")
    assert found["Olaf Scholz"] == ("PER", "chancellor")
    assert found["Berlin"][0] == "LOC"


def test_mentions_en_nationality_adjective_is_not_a_mention():
    found = _found("Israeli Defence Minister Benny Gantz arrived.")
    assert found == {"Benny Gantz": ("PER", "defence minister")}


def test_mentions_en_organisation_words_and_dotted_country():
    found = _found("The Bank of England and the Labour Party criticised U.S. policy.")
    assert found["Bank of England"][0] == "ORG"
    assert found["Labour Party"][0] == "ORG"
    assert found["U.S."][0] == "LOC"


def test_mentions_en_sentence_start_word_is_not_a_name():
    assert find_mentions("Yesterday the children walked to school and came back at noon.", "en") == []
