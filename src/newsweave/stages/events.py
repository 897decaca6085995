"""Online event clustering: each article joins the most similar event or opens a new one.

Shaped like Priberam's single-pass Aggregator: candidates come from an ANN index (hnswlib) over
article vectors, so the cost per article stays nearly flat as the store grows; each candidate
event is scored from named features (stored as the evidence of the decision); a separate
threshold decides between joining and opening. Events keep running sums. Nothing is re-fitted.
Event ids are derived from the founding article's id, so they are stable and reproducible.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone

import hnswlib
import numpy as np

from newsweave.stages.similarity import ArticleSignals, CorpusStats, SimilarityParams, similarity
from newsweave.store.base import EventState, Store

LOGGER = logging.getLogger(__name__)

# Neighbours fetched per article. Enough to see every member of a busy event at the top while
# keeping the scoring cost fixed.
CANDIDATES = 20
INDEX_M = 16
INDEX_EF = 64


@dataclass(frozen=True)
class Assignment:
    event_id: str
    joined: bool  # False: the article opened a new event
    evidence: dict


class OnlineClusterer:
    """Assigns articles to events one at a time. Call ``committed()`` after the store commits."""

    def __init__(self, store: Store, dim: int, params: SimilarityParams | None = None) -> None:
        self.store = store
        self.params = params or SimilarityParams.load()
        self.stats = CorpusStats()
        self._index = hnswlib.Index(space="ip", dim=dim)
        self._index.init_index(max_elements=1024, ef_construction=100, M=INDEX_M)
        self._index.set_ef(INDEX_EF)
        self._ids: list[str] = []
        self._pending_signals: dict[str, tuple[ArticleSignals, str]] = {}
        self._pending_events: dict[str, EventState] = {}
        self._load()

    def _load(self) -> None:
        vectors: list[np.ndarray] = []
        for item in self.store.indexed_articles():
            self._ids.append(item.id)
            vectors.append(item.vector)
            self.stats.lexical.counts[item.lexical_buckets] += 1
            self.stats.lexical.documents += 1
            self.stats.entity_counts.update(item.entity_ids)
        if vectors:
            self._add_vectors(np.vstack(vectors), 0)

    def _add_vectors(self, vectors: np.ndarray, first_label: int) -> None:
        needed = first_label + len(vectors)
        if needed > self._index.get_max_elements():
            self._index.resize_index(max(needed, 2 * self._index.get_max_elements()))
        self._index.add_items(vectors, np.arange(first_label, needed))

    def _neighbours(self, vector: np.ndarray) -> list[str]:
        count = self._index.get_current_count()
        if count == 0:
            return []
        k = min(CANDIDATES, count)
        labels, _ = self._index.knn_query(vector, k=k)
        return [self._ids[label] for label in labels[0]]

    def _candidate_signals(self, ids: list[str]) -> dict[str, tuple[ArticleSignals, str | None]]:
        found = {i: self._pending_signals[i] for i in ids if i in self._pending_signals}
        found.update(self.store.signals([i for i in ids if i not in found]))
        return found

    def _event_state(self, event_id: str) -> EventState | None:
        if event_id in self._pending_events:
            return self._pending_events[event_id]
        return self.store.event_states([event_id]).get(event_id)

    def assign(self, article_id: str, title: str, signals: ArticleSignals) -> tuple[Assignment, EventState]:
        """Decide the event of one new article and update that event's running statistics."""
        scored: dict[str, list[tuple[float, str, dict]]] = {}
        for other_id, (other, event_id) in self._candidate_signals(self._neighbours(signals.vector)).items():
            if event_id is not None:
                score, named = similarity(signals, other, self.stats, self.params)
                scored.setdefault(event_id, []).append((score, other_id, named))
        best_event, best_score, best_evidence = None, -1.0, {}
        for event_id, scores in scored.items():
            event_score = _event_score([s for s, _, _ in scores])
            if event_score > best_score:
                top, other_id, named = max(scores, key=lambda item: item[0])
                best_event, best_score = event_id, event_score
                best_evidence = {"nearest_article": other_id, "similarity": round(event_score, 4),
                                 "nearest_similarity": round(top, 4), "members_compared": len(scores),
                                 "features": {k: round(v, 4) for k, v in named.items()}}
        threshold = self.params.same_event_threshold
        joined = best_event is not None and best_score >= threshold
        event_id = best_event if joined else f"ev_{article_id}"
        evidence = {"decision": "joined" if joined else "opened", "threshold": threshold, **best_evidence}
        state = self._event_state(event_id) if joined else None
        now = datetime.now(timezone.utc).replace(microsecond=0)
        if state is None:
            state = EventState(id=event_id, title=title, size=0, vector_sum=np.zeros_like(signals.vector),
                               first_published=None, last_published=None, created_at=now, updated_at=now)
        state.size += 1
        state.vector_sum = state.vector_sum + signals.vector
        if signals.published is not None:
            state.first_published = min(filter(None, [state.first_published, signals.published]), key=_sort_key)
            state.last_published = max(filter(None, [state.last_published, signals.published]), key=_sort_key)
        state.updated_at = now
        self._pending_events[event_id] = state
        self._pending_signals[article_id] = (signals, event_id)
        self._ids.append(article_id)
        self._add_vectors(signals.vector[None, :], len(self._ids) - 1)
        self.stats.add(signals)
        return Assignment(event_id=event_id, joined=joined, evidence=evidence), state

    def pending_events(self) -> list[EventState]:
        return list(self._pending_events.values())

    def committed(self) -> None:
        """The store now holds every pending article and event: forget the in-memory copies."""
        self._pending_signals.clear()
        self._pending_events.clear()


def _event_score(scores: list[float]) -> float:
    """Average link over the event's members among the candidates. Measured with `eval clusters`
    on ECB+ dev (same threshold): max-link BCubed F1 0.750, mean of max and average 0.774,
    average 0.796; single link chains look-alike events of one kind together."""
    return sum(scores) / len(scores)


def _sort_key(value: datetime) -> float:
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).timestamp()
