"""Several `newsweave ingest` processes into one PostgreSQL database at once, on overlapping
inputs: every article stored exactly once, every source recorded, each process exits 0.

Events may come out differently than in a serial run (each process clusters with its own
in-memory index); articles and sources may not."""

import json
import subprocess
import sys
from importlib import resources

import pytest

from newsweave.ingest import read_inputs
from newsweave.store import open_store

pytestmark = pytest.mark.slow


def write_inputs(directory) -> list[list[str]]:
    """Each worker's input files: one file all of them read (the same sources), and a slice of
    the demo corpus that overlaps its neighbours' (the same articles under other sources), the
    last one read backwards."""
    lines = resources.files("newsweave.demo").joinpath("corpus.jsonl").read_text(encoding="utf-8").splitlines()
    files = {"shared.jsonl": lines[:6], "w0.jsonl": lines[6:24], "w1.jsonl": lines[18:38],
             "w2.jsonl": lines[32:54][::-1]}
    for name, chosen in files.items():
        (directory / name).write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return [["shared.jsonl", f"w{i}.jsonl"] for i in range(3)]


def test_concurrent_ingest_stores_every_article_and_source_once(tmp_path, postgres_url, monkeypatch):
    inputs = write_inputs(tmp_path)
    url = postgres_url.replace("postgresql+psycopg://", "postgresql://", 1)  # the form users type
    workers = [subprocess.Popen([sys.executable, "-m", "newsweave.cli", "ingest", *names, "--db", url,
                                 "--format", "json"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for names in inputs]
    try:
        outputs = [worker.communicate(timeout=300) for worker in workers]
    finally:
        for worker in workers:
            worker.kill()
    for worker, (_, stderr) in zip(workers, outputs):
        assert worker.returncode == 0, stderr
    monkeypatch.chdir(tmp_path)  # sources are named as the workers were given them
    titles = {doc.source: doc.title for names in inputs for doc in read_inputs(names)}
    with open_store(url) as store:
        articles = store.articles()
        sources = store.sources()
        assert all(store.resolve_event_id(a.event_id) for a in articles)
    by_hash = {a.content_hash: a for a in articles}
    assert len(by_hash) == len(articles) == len(set(titles.values()))  # each article once, none lost
    assert sorted(source for source, _ in sources) == sorted(titles)  # each source once, none lost
    assert all(by_hash[content_hash].title == titles[source] for source, content_hash in sources)
    reports = [json.loads(stdout) for stdout, _ in outputs]
    assert sum(r["ingested"] for r in reports) == len(articles)
    assert [r["ingested"] + r["duplicates"] for r in reports] == [
        sum(1 for _ in read_inputs(names)) for names in inputs]
