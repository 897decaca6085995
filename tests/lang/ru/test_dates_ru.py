"""Dates in Russian news: explicit, partial, relative, weekdays (past and future) and false hits."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.stages.timex import find_dates

THURSDAY = date(2024, 3, 14)


def found(text: str) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(text, "ru", THURSDAY)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Соглашение подписали 17 августа 2023 года.", [("17 августа 2023 года", "2023-08-17")]),
    ("Выборы пройдут 3 апреля.", [("3 апреля", "2024-04-03")]),
    ("Министр вчера заявил, что сегодня и завтра переговоры продолжатся.", [("вчера", "2024-03-13"), ("сегодня", "2024-03-14"), ("завтра", "2024-03-15")]),
    ("Делегация прибыла во вторник.", [("во вторник", "2024-03-12")]),
    ("Переговоры состоятся во вторник.", [("во вторник", "2024-03-19")]),
    ("Он уехал в прошлую пятницу и вернётся в следующий понедельник.", [("в прошлую пятницу", "2024-03-08"), ("в следующий понедельник", "2024-03-18")]),
    ("Среда обитания; в прошлом месяце; каждый четверг; 6,2 балла.", []),
])
def test_dates_ru(text, expected):
    assert found(text) == expected
