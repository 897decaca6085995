"""Every command that reads or writes the store, through the CLI, on each backend: `--db` takes
the URL as users type it (plain postgresql:// for PostgreSQL)."""

import json
import subprocess
import sys
from importlib import resources

import pytest


def run(*args, db: str, cwd):
    result = subprocess.run([sys.executable, "-m", "newsweave.cli", *args, "--db", db, "--format", "json"],
                            cwd=cwd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "Traceback" not in result.stderr, (args, result.stderr)
    return json.loads(result.stdout)


@pytest.mark.slow
def test_cli_commands_work_on_each_backend(store_url, tmp_path):
    db = store_url.replace("postgresql+psycopg://", "postgresql://", 1)
    lines = resources.files("newsweave.demo").joinpath("corpus.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "in.jsonl").write_text("\n".join(lines[12:20]) + "\n", encoding="utf-8")  # two stories, 6 languages

    assert run("ingest", "in.jsonl", db=db, cwd=tmp_path) == {"ingested": 8, "duplicates": 0, "failed": []}
    assert run("ingest", "in.jsonl", db=db, cwd=tmp_path) == {"ingested": 0, "duplicates": 8, "failed": []}
    articles = run("articles", db=db, cwd=tmp_path)
    assert [a["source"] for a in articles] == [f"in.jsonl#{i}" for i in range(1, 9)]
    events = run("events", db=db, cwd=tmp_path)
    assert sorted(a["id"] for e in events for a in e["articles"]) == sorted(a["id"] for a in articles)
    largest = events[0]["id"]
    shown = run("show", largest, db=db, cwd=tmp_path)
    assert shown["id"] == largest and shown["history"][0]["kind"] == "opened" and shown["entities"]
    assert {q["article_id"] for q in shown["quotes"]} <= {a["id"] for a in shown["articles"]}
    entities = run("entities", db=db, cwd=tmp_path)
    speaker = next(q["speaker_entity_id"] for q in run("quotes", db=db, cwd=tmp_path) if q["speaker_entity_id"])
    assert speaker in {e["id"] for e in entities}
    assert run("quotes", "--entity", speaker, db=db, cwd=tmp_path)
    assert all(r["article_id"] in {a["id"] for a in articles} for r in run("actions", db=db, cwd=tmp_path))
    storylines = run("storylines", db=db, cwd=tmp_path)
    assert sorted(e for s in storylines for e in s["event_ids"]) == sorted(e["id"] for e in events)
    assert run("summary", largest, "--lang", "en", db=db, cwd=tmp_path)["sentences"]
    assert run("coverage", largest, db=db, cwd=tmp_path)["event_id"] == largest
