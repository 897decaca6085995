"""Dates in Hebrew news: explicit, partial, relative, weekdays (past and future) and false hits."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.stages.timex import find_dates

THURSDAY = date(2024, 3, 14)


def found(text: str) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(text, "he", THURSDAY)]


@pytest.mark.parametrize(("text", "expected"), [
    ("ההסכם נחתם ב-17 באוגוסט 2023.", [("17 באוגוסט 2023", "2023-08-17")]),
    ("הבחירות ייערכו ב-3 באפריל.", [("3 באפריל", "2024-04-03")]),
    ("השר אמר אתמול כי היום ייפגש עם עמיתו ומחר ימריא.", [("אתמול", "2024-03-13"), ("היום", "2024-03-14"), ("מחר", "2024-03-15")]),
    ("השר נפגש עם עמיתו ביום חמישי.", [("יום חמישי", "2024-03-14")]),
    ("הפגישה התקיימה ביום שלישי שעבר ותתקיים שוב ביום שני הבא.", [("יום שלישי שעבר", "2024-03-12"), ("יום שני הבא", "2024-03-18")]),
    ("ההסכם נחתם ב-17.8.2023.", [("17.8.2023", "2023-08-17")]),
    ("היום הראשון; בשבוע הבא; כל יום שני; 6.2 בסולם ריכטר.", []),
])
def test_dates_he(text, expected):
    assert found(text) == expected
