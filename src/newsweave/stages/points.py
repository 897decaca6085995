"""Sentences, and the points of an event: groups of sentences that say the same thing, across
articles and languages.

A point is what one or more articles report ("Israel asked Turkey to expel Hamas leaders"), in
whatever language each wrote it. Summaries pick central points; coverage compares articles by the
points each carries. Copies of an article (syndication) carry its points without adding weight.

The constants below were measured on sentences we wrote (tests/unit/test_points.py, FACTS: three
stories, 21 facts, each in 6 languages plus en/fr/ar rewordings; a pair of versions of one fact is
the same point, two facts of one story are not), not on ../shared: its SemEval pairs rate whole
articles, which says nothing about where one sentence's point ends.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np

from newsweave.records import Article
from newsweave.stages.embed import Embedder

LOGGER = logging.getLogger(__name__)

# ---- sentences ------------------------------------------------------------------------------
# A regex with abbreviation lists rather than a library: on the sentences of SPLIT_CASES
# (tests/unit/test_points.py, 10 languages) it recovers 95/95, pysbd 79, blingfire 85, sentencex
# 84 (all three cut after the Arabic "د." (Dr.), pysbd also at the Arabic comma "،").

# Below this many words a fragment is a kicker, a credit or an exclamation ("Pas encore !"),
# not a statement another article could share; Han/kana characters count half a word.
MIN_POINT_WORDS = 5

# Words that take an abbreviation dot and are followed by a capitalised word ("Dr. Müller"),
# where "word. Capital" would otherwise end a sentence. Single letters (initials, "U.S.",
# "د.", "г.") are handled by rule; a dot followed by a lower-case word never ends a sentence.
_COMMON_ABBREVIATIONS = {"dr", "prof", "mr", "mrs", "ms", "st", "jr", "sr", "gen", "inc", "ltd", "corp", "vs"}
_ABBREVIATIONS = {
    "en": {"sen", "rep", "gov", "col", "lt", "sgt", "capt", "rev", "jan", "feb", "mar", "apr", "jun", "jul",
           "aug", "sep", "sept", "oct", "nov", "dec"},
    "fr": {"mm", "mme", "mlle", "mgr", "me", "pr", "ste", "cf", "janv", "févr", "avr", "juil", "sept",
           "oct", "nov", "déc"},
    "de": {"hr", "fr", "nr", "str", "bzw", "ca", "vgl", "jan", "feb", "aug", "sept", "okt", "nov", "dez"},
    "es": {"sra", "srta", "dra", "ee", "uu", "ud", "uds", "lic", "ing", "av", "gral"},
    "tr": {"doç", "yrd", "av", "bkz", "sn"},
    "ru": {"гг", "тыс", "млн", "млрд", "руб", "ул", "см", "ст", "проф", "акад", "ген"},
}
# German and Turkish write ordinals with a dot ("am 3. Oktober"): a number before a month goes on.
_ORDINAL_MONTHS = {
    "de": {"januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "dezember"},
    "tr": {"ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim",
           "kasım", "aralık"},
}
# A terminal mark (Latin and Arabic question mark, Urdu full stop, ellipsis), then closing quotes
# or brackets, then the space before the next sentence. Han full stops need no space after them.
_END = re.compile(r"[.!?…؟۔]+[\"'»”’)\]›]*(?=\s)|[。！？]+[」』”’）]*")
_OPENERS = "\"'«“„‘‹([¿¡—–-"
_WORD_BEFORE = re.compile(r"(\w+)$")
_WORD_AFTER = re.compile(r"\s*(\w+)")
_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def split_sentences(text: str, lang: str | None, min_words: int = MIN_POINT_WORDS) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of ``text`` having at least ``min_words``.

    Paragraphs (lines) never share a sentence; inside one, a sentence ends at a terminal mark
    followed by the start of another (not a lower-case word, a comma, an abbreviation or an initial).
    """
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end in _boundaries(line.group(), lang):
            spans.append((start, line.start() + end))
            start = line.start() + end
        spans.append((start, line.end()))
    trimmed = (_strip(text, s, e) for s, e in spans)
    return [(s, e) for s, e in trimmed if e > s and word_count(text[s:e]) >= min_words]


def word_count(text: str) -> int:
    han = len(_HAN.findall(text))
    return len(re.findall(r"\w+", _HAN.sub(" ", text))) + han // 2


