"""Dates in English news: explicit, partial, relative, weekdays (past and future) and false hits."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.stages.timex import find_dates

THURSDAY = date(2024, 3, 14)


def found(text: str) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(text, "en", THURSDAY)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The treaty was signed on 17 August 2023.", [("17 August 2023", "2023-08-17")]),
    ("It was signed on August 17, 2023, in Oslo.", [("August 17, 2023", "2023-08-17")]),
    ("Voting starts June 2.", [("June 2", "2024-06-02")]),
    ("Prices fell today and rose yesterday.", [("today", "2024-03-14"), ("yesterday", "2024-03-13")]),
    ("He said the day before yesterday that he leaves tomorrow.", [("the day before yesterday", "2024-03-12"), ("tomorrow", "2024-03-15")]),
    ("Police arrested him on Tuesday.", [("Tuesday", "2024-03-12")]),
    ("The court will rule on Tuesday.", [("Tuesday", "2024-03-19")]),
    ("They met last Friday and meet again next Monday.", [("last Friday", "2024-03-08"), ("next Monday", "2024-03-18")]),
    ("The quake struck three days ago.", [("three days ago", "2024-03-11")]),
    ("The Dow gained 155 points to end the day at 9505.", [("to end the day", "2024-03-14")]),
    ("At the end of the day, voters decide; the start of the day of the vote; I start the day with tea.", []),
    ("The Dow has fallen 15 percent since the start of this year.", [("the start of this year", "2024-01-01")]),
    ("Sales rose last week and will fall next month.", []),
    ("Yesterday evening the council met.", []),
    ("A 6.2 magnitude quake; they won 3-1 in May; 2,000 people; Black Monday; every Friday.", []),
])
def test_dates_en(text, expected):
    assert found(text) == expected
