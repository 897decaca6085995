"""Instance facts: what tells two happenings of one kind apart (two earthquakes, two arrests of one
player), and whether two articles agree or conflict on it.

Two reports of one happening are told in nearly the same words as a report of another happening of
the same kind, so the text similarity alone joins them. What differs is the instance: when (the
latest year an article names, of its explicit dates or of its publication), where (its places, and
the main one), who (its people), how much (its numbers: magnitudes, tolls, ages; its scores "24-17")
and its names (words written with a capital or a digit: opponents, products, venues the mention
finder does not type). Each fact is read from the pipeline's own stages (resolved mentions, dates,
the publication date) or from the text's words and digits, so it works in every language the
pipeline reads. A pair *conflicts* on a fact when both articles state it and share nothing of it;
it *agrees* when they share it. The similarity (stages/similarity.py) shifts its score by these
features, with weights fitted on ECB+ by leave-topics-out cross-validation (see
`INSTANCE_FEATURES`). An event's facts are its members' pooled (`pool_facts`): the clusterer's
merges compare two events by them (stages/events.py `event_link`).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from newsweave.records import Article

# A four-digit number from 1900 to 2099 standing alone reads as a year.
_YEAR = re.compile(r"(?<![\w.,])(?:19|20)\d\d(?![\w]|[.,]\d)")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?!\w)")
_WORD = re.compile(r"\w+(?:[-–]\w+)*")
# Two numbers joined by a dash: a score ("24-17"), a tally, a record. A colon would read clock
# times as scores too.
_SCORE = re.compile(r"(?<![\w.,])(\d{1,3}) ?[-–] ?(\d{1,3})(?![\w.,])")
# Mentions of dates whose day is read from the text itself (relative ones need the anchor).
DATE_KINDS = ("explicit", "dateline")

# The pair features, in the order of SimilarityParams.instance_weights. Only conflicts of time: in a
# stream nearly every pair shares its year and week, so agreeing on them says nothing (weighted on
# ECB+, whose look-alikes are years apart, "same latest year" joined the demo's 16 events into 3).
# People only agree: an unshared person is mostly mention noise or another voice on the same
# happening (with a people conflict, ECB+ out-of-fold F1 0.856 and SemEval same-event F1 0.822
# against 0.857 and 0.836 without). Names agree by their IDF-weighted cosine and conflict by its
# shortfall (1 - cosine), a graded conflict: the instances of one kind share their words, not their
# opponents, venues and figures (ECB+ out-of-fold F1 0.857 -> 0.879; with scores 0.896). Organisations
# as entities did not pay (0.852): the mention finder types few of them.
INSTANCE_FEATURES = ("latest_year_conflict", "places", "places_conflict", "main_place_conflict",
                     "people", "numbers", "numbers_conflict", "names", "names_conflict", "scores",
                     "scores_conflict")


@dataclass(frozen=True)
class InstanceFacts:
    """One article's instance facts (stored with its signals)."""

    years: tuple[int, ...] = ()  # named in the text, of its explicit dates and of its publication
    places: dict[str, int] = field(default_factory=dict)  # LOC entity id -> mentions
    people: dict[str, int] = field(default_factory=dict)  # PER entity id -> mentions
    numbers: tuple[str, ...] = ()  # digits other than years, with one decimal mark
    names: dict[str, int] = field(default_factory=dict)  # words written with a capital or digit, lowercased
    scores: tuple[str, ...] = ()  # "24-17"

    def to_json(self) -> str:
        return json.dumps({"years": list(self.years), "places": self.places,
                           "people": self.people, "numbers": list(self.numbers), "names": self.names,
                           "scores": list(self.scores)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str | None) -> "InstanceFacts | None":
        """The stored facts; None for an article stored before they were kept, or unreadable ones."""
        if not raw:
            return None
        try:
            data = json.loads(raw)
            return cls(years=tuple(int(y) for y in data["years"]),
                       places={str(k): int(v) for k, v in data["places"].items()},
                       people={str(k): int(v) for k, v in data["people"].items()},
                       numbers=tuple(str(n) for n in data["numbers"]),
                       # facts stored before names and scores were kept have none
                       names={str(k): int(v) for k, v in data.get("names", {}).items()},
                       scores=tuple(str(n) for n in data.get("scores", ())))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def instance_facts(article: Article) -> InstanceFacts:
    """The facts of one article whose mentions are resolved to entities."""
    text = f"{article.title}\n{article.text}"
    years = {int(y) for y in _YEAR.findall(text)}
    years |= {int(d.value[:4]) for d in article.dates if d.kind in DATE_KINDS and _is_day(d.value)}
    if article.published is not None:
        years.add(article.published.year)
    numbers = {_number(n) for n in _NUMBER.findall(text) if not (len(n) == 4 and n.isdigit() and int(n) in years)}
    typed = {kind: Counter(m.entity_id for m in article.mentions if m.type == kind and m.entity_id)
             for kind in ("LOC", "PER")}
    written = [w for w in _WORD.findall(text) if w[0].isupper() or w[0].isdigit()]
    # In a script without capitals (Arabic) only the digits would be left: those are the numbers.
    cased = any(w[0].isupper() for w in written)
    names = Counter(w.lower() for w in written) if cased else Counter()
    scores = {f"{a}-{b}" for a, b in _SCORE.findall(text)}
    return InstanceFacts(years=tuple(sorted(years)), places=dict(typed["LOC"]),
                         people=dict(typed["PER"]), numbers=tuple(sorted(numbers)), names=dict(names),
                         scores=tuple(sorted(scores)))


def pair_features(a: InstanceFacts, b: InstanceFacts, idf: Callable[[str], float],
                  word_idf: Callable[[str], float], same_language: bool = True) -> dict[str, float]:
    """Agreement and conflict of two articles' facts (0 where either states nothing).

    Facts are compared only within one language (else all features are 0). Across languages an
    unshared name is as often a link the name resolver missed (a town outside the gazetteers), or a
    common noun the mention finder took for a name (German nouns are capitalised), as another
    place, and each language's outlets cite their own figures and background years: compared
    across languages, the demo's one quake, one summit and one rate decision fell apart (BCubed F1
    0.901 -> 0.852). The main place is the most mentioned one (all tied ones). ``idf`` weighs
    entity ids, ``word_idf`` names."""
    if not same_language:
        return dict.fromkeys(INSTANCE_FEATURES, 0.0)
    places = _weighted_cosine(a.places, b.places, idf)
    both_placed = bool(a.places and b.places)
    shared = set(a.numbers) & set(b.numbers)
    names = _weighted_cosine(a.names, b.names, word_idf)
    scored = set(a.scores) & set(b.scores)
    return {"latest_year_conflict": float(bool(a.years and b.years) and max(a.years) != max(b.years)),
            "places": places,
            "places_conflict": float(both_placed and places == 0.0),
            "main_place_conflict": float(both_placed and not _main(a.places) & _main(b.places)),
            "people": _weighted_cosine(a.people, b.people, idf),
            "numbers": len(shared) / len(set(a.numbers) | set(b.numbers)) if shared else 0.0,
            "numbers_conflict": float(bool(a.numbers and b.numbers) and not shared),
            "names": names,
            "names_conflict": float(bool(a.names and b.names)) * (1.0 - names),
            "scores": float(bool(scored)),
            "scores_conflict": float(bool(a.scores and b.scores) and not scored)}


def _number(written: str) -> str:
    """One form per number across languages: a separator before exactly three digits groups
    thousands ("20,000", "20.000"), any other is the decimal mark ("6,1" = "6.1")."""
    whole, sep, rest = written.partition("," if "," in written else ".")
    if not sep:
        return written
    return whole + rest if len(rest) == 3 else f"{whole}.{rest}"


def _is_day(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _main(counts: dict[str, int]) -> set[str]:
    top = max(counts.values())
    return {k for k, c in counts.items() if c == top}


def _weighted_cosine(a: dict[str, int], b: dict[str, int], idf: Callable[[str], float]) -> float:
    """Cosine of IDF-weighted profiles: sharing a rare place counts more than sharing a country."""
    if not a or not b or not a.keys() & b.keys():
        return 0.0
    wa = {k: (1.0 + math.log(c)) * idf(k) for k, c in a.items()}
    wb = {k: (1.0 + math.log(c)) * idf(k) for k, c in b.items()}
    dot = sum(w * wb[k] for k, w in wa.items() if k in wb)
    return dot / (math.sqrt(sum(w * w for w in wa.values())) * math.sqrt(sum(w * w for w in wb.values())))


def pool_facts(facts: list[InstanceFacts]) -> InstanceFacts:
    """One event's facts from its members': the latest year most of them name (ties: the later),
    and their places, people, names summed; numbers and scores any of them states."""
    latest = Counter(max(f.years) for f in facts if f.years)
    years = (max(latest, key=lambda y: (latest[y], y)),) if latest else ()
    places: Counter[str] = Counter()
    people: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for f in facts:
        places.update(f.places)
        people.update(f.people)
        names.update(f.names)
    return InstanceFacts(years=years, places=dict(places), people=dict(people),
                         numbers=tuple(sorted({n for f in facts for n in f.numbers})), names=dict(names),
                         scores=tuple(sorted({s for f in facts for s in f.scores})))
