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


def _context(url):
    with _engine(url) as engine:
        context = engine.resolver.context
        return ({e: sorted(ids) for e, ids in context._cooccurring.items() if ids},
                {e: sorted(roles) for e, roles in context._roles.items()})


def test_resolver_context_is_saved_with_the_index_and_caught_up(tmp_path):
    url = f"sqlite:///{tmp_path}/store.db"
    _, later = grow(url, 120, 30)
    saved = tmp_path / "store.db.index" / "context.npz"
    assert saved.exists()
    at_120 = saved.read_bytes()
    with _engine(url) as engine:
        engine.ingest_docs(later, progress=False)
    loaded = _context(url)  # as saved at 150
    saved.write_bytes(at_120)  # as if the process that stored the last 30 was killed before saving
    caught_up = _context(url)
    saved.unlink()
    rebuilt = _context(url)  # from every stored mention
    assert loaded == caught_up == rebuilt and rebuilt[0]
    saved.write_bytes(b"not a context")
    assert _context(url) == rebuilt  # unreadable: rebuilt from the store
