"""export / import / verify on real stores (SQLite file and PostgreSQL): the same store back,
bad exports refused with one line and nothing loaded, broken invariants found, a vector index
that does not match its store rebuilt."""

import io
import json
import shutil
import subprocess
import sys
from importlib import resources

import pytest
import sqlalchemy as sa

from newsweave import Engine, search
from newsweave.errors import BadInput, NewsweaveError
from newsweave.ingest import read_inputs
from newsweave.store import open_store

DEMO = str(resources.files("newsweave.demo").joinpath("corpus.jsonl"))


def what_a_user_sees(engine):
    """Articles (with mentions and quotes), events with their history, entities, quotes, storylines."""
    articles = [(a.id, a.title, a.text, a.lang, a.published, a.event_id, a.syndicated_of,
                 [(m.start, m.end, m.entity_id) for m in a.mentions], [(q.text, q.speaker_entity_id) for q in a.quotes])
                for a in engine.articles()]
    events = [(e.id, e.size, sorted(e.article_ids), [(c.kind, c.other_event_id, c.article_ids)
                                                     for c in engine.event_history(e.id)]) for e in engine.events()]
    return articles, events, engine.entities(), engine.quotes(), engine.storyline_list()


def export_text(engine) -> str:
    out = io.StringIO()
    engine.export(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory, embedder):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Engine(open_store(f"sqlite:///{path}"), embedder=embedder) as engine:
        engine.ingest_docs(read_inputs([DEMO]), progress=False)
        return export_text(engine), what_a_user_sees(engine)


def test_export_then_import_gives_the_same_store_back(store_url, tmp_path, embedder, demo_export):
    text, seen = demo_export
    with Engine(open_store(store_url), embedder=embedder) as engine:
        rows = engine.import_(io.StringIO(text), "demo.jsonl")
        assert rows == len(text.splitlines()) - 2  # every line but the header and the end
        assert what_a_user_sees(engine) == seen
        assert export_text(engine) == text
        assert engine.verify() == {"ok": True, "articles": len(seen[0]), "problems": [], "repaired": []}
        report = engine.ingest_docs(read_inputs([DEMO]), progress=False)
        assert report.ingested == 0  # re-ingesting what was imported is a no-op
        assert search.text_search(engine.store, "séisme").total >= 1  # the demo's French quake story
        # The imported store goes on: a new article takes the next place (PostgreSQL's sequences moved on).
        new = tmp_path / "new.txt"
        new.write_text("Harbour reopens\n\nThe harbour of the old town reopened on Monday after the storm, "
                       "the port authority said, and the first ferries left at noon.\n", encoding="utf-8")
        assert engine.ingest_docs(read_inputs([str(new)]), progress=False).ingested == 1
        assert engine.articles()[-1].title == "Harbour reopens" and engine.verify()["ok"] is True


def test_import_refuses_a_bad_export_and_loads_nothing(tmp_path, embedder, demo_export):
    text, _ = demo_export
    lines = text.splitlines(keepends=True)
    bad = {
        "empty": ("", "empty"),
        "not json": ("{nope\n", "line 1: not JSON"),
        "another file": ('{"pair_id": 1}\n', "not a newsweave export"),
        "newer": ('{"newsweave_export": 1, "schema_version": 999}\n', "upgrade newsweave"),
        "cut short": ("".join(lines[:-40]), "cut short"),
        "a row lost": ("".join(lines[:5] + lines[6:]), "says"),
        "unknown table": ("".join(lines[:1] + ['{"table": "users", "row": {"id": 1}}\n'] + lines[1:]), "users"),
        "bad bytes": (lines[0] + '{"table": "meta", "row": {"key": {"$bytes": "%%%"}}}\n' + lines[-1], "bytes"),
    }
    for name, (content, message) in bad.items():
        url = f"sqlite:///{tmp_path}/{name.replace(' ', '_')}.db"
        with Engine(open_store(url), embedder=embedder) as engine:
            with pytest.raises(BadInput, match=message) as raised:
                engine.import_(io.StringIO(content), f"{name}.jsonl")
            assert str(raised.value).startswith(f"{name}.jsonl: ") and "\n" not in str(raised.value)
            assert engine.store.count_articles() == 0 and engine.events() == [] and engine.entities() == []


def test_import_into_a_store_that_holds_articles_is_refused(engine, demo_export):
    text, _ = demo_export
    engine.ingest_docs(read_inputs([DEMO]), progress=False)
    before = export_text(engine)
    with pytest.raises(BadInput, match="not empty"):
        engine.import_(io.StringIO(text), "demo.jsonl")
    assert export_text(engine) == before


def test_verify_names_each_broken_invariant(tmp_path, embedder, demo_export):
    url = f"sqlite:///{tmp_path}/broken.db"
    with Engine(open_store(url), embedder=embedder) as engine:
        engine.import_(io.StringIO(demo_export[0]), "demo.jsonl")
        first, copy = engine.articles()[0], next(a for a in engine.articles() if a.syndicated_of)
    db = sa.create_engine(url)
    with db.begin() as conn:
        conn.execute(sa.text("DELETE FROM article_signals WHERE article_id = :a"), {"a": first.id})
        conn.execute(sa.text("UPDATE events SET size = size + 1 WHERE id = :e"), {"e": copy.event_id})
        conn.execute(sa.text("UPDATE articles SET syndicated_of = 'gone' WHERE id = :a"), {"a": copy.id})
    db.dispose()
    with Engine(open_store(url), embedder=embedder) as engine:
        report = engine.verify()
    assert report["ok"] is False
    assert report["problems"] == [f"articles without vectors: {first.id}", "copies whose original is missing: gone",
                                  f"live events whose size is not their original articles: {copy.event_id}"]


