"""SIGKILL during ingest into a real store (a SQLite file, a PostgreSQL database): nothing
half-stored, a re-run completes the set."""

import os
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

N = 120
TOPICS = ["harbour strike", "school reform", "bridge collapse", "wine harvest", "chess final", "bus fares"]


def write_corpus(directory):
    directory.mkdir()
    for i in range(N):
        topic = TOPICS[i % len(TOPICS)]
        (directory / f"{i:04d}.txt").write_text(
            f"Report {i} on the {topic}\n\nThis is report number {i} about the {topic} in district {i * 7}. "
            f"Officials gave {i + 3} interviews and said more details would follow on day {i % 28 + 1}.\n",
            encoding="utf-8")


def count(db, sql):
    with db.connect() as conn:
        return conn.exec_driver_sql(sql).scalar()


def check_integrity(db):
    if db.dialect.name == "sqlite":
        assert count(db, "PRAGMA integrity_check") == "ok"
    assert count(db, "SELECT count(*) FROM articles a LEFT JOIN article_signals s ON s.article_id = a.id "
                     "WHERE s.article_id IS NULL") == 0
    assert count(db, "SELECT count(*) FROM articles a LEFT JOIN events e ON e.id = a.event_id "
                     "WHERE e.id IS NULL") == 0
    assert count(db, "SELECT count(*) FROM articles a LEFT JOIN sources s ON s.article_id = a.id "
                     "WHERE s.article_id IS NULL") == 0
    assert count(db, "SELECT count(*) FROM events e WHERE e.merged_into IS NULL AND e.size != "
                     "(SELECT count(*) FROM articles a WHERE a.event_id = e.id)") == 0


@pytest.mark.slow
def test_kill_during_ingest_loses_nothing_committed(tmp_path, store_url):
    write_corpus(tmp_path / "corpus")
    db = sa.create_engine(store_url, poolclass=sa.NullPool)
    command = [sys.executable, "-m", "newsweave.cli", "ingest", "corpus", "--db", store_url]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    stored = 0
    while time.time() < deadline and process.poll() is None:
        time.sleep(0.05)
        try:
            stored = count(db, "SELECT count(*) FROM articles")
        except sa.exc.DBAPIError:  # no tables yet
            continue
        if stored >= 20:
            break
    assert process.poll() is None, "ingest finished before it could be killed; make the corpus bigger"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    before = count(db, "SELECT count(*) FROM articles")
    assert 20 <= before < N
    check_integrity(db)
    rerun = subprocess.run(command + ["--format", "json"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert '"ingested": %d' % (N - before) in rerun.stdout
    assert count(db, "SELECT count(*) FROM articles") == N
    assert count(db, "SELECT count(DISTINCT content_hash) FROM articles") == N
    check_integrity(db)
