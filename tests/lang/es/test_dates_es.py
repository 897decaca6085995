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
    ("Este lunes el Gobierno anunció medidas.", [("Este lunes", "2024-03-11")]),
    ("El Gobierno aprobará este lunes el plan.", [("este lunes", "2024-03-18")]),  # "este": the tense decides
    ("Llegó anteayer; el 2 de marzo pasado; del 3 al 5 de mayo.", [("anteayer", "2024-03-12"), ("el 2 de marzo", "2024-03-02"), ("3", "2024-05-03"), ("5 de mayo", "2024-05-05")]),
    ("MADRID, 3 may (EFE) - El Gobierno aprobó el plan.", [("3 may", "2024-05-03")]),
    ("Lo firmó el pasado día 20 de abril y lo aplicará el próximo 3 de octubre.", [("20 de abril", "2023-04-20"), ("3 de octubre", "2024-10-03")]),
    ("El índice cayó al principio del día y terminó la jornada en 9.505.", [("al principio del día", "2024-03-14"), ("terminó la jornada", "2024-03-14")]),
    ("Cayó al término de la jornada del jueves.", [("del jueves", "2024-03-14")]),
    ("Ocurrió en la noche del 3 de marzo.", []),  # a time of that day
    ("Por la mañana; el lunes negro; cada lunes; la próxima semana; 3-1.", []),
])
def test_dates_es(text, expected):
    assert found(text) == expected
