"""Dates in Spanish news: explicit, partial, relative, weekdays (past and future) and false hits."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.stages.timex import find_dates

THURSDAY = date(2024, 3, 14)


def found(text: str) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(text, "es", THURSDAY)]


@pytest.mark.parametrize(("text", "expected"), [
    ("El acuerdo se firmó el 17 de agosto de 2023.", [("el 17 de agosto de 2023", "2023-08-17")]),
    ("La votación será el 3 de abril.", [("el 3 de abril", "2024-04-03")]),
    ("Hoy el ministro dijo que ayer hubo avances y que mañana firmará.", [("Hoy", "2024-03-14"), ("ayer", "2024-03-13"), ("mañana", "2024-03-15")]),
    ("El presidente anunció el jueves su dimisión.", [("el jueves", "2024-03-14")]),
    ("El equipo perdió el pasado martes y jugará el próximo sábado.", [("el pasado martes", "2024-03-12"), ("el próximo sábado", "2024-03-16")]),
    ("Hace dos días llegó la delegación.", [("Hace dos días", "2024-03-12")]),
    ("Por la mañana; el lunes negro; cada lunes; la próxima semana; 3-1.", []),
])
def test_dates_es(text, expected):
    assert found(text) == expected
