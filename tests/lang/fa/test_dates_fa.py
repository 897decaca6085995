"""Dates in Persian news: explicit, partial, relative, weekdays (past and future) and false hits."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.stages.timex import find_dates

THURSDAY = date(2024, 3, 14)


def found(text: str) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(text, "fa", THURSDAY)]


@pytest.mark.parametrize(("text", "expected"), [
    ("توافق در ۱۷ ژانویه ۲۰۲۴ امضا شد.", [("۱۷ ژانویه ۲۰۲۴", "2024-01-17")]),
    ("نشست در ۲۵ اسفند ۱۴۰۲ برگزار شد.", [("۲۵ اسفند ۱۴۰۲", "2024-03-15")]),
    ("تاریخ ۱۴۰۲/۱۲/۲۴ ثبت شد.", [("۱۴۰۲/۱۲/۲۴", "2024-03-14")]),
    ("وزیر امروز گفت که دیروز با همتای خود دیدار کرد و فردا به تهران باز می‌گردد.", [("امروز", "2024-03-14"), ("دیروز", "2024-03-13"), ("فردا", "2024-03-15")]),
    ("این نشست روز سه‌شنبه برگزار شد.", [("روز سه‌شنبه", "2024-03-12")]),
    ("هیئت سه‌شنبه گذشته وارد شد و پنجشنبه آینده می‌رود.", [("سه‌شنبه گذشته", "2024-03-12"), ("پنجشنبه آینده", "2024-03-21")]),
    ("هفته آینده؛ هر جمعه؛ زلزله ۶.۲ ریشتری؛ ۱۷ نفر.", []),
])
def test_dates_fa(text, expected):
    assert found(text) == expected
