"""`newsweave eval clusters`: online events against gold clusters (BCubed, pairwise F1, ARI).

Articles are ingested one at a time in `published` order (file order where absent) into a
scratch store through the real pipeline; only title, text, lang and published are read.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from datetime import datetime, timezone
from math import comb
from pathlib import Path

from newsweave.engine import Engine
from newsweave.eval.pairs import load_pairs
from newsweave.records import RawDoc
from newsweave.stages.embed import Embedder
from newsweave.stages.similarity import SimilarityParams
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


def cluster_file(rows: list[dict], *, embedder: Embedder | None = None,
                 params: SimilarityParams | None = None) -> dict[str, str]:
    """Article id (from the file) -> predicted event id."""
    ordered = [row for _, row in sorted(enumerate(rows), key=_order_key)]
    docs = [RawDoc(source=str(row["id"]), title=row.get("title") or "", text=row.get("text") or "",
                   lang=row.get("lang"), published=_published(row.get("published"))) for row in ordered]
    with tempfile.TemporaryDirectory() as scratch:
        with Engine(open_store(f"sqlite:///{scratch}/clusters.db"), embedder=embedder, params=params) as engine:
            engine.ingest_docs(docs, progress=None)
            event_of_hash = {a.content_hash: a.event_id for a in engine.articles()}
            event_of_source = {a.source: a.event_id for a in engine.articles()}
            # Exact duplicates inside the file join their original's event.
            for source, content_hash in engine.store.sources():
                event_of_source.setdefault(source, event_of_hash.get(content_hash, ""))
    return {str(row["id"]): event_of_source.get(str(row["id"]), f"unassigned-{row['id']}") for row in rows}


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


def evaluate_clusters(path: Path, *, predictions: Path | None = None, embedder: Embedder | None = None,
                      params: SimilarityParams | None = None) -> dict:
    rows = load_pairs(path)
    predicted = cluster_file(rows, embedder=embedder, params=params)
    gold = {str(row["id"]): str(row["cluster"]) for row in rows}
    if predictions is not None:
        with open(predictions, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps({"id": row["id"], "event_id": predicted[str(row["id"])]}) + "\n")
    precision, recall, f1 = bcubed(predicted, gold)
    pairwise_f1, ari = pairwise_and_ari(predicted, gold)
    return {"n": len(rows), "bcubed": {"precision": precision, "recall": recall, "f1": f1},
            "pairwise_f1": pairwise_f1, "ari": ari, "events": len(set(predicted.values())),
            "gold_clusters": len(set(gold.values()))}
