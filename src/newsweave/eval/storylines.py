"""`newsweave eval storylines`: same-storyline decisions on events built from ECB+ gold clusters.

There is no gold storyline data, so this is a constructed measurement; what it shows and what it
cannot:
- Events: each ECB+ gold cluster (one real-world event), its documents ingested through the real
  pipeline (mentions, cross-document entity resolution, USE vectors).
- Positives: every gold event is split into two halves along the first principal axis of its
  documents' vectors (the two most different halves it has); the halves stand for two events of
  one ongoing story and must share a storyline.
- Hard negatives: halves of the other event of the same topic (same kind, different instance:
  two earthquakes years apart, other people) must not.
- Easy negatives: halves of events of other topics must not (this is where a shared country or
  a shared common name would mislead).
- Dates: ECB+ has none. "Dated" gives the halves of one event dates 3 days apart and puts the
  two instances of a topic INSTANCE_GAP_DAYS apart (different occasions, years apart; any gap
  beyond 45 days gives the same numbers, the time factor being then below the threshold).
  Every topic's first instance shares one date, so half of the other-topic pairs are as close
  in time as a real story's events: the hard case.
  "Undated" leaves every event undated (time neutral), as the seeds are: there, negatives of one
  topic that share actors years apart (a football team's two seasons, two Microsoft patches)
  cannot be told from one story by anything but time, and they link.
- Limits: halves of one event are far more alike than two events of one story (centroid cosine:
  5th percentile 0.80; the seeds' two visits 0.48), so recall here is an upper bound, and the data
  cannot fit the feature weights (set in stages/storylines.py; only the threshold is chosen
  here). The time prior is assumed, not measured. IDF is counted once over the whole file, not
  as it grows. English only.

The threshold is chosen on the dated pairs by cross-validation over topics: a pair of
half-events from topics in folds a and b is decided with the threshold that maximises
same-storyline F1 on the pairs of the other folds (the middle of the best range, as the
constructed positives sit above real ones); the undated pairs are decided with the same ones.
Online, halves arrive article by article in a shuffled order (each arrival is ``assign``, so
events grow and may move), once per fold with that fold's threshold; pairs inside the fold count.
"""

from __future__ import annotations

import math
import random
import tempfile
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from itertools import combinations
from pathlib import Path

import numpy as np

from newsweave.engine import Engine
from newsweave.eval.metrics import prf
from newsweave.eval.pairs import load_pairs
from newsweave.records import RawDoc
from newsweave.stages.embed import Embedder
from newsweave.stages.similarity import ArticleSignals
from newsweave.stages.storylines import (JOIN_THRESHOLD, EventProfile, StorylineIndex, profile_from_signals)
from newsweave.store import open_store

THRESHOLDS = np.round(np.arange(0.20, 0.90, 0.01), 2)
DAY0 = datetime(2000, 1, 3, tzinfo=timezone.utc)
HALF_GAP_DAYS = 3
INSTANCE_GAP_DAYS = 730


