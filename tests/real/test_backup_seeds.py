"""export, then import into an empty store, on the real seed articles: the same store back."""

import io

from newsweave import Engine
from newsweave.store import open_store


def test_seeds_export_import_round_trip(shared, tmp_path, embedder):
    with Engine(open_store(f"sqlite:///{tmp_path}/seeds.db"), embedder=embedder) as engine:
        report = engine.ingest([str(shared / "seeds")], progress=False)
        assert report.ingested == 5 and not report.failed
        exported = io.StringIO()
        engine.export(exported)
        before = (engine.articles(), engine.events(), engine.entities(), engine.quotes(), engine.storyline_list(),
                  {e.id: engine.event_history(e.id) for e in engine.events()})
    with Engine(open_store(f"sqlite:///{tmp_path}/restored.db"), embedder=embedder) as engine:
        engine.import_(io.StringIO(exported.getvalue()), "seeds.jsonl")
        after = (engine.articles(), engine.events(), engine.entities(), engine.quotes(), engine.storyline_list(),
                 {e.id: engine.event_history(e.id) for e in engine.events()})
        again = io.StringIO()
        engine.export(again)
        assert engine.verify()["ok"] is True
    assert after == before
    assert any(q["speaker_entity_id"] for q in after[3])  # quotes kept their resolved speakers
    assert again.getvalue() == exported.getvalue()
