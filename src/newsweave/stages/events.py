"""Online event clustering: each article joins the most similar event or opens a new one, and
events merge and split as evidence arrives.

Shaped like Priberam's single-pass Aggregator: candidates come from an ANN index (hnswlib) over
article vectors, so the cost per article stays nearly flat as the store grows; each candidate
event is scored from named features (stored as the evidence of the decision); a separate
threshold decides between joining and opening. Events keep running sums. Nothing is re-fitted.

Single-pass clustering depends on arrival order. Two corrections bring it towards what average
linkage over the whole set would give, whatever the order:
- merge: after an article joins event E, each other event C near it is linked to E: the average
  content similarity over their members, moved by how the two events' pooled instance facts
  agree or conflict (`event_link`); at or above the join threshold, the two are one event (the
  absorbed id redirects to the survivor);
- split: when an event has grown (at sizes 4, 6, 9, 13...), its members are split in two by
  average linkage; if the two halves link below the threshold by a margin, the half without the
  founding article becomes an event of its own.
Every merge and split is logged (`EventChange`) with its reason. Event ids are derived from the
founding article's id, so they are stable and reproducible.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from newsweave.records import EventChange
from newsweave.stages.ann import ArticleIndex
from newsweave.stages.instance import INSTANCE_FEATURES, pair_features, pool_facts
from newsweave.stages.similarity import (ArticleSignals, CorpusStats, SimilarityParams, content_score,
                                         instance_shift, similarity)
from newsweave.store.base import EventState, Store

LOGGER = logging.getLogger(__name__)

# Neighbours fetched per article. Enough to see every member of a busy event at the top while
# keeping the scoring cost fixed.
CANDIDATES = 20
# The index is saved beside the store every this many articles, and when the engine closes;
# a process killed in between catches up from the store when it opens.
SAVE_EVERY = 5000
STATS_FILE = "stats.npz"
# An event near the article (its average link to the article at least this share of the join
# threshold) is checked for a merge with the article's event (ECB+ out-of-fold F1 the same at 0.6
# and 0.9, and with LINK_MEMBERS 16).
MERGE_PROBE_SHARE = 0.75
# Members compared when linking two events (the most recent): bounds a merge check to 64 pairs.
LINK_MEMBERS = 8
# Split checks run when an event reaches these sizes; events larger than the last are settled.
SPLIT_SIZES = (4, 6, 9, 13, 19, 28)
KEPT_MEMBERS = max(LINK_MEMBERS, SPLIT_SIZES[-1])
EVENT_CACHE = 10_000
# Two halves split only when they link this far below the join threshold: a merge and a split of
# the same two groups must not alternate.
SPLIT_MARGIN = 0.05
SPLIT_MIN_PART = 2
# Signals of the latest committed or read articles kept in memory (~6 KB each): new articles'
# neighbours are mostly recent ones, which then cost no query.
SIGNAL_CACHE = 20_000
DEFAULT_QUIET_DAYS = 7.0


@dataclass(frozen=True)
class Assignment:
    event_id: str
    joined: bool  # False: the article opened a new event
    evidence: dict


@dataclass
class _Event:
    """An event's running statistics and its most recent members (originals, not syndicated
    copies), as (arrival number, article id), oldest first: all of them while it can split."""

    state: EventState
    members: list[tuple[int, str]] = field(default_factory=list)

    @property
    def member_ids(self) -> list[str]:
        return [i for _, i in self.members]


def quiet_days() -> float:
    """The quiet period after which an event counts as closed ($NEWSWEAVE_QUIET_DAYS)."""
    try:
        return float(os.environ.get("NEWSWEAVE_QUIET_DAYS", DEFAULT_QUIET_DAYS))
    except ValueError:
        return DEFAULT_QUIET_DAYS


def is_quiet(last_published: datetime | None, clock: datetime | None, quiet: timedelta) -> bool:
    """An event is closed when the stream (its newest publication date) has moved on by more than
    the quiet period since the event's last article. Undated events never close."""
    if last_published is None or clock is None:
        return False
    return _sort_key(clock) - _sort_key(last_published) > quiet.total_seconds()