class HalfEvents:
    """The file's gold events as pairs of half-events, with the pipeline's signals."""

    def __init__(self, rows: list[dict], embedder: Embedder | None = None) -> None:
        # Some ECB+ documents have a headline and no body: their headline is the text.
        docs = [RawDoc(source=str(r["id"]), title=(r.get("title") or "") if (r.get("text") or "").strip() else "",
                       text=r.get("text") if (r.get("text") or "").strip() else (r.get("title") or ""),
                       lang=r.get("lang")) for r in rows]
        with tempfile.TemporaryDirectory() as scratch:
            with Engine(open_store(f"sqlite:///{scratch}/storylines.db"), embedder=embedder) as engine:
                engine.ingest_docs(docs, progress=False)
                by_hash = {a.content_hash: a.id for a in engine.articles()}
                article_of = {source: by_hash[h] for source, h in engine.store.sources()}
                signals = {i: s for i, (s, _) in engine.store.signals(list(by_hash.values())).items()}
                types = dict(engine.resolver.types)
        df = Counter(e for s in signals.values() for e in s.entities)
        self.idf = {e: math.log((1.0 + len(signals)) / (1.0 + n)) + 1.0 for e, n in df.items()}
        members: dict[str, list[str]] = defaultdict(list)
        self.topic: dict[str, str] = {}
        for row in rows:
            article_id = article_of.get(str(row["id"]))
            if article_id is not None and article_id not in members[str(row["cluster"])]:
                members[str(row["cluster"])].append(article_id)
                self.topic[str(row["cluster"])] = str(row["topic"])
        self.types = types
        self.signals = signals
        # half-event id -> (gold event, its articles in file order)
        self.halves: dict[str, tuple[str, list[str]]] = {}
        for cluster, article_ids in sorted(members.items()):
            if len(article_ids) < 2:
                continue
            for number, half in enumerate(_split(article_ids, signals)):
                self.halves[f"{cluster}#{number}"] = (cluster, half)

    def profile(self, half_id: str, dated: bool, articles: list[str] | None = None) -> EventProfile:
        cluster, article_ids = self.halves[half_id]
        chosen = articles if articles is not None else article_ids
        profile = profile_from_signals(half_id, half_id, [self.signals[a] for a in chosen], self.types)
        if not dated:
            return profile
        instance = sorted(c for c, t in self.topic.items() if t == self.topic[cluster]).index(cluster)
        day = DAY0 + timedelta(days=instance * INSTANCE_GAP_DAYS + int(half_id.rsplit("#", 1)[1]) * HALF_GAP_DAYS)
        return replace(profile, first_published=day, last_published=day)

    def kind(self, a: str, b: str) -> str:
        ca, cb = self.halves[a][0], self.halves[b][0]
        if ca == cb:
            return "positive"
        return "same_topic" if self.topic[ca] == self.topic[cb] else "other_topic"


def _split(article_ids: list[str], signals: dict[str, ArticleSignals]) -> list[list[str]]:
    """Two halves along the first principal axis of the documents' vectors."""
    vectors = np.vstack([signals[a].vector for a in article_ids])
    centred = vectors - vectors.mean(axis=0)
    axis = np.linalg.svd(centred, full_matrices=False)[2][0]
    order = np.argsort(centred @ axis, kind="stable")
    half = len(article_ids) // 2
    return [sorted((article_ids[i] for i in order[:half]), key=article_ids.index),
            sorted((article_ids[i] for i in order[half:]), key=article_ids.index)]


def pair_scores(data: HalfEvents, dated: bool) -> dict[tuple[str, str], float]:
    """Score of every half-event against every other, each standing as a storyline of one."""
    index = StorylineIndex()
    profiles = {h: data.profile(h, dated) for h in data.halves}
    for half_id, profile in profiles.items():
        index.restore(profile, f"st_{half_id}")
    return {(a, b): index.score(profiles[a], f"st_{b}", data.idf)[0] for a, b in combinations(profiles, 2)}


def best_threshold(scores: list[float], gold: list[bool]) -> float:
    """Middle of the threshold range with the best same-storyline F1."""
    s, g = np.array(scores), np.array(gold)
    f1 = np.array([prf(int(((s >= t) & g).sum()), int((s >= t).sum()), int(g.sum()))[2] for t in THRESHOLDS])
    best = THRESHOLDS[f1 >= f1.max() - 1e-9]
    return float(round((best.min() + best.max()) / 2, 2))


def _folds(topics: list[str], folds: int) -> dict[str, int]:
    order = sorted(topics, key=lambda t: (int(t) if t.isdigit() else 0, t))
    return {topic: number % folds for number, topic in enumerate(order)}


def online_storylines(data: HalfEvents, threshold: float, seed: int, dated: bool) -> tuple[dict[str, str], Counter]:
    """Half-event -> storyline when articles arrive one by one in a shuffled order."""
    index = StorylineIndex(threshold)
    arrivals = [(h, a) for h, (_, articles) in data.halves.items() for a in articles]
    random.Random(seed).shuffle(arrivals)
    seen: dict[str, list[str]] = defaultdict(list)
    decisions: Counter = Counter()
    for half_id, article_id in arrivals:
        seen[half_id].append(article_id)
        decision = index.assign(data.profile(half_id, dated, seen[half_id]), data.idf)
        decisions[decision.evidence["decision"]] += 1
    return {h: index.storyline_of(h) or "" for h in data.halves}, decisions


