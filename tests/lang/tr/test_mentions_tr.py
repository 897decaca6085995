"""Turkish mention rules; sentences written for these tests."""

from newsweave.stages.mentions import find_mentions


def _found(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.type, m.role) for m in find_mentions(text, "tr")}


def test_mentions_tr_role_and_case_suffix_after_apostrophe():
    found = _found("Savunma Bakanı Hulusi Akar, Ankara'da gazetecilere açıklama yaptı.")
    assert found["Hulusi Akar"] == ("PER", "defence minister")
    assert found["Ankara"][0] == "LOC"  # the suffix "'da" stays outside the span


def test_mentions_tr_president_title():
    assert _found("Cumhurbaşkanı Recep Tayyip Erdoğan konuştu.")["Recep Tayyip Erdoğan"] == ("PER", "president")


def test_mentions_tr_party_is_an_organisation():
    assert _found("Dün Cumhuriyet Halk Partisi toplandı.")["Cumhuriyet Halk Partisi"][0] == "ORG"


def test_mentions_tr_everyday_sentence_has_no_names():
    assert find_mentions("Çocuklar sabah okula gittiler ve öğleden sonra eve döndüler.", "tr") == []
