"""The article vector index the clusterer draws its candidates from: recent articles in memory,
older ones in monthly indexes on disk, all of it saved beside the store so a process opens a
grown store without re-reading its vectors.

An article stays in the hot index while it is within HOT_DAYS of the stream's newest
publication date, or among the last HOT_MIN_ARTICLES to arrive (archives replayed out of date
order, and dates read from text, must not empty the index), and in any case among the last
HOT_MAX_ARTICLES (bounded memory whatever the stream's rate); then it moves to its month's cold
index (hnswlib files, loaded on demand, at most COLD_LOADED at a time). A late article (published long before the stream's clock) is
searched in the cold months around its date as well, so closed events still find their late
articles. Memory and time per query depend on the hot window, not on the store's size.

Labels are the store's article sequence numbers, so the saved index says how far it got: on
opening, articles stored after the save are added from the store (`catch_up`), and an index
that cannot be read is rebuilt from it.
"""

from __future__ import annotations

import json
import logging
import os
from collections import OrderedDict, deque
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import hnswlib
import numpy as np

LOGGER = logging.getLogger(__name__)

INDEX_M = 16
INDEX_EF = 64
EF_CONSTRUCTION = 100
# Twice the default quiet period: an event still open, or closed a week ago, finds its articles
# in memory; older ones in the cold months.
HOT_DAYS = 14.0
HOT_MIN_ARTICLES = 50_000
HOT_MAX_ARTICLES = 400_000  # ~1 GB of vectors and graph at 512 dimensions
COLD_LOADED = 2
FORMAT = 1


def _timestamp(when: datetime | None) -> float | None:
    if when is None:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).timestamp()


