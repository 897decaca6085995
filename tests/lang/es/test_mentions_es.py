"""Spanish mention rules; sentences written for these tests."""

from newsweave.stages.mentions import find_mentions


def _found(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.type, m.role) for m in find_mentions(text, "es")}


def test_mentions_es_role_with_complement():
    found = _found("El ministro de Defensa Juan Pérez viajó a Sevilla.")
    assert found["Juan Pérez"] == ("PER", "defence minister")
    assert found["Sevilla"][0] == "LOC"


def test_mentions_es_complement_of_role_is_not_the_person():
    found = _found("Lo dijo el presidente del Gobierno José María Aznar en Madrid.")
    assert found["José María Aznar"] == ("PER", "president")


def test_mentions_es_organisations_and_country():
    found = _found("El Partido Popular y el Banco de España publicaron un informe sobre Francia.")
    assert found["Partido Popular"][0] == "ORG"
    assert found["Banco de España"][0] == "ORG"
    assert found["Francia"][0] == "LOC"


def test_mentions_es_everyday_sentence_has_no_names():
    assert find_mentions("Los niños fueron a la escuela por la mañana y volvieron al mediodía.", "es") == []