def _boundaries(line: str, lang: str | None):
    for match in _END.finditer(line):
        if _ends_sentence(line, match, lang):
            yield match.end()


def _ends_sentence(line: str, match: re.Match, lang: str | None) -> bool:
    if match.group()[0] in "。！？":
        return True
    rest = line[match.end():].lstrip()
    if not rest:
        return False  # the line's end closes it anyway
    first = rest[0]
    if not (first.isdigit() or first in _OPENERS or (first.isalpha() and not first.islower())):
        return False
    if match.group() != ".":
        return True
    before = _WORD_BEFORE.search(line[:match.start()])
    if before is None:
        return True
    word = before.group(1).lower()
    if len(word) == 1 and word.isalpha():
        # An initial ("J. Smith", "U.S.", "د. أحمد") goes on; a unit after a number ends
        # sentences often ("в 2024 г.", "3 ч.").
        return bool(re.search(r"\d\s*$", line[:before.start()]))
    if word in _COMMON_ABBREVIATIONS or word in _ABBREVIATIONS.get(lang or "", ()):
        return False
    if word.isdigit() and lang in _ORDINAL_MONTHS:
        after = _WORD_AFTER.match(rest)
        return not (after and after.group(1).lower() in _ORDINAL_MONTHS[lang])
    return True


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---- points ---------------------------------------------------------------------------------

# Two sentences of embedded languages are one point at cosine (+ number agreement) >= 0.45.
# Measured on FACTS, pairs within a story where both languages are embedded (4,669 pairs, 595
# the same point): F1 0.941 (P 0.949, R 0.933) on cosine alone; 0.45 is also what each
# leave-one-story-out fit picks (held-out F1 0.965 / 0.933 / 0.919).
POINT_THRESHOLD = 0.45
# Numbers are the facts translations keep verbatim: sharing one adds, having numbers but none in
# common subtracts. Leave-one-story-out F1 0.939 -> 0.948 at 0.1 (0.954 at 0.3, but FACTS repeats
# every number in every version, which real rewrites don't: 0.1 is the cautious value).
# Entity overlap added nothing on top (F1 0.957 -> 0.956), so it only serves the fallback below.
NUMBER_WEIGHT = 0.1
# Multilingual USE v3 (stages/embed.py) was trained on these languages; for others (he, fa...)
# its vectors carry no meaning: on FACTS, Hebrew versions of one fact scored cosine 0.08 on
# average and Hebrew sentences of different facts up to 0.94. A pair with such a language is one
# point only when the two sentences share a number and a resolved entity (P 1.0, R 0.14 on the
# FACTS pairs with he/fa: few matches, but no false ones).
EMBEDDED_LANGS = frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th",
                            "tr", "zh"})
# Cost bound: at most this many sentences per article (leads carry the reported facts; the tail
# is background) and per event, taken round-robin by position (every article's first sentence,
# then every second...): an event of 200 articles embeds 600 sentences, 3 per article. On our
# 2-core machine the 4-article seed event (64 sentences) takes 0.12 s and 200 articles 1.8 s, all
# but milliseconds of it embedding (3 ms a sentence; up to 11 ms while other work loads the machine).
MAX_SENTENCES_PER_ARTICLE = 30
MAX_EVENT_SENTENCES = 600

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
# Thousands grouped by a space, comma or dot ("5 000", "5,000", "1.200") or a decimal ("6,4").
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?!\d)|\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article's text (``start``/``end`` index ``article.text``)."""

    article_id: str
    lang: str | None
    position: int  # among the article's sentences, 0 = first
    start: int
    end: int
    text: str
    # Set by event_points; zeros in a language the embedder lacks.
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)

    @property
    def embedded(self) -> bool:
        return embedded_lang(self.lang)


def embedded_lang(lang: str | None) -> bool:
    """Whether vectors of text in ``lang`` mean something (an unknown language gets the benefit)."""
    return lang is None or lang in EMBEDDED_LANGS


def sentence_similarity(a: Sentence, b: Sentence) -> float:
    """Cosine of two embedded sentences (0.0 when either vector carries no meaning)."""
    if not (a.embedded and b.embedded and a.vector is not None and b.vector is not None):
        return 0.0
    return float(a.vector @ b.vector)