def _month(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m")


class _Graph:
    """One hnswlib index with its labels' article ids; deleted slots are reused."""

    def __init__(self, dim: int, capacity: int = 1024) -> None:
        self.dim = dim
        self.index = hnswlib.Index(space="ip", dim=dim)
        self.index.init_index(max_elements=capacity, ef_construction=EF_CONSTRUCTION, M=INDEX_M,
                              allow_replace_deleted=True)
        self.index.set_ef(INDEX_EF)
        self.ids: dict[int, str] = {}  # label (article seq) -> article id, live ones only

    def add(self, labels: np.ndarray, ids: list[str], vectors: np.ndarray) -> None:
        needed = len(self.ids) + len(ids)
        if needed > self.index.get_max_elements():
            self.index.resize_index(max(needed, 2 * self.index.get_max_elements()))
        self.index.add_items(vectors, labels, replace_deleted=True)
        self.ids.update(zip(labels.tolist(), ids))

    def remove(self, label: int) -> np.ndarray:
        vector = np.asarray(self.index.get_items([label]), dtype=np.float32)[0]
        self.index.mark_deleted(label)
        del self.ids[label]
        return vector

    def query(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        k = min(k, len(self.ids))
        if k == 0:
            return []
        labels, distances = self.index.knn_query(vector, k=k)
        return [(self.ids[int(label)], 1.0 - float(d)) for label, d in zip(labels[0], distances[0])
                if int(label) in self.ids]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.index.save_index(str(path.with_suffix(".bin")))
        path.with_suffix(".ids.json").write_text(json.dumps(list(self.ids.items())), encoding="utf-8")

    @classmethod
    def load(cls, path: Path, dim: int) -> "_Graph":
        ids = {int(label): article_id for label, article_id in
               json.loads(path.with_suffix(".ids.json").read_text(encoding="utf-8"))}
        graph = cls.__new__(cls)
        graph.dim, graph.ids = dim, ids
        graph.index = hnswlib.Index(space="ip", dim=dim)
        graph.index.load_index(str(path.with_suffix(".bin")), max_elements=max(1024, 2 * len(ids)),
                               allow_replace_deleted=True)
        graph.index.set_ef(INDEX_EF)
        return graph


@dataclass(frozen=True)
class Neighbour:
    article_id: str
    similarity: float  # cosine


class ArticleIndex:
    """Hot and cold article vectors. ``directory`` None keeps everything in memory (tests, evals)."""

    def __init__(self, dim: int, directory: Path | None = None, hot_days: float = HOT_DAYS,
                 hot_min: int = HOT_MIN_ARTICLES, hot_max: int = HOT_MAX_ARTICLES) -> None:
        self.dim = dim
        self.directory = directory
        self.hot_window = timedelta(days=hot_days).total_seconds()
        self.hot_min, self.hot_max = hot_min, hot_max
        self.hot = _Graph(dim)
        self.arrivals: deque[tuple[float, int]] = deque()  # (timestamp, label) of hot articles, by arrival
        self.clock: float | None = None  # the newest publication timestamp seen
        self.position = 0  # the highest label (article seq) indexed
        self._cold: OrderedDict[str, _Graph] = OrderedDict()  # loaded cold months, least recent first
        self._cold_dirty: set[str] = set()

    # ---- adding ---------------------------------------------------------------------------
    def add(self, label: int, article_id: str, vector: np.ndarray, published: datetime | None) -> None:
        """Index one article (label: its store seq). Late articles go straight to their month."""
        stamp = _timestamp(published)
        if stamp is not None and (self.clock is None or stamp > self.clock):
            self.clock = stamp
        when = stamp if stamp is not None else self.clock or 0.0  # undated: as of the stream's time
        self.position = max(self.position, label)
        self.hot.add(np.array([label]), [article_id], vector[None, :])
        self.arrivals.append((when, label))
        self._cool()

    def _cool(self) -> None:
        """Move the oldest arrivals to their months' cold indexes once they are out of the hot
        window (by date and by count), or beyond the hot index's cap."""
        cutoff = self.clock - self.hot_window if self.clock is not None else float("-inf")
        while self.arrivals:
            when, label = self.arrivals[0]
            if not (len(self.hot.ids) > self.hot_max or (len(self.hot.ids) > self.hot_min and when < cutoff)):
                break
            self.arrivals.popleft()
            article_id = self.hot.ids[label]
            vector = self.hot.remove(label)
            month = _month(when)
            self._cold_month(month).add(np.array([label]), [article_id], vector[None, :])
            self._cold_dirty.add(month)

    # ---- searching ------------------------------------------------------------------------
    def query(self, vector: np.ndarray, k: int, published: datetime | None = None) -> list[Neighbour]:
        """The k nearest articles: from the hot window, and for a late article also from the
        cold months within the hot window around its date."""
        found = self.hot.query(vector, k)
        stamp = _timestamp(published)
        if stamp is not None and self.clock is not None and stamp < self.clock - self.hot_window / 2:
            months = {_month(stamp - self.hot_window / 2), _month(stamp), _month(stamp + self.hot_window / 2)}
            for month in sorted(months):
                if month in self._cold or self._saved(month):
                    found += self._cold_month(month).query(vector, k)
        best: dict[str, float] = {}
        for article_id, similarity in found:  # an article a crash left in two indexes counts once
            best[article_id] = max(similarity, best.get(article_id, -1.0))
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))[:k]
        return [Neighbour(article_id, similarity) for article_id, similarity in ranked]

    def __len__(self) -> int:
        return len(self.hot.ids)

    # ---- cold months ----------------------------------------------------------------------
    def _saved(self, month: str) -> bool:
        return self.directory is not None and self._month_path(month).with_suffix(".bin").exists()

    def _month_path(self, month: str) -> Path:
        assert self.directory is not None
        return self.directory / f"cold-{month}"

    def _cold_month(self, month: str) -> _Graph:
        if month in self._cold:
            self._cold.move_to_end(month)
            return self._cold[month]
        path = self._month_path(month) if self.directory is not None else None
        graph = _Graph.load(path, self.dim) if path is not None and path.with_suffix(".bin").exists() else _Graph(self.dim)
        self._cold[month] = graph
        if self.directory is not None:
            while len(self._cold) > COLD_LOADED:  # in memory: a few months; the rest on disk
                old, evicted = self._cold.popitem(last=False)
                if old in self._cold_dirty:
                    evicted.save(self._month_path(old))
                    self._cold_dirty.discard(old)
        return graph

    def labelled(self) -> dict[int, str]:
        """Every indexed article, hot and cold (saved months read from their id lists), by label."""
        found = dict(self.hot.ids)
        if self.directory is not None:
            for ids_file in sorted(self.directory.glob("cold-*.ids.json")):
                month = ids_file.name[len("cold-"):-len(".ids.json")]
                if month not in self._cold:
                    found.update((int(label), article_id) for label, article_id in
                                 json.loads(ids_file.read_text(encoding="utf-8")))
        for graph in self._cold.values():
            found.update(graph.ids)
        return found

    # ---- persistence ----------------------------------------------------------------------
    def save(self) -> None:
        """Write the hot index, the dirty cold months and the position, atomically enough that a
        crash leaves the previous save readable (the manifest is replaced last)."""
        if self.directory is None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        for month in sorted(self._cold_dirty):
            if month in self._cold:
                self._cold[month].save(self._month_path(month))
        self._cold_dirty.clear()
        self.hot.save(self.directory / "hot")
        manifest = {"format": FORMAT, "dim": self.dim, "position": self.position, "clock": self.clock,
                    "hot_window": self.hot_window, "arrivals": list(self.arrivals)}
        partial = self.directory / "manifest.json.partial"
        partial.write_text(json.dumps(manifest), encoding="utf-8")
        os.replace(partial, self.directory / "manifest.json")

    @classmethod
    def load(cls, dim: int, directory: Path, hot_days: float = HOT_DAYS, hot_min: int = HOT_MIN_ARTICLES,
             hot_max: int = HOT_MAX_ARTICLES) -> "ArticleIndex | None":
        """The saved index, or None when there is none or it cannot be read (then rebuild)."""
        try:
            manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
            if manifest.get("format") != FORMAT or manifest.get("dim") != dim:
                return None
            index = cls(dim, directory, hot_days, hot_min, hot_max)
            index.hot = _Graph.load(directory / "hot", dim)
            index.position, index.clock = int(manifest["position"]), manifest["clock"]
            index.arrivals = deque((float(when), int(label)) for when, label in manifest["arrivals"])
        except (OSError, ValueError, KeyError, RuntimeError) as error:
            LOGGER.warning("%s: the saved vector index cannot be read (%s); rebuilding it from the store",
                           directory, error)
            return None
        if set(index.hot.ids) != {label for _, label in index.arrivals if label in index.hot.ids} or \
                any(label > index.position for label in index.hot.ids):
            LOGGER.warning("%s: the saved vector index is inconsistent; rebuilding it from the store", directory)
            return None
        return index
