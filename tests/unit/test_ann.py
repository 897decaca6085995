"""The article index: recent articles in memory, older ones in monthly indexes on disk, saved
and loaded rather than rebuilt."""

from datetime import datetime, timedelta, timezone

import numpy as np

from newsweave.stages.ann import ArticleIndex

START = datetime(2026, 1, 1, tzinfo=timezone.utc)


def unit(rng, n, dim=16):
    vectors = rng.standard_normal((n, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def grown(directory=None, n=200, days_per_article=0.5):
    rng = np.random.default_rng(1)
    vectors = unit(rng, n)
    index = ArticleIndex(16, directory, hot_days=14, hot_min=10)
    for i, vector in enumerate(vectors, 1):
        index.add(i, f"a{i}", vector, START + timedelta(days=i * days_per_article))
    return index, vectors


def test_recent_arrivals_stay_hot_whatever_their_dates():
    rng = np.random.default_rng(2)
    index = ArticleIndex(16, hot_days=14, hot_min=50, hot_max=80)
    for i, vector in enumerate(unit(rng, 100), 1):  # dates jumping back and forth by years
        index.add(i, f"a{i}", vector, START + timedelta(days=365 * (i % 5)))
    assert 50 <= len(index) <= 80  # the last arrivals stay, up to the cap
    assert {"a99", "a100"} <= {n.article_id for n in index.query(unit(rng, 1)[0], k=80)}


def test_only_the_hot_window_stays_in_memory():
    index, vectors = grown()
    assert len(index) == 28 + 1  # 14 days at two articles a day, the newest included
    newest = index.query(vectors[-1], k=1)
    assert newest[0].article_id == "a200" and newest[0].similarity > 0.99
    # An old article is no candidate for a new one...
    assert "a10" not in {n.article_id for n in index.query(vectors[9], k=5)}
    # ...but a late article published back then finds it in its month.
    late = index.query(vectors[9], k=1, published=START + timedelta(days=5))
    assert late[0].article_id == "a10"


def test_saved_index_loads_with_its_position_and_cold_months(tmp_path):
    index, vectors = grown(tmp_path / "ann")
    index.save()
    loaded = ArticleIndex.load(16, tmp_path / "ann", hot_days=14, hot_min=10)
    assert loaded is not None and loaded.position == 200 and len(loaded) == len(index)
    assert loaded.query(vectors[-1], k=1)[0].article_id == "a200"
    assert loaded.query(vectors[9], k=1, published=START + timedelta(days=5))[0].article_id == "a10"
    loaded.add(201, "a201", vectors[0], START + timedelta(days=101))  # keeps growing after a load
    assert loaded.position == 201


def test_unreadable_or_mismatched_index_asks_for_a_rebuild(tmp_path):
    index, _ = grown(tmp_path / "ann")
    index.save()
    assert ArticleIndex.load(32, tmp_path / "ann") is None  # another embedder's dimension
    (tmp_path / "ann" / "hot.bin").write_bytes(b"not an index")
    assert ArticleIndex.load(16, tmp_path / "ann") is None
    assert ArticleIndex.load(16, tmp_path / "missing") is None
