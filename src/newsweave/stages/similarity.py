"""How alike two articles are: the one similarity that `eval pairs` scores and the clusterer uses.

Three named features (document-vector cosine, character 4-gram TF-IDF cosine, title-vector
cosine) enter a linear model with their squares, fitted to human similarity ratings of
SemEval-2022 Task 8 by `newsweave eval pairs --fit` and shipped in similarity_params.json
(coefficients only; the data is Apache-2.0). Squares matter: on that file, 10-fold
cross-validated Pearson r rises from 0.735 (linear) to 0.770 (with squares); see README.

Two happenings of one kind are told in nearly the same words, so the clusterer's similarity
then moves by the pair's instance agreement and conflicts (stages/instance.py: years,
places, people, numbers) on the log-odds scale; `eval pairs` Pearson scores the content part.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path

import numpy as np

from newsweave.stages import lexical
from newsweave.stages.instance import INSTANCE_FEATURES, InstanceFacts, pair_features


@dataclass(frozen=True)
class ArticleSignals:
    """What the similarity needs of one article (all stored with it)."""

    vector: np.ndarray  # title + lead embedding, L2-normalised
    title_vector: np.ndarray
    lexical: lexical.LexicalSignature
    published: datetime | None
    entities: dict[str, float] = field(default_factory=dict)  # resolved entity id -> mentions
    script: str = "Latin"  # the article's main script (decides whether n-grams can overlap)
    lang: str | None = None
    minhash: np.ndarray | None = None  # near-duplicate signature of the body (stages/syndication)
    instance: InstanceFacts | None = None  # years, places, people, numbers (stages/instance)


# Word IDFs are recomputed once the corpus has grown by this share (IDF moves little in between;
# ECB+ out-of-fold F1 0.896 with it, 0.893 recomputing per article, in under half the time).
WORD_IDF_REFRESH = 0.05
WORD_CACHE = 100_000


class CorpusStats:
    """Online document frequencies of n-grams and of entities: the IDF side of both overlaps."""

    def __init__(self) -> None:
        self.lexical = lexical.DocumentFrequencies()
        self.entity_counts: Counter[str] = Counter()
        self._word_grams: dict[str, np.ndarray] = {}
        self._word_idf: dict[str, float] = {}
        self._word_idf_at = 0  # the document count the cached word IDFs were read at
        self._entity_weighing: Callable[[str], float] | None = None
        self._entity_weighing_at = 0

    def add(self, signals: "ArticleSignals") -> None:
        self.lexical.add(signals.lexical)
        self.entity_counts.update(signals.entities.keys())

    def save(self, path: Path, position: int) -> None:
        """The frequencies as of the store's first ``position`` articles (beside the vector index)."""
        partial = path.with_name(path.name + ".partial")
        with open(partial, "wb") as out:
            np.savez(out, position=position, documents=self.lexical.documents, counts=self.lexical.counts,
                     entity_ids=np.array(list(self.entity_counts), dtype=str),
                     entity_counts=np.array(list(self.entity_counts.values()), dtype=np.int64))
        os.replace(partial, path)

    @classmethod
    def load(cls, path: Path, position: int) -> "CorpusStats | None":
        """Saved frequencies, or None when missing, unreadable or not as of ``position``."""
        try:
            with np.load(path) as saved:
                if int(saved["position"]) != position or saved["counts"].shape != (lexical.N_BUCKETS,):
                    return None
                stats = cls()
                stats.lexical.counts = saved["counts"].astype(np.int32)
                stats.lexical.documents = int(saved["documents"])
                stats.entity_counts = Counter(dict(zip(saved["entity_ids"].tolist(),
                                                       saved["entity_counts"].tolist())))
        except (OSError, ValueError, KeyError):
            return None
        return stats

    def entity_idf(self, entity_id: str) -> float:
        return math.log((1.0 + self.lexical.documents) / (1.0 + self.entity_counts[entity_id])) + 1.0

    def entity_weighing(self) -> Callable[[str], float]:
        """Entity IDF as one function that answers the same until the corpus has grown by
        WORD_IDF_REFRESH: storylines keep the weighted norms they computed with it until then
        (with `entity_idf` itself, every batch moved the IDF and every candidate storyline's norms
        were computed again: 8 ms per article at 100k stored)."""
        if (self._entity_weighing is None
                or self.lexical.documents - self._entity_weighing_at > WORD_IDF_REFRESH * self._entity_weighing_at):
            frozen: dict[str, float] = {}

            def weigh(entity_id: str) -> float:
                if entity_id not in frozen:
                    frozen[entity_id] = self.entity_idf(entity_id)
                return frozen[entity_id]

            self._entity_weighing, self._entity_weighing_at = weigh, self.lexical.documents
        return self._entity_weighing

    def word_idf(self, word: str) -> float:
        """IDF of a word's rarest character 4-gram: the n-gram frequencies are what the store
        restores, and a word is at most as frequent as its rarest n-gram (on ECB+ dev, online
        F1 out-of-fold 0.879 with it, 0.881 with exact word frequencies, 0.874 unweighted).
        Cached until the corpus has grown by WORD_IDF_REFRESH: recomputed per article, the
        names of the neighbours cost more than all other features together."""
        if self.lexical.documents - self._word_idf_at > WORD_IDF_REFRESH * self._word_idf_at:
            self._word_idf, self._word_idf_at = {}, self.lexical.documents
        if word not in self._word_idf:
            grams = self._word_grams.get(word)
            if grams is None:
                if len(self._word_grams) >= WORD_CACHE:
                    self._word_grams.pop(next(iter(self._word_grams)))
                grams = self._word_grams[word] = lexical.signature(word).buckets
            self._word_idf[word] = float(self.lexical.idf(grams).max()) if grams.size else 1.0
        return self._word_idf[word]


