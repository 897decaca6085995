"""A full disk, a read-only database and a locked one: `newsweave ingest` says so in one line,
with what to do, and loses nothing already stored."""

import contextlib
import shutil
import sqlite3
import subprocess
import sys
import threading
from importlib import resources
from pathlib import Path

import pytest

DEMO = str(resources.files("newsweave.demo").joinpath("corpus.jsonl"))


def a_report(directory: Path) -> str:
    path = directory / "report.txt"
    path.write_text("Ferry service resumes\n\nThe ferry between the two islands ran again on Tuesday after a "
                    "week of storms, the operator said.\n", encoding="utf-8")
    return str(path)


def newsweave(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "newsweave.cli", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


def last_line(result) -> str:
    assert "Traceback" not in result.stderr
    return result.stderr.strip().splitlines()[-1]


def stored_ids(db: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(db)) as conn:  # (a bare `with` would leave it open)
        return {row[0] for row in conn.execute("SELECT id FROM articles")}


@pytest.fixture
def small_disk(tmp_path):
    """A 600 KB filesystem (tmpfs), grown to 64 MB by calling the returned function."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if shutil.which("mount") is None or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("needs to mount a small tmpfs (root)")
    yield mount, lambda: subprocess.run(["mount", "-o", "remount,size=64m", str(mount)], check=True)
    subprocess.run(["umount", str(mount)], check=True)


def test_full_disk_is_one_line_and_loses_nothing_committed(small_disk):
    disk, grow = small_disk
    url = f"sqlite:///{disk}/store.db"
    full = newsweave("ingest", DEMO, "--db", url)
    assert full.returncode == 1
    assert "disk is full" in last_line(full) and "everything committed before is kept" in last_line(full)
    kept = stored_ids(disk / "store.db")
    assert kept  # some batches were committed before the disk filled
    assert '"ok": true' in newsweave("verify", "--db", url, "--format", "json").stdout
    grow()  # space freed: the same command completes the set
    again = newsweave("ingest", DEMO, "--db", url, "--format", "json")
    assert again.returncode == 0, again.stderr
    assert kept < stored_ids(disk / "store.db")
    assert '"ok": true' in newsweave("verify", "--db", url, "--format", "json").stdout


def test_read_only_database_is_one_line_and_unchanged(tmp_path):
    db = tmp_path / "store.db"
    assert newsweave("ingest", a_report(tmp_path), "--db", f"sqlite:///{db}").returncode == 0
    before = stored_ids(db)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    refused = newsweave("ingest", DEMO, "--db", f"sqlite:///file:{db}?mode=ro&uri=true", cwd=elsewhere)
    assert refused.returncode == 1
    assert "read-only" in last_line(refused) and str(db.name) in last_line(refused)
    assert stored_ids(db) == before
    assert list(elsewhere.iterdir()) == []  # the URI names the file: nothing made under a "file:" directory


def test_locked_database_is_one_line_and_unchanged(tmp_path):
    db = tmp_path / "store.db"
    assert newsweave("ingest", DEMO, "--db", f"sqlite:///{db}").returncode == 0
    before = stored_ids(db)
    holding, release = threading.Event(), threading.Event()

    def hold_the_write_lock():
        conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        conn.execute("BEGIN IMMEDIATE")
        holding.set()
        release.wait(120)
        conn.execute("ROLLBACK")
        conn.close()

    holder = threading.Thread(target=hold_the_write_lock)
    holder.start()
    try:
        assert holding.wait(30)
        locked = newsweave("ingest", a_report(tmp_path), "--db", f"sqlite:///{db}")
    finally:
        release.set()
        holder.join()
    assert locked.returncode == 1
    assert "write lock" in last_line(locked) and "wait for it to finish" in last_line(locked)
    assert stored_ids(db) == before