class OnlineClusterer:
    """Assigns articles to events one at a time. Call ``committed()`` after the store commits."""

    def __init__(self, store: Store, dim: int, params: SimilarityParams | None = None,
                 quiet: float | None = None, index_dir: Path | None = None) -> None:
        self.store = store
        self.params = params or SimilarityParams.load()
        self.quiet = timedelta(days=quiet_days() if quiet is None else quiet)
        self.stats = CorpusStats()
        self.dim = dim
        self.index_dir = index_dir
        self._index = ArticleIndex(dim, index_dir)
        self._saved_at = 0  # the index position at the last save
        self._redirects: dict[str, str] = {}  # absorbed event -> survivor
        self._event_of: dict[str, str] = {}  # articles moved by a split not yet committed
        self._events: dict[str, _Event] = {}  # events touched since the last commit, or cached
        self._dirty: dict[str, None] = {}  # events changed since the last commit, in order of first change
        self._changes: list[EventChange] = []
        self._pending_signals: dict[str, tuple[ArticleSignals, str]] = {}  # with the event decided
        self._signal_cache: dict[str, tuple[ArticleSignals, str]] = {}
        self._arrivals = 0  # arrival numbers of new articles continue the store's sequence
        self._clock: datetime | None = None  # the newest publication date seen: the stream's time
        self._load()

    def _load(self) -> None:
        """Open the saved index and statistics and add what was stored after them; without a
        usable save (none, unreadable, or ahead of the store), rebuild both from the store."""
        stored = self.store.count_articles()
        if self.index_dir is not None:
            index = ArticleIndex.load(self.dim, self.index_dir)
            stats = CorpusStats.load(self.index_dir / STATS_FILE, index.position) if index else None
            if index is not None and stats is not None and index.position <= stored:
                self._index, self.stats = index, stats
        skip = self._index.position
        for position, item in enumerate(self.store.indexed_articles(skip), skip + 1):
            self.stats.lexical.counts[item.lexical_buckets] += 1
            self.stats.lexical.documents += 1
            self.stats.entity_counts.update(item.entity_ids)
            if item.syndicated_of is None:  # copies would vote twice for their original's event
                self._index.add(position, item.id, item.vector, item.published)
            self._index.position = position
        self._saved_at = skip
        self._redirects = self.store.event_redirects()
        self._clock = self.store.latest_published()
        self._arrivals = stored

    @property
    def clock(self) -> datetime | None:
        """The newest publication date seen: the stream's time."""
        return self._clock

    @property
    def saved_position(self) -> int:
        """The store position of the index last saved or loaded."""
        return self._saved_at

    def save(self) -> None:
        """Write the index and statistics beside the store, so the next process loads them."""
        if self.index_dir is None or self._index.position == self._saved_at or self._pending_signals:
            return  # nothing new, or articles the store does not hold yet
        if self.store.count_articles() != self._index.position:
            return  # another process stored articles this one never saw: its index is no prefix of the store
        self.index_dir.mkdir(parents=True, exist_ok=True)
        self.stats.save(self.index_dir / STATS_FILE, self._index.position)
        self._index.save()  # its manifest last: a save cut short leaves the previous one readable
        self._saved_at = self._index.position

    # ---- reading state --------------------------------------------------------------------
    def event_id(self, event_id: str) -> str:
        """The live event an id stands for (absorbed ids redirect to their survivor)."""
        while event_id in self._redirects:
            event_id = self._redirects[event_id]
        return event_id

    def _neighbours(self, signals: ArticleSignals) -> list[str]:
        return [n.article_id for n in self._index.query(signals.vector, CANDIDATES, signals.published)]

    def _signals(self, ids: list[str]) -> dict[str, tuple[ArticleSignals, str]]:
        """Signals and current event of stored or pending articles."""
        found: dict[str, tuple[ArticleSignals, str]] = {}
        missing = []
        for i in ids:
            known = self._pending_signals.get(i) or self._signal_cache.pop(i, None)
            if known is not None:
                found[i] = known
                if i not in self._pending_signals:
                    self._cache_signals(i, *known)  # the most recently used is evicted last
            else:
                missing.append(i)
        for i, (signals, event_id) in self.store.signals(missing).items():
            if event_id is not None:
                found[i] = self._cache_signals(i, signals, event_id)
        return {i: (signals, self.event_id(self._event_of.get(i, event_id))) for i, (signals, event_id) in found.items()}

    def _cache_signals(self, article_id: str, signals: ArticleSignals, event_id: str) -> tuple[ArticleSignals, str]:
        if len(self._signal_cache) >= SIGNAL_CACHE:
            self._signal_cache.pop(next(iter(self._signal_cache)))
        self._signal_cache[article_id] = (signals, event_id)
        return signals, event_id

    def _event(self, event_id: str) -> _Event | None:
        if event_id not in self._events:
            state = self.store.event_states([event_id]).get(event_id)
            if state is None:
                return None
            self._events[event_id] = _Event(state, self.store.event_members(event_id, KEPT_MEMBERS))
        return self._events[event_id]

    # ---- assignment -----------------------------------------------------------------------
    def assign(self, article_id: str, title: str, signals: ArticleSignals) -> tuple[Assignment, EventState]:
        """Decide the event of one new article, update its running statistics, then check the
        event for merges and splits."""
        scored: dict[str, list[tuple[float, str, dict]]] = {}
        for other_id, (other, event_id) in self._signals(self._neighbours(signals)).items():
            score, named = similarity(signals, other, self.stats, self.params)
            scored.setdefault(event_id, []).append((score, other_id, named))
        event_scores = {event_id: _event_score([s for s, _, _ in scores]) for event_id, scores in scored.items()}
        best_event = max(event_scores, key=lambda e: (event_scores[e], e), default=None)
        best_evidence: dict = {}
        if best_event is not None:
            top, other_id, named = max(scored[best_event], key=lambda item: item[0])
            best_evidence = {"nearest_article": other_id, "similarity": round(event_scores[best_event], 4),
                             "nearest_similarity": round(top, 4), "members_compared": len(scored[best_event]),
                             "features": {k: round(v, 4) for k, v in named.items()}}
        threshold = self.params.same_event_threshold
        joined = best_event is not None and event_scores[best_event] >= threshold
        event_id = best_event if joined else f"ev_{article_id}"
        evidence = {"decision": "joined" if joined else "opened", "threshold": threshold, **best_evidence}
        event = self._event(event_id) if joined else None
        if event is None:
            event = self._open(event_id, title, signals.vector, article_id)
        elif self._is_closed(event.state, signals.published):
            self._log(event_id, "late_join", article_ids=(article_id,),
                      reason={"last_published": _iso(event.state.last_published), "quiet_days": self.quiet.days})
        self._add_member(event, article_id, signals)
        self._pending_signals[article_id] = (signals, event_id)
        self._index.add(self._index.position + 1, article_id, signals.vector, signals.published)
        self.stats.add(signals)
        if joined:
            probe = MERGE_PROBE_SHARE * threshold
            for other in sorted((e for e, s in event_scores.items() if e != event_id and s >= probe),
                                key=lambda e: (-event_scores[e], e)):
                event_id = self._try_merge(event_id, other, article_id)
            event_id = self._try_split(event_id)
        return Assignment(event_id=event_id, joined=joined, evidence=evidence), self._events[event_id].state

    def assign_copy(self, article_id: str, original_id: str, score: float,
                    signals: ArticleSignals) -> Assignment:
        """A syndicated copy joins its original's event without counting in its size, and stays
        out of the ANN index so it cannot vote twice for that event."""
        found = self._signals([original_id]).get(original_id)
        event = self._event(found[1]) if found else None
        if event is None:
            raise ValueError(f"original {original_id} of syndicated copy {article_id} has no event")
        event_id = event.state.id
        event.state.updated_at = _now()
        self._dirty.setdefault(event_id)
        self._pending_signals[article_id] = (signals, event_id)
        self._index.position += 1  # a copy takes its place in the store's order, not in the index
        self.stats.add(signals)
        return Assignment(event_id=event_id, joined=True,
                          evidence={"decision": "syndicated", "original": original_id, "similarity": round(score, 4)})

    def _open(self, event_id: str, title: str, vector: np.ndarray, article_id: str) -> _Event:
        now = _now()
        state = EventState(id=event_id, title=title, size=0, vector_sum=np.zeros_like(vector),
                           first_published=None, last_published=None, created_at=now, updated_at=now)
        self._events[event_id] = event = _Event(state)
        self._log(event_id, "opened", article_ids=(article_id,))
        return event

    def _add_member(self, event: _Event, article_id: str, signals: ArticleSignals) -> None:
        state = event.state
        state.size += 1
        state.vector_sum = state.vector_sum + signals.vector
        state.entities.update(signals.entities)
        if signals.lang:
            state.languages[signals.lang] += 1
        if signals.published is not None:
            state.first_published = min(filter(None, [state.first_published, signals.published]), key=_sort_key)
            state.last_published = max(filter(None, [state.last_published, signals.published]), key=_sort_key)
            self._clock = max(filter(None, [self._clock, signals.published]), key=_sort_key)
        state.updated_at = _now()
        self._arrivals += 1
        event.members = event.members[-(KEPT_MEMBERS - 1):] + [(self._arrivals, article_id)]
        self._dirty.setdefault(state.id)

    def _is_closed(self, state: EventState, published: datetime | None) -> bool:
        return published is not None and is_quiet(state.last_published, self._clock, self.quiet)

    # ---- merges and splits ----------------------------------------------------------------
    def _link(self, a: list[str], b: list[str]) -> float:
        """How alike two events are, from their most recent members (see `event_link`)."""
        a, b = a[-LINK_MEMBERS:], b[-LINK_MEMBERS:]
        signals = {i: s for i, (s, _) in self._signals(a + b).items()}
        return event_link([signals[x] for x in a if x in signals], [signals[y] for y in b if y in signals],
                          self.stats, self.params)

    def _try_merge(self, event_id: str, other_id: str, article_id: str) -> str:
        """Merge `other_id` and `event_id` if their members link at the join threshold; returns
        the id the article's event now has."""
        event, other = self._event(event_id), self._event(other_id)
        if event is None or other is None or other_id == event_id:
            return event_id
        link = self._link(event.member_ids, other.member_ids)
        if link < self.params.same_event_threshold:
            return event_id
        survivor, absorbed = sorted((event, other), key=_seniority)
        reason = {"via_article": article_id, "event_link": round(link, 4),
                  "threshold": self.params.same_event_threshold}
        state, gone = survivor.state, absorbed.state
        state.size += gone.size
        state.vector_sum = state.vector_sum + gone.vector_sum
        state.entities.update(gone.entities)
        state.languages.update(gone.languages)
        state.first_published = min(filter(None, [state.first_published, gone.first_published]),
                                    key=_sort_key, default=None)
        state.last_published = max(filter(None, [state.last_published, gone.last_published]),
                                   key=_sort_key, default=None)
        state.updated_at = _now()
        moved = tuple(absorbed.member_ids)
        survivor.members = sorted(survivor.members + absorbed.members)[-KEPT_MEMBERS:]
        for source, target in list(self._redirects.items()):
            if target == gone.id:
                self._redirects[source] = state.id
        self._redirects[gone.id] = state.id
        del self._events[gone.id]
        self._dirty.pop(gone.id, None)
        self._dirty.setdefault(state.id)
        self._log(state.id, "merged", gone.id, moved, reason)
        self._log(gone.id, "absorbed", state.id, moved, reason)
        return state.id

    def _try_split(self, event_id: str) -> str:
        """Split the event in two if its members have drifted into two happenings; returns the id
        of the part the newest article is in."""
        event = self._events[event_id]
        if event.state.size not in SPLIT_SIZES or len(event.members) != event.state.size:
            return event_id
        newest = event.members[-1][1]
        signals = {i: s for i, (s, _) in self._signals(event.member_ids).items()}
        members = [m for m in event.members if m[1] in signals]
        n = len(members)
        if n < 2 * SPLIT_MIN_PART:
            return event_id
        sims = np.ones((n, n))
        for x in range(n):
            for y in range(x + 1, n):
                sims[x, y] = sims[y, x] = similarity(signals[members[x][1]], signals[members[y][1]], self.stats,
                                                     self.params)[0]
        labels = fcluster(linkage(squareform(1.0 - sims, checks=False), method="average"), 2, criterion="maxclust")
        parts = [[members[i] for i in range(n) if labels[i] == label] for label in (1, 2)]
        if min(map(len, parts)) < SPLIT_MIN_PART:
            return event_id
        cross = float(sims[np.ix_(labels == 1, labels == 2)].mean())
        if cross >= self.params.same_event_threshold - SPLIT_MARGIN:
            return event_id
        founder = event_id.removeprefix("ev_")
        founder_part = next((p for p in parts if founder in {i for _, i in p}), max(parts, key=len))
        kept, moved = founder_part, next(p for p in parts if p is not founder_part)
        new_id = f"ev_{moved[0][1]}"
        reason = {"link_between_parts": round(cross, 4), "threshold": self.params.same_event_threshold,
                  "margin": SPLIT_MARGIN}
        self._redirects.pop(new_id, None)  # a part that once was an absorbed event gets its id back
        now = _now()
        part = _Event(EventState(id=new_id, title=event.state.title, size=0, vector_sum=event.state.vector_sum,
                                 first_published=None, last_published=None, created_at=now, updated_at=now))
        self._events[new_id] = part
        self._rebuild_state(part, moved, signals)
        self._rebuild_state(event, kept, signals)
        moved_ids = tuple(i for _, i in moved)
        for i in moved_ids:
            self._event_of[i] = new_id
        self._log(event_id, "split", new_id, moved_ids, reason)
        self._log(new_id, "split_from", event_id, moved_ids, reason)
        return new_id if newest in moved_ids else event_id

    def _rebuild_state(self, event: _Event, members: list[tuple[int, str]],
                       signals: dict[str, ArticleSignals]) -> None:
        state = event.state
        dates = [signals[i].published for _, i in members if signals[i].published is not None]
        state.size = len(members)
        state.vector_sum = np.sum([signals[i].vector for _, i in members], axis=0)
        state.entities = Counter()
        state.languages = Counter()
        for _, i in members:
            state.entities.update(signals[i].entities)
            state.languages.update([signals[i].lang] if signals[i].lang else [])
        state.first_published = min(dates, key=_sort_key) if dates else None
        state.last_published = max(dates, key=_sort_key) if dates else None
        state.updated_at = _now()
        event.members = list(members)
        self._dirty.setdefault(state.id)

    def _log(self, event_id: str, kind: str, other: str | None = None, article_ids: tuple[str, ...] = (),
             reason: dict | None = None) -> None:
        self._changes.append(EventChange(event_id=event_id, kind=kind, at=_now(), other_event_id=other,
                                         article_ids=article_ids, reason=reason or {}))

    # ---- commit ---------------------------------------------------------------------------
    def pending_events(self) -> list[EventState]:
        return [self._events[e].state for e in self._dirty if e in self._events]

    def pending_changes(self) -> list[EventChange]:
        return list(self._changes)

    def committed(self) -> None:
        """The store now holds every pending article, event and change: forget the copies."""
        for article_id in self._event_of:
            self._signal_cache.pop(article_id, None)  # cached with the event it had before
        for article_id, (signals, event_id) in self._pending_signals.items():
            # As a read from the store would give them (vectors at the stored precision).
            self._cache_signals(article_id, self.store.as_read_back(signals), self._event_of.get(article_id, event_id))
        self._pending_signals.clear()
        self._event_of.clear()
        self._changes.clear()
        self._dirty.clear()
        while len(self._events) > EVENT_CACHE:
            self._events.pop(next(iter(self._events)))
        if self._index.position - self._saved_at >= SAVE_EVERY:
            self.save()


