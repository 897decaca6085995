"""Distributed ingest on a real Dask cluster (a `dask scheduler` and two `dask worker` processes
on 127.0.0.1): the same store as a serial ingest of the same WARC files, nothing lost or stored
twice when a worker is killed mid-batch, and an interrupted batch resumed shard by shard."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime
from importlib import resources
from pathlib import Path

import pytest
import sqlalchemy as sa
from dask.distributed import Client

from newsweave import Engine
from newsweave.eval.warcs import write_warcs
from newsweave.records import RawDoc
from newsweave.store import open_store

pytestmark = pytest.mark.slow

DASK = [str(Path(sys.executable).with_name("dask"))]
STARTUP_S = 90
INGEST_S = 300
PAGES_PER_WARC = 6


def demo_docs() -> list[RawDoc]:
    rows = [json.loads(line) for line in
            resources.files("newsweave.demo").joinpath("corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    return [RawDoc(source=row["id"], title=row["title"], text=row["text"], lang=row.get("lang"),
                   outlet=row.get("source"),
                   published=datetime.fromisoformat(row["published"]) if row.get("published") else None)
            for row in rows]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """The demo corpus as crawl WARCs, plus loose files (one of them broken) in a directory."""
    root = tmp_path_factory.mktemp("inputs")
    write_warcs(demo_docs(), root / "crawl", per_file=PAGES_PER_WARC)
    loose = root / "loose"
    loose.mkdir()
    (loose / "a.txt").write_text("Harbour strike ends\n\nDock workers in the harbour ended their strike on "
                                 "Tuesday after the port authority agreed to new shift rules.\n", encoding="utf-8")
    (loose / "b.bin").write_bytes(bytes(range(256)) * 8)
    (loose / "c.txt").write_text("", encoding="utf-8")
    return [str(root / "crawl"), str(loose)]


def dask_cluster(directory: Path, workers: int):
    """Start a scheduler and worker processes; return (address, worker processes, all processes)."""
    scheduler_file = directory / "scheduler.json"
    env = {**os.environ, "DASK_DISTRIBUTED__LOGGING__DISTRIBUTED": "warning"}
    processes = [subprocess.Popen(DASK + ["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                          "--scheduler-file", str(scheduler_file)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)]
    deadline = time.time() + STARTUP_S
    while not scheduler_file.exists() and time.time() < deadline:
        time.sleep(0.2)
    address = json.loads(scheduler_file.read_text())["address"]
    worker_processes = [subprocess.Popen(DASK + ["worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                                                 "--host", "127.0.0.1", "--name", f"w{i}"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
                        for i in range(workers)]
    processes += worker_processes
    with Client(address, timeout=STARTUP_S) as client:
        client.wait_for_workers(workers, timeout=STARTUP_S)
    return address, worker_processes, processes


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    address, workers, processes = dask_cluster(tmp_path_factory.mktemp("dask"), 2)
    yield address, workers
    for process in processes:
        process.kill()
        process.wait(timeout=30)


def snapshot(url: str, embedder) -> dict:
    """What a user reads back: articles with their mentions' entities, events, entities, quotes."""
    with Engine(open_store(url), embedder=embedder) as engine:
        return {
            "articles": sorted((a.id, a.source, a.title, a.text, a.lang, a.published, a.event_id,
                                tuple((m.start, m.end, m.type, m.entity_id) for m in a.mentions))
                               for a in engine.articles()),
            "events": sorted((e.id, e.title, tuple(sorted(e.article_ids))) for e in engine.events()),
            "entities": sorted((e["id"], e["name"], e["type"], tuple(sorted(e["article_ids"])))
                               for e in engine.entities()),
            "quotes": sorted((q["article_id"], q["text"], q["speaker_entity_id"]) for q in engine.quotes()),
            "storylines": sorted((s["id"], tuple(s["event_ids"])) for s in engine.storyline_list()),
        }


@pytest.fixture(scope="module")
def serial(inputs, tmp_path_factory, embedder) -> tuple[dict, dict]:
    url = f"sqlite:///{tmp_path_factory.mktemp('serial')}/serial.db"
    with Engine(open_store(url), embedder=embedder) as engine:
        report = engine.ingest(inputs, progress=False).as_json()
    return report, snapshot(url, embedder)


def test_distributed_ingest_makes_the_serial_store(inputs, cluster, serial, tmp_path, embedder):
    url = f"sqlite:///{tmp_path}/dask.db"
    with Engine(open_store(url), embedder=embedder) as engine:
        report = engine.ingest(inputs, scheduler=cluster[0], progress=False).as_json()
    serial_report, serial_store = serial
    shards = report.pop("shards")
    assert (shards["total"], shards["skipped"]) == (10, 0)  # 9 WARC files, one run of loose files
    assert report == serial_report
    assert len(report["failed"]) == 2  # the binary and the empty file, with the serial messages
    assert snapshot(url, embedder) == serial_store


def test_interrupted_batch_resumes_shard_by_shard(inputs, cluster, serial, tmp_path, embedder):
    url = f"sqlite:///{tmp_path}/resumed.db"
    command = [sys.executable, "-m", "newsweave.cli", "ingest", *inputs, "--scheduler", cluster[0],
               "--db", url, "--format", "json"]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + INGEST_S
    db = sa.create_engine(url, poolclass=sa.NullPool)
    done = 0
    while time.time() < deadline and first.poll() is None and done < 2:
        time.sleep(0.2)
        try:
            with db.connect() as conn:
                done = conn.exec_driver_sql("SELECT count(*) FROM ingested_shards").scalar()
        except sa.exc.DBAPIError:  # no tables yet
            continue
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    assert done >= 2, "the first run finished no shard before the deadline"
    second = subprocess.run(command, capture_output=True, text=True, timeout=INGEST_S)
    report = json.loads(second.stdout)
    assert report["shards"]["skipped"] >= 2
    serial_store = serial[1]
    articles = snapshot(url, embedder)["articles"]
    assert sorted(a[0] for a in articles) == sorted(a[0] for a in serial_store["articles"])  # none lost, none twice


def test_worker_killed_mid_batch_loses_and_duplicates_nothing(inputs, cluster, serial, tmp_path, embedder):
    address, workers = cluster
    url = f"sqlite:///{tmp_path}/killed.db"
    outcome: dict = {}

    def run() -> None:
        with Engine(open_store(url), embedder=embedder) as engine:
            outcome["report"] = engine.ingest(inputs, scheduler=address, progress=False).as_json()

    thread = threading.Thread(target=run)
    thread.start()
    victim = workers[0]
    with Client(address, timeout=STARTUP_S) as client:
        deadline = time.time() + INGEST_S
        while time.time() < deadline:  # kill it while it holds work
            busy = {info["name"] for addr, info in client.scheduler_info()["workers"].items()
                    if client.processing().get(addr)}
            if "w0" in busy:
                break
            time.sleep(0.05)
        victim.send_signal(signal.SIGKILL)
    thread.join(timeout=INGEST_S)
    assert not thread.is_alive()
    serial_report, serial_store = serial
    report = outcome["report"]
    report.pop("shards")
    assert report == serial_report
    assert snapshot(url, embedder) == serial_store