def entity_overlap(a: dict[str, float], b: dict[str, float], stats: CorpusStats) -> float:
    """Cosine of IDF-weighted entity profiles: sharing a rare entity counts more than a common one."""
    if not a or not b:
        return 0.0
    wa = {e: (1.0 + math.log(c)) * stats.entity_idf(e) for e, c in a.items()}
    wb = {e: (1.0 + math.log(c)) * stats.entity_idf(e) for e, c in b.items()}
    dot = sum(w * wb[e] for e, w in wa.items() if e in wb)
    if dot == 0.0:
        return 0.0
    return dot / (math.sqrt(sum(w * w for w in wa.values())) * math.sqrt(sum(w * w for w in wb.values())))


@dataclass(frozen=True)
class SimilarityParams:
    weights: tuple[float, ...]  # one per design column (see design_row)
    bias: float
    same_event_threshold: float  # on the 0..1 similarity scale
    # Character n-grams cannot overlap across scripts (Arabic vs French). There, the lexical
    # overlap is imputed from the entity overlap, lexical ≈ a + b·entities, the relation fitted
    # on same-script pairs (SemEval dev: r = 0.73 between the two).
    lexical_from_entities: tuple[float, float] = (0.0, 0.0)
    # Time proximity: no dated pairs in the shared data to fit it on, so it is a prior:
    # articles further apart than `time_grace_days` lose similarity with a `time_scale_days` decay.
    time_grace_days: float = 3.0
    time_scale_days: float = 7.0
    # Log-odds shifts of the similarity per instance feature (INSTANCE_FEATURES order): a logistic
    # regression of "same happening" on ECB+ dev pairs (same topic, or similarity > 0.3) with the
    # similarity's log-odds as offset, signs fixed (agreement >= 0, conflict <= 0), L2 10; the sum
    # is a veto (only lowers). Online BCubed F1 out-of-fold, leave-topics-out (7 folds of 3
    # topics): 0.896 (without names and scores 0.857, no shift 0.812; another draw of the folds
    # 0.894 against 0.847). Scaling the fitted weights up (x1.5) bought ECB+ 0.007 and cost
    # SemEval same-event F1 0.012. With these features the join threshold, re-chosen per fold on
    # the training topics (0.45 or 0.47), scored 0.886 out-of-fold: it stays as SemEval fitted it.
    instance_weights: tuple[float, ...] = ()
    # Log-odds shifts of the link between two events by their pooled facts (stages/events.py
    # `event_link`, INSTANCE_FEATURES order), not a veto: the same logistic regression on pairs of
    # ECB+ dev event fragments (runs of 1, 2, 4 and 8 consecutive members of a gold event; same
    # topic, or content similarity > 0.3), the fragments' average content similarity as offset,
    # signs fixed, L2 100 (10 gave 0.908 out-of-fold, 300 0.915 on one draw of the folds and 0.893
    # and 0.900 on two others: kept at 100 as chosen first). Fragments without singletons: 0.894.
    # A merge threshold above the join threshold (0.55, 0.6) or 16 linked members: 0.903-0.907.
    merge_weights: tuple[float, ...] = ()

    @classmethod
    def load(cls) -> "SimilarityParams":
        raw = json.loads(resources.files("newsweave.stages").joinpath("similarity_params.json").read_text())
        return cls(weights=tuple(raw["weights"]), bias=raw["bias"],
                   same_event_threshold=raw["same_event_threshold"],
                   time_grace_days=raw.get("time_grace_days", 3.0),
                   time_scale_days=raw.get("time_scale_days", 7.0),
                   lexical_from_entities=tuple(raw.get("lexical_from_entities", (0.0, 0.0))),
                   instance_weights=tuple(raw.get("instance_weights", ())),
                   merge_weights=tuple(raw.get("merge_weights", ())))

    def dump(self) -> str:
        return json.dumps(self.__dict__ | {"design": DESIGN, "weights": list(self.weights),
                                           "lexical_from_entities": list(self.lexical_from_entities),
                                           "instance_weights": list(self.instance_weights),
                                           "merge_weights": list(self.merge_weights),
                                           "instance_design": INSTANCE_FEATURES}, indent=2)


