"""Extractive summary of an event in one language, and one title per language.

The summary picks points (stages/points.py), not sentences: the most widely reported and central
ones, kept apart by maximal marginal relevance, each told by a sentence in the requested language
when an article in that language carries it, else in the language that does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

import numpy as np

from newsweave.records import Article
from newsweave.stages import lexical
from newsweave.stages.embed import Embedder
from newsweave.stages.points import POINT_THRESHOLD, Point, Sentence, embedded_lang, sentence_similarity

DEFAULT_SENTENCES = 5
# MMR trade-off between relevance (share of the sources carrying a point + its centrality) and
# novelty (cosine to the sentences already chosen): 0.7, Carbonell & Goldstein's usual setting,
# not tuned: we have no reference summaries to tune it on.
MMR_LAMBDA = 0.7


@dataclass(frozen=True)
class SummarySentence:
    text: str
    article_id: str
    lang: str | None
    point_id: str
    in_requested_lang: bool  # False: no article in the requested language carries this point


@dataclass
class Summary:
    lang: str | None
    sentences: list[SummarySentence]

    def as_json(self) -> dict:
        return {"lang": self.lang, "sentences": [asdict(s) for s in self.sentences]}


def summarize(points: list[Point], articles: list[Article], lang: str | None = None,
              k: int = DEFAULT_SENTENCES) -> Summary:
    """At most ``k`` sentences, one per chosen point, in reading order.

    ``lang`` None means the event's majority language. Reading order: points that articles
    report earlier come first (a lead before a detail), then by article order and position.
    """
    lang = lang or majority_lang(points, articles)
    told = _mmr([(point, point.sentence_in(lang) or point.sentences[0]) for point in points], k)
    order = {a.id: i for i, a in enumerate(articles)}
    told.sort(key=lambda ps: (min(s.position for s in ps[0].sentences), order.get(ps[1].article_id, len(order)),
                              ps[1].position))
    return Summary(lang, [SummarySentence(s.text, s.article_id, s.lang, p.id, s.lang == lang) for p, s in told])


def majority_lang(points: list[Point], articles: list[Article]) -> str | None:
    """The language of most independent articles (copies count as their original); ties go to
    a language the embedder covers (its points are matched by meaning, so more sentences can be
    told in it), then to the language of the earliest article in ``articles``."""
    sources = {source for point in points for source in point.sources}
    counted = [a.lang for a in articles if a.lang and (a.id in sources or not sources)]
    counts = Counter(counted)
    return max(counts, key=lambda lang: (counts[lang], embedded_lang(lang), -counted.index(lang))) if counts else None


def _mmr(candidates: list[tuple[Point, Sentence]], k: int) -> list[tuple[Point, Sentence]]:
    """Maximal marginal relevance over (point, the sentence that tells it). A sentence as close
    to a chosen one as two sentences of one point (POINT_THRESHOLD) is never taken: no fact twice."""
    sources = len({source for point, _ in candidates for source in point.sources}) or 1
    relevance = {p.id: p.support / sources + p.centrality for p, _ in candidates}
    chosen: list[tuple[Point, Sentence]] = []
    while candidates and len(chosen) < k:
        redundancy = {p.id: max((sentence_similarity(s, told) for _, told in chosen), default=0.0)
                      for p, s in candidates}
        candidates = [(p, s) for p, s in candidates if redundancy[p.id] < POINT_THRESHOLD]
        if not candidates:
            break
        best = max(candidates, key=lambda ps: MMR_LAMBDA * relevance[ps[0].id]
                   - (1 - MMR_LAMBDA) * redundancy[ps[0].id])
        chosen.append(best)
        candidates.remove(best)
    return chosen


def event_titles(articles: list[Article], embedder: Embedder) -> dict[str, str]:
    """One title per language: the one closest to the event's titles in all languages (cosine to
    their mean), or, in a language the embedder does not cover, the one sharing most character
    4-grams with that language's other titles."""
    titled = [a for a in articles if a.title and a.lang]
    embedded = [a for a in titled if embedded_lang(a.lang)]
    vectors = dict(zip((a.id for a in embedded), embedder.encode([a.title for a in embedded])))
    centre = np.mean(list(vectors.values()), axis=0) if vectors else None
    titles = {}
    for lang in dict.fromkeys(a.lang for a in titled):
        group = [a for a in titled if a.lang == lang]
        if embedded_lang(lang):
            best = max(group, key=lambda a: float(vectors[a.id] @ centre))
        else:
            best = _most_shared(group)
        titles[lang] = best.title
    return titles


def _most_shared(group: list[Article]) -> Article:
    """The title with the highest summed cosine to the group's other titles (plain TF character
    4-grams: a handful of titles has no IDF), in one pass: the sum of cosines to the others is
    the dot product with the sum of the others' unit vectors."""
    units = []
    for article in group:
        signature = lexical.signature(article.title)
        norm = float(np.linalg.norm(signature.weights)) if signature.buckets.size else 0.0
        units.append((signature.buckets, signature.weights / norm if norm else signature.weights * 0.0))
    total = np.zeros(lexical.N_BUCKETS)
    for buckets, unit in units:
        total[buckets] += unit
    scores = [float(unit @ (total[buckets] - unit)) for buckets, unit in units]
    return group[max(range(len(group)), key=scores.__getitem__)]
