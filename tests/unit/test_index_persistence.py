"""The clusterer's index saved beside the store: loaded, not rebuilt, by the next process, and
the same decisions as a rebuild; a damaged or stale save is rebuilt from the store."""

import shutil

from newsweave.eval.scale import SyntheticStream, _engine


def grow(url, first, then):
    stream = SyntheticStream(seed=5)
    with _engine(url) as engine:
        engine.ingest_docs(stream.items(first), progress=False)
    return stream, list(stream.items(then))


def events_after(url, items):
    with _engine(url) as engine:
        engine.ingest_docs(items, progress=False)
        return sorted((e.id, tuple(sorted(e.article_ids))) for e in engine.events()), engine.clusterer


def test_saved_index_is_loaded_and_decides_like_a_rebuild(tmp_path):
    saved_url, rebuilt_url = f"sqlite:///{tmp_path}/saved.db", f"sqlite:///{tmp_path}/rebuilt.db"
    _, later = grow(saved_url, 120, 40)
    grow(rebuilt_url, 120, 0)
    assert (tmp_path / "saved.db.index" / "manifest.json").exists()
    shutil.rmtree(tmp_path / "rebuilt.db.index")
    with _engine(saved_url) as engine:
        assert engine.clusterer._index.position == 120  # loaded, nothing to catch up
    saved, clusterer = events_after(saved_url, later)
    rebuilt, _ = events_after(rebuilt_url, later)
    assert saved == rebuilt and clusterer._index.position == 160


def test_damaged_or_stale_index_is_rebuilt(tmp_path, caplog):
    url = f"sqlite:///{tmp_path}/store.db"
    _, later = grow(url, 100, 20)
    (tmp_path / "store.db.index" / "hot.bin").write_bytes(b"\0" * 64)
    with _engine(url) as engine:
        assert engine.clusterer._index.position == 100
    assert "rebuilding it from the store" in caplog.text
    # A save from a bigger store (another database's file copied here) is not trusted.
    other = f"sqlite:///{tmp_path}/other.db"
    grow(other, 130, 0)
    shutil.rmtree(tmp_path / "store.db.index")
    shutil.copytree(tmp_path / "other.db.index", tmp_path / "store.db.index")
    with _engine(url) as engine:
        assert engine.clusterer._index.position == 100 and len(engine.clusterer._index) <= 100