def features(a: ArticleSignals, b: ArticleSignals, stats: CorpusStats) -> dict[str, float]:
    """The named features of one pair (stored as the evidence of each clustering decision)."""
    return {
        "cosine": float(np.dot(a.vector, b.vector)),
        "lexical": lexical.similarity(a.lexical, b.lexical, stats.lexical),
        "title_cosine": float(np.dot(a.title_vector, b.title_vector)),
        "entities": entity_overlap(a.entities, b.entities, stats),
        "same_script": float(a.script == b.script),
        "cross_lingual": float(a.lang is not None and b.lang is not None and a.lang != b.lang),
    }


# Columns of the linear model. Squares of the three text features: 10-fold CV Pearson on SemEval
# dev 0.735 -> 0.770. Entities enter linearly and through their product with lexical overlap
# (10-fold CV: 0.773 without entities, 0.777 with; ar 0.354 -> 0.386, fr 0.839 -> 0.852).
# Embeddings of two languages sit further apart than their content warrants: the fitted
# cross-lingual offset (from the de-en pairs) corrects it (CV 0.776 -> 0.778).
DESIGN = ("cosine", "lexical", "title_cosine", "cosine^2", "lexical^2", "title_cosine^2",
          "entities", "entities*lexical", "cross_lingual")


def design_row(named: dict[str, float]) -> np.ndarray:
    c, l, t, e = (named[k] for k in ("cosine", "lexical", "title_cosine", "entities"))
    return np.array([c, l, t, c * c, l * l, t * t, e, e * l, named.get("cross_lingual", 0.0)], dtype=np.float64)


def impute_lexical(named: dict[str, float], params: "SimilarityParams") -> dict[str, float]:
    """Across scripts, n-gram overlap is unobservable: take it from the entity overlap instead."""
    if named.get("same_script", 1.0) >= 1.0:
        return named
    intercept, slope = params.lexical_from_entities
    return named | {"lexical": max(named["lexical"], intercept + slope * named["entities"])}


def content_similarity(named: dict[str, float], params: SimilarityParams) -> float:
    """Predicted similarity on a 0 (unrelated) .. 1 (same story) scale.

    The model predicts the SemEval "overall" rating (1 = very similar .. 4 = not similar);
    (4 - rating) / 3 maps it to 0..1.
    """
    rating = float(np.dot(params.weights, design_row(impute_lexical(named, params))) + params.bias)
    return min(1.0, max(0.0, (4.0 - rating) / 3.0))


def content_score(a: ArticleSignals, b: ArticleSignals, stats: CorpusStats, params: SimilarityParams) -> float:
    """The similarity before any instance evidence: content times the time factor."""
    return content_similarity(features(a, b, stats), params) * time_factor(a.published, b.published, params)


def time_factor(a: datetime | None, b: datetime | None, params: SimilarityParams) -> float:
    """1 when either date is unknown or both are close, decaying beyond the grace period."""
    if a is None or b is None:
        return 1.0
    try:
        days = abs((a - b).total_seconds()) / 86400.0
    except TypeError:  # naive vs aware: compare as naive
        days = abs((a.replace(tzinfo=None) - b.replace(tzinfo=None)).total_seconds()) / 86400.0
    return math.exp(-max(0.0, days - params.time_grace_days) / params.time_scale_days)


# Scores are kept this far inside 0..1 before taking log-odds.
_EDGE = 1e-4


def instance_shift(score: float | np.ndarray, shift: float | np.ndarray) -> float | np.ndarray:
    """The score moved by ``shift`` on the log-odds scale: no instance evidence leaves it as it is."""
    p = np.clip(score, _EDGE, 1.0 - _EDGE)
    moved = 1.0 / (1.0 + np.exp(-(np.log(p / (1.0 - p)) + shift)))
    return np.where(shift == 0.0, score, moved)


def instance_evidence(a: ArticleSignals, b: ArticleSignals, stats: CorpusStats,
                      params: SimilarityParams) -> tuple[dict[str, float], float]:
    """The pair's instance features and their summed log-odds shift (none when either article
    has no stored facts or no weights are fitted)."""
    if a.instance is None or b.instance is None or not params.instance_weights:
        return {}, 0.0
    named = pair_features(a.instance, b.instance, stats.entity_idf, stats.word_idf, same_language=a.lang == b.lang)
    return named, veto(sum(w * named[k] for w, k in zip(params.instance_weights, INSTANCE_FEATURES)))


def veto(shift: float | np.ndarray) -> float | np.ndarray:
    """Instance evidence only lowers a score: agreement offsets conflicts but never joins on its
    own. In a stream most pairs share a year, a country, a recurring actor; raising scores on
    that joined different happenings (SemEval dev same-event F1 0.842 -> 0.766, the seeds'
    Azerbaijan visit joined the Ankara one)."""
    return np.minimum(0.0, shift) if isinstance(shift, np.ndarray) else min(0.0, float(shift))


def similarity(a: ArticleSignals, b: ArticleSignals, stats: CorpusStats,
               params: SimilarityParams) -> tuple[float, dict[str, float]]:
    """Similarity in 0..1 and its evidence (named features, time factor, instance features)."""
    named = features(a, b, stats)
    named["time_factor"] = time_factor(a.published, b.published, params)
    instance, shift = instance_evidence(a, b, stats, params)
    named.update(instance)
    score = content_similarity(named, params) * named["time_factor"]
    return float(instance_shift(score, shift)), named