@dataclass
class Point:
    """Sentences saying the same thing, most typical first.

    ``sources`` are the independent articles carrying it (a copy counts as its original), the
    measure of how widely it is reported; ``article_ids`` are all articles carrying it.
    ``vector`` is the mean of its sentences in embedded languages (zero if it has none) and
    ``centrality`` its cosine to the event's mean.
    """

    id: str
    sentences: list[Sentence]
    article_ids: list[str]
    sources: list[str]
    langs: list[str]
    centrality: float
    vector: np.ndarray

    @property
    def support(self) -> int:
        return len(self.sources)

    def sentence_in(self, lang: str | None) -> Sentence | None:
        """The most typical sentence written in ``lang``, if an article in it carries the point."""
        return next((s for s in self.sentences if s.lang == lang), None)


def independent_sources(articles: list[Article], syndicated: dict[str, str] | None = None) -> dict[str, str]:
    """Each article id -> the id of the original it copies (itself when it is one).

    ``syndicated`` maps a copy's id to its original's; without it, ``Article.syndicated_of`` says.
    Chains (a copy of a copy) end at the first original; a cycle ends where it closes.
    """
    parents = {a.id: a.syndicated_of for a in articles if a.syndicated_of}
    parents.update(syndicated or {})
    roots = {}
    for article in articles:
        seen, current = {article.id}, article.id
        while parents.get(current) and parents[current] not in seen:
            current = parents[current]
            seen.add(current)
        roots[article.id] = current
    return roots


def article_sentences(article: Article) -> list[Sentence]:
    """The article's sentences, each in its paragraph's language (an English paragraph quoted
    in an Arabic article is English)."""
    lines = [m for m in re.finditer(r"[^\n]+", article.text) if m.group().strip()]
    kept = [s for s in article.segments if not s.removed]
    langs = [s.lang or article.lang for s in kept] if len(kept) == len(lines) else [article.lang] * len(lines)
    found = []
    for line, lang in zip(lines, langs):
        for start, end in split_sentences(line.group(), lang):
            found.append(Sentence(article.id, lang, len(found), line.start() + start, line.start() + end,
                                  line.group()[start:end]))
    return found


def event_points(articles: list[Article], embedder: Embedder,
                 syndicated: dict[str, str] | None = None) -> list[Point]:
    """Group the sentences of an event's articles into points, most widely reported first."""
    began = time.perf_counter()
    roots = independent_sources(articles, syndicated)
    sentences = _budget([article_sentences(a)[:MAX_SENTENCES_PER_ARTICLE] for a in articles])
    if not sentences:
        return []
    embedded = np.array([s.embedded for s in sentences])
    vectors = np.zeros((len(sentences), embedder.dim), dtype=np.float32)  # no meaning to compute elsewhere
    if embedded.any():
        vectors[embedded] = embedder.encode([s.text for s, e in zip(sentences, embedded) if e])
    sentences = [replace(s, vector=v) for s, v in zip(sentences, vectors)]
    groups = _group(*_pair_scores(sentences, vectors, embedded, {a.id: a for a in articles}))
    centre = _event_centre(sentences, vectors, embedded, roots)
    order = {a.id: i for i, a in enumerate(articles)}
    points = [_point(members, sentences, vectors, embedded, roots, order, centre) for members in groups]
    points.sort(key=lambda p: (-p.support, -p.centrality, p.sentences[0].position))
    for number, point in enumerate(points, 1):
        point.id = f"p{number}"
    LOGGER.debug("%d points from %d sentences of %d articles in %.2f s", len(points), len(sentences),
                 len(articles), time.perf_counter() - began)
    return points


def _budget(per_article: list[list[Sentence]]) -> list[Sentence]:
    """Round-robin by position: every article's first sentence, then every second..."""
    ranked = sorted((s for sentences in per_article for s in sentences), key=lambda s: s.position)
    return ranked[:MAX_EVENT_SENTENCES]


def _pair_scores(sentences: list[Sentence], vectors: np.ndarray, embedded: np.ndarray,
                 by_id: dict[str, Article]) -> tuple[np.ndarray, np.ndarray]:
    """Scores of every pair, and whether each score is evidence at all: a pair of embedded
    sentences always is; a pair with a language the embedder lacks only when the sentences share
    a number and an entity (scored 1.0). Otherwise nothing is known, which is not dissimilarity."""
    numbers = _incidence([_numbers(s.text) for s in sentences])
    entities = _incidence([_entities(s, by_id[s.article_id]) for s in sentences])
    has_numbers = numbers.any(axis=1)
    share_number = (numbers @ numbers.T) > 0
    agreement = np.where(np.outer(has_numbers, has_numbers), np.where(share_number, 1.0, -1.0), 0.0)
    both_embedded = np.outer(embedded, embedded)
    names_and_numbers = share_number & ((entities @ entities.T) > 0)
    scores = np.where(both_embedded, vectors @ vectors.T + NUMBER_WEIGHT * agreement, 1.0)
    return scores, both_embedded | names_and_numbers


