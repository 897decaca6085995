"""`newsweave eval pairs`: the clusterer's own similarity against human ratings (SemEval-2022 Task 8).

Pearson r of the similarity with -overall, per language pair; and same-event agreement: every
article of the file is clustered online, then pairs rated <= 1.5 should share an event and pairs
rated >= 3 should not; `same_event_offline` scores the offline average-linkage clustering of the
same articles with the same similarity and threshold (eval/offline.py). `fit_params` chooses the
similarity weights and the join threshold; `cv_folds` scores them out-of-fold so the README can
show numbers that were not fitted in-sample.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from functools import cached_property
from pathlib import Path

import numpy as np

from newsweave.engine import Engine
from newsweave.errors import BadInput
from newsweave.eval.metrics import pearson, prf
from newsweave.eval.offline import PairMatrices, cluster_matrix, corpus_stats, pair_matrices, similarity_matrix
from newsweave.records import RawDoc
from newsweave.stages.embed import CachedEmbedder, Embedder
from newsweave.stages.events import OnlineClusterer
from newsweave.store.base import EventState
from newsweave.stages.similarity import ArticleSignals, SimilarityParams, content_similarity, design_row, features
from newsweave.store import open_store

SAME = 1.5  # rated at most this: same event
DIFFERENT = 3.0  # rated at least this: different events


def load_pairs(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise BadInput(f"{path}:{number}", f"not JSON ({error.msg})") from None
    return rows


def _docs(rows: list[dict]) -> list[RawDoc]:
    return [RawDoc(source=f"{row['pair_id']}#{side}", title=row.get(f"title{side}") or "",
                   text=row.get(f"text{side}") or "", lang=row.get(f"lang{side}"))
            for row in rows for side in ("1", "2")]


def _lang_key(row: dict) -> str:
    return row["lang1"] if row["lang1"] == row["lang2"] else f"{row['lang1']}-{row['lang2']}"


class PairSet:
    """The file's articles ingested online through the real engine, with their pair features.

    Signals (vectors, n-grams, resolved entities) are read back from the scratch store, so the
    features are exactly those the clusterer computed.
    """

    def __init__(self, rows: list[dict], embedder: Embedder) -> None:
        self.rows = rows
        docs = _docs(rows)
        with tempfile.TemporaryDirectory() as scratch:
            with Engine(open_store(f"sqlite:///{scratch}/pairs.db"), embedder=embedder) as engine:
                report = engine.ingest_docs(docs, progress=False)
                if report.failed:
                    raise BadInput(report.failed[0].input, report.failed[0].error)
                articles = engine.articles()  # in ingestion order
                by_hash = {a.content_hash: a.id for a in articles}
                self.article_of = {source: by_hash[h] for source, h in engine.store.sources()}
                stored = engine.store.signals([a.id for a in articles])
        self.ordered = [(a.id, a.title, stored[a.id][0]) for a in articles]
        self.copy_of = {a.id: a.syndicated_of for a in articles if a.syndicated_of}
        signals = {article_id: s for article_id, _, s in self.ordered}
        self.stats = corpus_stats(signals.values())
        self.named = [features(signals[self.article_of[f"{r['pair_id']}#1"]],
                               signals[self.article_of[f"{r['pair_id']}#2"]], self.stats) for r in rows]
        self.target = np.array([float(r["overall"]) for r in rows])
        self.langs = [_lang_key(r) for r in rows]

    def events(self, params: SimilarityParams) -> dict[str, str]:
        """Source -> event id when the file's articles are clustered online with ``params``.

        Replays the stored signals through the real OnlineClusterer (no re-extraction), so each
        cross-validation fold costs a clustering pass, not a whole ingest. Syndicated copies join
        their original's event, as in the engine.
        """
        replay = _ReplayStore()
        clusterer = OnlineClusterer(replay, len(self.ordered[0][2].vector), params)
        for article_id, title, signals in self.ordered:
            original = self.copy_of.get(article_id)
            if original is None:
                assignment, _ = clusterer.assign(article_id, title, signals)
            else:  # the containment score only enters the evidence, which the replay drops
                assignment = clusterer.assign_copy(article_id, original, 1.0, signals)
            replay.commit(clusterer, article_id, signals, assignment.event_id, original)
        return {source: replay.event_of[article_id] for source, article_id in self.article_of.items()}

    @cached_property
    def _matrices(self) -> PairMatrices:
        return pair_matrices([s for i, _, s in self.ordered if i not in self.copy_of], self.stats)

    def offline_events(self, params: SimilarityParams) -> dict[str, str]:
        """Source -> offline cluster (average linkage, same similarity and threshold as ``events``).

        As online, syndicated copies count once: they take their original's cluster. The pair
        features are computed once; each fold only re-weighs them and re-cuts."""
        ids = [i for i, _, _ in self.ordered if i not in self.copy_of]
        labels = cluster_matrix(ids, similarity_matrix(self._matrices, params), params.same_event_threshold)
        return {source: labels[self.copy_of.get(i, i)] for source, i in self.article_of.items()}


class _ReplayStore:
    """The part of the Store protocol the clusterer reads, held in memory (empty at the start);
    commits apply the clusterer's merges and splits as SqlStore.write_batch does."""

    def __init__(self) -> None:
        self._signals: dict[str, ArticleSignals] = {}
        self._events: dict[str, EventState] = {}
        self._copy_of: dict[str, str] = {}
        self.event_of: dict[str, str] = {}  # article id -> event id, in arrival order

    def commit(self, clusterer: OnlineClusterer, article_id: str, signals: ArticleSignals, event_id: str,
               copy_of: str | None) -> None:
        self._signals[article_id] = signals
        self.event_of[article_id] = event_id
        if copy_of is not None:
            self._copy_of[article_id] = copy_of
        self._events.update((state.id, state) for state in clusterer.pending_events())
        for change in clusterer.pending_changes():
            if change.kind == "absorbed":
                moved = [i for i, e in self.event_of.items() if e == change.event_id]
                target = change.other_event_id
            elif change.kind == "split_from":
                moved = [i for i in self.event_of
                         if i in change.article_ids or self._copy_of.get(i) in change.article_ids]
                target = change.event_id
            else:
                continue
            self.event_of.update(dict.fromkeys(moved, target))
        clusterer.committed()

    def indexed_articles(self, skip: int = 0):
        return iter(())

    def event_redirects(self) -> dict[str, str]:
        return {}

    def latest_published(self) -> None:
        return None

    def count_articles(self) -> int:
        return 0

    def signals(self, article_ids: list[str]) -> dict:
        return {i: (self._signals[i], self.event_of[i]) for i in article_ids if i in self._signals}

    def as_read_back(self, signals):
        return signals  # kept as given

    def event_states(self, event_ids: list[str]) -> dict[str, EventState]:
        return {i: self._events[i] for i in event_ids if i in self._events}

    def event_members(self, event_id: str, limit: int) -> list[tuple[int, str]]:
        members = [(seq, i) for seq, (i, e) in enumerate(self.event_of.items(), 1)
                   if e == event_id and i not in self._copy_of]
        return members[-limit:]


