"""Offline baseline for the events: what being online costs.

The online clusterer sees each article once, scores it against its ANN candidates only, with the
IDF known so far, and never revisits a decision. This baseline sees the whole set at once:
agglomerative average linkage (scipy) over the same pairwise `similarity()`, with one CorpusStats
over every article, cut at the same join threshold (distance 1 - same_event_threshold: an event
is kept together while its members' average similarity is at least the threshold).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix

from newsweave.stages.instance import INSTANCE_FEATURES, pair_features
from newsweave.stages.similarity import ArticleSignals, CorpusStats, SimilarityParams, design_row, instance_shift, veto


def corpus_stats(signals: Iterable[ArticleSignals]) -> CorpusStats:
    """Document frequencies over the whole set (the online side only knows the articles before)."""
    stats = CorpusStats()
    for s in signals:
        stats.add(s)
    return stats


@dataclass(frozen=True)
class PairMatrices:
    """`features()` of every pair at once (n x n each), the days between the two dates (NaN
    where either is unknown) and the instance features (INSTANCE_FEATURES x n x n, 0 where either
    article has no facts); nothing here depends on the parameters."""

    named: dict[str, np.ndarray]
    days: np.ndarray
    instance: np.ndarray


def _cosines(rows: csr_matrix) -> np.ndarray:
    """Cosine of every pair of sparse rows; 0 for an empty row (as the scalar versions return)."""
    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    unit = csr_matrix(rows.multiply(inverse[:, None]))
    return (unit @ unit.T).toarray()


def _lexical(signals: list[ArticleSignals], stats: CorpusStats) -> np.ndarray:
    """lexical.similarity for every pair: TF-IDF rows over the hashed buckets."""
    data = [s.lexical.weights * stats.lexical.idf(s.lexical.buckets) for s in signals]
    columns = [s.lexical.buckets for s in signals]
    return _cosines(_sparse(data, columns, stats.lexical.counts.size))


def _entities(signals: list[ArticleSignals], stats: CorpusStats) -> np.ndarray:
    """entity_overlap for every pair: IDF-weighted entity profiles."""
    vocabulary: dict[str, int] = {}
    data, columns = [], []
    for s in signals:
        data.append(np.array([(1.0 + math.log(c)) * stats.entity_idf(e) for e, c in s.entities.items()]))
        columns.append(np.array([vocabulary.setdefault(e, len(vocabulary)) for e in s.entities], dtype=np.int64))
    return _cosines(_sparse(data, columns, max(1, len(vocabulary))))


def _sparse(data: list[np.ndarray], columns: list[np.ndarray], width: int) -> csr_matrix:
    indptr = np.cumsum([0] + [len(d) for d in data])
    values = np.concatenate([np.zeros(0), *data])  # the empty head keeps an all-empty set valid
    indices = np.concatenate([np.zeros(0, np.int64), *columns])
    return csr_matrix((values, indices, indptr), shape=(len(data), width))


def _days_apart(published: list[datetime | None]) -> np.ndarray:
    """Days between every pair of dates (NaN where either is unknown), as time_factor counts them:
    two dates with a zone in UTC, a naive one against any other by wall clock."""
    wall = np.array([p.replace(tzinfo=timezone.utc).timestamp() if p is not None else np.nan for p in published])
    utc = np.array([p.timestamp() if p is not None and p.tzinfo else w for p, w in zip(published, wall)])
    aware = np.array([p is not None and p.tzinfo is not None for p in published])
    apart = np.where(aware[:, None] & aware[None, :], utc[:, None] - utc[None, :], wall[:, None] - wall[None, :])
    return np.abs(apart) / 86400.0


def _instance(signals: list[ArticleSignals], stats: CorpusStats) -> np.ndarray:
    """pair_features of every pair with facts on both sides (a loop: the facts are small sets)."""
    found = np.zeros((len(INSTANCE_FEATURES), len(signals), len(signals)))
    dated = [i for i, s in enumerate(signals) if s.instance is not None]
    for x, i in enumerate(dated):
        for j in dated[x + 1:]:
            named = pair_features(signals[i].instance, signals[j].instance, stats.entity_idf, stats.word_idf,
                                  same_language=signals[i].lang == signals[j].lang)
            found[:, i, j] = found[:, j, i] = [named[k] for k in INSTANCE_FEATURES]
    return found


def pair_matrices(signals: list[ArticleSignals], stats: CorpusStats) -> PairMatrices:
    vectors = np.vstack([s.vector for s in signals]).astype(np.float64)
    titles = np.vstack([s.title_vector for s in signals]).astype(np.float64)
    scripts = np.array([s.script for s in signals], dtype=object)
    langs = np.array([s.lang for s in signals], dtype=object)
    known = np.array([s.lang is not None for s in signals])
    named = {
        "cosine": vectors @ vectors.T,
        "lexical": _lexical(signals, stats),
        "title_cosine": titles @ titles.T,
        "entities": _entities(signals, stats),
        "same_script": (scripts[:, None] == scripts[None, :]).astype(np.float64),
        "cross_lingual": (known[:, None] & known[None, :] & (langs[:, None] != langs[None, :])).astype(np.float64),
    }
    return PairMatrices(named=named, days=_days_apart([s.published for s in signals]),
                        instance=_instance(signals, stats))


def similarity_matrix(pairs: PairMatrices, params: SimilarityParams) -> np.ndarray:
    """`similarity()` of every pair, from the same design and parameters."""
    named = pairs.named
    # impute_lexical, elementwise: across scripts the n-gram overlap comes from the entity overlap.
    intercept, slope = params.lexical_from_entities
    imputed = np.where(named["same_script"] >= 1.0, named["lexical"],
                       np.maximum(named["lexical"], intercept + slope * named["entities"]))
    design = design_row(named | {"lexical": imputed})  # (columns, n, n)
    rating = np.tensordot(np.asarray(params.weights), design, axes=1) + params.bias
    content = np.clip((4.0 - rating) / 3.0, 0.0, 1.0)
    decay = np.exp(-np.maximum(0.0, pairs.days - params.time_grace_days) / params.time_scale_days)
    score = content * np.where(np.isnan(pairs.days), 1.0, decay)
    if not params.instance_weights:
        return score
    return instance_shift(score, veto(np.tensordot(np.asarray(params.instance_weights), pairs.instance, axes=1)))


def cluster_matrix(ids: list[str], sims: np.ndarray, threshold: float) -> dict[str, str]:
    """Average linkage cut at distance 1 - threshold; each cluster labelled by its first id."""
    if len(ids) < 2:
        return {i: f"off_{i}" for i in ids}
    upper = np.triu_indices(len(ids), k=1)
    tree = linkage(1.0 - sims[upper], method="average")
    flat = fcluster(tree, t=1.0 - threshold, criterion="distance")
    first: dict[int, str] = {}
    return {i: f"off_{first.setdefault(int(c), i)}" for i, c in zip(ids, flat)}


def offline_events(ids: list[str], signals: dict[str, ArticleSignals], stats: CorpusStats,
                   params: SimilarityParams) -> dict[str, str]:
    """Article id -> offline cluster label."""
    sims = similarity_matrix(pair_matrices([signals[i] for i in ids], stats), params)
    return cluster_matrix(ids, sims, params.same_event_threshold)
