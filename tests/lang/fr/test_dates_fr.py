"""Dates in French news: explicit, partial, relative, weekdays (past and future) and false hits."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.stages.timex import find_dates

THURSDAY = date(2024, 3, 14)


def found(text: str) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(text, "fr", THURSDAY)]


@pytest.mark.parametrize(("text", "expected"), [
    ("L'accord a été signé le 17 août 2023.", [("le 17 août 2023", "2023-08-17")]),
    ("Le vote aura lieu le 3 avril.", [("le 3 avril", "2024-04-03")]),
    ("En concert mardi 1er juin 2027.", [("mardi 1er juin 2027", "2027-06-01")]),
    ("Le ministre a annoncé hier qu'il partira demain.", [("hier", "2024-03-13"), ("demain", "2024-03-15")]),
    ("Aujourd'hui, le président a reçu le maire.", [("Aujourd'hui", "2024-03-14")]),
    ("Aujourd'hui, ce saxophoniste poursuit une carrière solo.", []),  # "nowadays", no tense cue
    ("Le Dow Jones a terminé la journée en hausse.", [("a terminé la journée", "2024-03-14")]),
    ("Il a été élu jeudi dernier.", [("jeudi dernier", "2024-03-07")]),
    ("Les joueurs ont perdu samedi.", [("samedi", "2024-03-09")]),
    ("Il sera opéré lundi prochain, et le match se jouera samedi.", [("lundi prochain", "2024-03-18"), ("samedi", "2024-03-16")]),
    ("Il y a deux jours, la grève a commencé.", [("Il y a deux jours", "2024-03-12")]),
    ("Hier soir, sa voiture et sa maison ont brûlé; le mois prochain; chaque lundi.", []),
])
def test_dates_fr(text, expected):
    assert found(text) == expected