def _numbers(text: str) -> set[str]:
    """Numerals in any digits and any grouping: "6,4", "6.4" and "۶٫۴" are one number, and so
    are "5 000", "5,000" and "5000"."""
    found = set()
    for match in _NUMBER.findall(text.translate(_DIGITS)):
        grouped = re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+", match)
        number = re.sub(r"\D", "", match) if grouped else match.replace(",", ".")
        found.add(re.sub(r"^0+(?=\d)", "", number))
    return found


def _entities(sentence: Sentence, article: Article) -> set[str]:
    return {m.entity_id for m in article.mentions
            if m.entity_id and m.in_text and sentence.start <= m.start < sentence.end}


def _incidence(sets: list[set[str]]) -> np.ndarray:
    """Rows: items; columns: distinct values; 1.0 where the item has the value."""
    columns = {value: i for i, value in enumerate(sorted(set().union(*sets)))}
    matrix = np.zeros((len(sets), len(columns)), dtype=np.float32)
    for row, values in enumerate(sets):
        matrix[row, [columns[v] for v in values]] = 1.0
    return matrix


def _group(scores: np.ndarray, evidence: np.ndarray) -> list[list[int]]:
    """Online average linkage, in budget order (leads first): each sentence joins the group with
    the highest mean score over the members it has evidence about, if that reaches
    POINT_THRESHOLD, else opens one."""
    groups: list[list[int]] = []
    weighted = np.where(evidence, scores, 0.0)
    sums = np.zeros(scores.shape)  # row g: group g's summed scores to every sentence
    counts = np.zeros(scores.shape)  # row g: how many of its members each sentence has evidence about
    for i in range(len(scores)):
        known = counts[:len(groups), i]
        means = np.where(known > 0, sums[:len(groups), i] / np.maximum(known, 1), -np.inf)
        best = int(np.argmax(means)) if groups else -1
        if best < 0 or means[best] < POINT_THRESHOLD:
            best = len(groups)
            groups.append([])
        groups[best].append(i)
        sums[best] += weighted[i]
        counts[best] += evidence[i]
    return groups


def _event_centre(sentences: list[Sentence], vectors: np.ndarray, embedded: np.ndarray,
                  roots: dict[str, str]) -> np.ndarray:
    """Mean of the independent articles' mean sentence vectors: a long article or a syndicated
    story pulls the centre no more than a short original."""
    by_source: dict[str, list[int]] = {}
    for i, s in enumerate(sentences):
        if embedded[i]:
            by_source.setdefault(roots[s.article_id], []).append(i)
    if not by_source:
        return np.zeros(vectors.shape[1], dtype=np.float32)
    return _unit(np.mean([vectors[rows].mean(axis=0) for rows in by_source.values()], axis=0))


def _point(members: list[int], sentences: list[Sentence], vectors: np.ndarray, embedded: np.ndarray,
           roots: dict[str, str], order: dict[str, int], centre: np.ndarray) -> Point:
    meaningful = [i for i in members if embedded[i]]
    vector = _unit(vectors[meaningful].mean(axis=0)) if meaningful else np.zeros(vectors.shape[1], np.float32)
    # Most typical: embedded sentences closest to the point's mean, then the rest; earlier first.
    typical = sorted(members, key=lambda i: (not embedded[i], -float(vectors[i] @ vector), sentences[i].position,
                                             order[sentences[i].article_id]))
    ids = sorted({sentences[i].article_id for i in members}, key=order.__getitem__)
    langs = Counter(sentences[i].lang for i in members if sentences[i].lang)
    return Point(id="", sentences=[sentences[i] for i in typical], article_ids=ids,
                 sources=list(dict.fromkeys(roots[a] for a in ids)), langs=[lang for lang, _ in langs.most_common()],
                 centrality=float(vector @ centre), vector=vector)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return (vector / norm).astype(np.float32) if norm > 0 else vector.astype(np.float32)
