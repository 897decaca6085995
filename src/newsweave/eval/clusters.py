"""`newsweave eval clusters`: online events against gold clusters (BCubed, pairwise F1, ARI).

Articles are ingested one at a time in `published` order (file order where absent) into a
scratch store through the real pipeline; only title, text, lang and published are read.
Two references show what being online costs: the offline average-linkage clustering of the same
articles with the same similarity (eval/offline.py), and re-runs in random orders (`orders`).
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from math import comb
from pathlib import Path
from statistics import mean
from typing import Sequence

import numpy as np

from newsweave.engine import Engine
from newsweave.eval.offline import corpus_stats, offline_events
from newsweave.eval.pairs import load_pairs
from newsweave.records import RawDoc
from newsweave.stages.embed import CachedEmbedder, Embedder
from newsweave.stages.similarity import ArticleSignals, SimilarityParams
from newsweave.store import open_store


def _published(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _order_key(item: tuple[int, dict]) -> tuple[bool, float, int]:
    """Dated articles first, oldest first; undated ones after, in file order."""
    number, row = item
    published = _published(row.get("published"))
    if published is None:
        return (True, 0.0, number)
    return (False, (published if published.tzinfo else published.replace(tzinfo=timezone.utc)).timestamp(), number)


def row_doc(row: dict) -> RawDoc:
    """One file row as the pipeline's input. A row with a headline and no body (a one-sentence
    item: ECB+ puts the first sentence in `title`) is all text, not an empty article."""
    title, text = row.get("title") or "", row.get("text") or ""
    if not text.strip():
        title, text = "", title
    return RawDoc(source=str(row["id"]), title=title, text=text, lang=row.get("lang"),
                  published=_published(row.get("published")))


@dataclass(frozen=True)
class Ingested:
    """One online pass over the file: the events, and what the offline baseline needs."""

    event_of: dict[str, str]  # file id -> online event id
    # File id -> the stored article standing for it offline: exact duplicates and syndicated
    # copies count once, as online, through their original.
    original_of: dict[str, str]
    signals: dict[str, ArticleSignals]  # original article id -> signals, in ingestion order
    params: SimilarityParams


def ingest_file(rows: list[dict], *, embedder: Embedder | None = None, params: SimilarityParams | None = None,
                order: Sequence[int] | None = None) -> Ingested:
    """Ingest the rows in ``order`` (indices into rows; default: `published` order)."""
    if order is None:
        order = [number for number, _ in sorted(enumerate(rows), key=_order_key)]
    ordered = [rows[i] for i in order]
    docs = [row_doc(row) for row in ordered]
    with tempfile.TemporaryDirectory() as scratch:
        with Engine(open_store(f"sqlite:///{scratch}/clusters.db"), embedder=embedder, params=params) as engine:
            engine.ingest_docs(docs, progress=None)
            articles = engine.articles()  # in ingestion order
            by_hash = {a.content_hash: a.id for a in articles}
            # Exact duplicates inside the file are stored once: they share their original's event.
            article_of = {source: by_hash[h] for source, h in engine.store.sources() if h in by_hash}
            article_of.update({a.source: a.id for a in articles})
            originals = [a.id for a in articles if a.syndicated_of is None]
            stored = engine.store.signals(originals)
            used = engine.params
    event_of_article = {a.id: a.event_id for a in articles}
    original = {a.id: a.syndicated_of or a.id for a in articles}
    event_of = {str(row["id"]): event_of_article.get(article_of.get(str(row["id"]), ""), f"unassigned-{row['id']}")
                for row in rows}
    return Ingested(event_of=event_of, original_of={i: original[a] for i, a in article_of.items()},
                    signals={i: stored[i][0] for i in originals}, params=used)


def cluster_file(rows: list[dict], *, embedder: Embedder | None = None,
                 params: SimilarityParams | None = None, order: Sequence[int] | None = None) -> dict[str, str]:
    """Article id (from the file) -> predicted event id."""
    return ingest_file(rows, embedder=embedder, params=params, order=order).event_of


def offline_file(run: Ingested) -> dict[str, str]:
    """File id -> offline cluster of the same stored articles (eval/offline.py)."""
    ids = list(run.signals)
    labels = offline_events(ids, run.signals, corpus_stats(run.signals.values()), run.params)
    return {row_id: labels.get(run.original_of.get(row_id, ""), event_id) for row_id, event_id in run.event_of.items()}


def same_grouping(a: dict[str, str], b: dict[str, str]) -> bool:
    """Whether two labellings of the same items are the same partition, whatever the labels."""
    if a.keys() != b.keys():
        return False
    pairs = {(a[k], b[k]) for k in a}  # one pair per block when each label stands for one label
    return len(pairs) == len(set(a.values())) == len(set(b.values()))


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    pred_sizes, gold_sizes = Counter(predicted.values()), Counter(gold.values())
    both = Counter((predicted[i], gold[i]) for i in gold)
    precision = sum(both[(predicted[i], gold[i])] / pred_sizes[predicted[i]] for i in gold) / len(gold)
    recall = sum(both[(predicted[i], gold[i])] / gold_sizes[gold[i]] for i in gold) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def pairwise_and_ari(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    both = Counter((predicted[i], gold[i]) for i in gold)
    same_both = sum(comb(n, 2) for n in both.values())
    same_pred = sum(comb(n, 2) for n in Counter(predicted[i] for i in gold).values())
    same_gold = sum(comb(n, 2) for n in Counter(gold.values()).values())
    precision = same_both / same_pred if same_pred else 0.0
    recall = same_both / same_gold if same_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = comb(len(gold), 2)
    expected = same_pred * same_gold / total if total else 0.0
    maximum = (same_pred + same_gold) / 2
    ari = (same_both - expected) / (maximum - expected) if maximum != expected else 1.0
    return round(f1, 4), round(ari, 4)


def scores(predicted: dict[str, str], gold: dict[str, str]) -> dict:
    precision, recall, f1 = bcubed(predicted, gold)
    pairwise_f1, ari = pairwise_and_ari(predicted, gold)
    return {"bcubed": {"precision": precision, "recall": recall, "f1": f1},
            "pairwise_f1": pairwise_f1, "ari": ari, "events": len(set(predicted.values()))}


def order_dependence(rows: list[dict], default: dict[str, str], gold: dict[str, str], *, orders: int, seed: int,
                     embedder: Embedder | None, params: SimilarityParams | None) -> dict:
    """The online clustering re-run on ``orders`` random permutations, against the default-order run."""
    rng = np.random.default_rng(seed)
    runs = [cluster_file(rows, embedder=embedder, params=params, order=rng.permutation(len(rows)).tolist())
            for _ in range(orders)]
    aris = [pairwise_and_ari(run, default)[1] for run in runs]
    f1s = [bcubed(run, gold)[2] for run in runs]
    return {"runs": orders, "identical_grouping": round(sum(same_grouping(run, default) for run in runs) / orders, 4),
            "ari_vs_default": {"mean": round(mean(aris), 4), "min": min(aris)},
            "bcubed_f1": {"mean": round(mean(f1s), 4), "min": min(f1s), "max": max(f1s)}}


def evaluate_clusters(path: Path, *, predictions: Path | None = None, embedder: Embedder | None = None,
                      params: SimilarityParams | None = None, orders: int = 0, seed: int = 0) -> dict:
    """CONTRACT's eval clusters JSON, plus "offline" (the average-linkage baseline) and, with
    ``orders``, "order" (how much the grouping depends on the ingestion order)."""
    rows = load_pairs(path)
    # Order re-runs go through the whole pipeline again: embed each text once.
    embedder = embedder if isinstance(embedder, CachedEmbedder) else CachedEmbedder(embedder)
    run = ingest_file(rows, embedder=embedder, params=params)
    predicted = run.event_of
    gold = {str(row["id"]): str(row["cluster"]) for row in rows}
    if predictions is not None:
        with open(predictions, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps({"id": row["id"], "event_id": predicted[str(row["id"])]}) + "\n")
    result = {"n": len(rows), **scores(predicted, gold), "gold_clusters": len(set(gold.values())),
              "offline": scores(offline_file(run), gold)}
    if orders > 0:
        result["order"] = order_dependence(rows, predicted, gold, orders=orders, seed=seed,
                                           embedder=embedder, params=params)
    return result