def test_verify_rebuilds_a_vector_index_that_belongs_to_another_store(tmp_path, embedder, demo_export):
    reversed_demo = tmp_path / "reversed.jsonl"
    reversed_demo.write_text("".join(reversed(open(DEMO, encoding="utf-8").readlines())), encoding="utf-8")
    with Engine(open_store(f"sqlite:///{tmp_path}/demo.db"), embedder=embedder) as engine:
        engine.import_(io.StringIO(demo_export[0]), "demo.jsonl")
    with Engine(open_store(f"sqlite:///{tmp_path}/other.db"), embedder=embedder) as engine:
        engine.ingest_docs(read_inputs([str(reversed_demo)]), progress=False)  # the same articles, another order
    shutil.rmtree(tmp_path / "other.db.index")
    shutil.copytree(tmp_path / "demo.db.index", tmp_path / "other.db.index")
    with Engine(open_store(f"sqlite:///{tmp_path}/other.db"), embedder=embedder) as engine:
        first, again = engine.verify(), engine.verify()
    assert first["ok"] is True and len(first["repaired"]) == 1
    assert "holds elsewhere" in first["repaired"][0] and "rebuilt from the store" in first["repaired"][0]
    assert again["repaired"] == []



def test_verify_leaves_a_mismatched_index_alone_while_another_engine_has_it_open(tmp_path, embedder, demo_export):
    """Rebuilding under an ingest would mix two saves (an ingest saves only the parts it changed)."""
    url = f"sqlite:///{tmp_path}/demo.db"
    with Engine(open_store(url), embedder=embedder) as engine:
        engine.import_(io.StringIO(demo_export[0]), "demo.jsonl")
    manifest = tmp_path / "demo.db.index" / "manifest.json"
    saved = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**saved, "position": saved["position"] + 5}), encoding="utf-8")
    ingesting = Engine(open_store(url), embedder=embedder)
    assert ingesting.clusterer is not None  # holds the index open, as an ingest does
    try:
        with Engine(open_store(url), embedder=embedder) as engine:
            report = engine.verify()
        assert report["ok"] is False and report["repaired"] == []
        assert "not rebuilt" in report["problems"][0] and "run verify again" in report["problems"][0]
        assert json.loads(manifest.read_text(encoding="utf-8"))["position"] == saved["position"] + 5  # untouched
    finally:
        ingesting.close()
    with Engine(open_store(url), embedder=embedder) as engine:  # the other one saved its index on closing
        assert engine.verify()["ok"] is True

def test_import_refuses_a_store_another_engine_has_open(tmp_path, embedder, demo_export):
    """Importing forgets the indexes beside the store, which another process may be writing."""
    url = f"sqlite:///{tmp_path}/empty.db"
    serving = Engine(open_store(url), embedder=embedder)
    assert serving.clusterer is not None  # holds the indexes open, as a server or an ingest does
    try:
        with Engine(open_store(url), embedder=embedder) as engine:
            with pytest.raises(NewsweaveError, match="another process .* import again"):
                engine.import_(io.StringIO(demo_export[0]), "demo.jsonl")
            assert engine.store.count_articles() == 0
    finally:
        serving.close()
    with Engine(open_store(url), embedder=embedder) as engine:
        assert engine.import_(io.StringIO(demo_export[0]), "demo.jsonl") > 0


def test_cli_export_import_verify(tmp_path, demo_export):
    source, target = tmp_path / "source.db", tmp_path / "target.db"
    export = tmp_path / "demo.jsonl"
    export.write_text(demo_export[0], encoding="utf-8")

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "newsweave.cli", *args], capture_output=True, text=True,
                              timeout=300)

    assert cli("import", "--db", f"sqlite:///{source}", str(export)).returncode == 0
    again = tmp_path / "again.jsonl"
    done = cli("export", "--db", f"sqlite:///{source}", "--output", str(again))
    assert done.returncode == 0 and again.read_text(encoding="utf-8") == demo_export[0]
    refused = cli("export", "--db", f"sqlite:///{source}", "--output", str(again))  # never overwrites
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and str(again) in refused.stderr
    piped = cli("export", "--db", f"sqlite:///{source}")
    assert piped.stdout == demo_export[0]
    imported = cli("import", "--db", f"sqlite:///{target}", "--format", "json", "-")
    assert imported.returncode == 1 and "<stdin>" in imported.stderr  # nothing on stdin: not an export
    verify = cli("verify", "--db", f"sqlite:///{source}", "--format", "json")
    assert verify.returncode == 0 and json.loads(verify.stdout)["ok"] is True
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\x00\xff\xfe" * 100)
    failed = cli("import", "--db", f"sqlite:///{target}", str(binary))
    assert failed.returncode == 1 and failed.stderr.startswith(f"newsweave: {binary}: ") and "Traceback" not in failed.stderr
