"""`newsweave bench --kills N`: SIGKILL a real ingest at N random moments and check, after each,
that nothing committed is lost, nothing is half-stored, and a re-run completes the set.

Each round starts `newsweave ingest` (a separate process, as a user runs it) on the same inputs
against the same store, waits until a randomly chosen number of further articles is committed,
then sleeps a random fraction of a batch's time more, so the kill falls anywhere in the next
batch: while it is prepared, while events are merged or split, while the transaction commits, or
while the vector index is written beside the store. After the kill:

- `newsweave verify` passes (`Store.problems`: no article without its text, vectors, source or
  event, no row pointing at a missing one; the vector index beside the store matches it or is
  rebuilt);
- every article the killed process logged as committed is in the store, and no content is
  stored twice.

A last run ingests what is left: every input is then stored exactly once. The inputs are the
bundled demo corpus (six languages, wire copies, events that merge) and generated reports.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

import sqlalchemy as sa
from tqdm import tqdm

from newsweave.errors import NewsweaveError
from newsweave.store import open_store
from newsweave.store.postgres import normalise_url

GENERATED_PER_KILL = 25  # reports written per kill asked for (each round commits a batch or two)
GENERATED_MIN = 150
TOPICS = ["harbour strike", "school reform", "bridge collapse", "wine harvest", "chess final", "bus fares"]
ROUND_TIMEOUT_S = 300
COMMITTED = "newsweave.engine: committed "


def write_inputs(directory: Path, generated: int) -> list[str]:
    """The demo corpus and ``generated`` short reports on recurring topics, as ingest inputs."""
    reports = directory / "reports"
    reports.mkdir(parents=True)
    for i in range(generated):
        topic = TOPICS[i % len(TOPICS)]
        (reports / f"{i:04d}.txt").write_text(
            f"Report {i} on the {topic}\n\nThis is report number {i} about the {topic} in district {i * 7}. "
            f"Officials gave {i + 3} interviews and said more details would follow on day {i % 28 + 1}.\n",
            encoding="utf-8")
    return [str(resources.files("newsweave.demo").joinpath("corpus.jsonl")), str(reports)]


def run_kills(kills: int, db_url: str | None = None, seed: int = 1, progress: bool | None = None) -> dict:
    """Kill ``kills`` ingests of the same inputs into one store (a scratch SQLite file unless
    ``db_url``, which must be empty), checking the store after each; then complete the set."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as scratch:
        url = db_url or f"sqlite:///{scratch}/kills.db"
        inputs = write_inputs(Path(scratch) / "inputs", max(GENERATED_MIN, GENERATED_PER_KILL * kills))
        reference = _reference_ids(inputs, scratch)  # what an uninterrupted ingest stores
        expected = len(reference)
        db = sa.create_engine(normalise_url(url), poolclass=sa.NullPool)
        if _stored(db) is None:
            open_store(url).close()  # the tables, so the harness can watch them fill
        if _stored(db):
            raise NewsweaveError(f"{url} holds articles: bench --kills needs an empty store")
        rounds, lost, problems = [], 0, []
        for number in tqdm(range(kills), desc="bench --kills", unit="kill", file=sys.stderr,
                           disable=None if progress is None else not progress):
            before = _stored(db)
            if before >= expected:
                break  # a round finished the set before its kill: nothing left to interrupt
            target = before + rng.randint(1, max(1, (expected - before) // (kills - number + 1)))
            outcome = _killed_round(url, inputs, db, target, rng.random(), scratch)
            checked = _check(url, db, outcome["committed"])
            lost += checked["lost"]
            problems += [f"kill {number + 1}: {p}" for p in checked["problems"]]
            rounds.append({**outcome, "committed": len(outcome["committed"]), **checked})
        final = subprocess.run(_ingest_command(url, inputs), capture_output=True, text=True, timeout=ROUND_TIMEOUT_S,
                               cwd=scratch)
        checked = _check(url, db, set())
        stored, distinct = _stored(db), _distinct(db)
        with db.connect() as conn:
            missing = reference - set(conn.exec_driver_sql("SELECT id FROM articles").scalars())
        db.dispose()
    if final.returncode != 0:
        problems.append(f"the completing run failed: {final.stderr.strip().splitlines()[-1:]}")
    problems += [f"after the completing run: {p}" for p in checked["problems"]]
    if stored != expected or distinct != stored or missing:
        problems.append(f"after the completing run: {stored} articles stored ({distinct} distinct, {len(missing)} "
                        f"of an uninterrupted ingest's missing), {expected} expected")
    return {"kills": len(rounds), "killed_while_running": sum(r["killed"] for r in rounds),
            "inputs": expected, "stored": stored, "committed_then_lost": lost,
            "rebuilt_indexes": sum(r["repaired"] for r in rounds), "problems": problems, "rounds": rounds}


def _ingest_command(url: str, inputs: list[str]) -> list[str]:
    return [sys.executable, "-m", "newsweave.cli", "ingest", *inputs, "--db", url, "-v"]


def _killed_round(url: str, inputs: list[str], db: sa.Engine, target: int, delay_share: float,
                  scratch: str) -> dict:
    """Run an ingest until ``target`` articles are stored, sleep up to a batch's time more,
    SIGKILL it; return what it logged as committed and whether it was still running."""
    log = Path(scratch) / "ingest.log"
    with open(log, "w", encoding="utf-8") as err:
        process = subprocess.Popen(_ingest_command(url, inputs), stdout=subprocess.DEVNULL, stderr=err, cwd=scratch)
        began, deadline = time.monotonic(), time.monotonic() + ROUND_TIMEOUT_S
        first_commit = None
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
            stored = _stored(db) or 0
            if first_commit is None and stored:
                first_commit = time.monotonic()
            if stored >= target:
                break
        # A batch takes about as long as the first one did: land anywhere within the next.
        batch_s = (first_commit or time.monotonic()) - began
        time.sleep(delay_share * min(batch_s, 2.0))
        killed = process.poll() is None
        if killed:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
    committed = set()
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if COMMITTED in line:
            committed.update(line.split(": ", 2)[-1].split())
    return {"target": target, "killed": killed, "committed": committed}


def _check(url: str, db: sa.Engine, committed: set[str]) -> dict:
    verify = subprocess.run([sys.executable, "-m", "newsweave.cli", "verify", "--db", url, "--format", "json"],
                            capture_output=True, text=True, timeout=ROUND_TIMEOUT_S)
    try:
        report = json.loads(verify.stdout)
    except ValueError:
        return {"lost": 0, "repaired": False, "problems": [f"verify failed: {verify.stderr.strip()[-300:]}"]}
    with db.connect() as conn:
        ids = set(conn.exec_driver_sql("SELECT id FROM articles").scalars())
    lost = len(committed - ids)
    problems = list(report["problems"])
    if lost:
        problems.append(f"{lost} article(s) logged as committed are not stored")
    if _distinct(db) != len(ids):
        problems.append("some content is stored twice")
    return {"lost": lost, "repaired": bool(report["repaired"]), "problems": problems}


def _stored(db: sa.Engine) -> int | None:
    try:
        with db.connect() as conn:
            return int(conn.exec_driver_sql("SELECT count(*) FROM articles").scalar())
    except sa.exc.DBAPIError:  # no tables yet
        return None


def _distinct(db: sa.Engine) -> int:
    with db.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(DISTINCT content_hash) FROM articles").scalar())


def _reference_ids(inputs: list[str], scratch: str) -> set[str]:
    url = f"sqlite:///{scratch}/reference.db"
    done = subprocess.run(_ingest_command(url, inputs), capture_output=True, text=True, timeout=ROUND_TIMEOUT_S,
                          cwd=scratch)
    if done.returncode != 0:
        raise NewsweaveError(f"bench --kills: the uninterrupted ingest failed: {done.stderr.strip()[-300:]}")
    db = sa.create_engine(url, poolclass=sa.NullPool)
    with db.connect() as conn:
        ids = set(conn.exec_driver_sql("SELECT id FROM articles").scalars())
    db.dispose()
    return ids