def fit_params(named: list[dict[str, float]], target: np.ndarray,
               base: SimilarityParams | None = None) -> SimilarityParams:
    """Least-squares weights for the rating, the cross-script lexical imputation, then the
    threshold maximising pairwise same-event F1."""
    same_script = [n for n in named if n.get("same_script", 1.0) >= 1.0]
    slope, intercept = np.polyfit([n["entities"] for n in same_script], [n["lexical"] for n in same_script], 1)
    design = np.vstack([design_row(n) for n in named])
    coef, *_ = np.linalg.lstsq(np.c_[design, np.ones(len(design))], target, rcond=None)
    params = replace(base or SimilarityParams(weights=(), bias=0.0, same_event_threshold=0.5),
                     weights=tuple(float(c) for c in coef[:-1]), bias=float(coef[-1]),
                     lexical_from_entities=(float(intercept), float(slope)))
    sims = np.array([content_similarity(n, params) for n in named])
    labelled = (target <= SAME) | (target >= DIFFERENT)
    best_f1, best_t = -1.0, 0.5
    for t in np.arange(0.30, 0.95, 0.01):
        predicted, gold = sims[labelled] >= t, target[labelled] <= SAME
        f1 = prf(int((predicted & gold).sum()), int(predicted.sum()), int(gold.sum()))[2]
        if f1 > best_f1:
            best_f1, best_t = f1, float(round(t, 2))
    return replace(params, same_event_threshold=best_t)