def evaluate_storylines(path: Path, *, folds: int = 7, orders: int = 3, embedder: Embedder | None = None) -> dict:
    """Pairwise same-storyline precision and recall, out-of-fold, dated and undated."""
    rows = load_pairs(path)
    data = HalfEvents(rows, embedder)
    fold_of_topic = _folds(sorted(set(data.topic.values())), folds)
    fold = {h: fold_of_topic[data.topic[cluster]] for h, (cluster, _) in data.halves.items()}
    scores = {dated: pair_scores(data, dated) for dated in (True, False)}
    thresholds: dict[frozenset, float] = {}
    for a, b in scores[True]:
        held = frozenset((fold[a], fold[b]))
        if held not in thresholds:
            train = [(s, data.kind(x, y) == "positive") for (x, y), s in scores[True].items()
                     if fold[x] not in held and fold[y] not in held]
            thresholds[held] = best_threshold([s for s, _ in train], [g for _, g in train])
    result: dict = {"documents": len(rows), "events": len({c for c, _ in data.halves.values()}),
                    "half_events": len(data.halves), "folds": folds, "threshold_shipped": JOIN_THRESHOLD,
                    "threshold_in_sample": best_threshold(list(scores[True].values()),
                                                          [data.kind(a, b) == "positive" for a, b in scores[True]]),
                    "thresholds_out_of_fold": sorted(set(thresholds.values()))}
    for dated in (True, False):
        predicted = {(a, b): s >= thresholds[frozenset((fold[a], fold[b]))] for (a, b), s in scores[dated].items()}
        online: Counter = Counter()
        decisions: Counter = Counter()
        for held in range(folds):
            inside = [h for h in data.halves if fold[h] == held]
            for seed in range(orders):
                storyline_of, made = online_storylines(data, thresholds[frozenset((held,))], seed, dated)
                decisions.update(made)
                online.update((data.kind(a, b), storyline_of[a] == storyline_of[b]) for a, b in combinations(inside, 2))
        result["dated" if dated else "undated"] = {
            "pairs": _report(Counter((data.kind(a, b), linked) for (a, b), linked in predicted.items()))
            | {"score_percentiles_5_50_95": _percentiles(data, scores[dated])},
            "online": _report(online) | {"orders": orders, "decisions": dict(decisions)}}
    result["growth"] = _growth(data)
    return result


def _percentiles(data: HalfEvents, scores: dict[tuple[str, str], float]) -> dict[str, list[float]]:
    by_kind: dict[str, list[float]] = defaultdict(list)
    for (a, b), score in scores.items():
        by_kind[data.kind(a, b)].append(score)
    return {k: [round(float(np.percentile(v, q)), 3) for q in (5, 50, 95)] for k, v in sorted(by_kind.items())}


def _report(counts: Counter) -> dict:
    linked = sum(n for (_, together), n in counts.items() if together)
    gold = counts[("positive", True)] + counts[("positive", False)]
    precision, recall, f1 = prf(counts[("positive", True)], linked, gold)
    rates = {}
    for kind in ("same_topic", "other_topic"):
        total = counts[(kind, True)] + counts[(kind, False)]
        rates[f"{kind}_linked"] = round(counts[(kind, True)] / total, 4) if total else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "positives": gold, **rates}


def _growth(data: HalfEvents) -> dict:
    """How much one more article moves an event's score against its twin: the noise a move
    must beat (MOVE_MARGIN) to mean that the evidence changed."""
    index = StorylineIndex()
    for half_id in data.halves:
        index.restore(data.profile(half_id, False), f"st_{half_id}")
    steps = []
    for half_id, (cluster, articles) in data.halves.items():
        twin = next(h for h, (c, _) in data.halves.items() if c == cluster and h != half_id)
        scores = [index.score(data.profile(half_id, False, articles[:k]), f"st_{twin}", data.idf)[0]
                  for k in range(1, len(articles) + 1)]
        steps += [abs(b - a) for a, b in zip(scores, scores[1:])]
    return {"per_article_change_median": round(float(np.median(steps)), 3),
            "per_article_change_p90": round(float(np.percentile(steps, 90)), 3)}