def _seniority(event: _Event) -> tuple:
    """Which of two merging events keeps its id: the larger, then the one first published
    earlier (the stream's time: when this process opened it would make the store depend on how
    fast it ran), then the smaller id."""
    first = event.state.first_published
    return (-event.state.size, first is None, _sort_key(first) if first else 0.0, event.state.id)


def event_link(a: list[ArticleSignals], b: list[ArticleSignals], stats: CorpusStats,
               params: SimilarityParams) -> float:
    """The link of two events: the average content similarity of their member pairs, moved on the
    log-odds scale by the agreement and conflicts of the two events' pooled instance facts
    (`pool_facts`, `SimilarityParams.merge_weights`).

    Pairwise, one event's own members conflict on names and numbers (each report names other
    figures and voices), so the average of vetoed member pairs kept the halves of one happening
    apart (ECB+ dev: 18 of 42 events split, 68 predicted). Pooled, a few reports state an
    instance's facts as a whole and those of two events of one kind part cleanly, so the shift is
    not a veto here: agreeing events may merge. Online BCubed F1 leave-topics-out (7 folds of 3
    topics, three draws of the folds): 0.913 / 0.896 / 0.896 against 0.902 / 0.894 / 0.887 with
    pairwise links; as a veto (L2 10) 0.904 on the first. Pooling the facts for the join decision
    too (article against event) did not pay (0.909). Facts are pooled in the language most members
    share; without merge weights the link is the average pairwise similarity."""
    if not a or not b:
        return 0.0
    if not params.merge_weights:
        scores = [similarity(x, y, stats, params)[0] for x in a for y in b]
        return sum(scores) / len(scores)
    content = sum(content_score(x, y, stats, params) for x in a for y in b) / (len(a) * len(b))
    lang = Counter(s.lang for s in a + b).most_common(1)[0][0]
    facts_a = [s.instance for s in a if s.instance is not None and s.lang == lang]
    facts_b = [s.instance for s in b if s.instance is not None and s.lang == lang]
    if not facts_a or not facts_b:
        return content
    named = pair_features(pool_facts(facts_a), pool_facts(facts_b), stats.entity_idf, stats.word_idf)
    shift = sum(w * named[k] for w, k in zip(params.merge_weights, INSTANCE_FEATURES))
    return float(instance_shift(content, shift))


def _event_score(scores: list[float]) -> float:
    """Average link over the event's members among the candidates. Measured with `eval clusters`
    on ECB+ dev (same threshold): max-link BCubed F1 0.750, mean of max and average 0.774,
    average 0.796; single link chains look-alike events of one kind together."""
    return sum(scores) / len(scores)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _sort_key(value: datetime) -> float:
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).timestamp()
