"""Hebrew mention rules; sentences written for these tests."""

from newsweave.stages.mentions import find_mentions


def _found(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.type, m.role) for m in find_mentions(text, "he")}


def test_mentions_he_role_then_two_word_name():
    found = _found("שר החוץ יאיר לפיד נפגש עם עמיתו.")
    assert found["יאיר לפיד"] == ("PER", "foreign minister")


def test_mentions_he_country_between_role_and_name():
    found = _found("הוא שוחח עם נשיא צרפת עמנואל מקרון.")
    assert found["עמנואל מקרון"] == ("PER", "president")
    assert found["צרפת"][0] == "LOC"


def test_mentions_he_prefix_letter_left_out_of_city():
    found = _found("הכנס התקיים בירושלים ביום שני.")
    assert found["ירושלים"][0] == "LOC"


def test_mentions_he_ministry_is_an_organisation():
    assert _found("לדברי משרד האוצר, הריבית תעלה.")["משרד האוצר"][0] == "ORG"


def test_mentions_he_everyday_sentence_has_no_names():
    assert find_mentions("הילדים הלכו לבית הספר בבוקר וחזרו בצהריים.", "he") == []
