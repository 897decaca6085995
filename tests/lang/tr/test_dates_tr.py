"""Dates in Turkish news: explicit, partial, relative, weekdays (past and future) and false hits."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.stages.timex import find_dates

THURSDAY = date(2024, 3, 14)


def found(text: str) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(text, "tr", THURSDAY)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Anlaşma 17 Ağustos 2023'te imzalandı.", [("17 Ağustos 2023'te", "2023-08-17")]),
    ("Seçim 3 Nisan'da yapılacak.", [("3 Nisan'da", "2024-04-03")]),
    ("Bakan dün açıklama yaptı, bugün Ankara'da, yarın İzmir'de.", [("dün", "2024-03-13"), ("bugün", "2024-03-14"), ("yarın", "2024-03-15")]),
    ("Heyet perşembe günü Ankara'ya geldi.", [("perşembe günü", "2024-03-14")]),
    ("Toplantı salı günü yapılacak.", [("salı günü", "2024-03-19")]),
    ("Geçen cuma ve önümüzdeki pazartesi.", [("Geçen cuma", "2024-03-08"), ("önümüzdeki pazartesi", "2024-03-18")]),
    ("Dünya Kupası; pazar yerinde; her salı; 3-1.", []),
])
def test_dates_tr(text, expected):
    assert found(text) == expected