def _fold_ids(n: int, folds: int) -> np.ndarray:
    return np.random.default_rng(0).permutation(n) % folds


def evaluate_pairs(path: Path, *, params: SimilarityParams | None = None, cv_folds: int = 0,
                   embedder: Embedder | None = None) -> dict:
    """CONTRACT's eval pairs JSON. With cv_folds, each pair is scored by a model fitted without its fold."""
    rows = load_pairs(path)
    params = params or SimilarityParams.load()
    pairs = PairSet(rows, CachedEmbedder(embedder))
    sims = np.zeros(len(rows))
    fold_of = _fold_ids(len(rows), cv_folds) if cv_folds else np.zeros(len(rows), dtype=int)
    fold_params: dict[int, SimilarityParams] = {}
    for fold in sorted(set(fold_of.tolist())):
        held = fold_of == fold
        train = [pairs.named[i] for i in np.flatnonzero(~held)]
        fold_params[fold] = fit_params(train, pairs.target[~held], params) if cv_folds else params
        sims[held] = [content_similarity(pairs.named[i], fold_params[fold]) for i in np.flatnonzero(held)]
    gold = -pairs.target
    result: dict = {"n": len(rows), "pearson": {"overall": pearson(sims, gold)},
                    "baseline_cosine": {"overall": pearson(np.array([n["cosine"] for n in pairs.named]), gold)}}
    for lang in sorted(set(pairs.langs)):
        mask = np.array([l == lang for l in pairs.langs])
        if mask.sum() >= 3:
            result["pearson"][lang] = pearson(sims[mask], gold[mask])
            result["baseline_cosine"][lang] = pearson(np.array([pairs.named[i]["cosine"] for i in np.flatnonzero(mask)]), gold[mask])
    same = {fold: pairs.events(fold_params[fold]) for fold in fold_params}
    result["same_event"] = _same_event_scores(pairs, lambda i: same[int(fold_of[i])])
    offline = {fold: pairs.offline_events(fold_params[fold]) for fold in fold_params}
    result["same_event_offline"] = _same_event_scores(pairs, lambda i: offline[int(fold_of[i])])
    if cv_folds:
        result["cv_folds"] = cv_folds
    result["params"] = {"weights": list(params.weights), "bias": params.bias,
                        "same_event_threshold": params.same_event_threshold}
    return result


def _same_event_scores(pairs: PairSet, events_for) -> dict:
    counts: dict[str, list[int]] = {}
    for i, row in enumerate(pairs.rows):
        rating = float(row["overall"])
        if SAME < rating < DIFFERENT:
            continue
        events = events_for(i)
        together = events[f"{row['pair_id']}#1"] == events[f"{row['pair_id']}#2"]
        gold = rating <= SAME
        for key in ("overall", pairs.langs[i]):
            tp_pred_gold = counts.setdefault(key, [0, 0, 0])
            tp_pred_gold[0] += int(together and gold)
            tp_pred_gold[1] += int(together)
            tp_pred_gold[2] += int(gold)
    overall = prf(*counts.pop("overall", [0, 0, 0]))
    scores = {"precision": overall[0], "recall": overall[1], "f1": overall[2]}
    scores.update({lang: prf(*c)[2] for lang, c in sorted(counts.items())})
    return scores


def write_fitted_params(path: Path, target: Path, embedder: Embedder | None = None) -> SimilarityParams:
    """Fit on the whole file and write similarity_params.json (what ships)."""
    pairs = PairSet(load_pairs(path), CachedEmbedder(embedder))
    params = fit_params(pairs.named, pairs.target, SimilarityParams.load() if target.exists() else None)
    target.write_text(params.dump() + "\n")
    return params
