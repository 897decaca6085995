"""Persian mention rules; sentences written for these tests."""

from newsweave.stages.mentions import find_mentions


def _found(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.type, m.role) for m in find_mentions(text, "fa")}


def test_mentions_fa_role_country_then_name():
    found = _found("وزیر امور خارجه ایران محمد جواد ظریف به مسکو سفر کرد.")
    assert found["محمد جواد ظریف"] == ("PER", "foreign minister")
    assert found["ایران"][0] == "LOC"
    assert found["مسکو"][0] == "LOC"


def test_mentions_fa_honorific_marks_a_person():
    assert _found("آقای حسن روحانی در جلسه حضور داشت.")["حسن روحانی"] == ("PER", "mr")


def test_mentions_fa_ministry_after_spokesperson_is_not_a_person():
    found = _found("سخنگوی وزارت بهداشت در تهران گفت که جلسه برگزار شد.")
    assert all(kind != "PER" for kind, _ in found.values())
    assert found["تهران"][0] == "LOC"


def test_mentions_fa_everyday_sentence_has_no_names():
    assert find_mentions("بچه ها صبح به مدرسه رفتند و عصر برگشتند.", "fa") == []
