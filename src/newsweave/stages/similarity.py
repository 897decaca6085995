"""How alike two articles are: the one similarity that `eval pairs` scores and the clusterer uses.

Three named features (document-vector cosine, character 4-gram TF-IDF cosine, title-vector
cosine) enter a linear model with their squares, fitted to human similarity ratings of
SemEval-2022 Task 8 by `newsweave eval pairs --fit` and shipped in similarity_params.json
(coefficients only; the data is Apache-2.0). Squares matter: on that file, 10-fold
cross-validated Pearson r rises from 0.735 (linear) to 0.770 (with squares); see README.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime
from importlib import resources

import numpy as np

from newsweave.stages import lexical

FEATURES = ("cosine", "lexical", "title_cosine")


@dataclass(frozen=True)
class ArticleSignals:
    """What the similarity needs of one article (all stored with it)."""

    vector: np.ndarray  # title + lead embedding, L2-normalised
    title_vector: np.ndarray
    lexical: lexical.LexicalSignature
    published: datetime | None


@dataclass(frozen=True)
class SimilarityParams:
    weights: tuple[float, ...]  # one per design column: features, then their squares
    bias: float
    same_event_threshold: float  # on the 0..1 similarity scale
    # Time proximity: no dated pairs in the shared data to fit it on, so it is a prior:
    # articles further apart than `time_grace_days` lose similarity with a `time_scale_days` decay.
    time_grace_days: float = 3.0
    time_scale_days: float = 7.0

    @classmethod
    def load(cls) -> "SimilarityParams":
        raw = json.loads(resources.files("newsweave.stages").joinpath("similarity_params.json").read_text())
        return cls(weights=tuple(raw["weights"]), bias=raw["bias"],
                   same_event_threshold=raw["same_event_threshold"],
                   time_grace_days=raw.get("time_grace_days", 3.0),
                   time_scale_days=raw.get("time_scale_days", 7.0))

    def dump(self) -> str:
        return json.dumps(self.__dict__ | {"features": FEATURES, "weights": list(self.weights)}, indent=2)


def features(a: ArticleSignals, b: ArticleSignals, df: lexical.DocumentFrequencies) -> dict[str, float]:
    """The named features of one pair (stored as the evidence of each clustering decision)."""
    return {
        "cosine": float(np.dot(a.vector, b.vector)),
        "lexical": lexical.similarity(a.lexical, b.lexical, df),
        "title_cosine": float(np.dot(a.title_vector, b.title_vector)),
    }


def design_row(named: dict[str, float]) -> np.ndarray:
    values = np.array([named[name] for name in FEATURES], dtype=np.float64)
    return np.concatenate([values, values ** 2])


def content_similarity(named: dict[str, float], params: SimilarityParams) -> float:
    """Predicted similarity on a 0 (unrelated) .. 1 (same story) scale.

    The model predicts the SemEval "overall" rating (1 = very similar .. 4 = not similar);
    (4 - rating) / 3 maps it to 0..1.
    """
    rating = float(np.dot(params.weights, design_row(named)) + params.bias)
    return min(1.0, max(0.0, (4.0 - rating) / 3.0))


def time_factor(a: datetime | None, b: datetime | None, params: SimilarityParams) -> float:
    """1 when either date is unknown or both are close, decaying beyond the grace period."""
    if a is None or b is None:
        return 1.0
    try:
        days = abs((a - b).total_seconds()) / 86400.0
    except TypeError:  # naive vs aware: compare as naive
        days = abs((a.replace(tzinfo=None) - b.replace(tzinfo=None)).total_seconds()) / 86400.0
    return math.exp(-max(0.0, days - params.time_grace_days) / params.time_scale_days)


def similarity(a: ArticleSignals, b: ArticleSignals, df: lexical.DocumentFrequencies,
               params: SimilarityParams) -> tuple[float, dict[str, float]]:
    """Similarity in 0..1 and its evidence (named features, time factor)."""
    named = features(a, b, df)
    named["time_factor"] = time_factor(a.published, b.published, params)
    return content_similarity(named, params) * named["time_factor"], named
