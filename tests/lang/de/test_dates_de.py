"""Dates in German news: explicit, partial, relative, weekdays (past and future) and false hits."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.stages.timex import find_dates

THURSDAY = date(2024, 3, 14)


def found(text: str) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(text, "de", THURSDAY)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Der Vertrag wurde am 17. August 2023 unterzeichnet.", [("17. August 2023", "2023-08-17")]),
    ("Die Wahl findet am 3. April statt.", [("3. April", "2024-04-03")]),
    ("Am Donnerstag, 21. März, beginnt die Messe.", [("Donnerstag, 21. März", "2024-03-21")]),
    ("Der Stadtrat hat gestern getagt; heute berät der Landtag, morgen der Bundestag.", [("gestern", "2024-03-13"), ("heute", "2024-03-14"), ("morgen", "2024-03-15")]),
    ("Die Polizei hat am Dienstag zwei Männer festgenommen.", [("Dienstag", "2024-03-12")]),
    ("Der Minister wird am Dienstag nach Rom reisen.", [("Dienstag", "2024-03-19")]),
    ("Am vergangenen Montag und am kommenden Samstag.", [("vergangenen Montag", "2024-03-11"), ("kommenden Samstag", "2024-03-16")]),
    ("Vor drei Tagen brach das Feuer aus.", [("Vor drei Tagen", "2024-03-11")]),
    ("Frankreich ist heute weniger fremdenfeindlich.", []),  # "nowadays", no tense cue
    ("Der Vertrag ist bis heute nicht in Kraft.", [("heute", "2024-03-14")]),
    ("Der Dax schloss den Handelstag im Plus, seit Jahresbeginn +3 %.", [("schloss den Handelstag", "2024-03-14"), ("Jahresbeginn", "2024-01-01")]),
    ("Anfang des Jahres erwähnte er es.", []),  # a period, not the 1 January point
    ("In der Nacht des 4. März brach er ein.", []),  # a time of that day
    ("Die Partei, die Regierung; am Morgen; heute Abend; jeden Montag; der MIP-Montag; 12.5 Prozent.", []),
])
def test_dates_de(text, expected):
    assert found(text) == expected
