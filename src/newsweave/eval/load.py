"""`newsweave bench --load SECONDS`: mixed reads at a steady rate against `newsweave serve` on
127.0.0.1 while the server ingests, measured by locust.

The harness fills a scratch store (the demo corpus and generated articles in its six
languages), starts `newsweave serve` on it as a user would (its own process, a free port, an API
key), keeps the server's ingest busy for the whole run (POST /api/ingest, one job after another,
new generated articles), and runs locust headless in a third process: `rate / PACE` users, each
reading at most PACE times a second (newsweave/eval/load_users.py says what they read). It
reports locust's latency percentiles over every request, per route, the errors, the rate
reached and what the ingest stored meanwhile.
"""

from __future__ import annotations

import csv
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path

import httpx

from newsweave.engine import Engine
from newsweave.errors import NewsweaveError
from newsweave.eval.bench import demo_docs, generated_docs
from newsweave.records import RawDoc

PACE = 2.0  # requests per second per simulated reader
PREFILL = 600  # generated articles in the store before the run (besides the demo corpus)
INGEST_JOB = 48  # articles per POST /api/ingest while the readers read
START_TIMEOUT_S = 180
WORD = re.compile(r"[^\W\d_]{5,}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fill(url: str, prefill: int) -> dict[str, list[str]]:
    """Ingest the demo corpus and ``prefill`` generated articles; the ids and words to read."""
    with Engine.open(url) as engine:
        engine.ingest_docs(demo_docs() + generated_docs(prefill, seed=13))
        articles = engine.articles()
        words = sorted({w.lower() for a in articles for w in WORD.findall(a.title or "")})
        return {"events": [e.id for e in engine.events()], "articles": [a.id for a in articles],
                "entities": [e["id"] for e in engine.entities()][:500],
                "langs": sorted({a.lang for a in articles if a.lang}), "words": words[:: max(1, len(words) // 300)]}


def _wait_until_up(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise NewsweaveError(f"newsweave serve exited with {server.returncode}: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{base}/api/events?limit=1", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise NewsweaveError(f"newsweave serve did not answer within {START_TIMEOUT_S} s: {log.read_text()[-2000:]}")


def _warm_up(base: str, ids: dict[str, list[str]]) -> None:
    """Read every event and every list the readers read once, as a server that has been up for
    a while has: what they show is kept until the store changes (the ingest then changes some).
    One search of each kind loads what searches share (the embedder, the article vectors); the
    readers' searches are still made when first asked (their words are not searched here)."""
    lists = ["/", "/api/events?limit=20&offset=0", "/api/events?limit=20&offset=20", "/api/entities?limit=20&type=PER",
             "/api/quotes?limit=20", "/api/storylines?limit=10",
             *(f"/api/articles?limit=20&lang={lang}" for lang in ids["langs"]),
             "/api/search?q=warm&limit=1", "/api/search?q=warm&mode=semantic&limit=1"]
    with httpx.Client(base_url=base, timeout=120) as client:
        for event_id in ids["events"]:
            for suffix in ("", "/summary", "/coverage"):
                client.get(f"/api/events/{event_id}{suffix}").raise_for_status()
            client.get(f"/events/{event_id}").raise_for_status()
        for path in lists:
            client.get(path).raise_for_status()


class _Ingest(threading.Thread):
    """Posts ingest jobs to the server one after another until stopped; counts what they stored."""

    def __init__(self, base: str, key: str, docs: list[RawDoc]) -> None:
        super().__init__(daemon=True)
        self.base, self.key, self.docs = base, key, docs
        self.stop = threading.Event()
        self.running = threading.Event()  # set once the server stores what it is sent
        self.failed_jobs = self.jobs = 0
        # Articles the jobs stored so far, as they report it (the lists' totals lag while they run).
        self.ingested = 0
        self.error: str | None = None
        self.ran_out = False  # every article was posted before the readers finished

    def run(self) -> None:
        with httpx.Client(base_url=self.base, headers={"X-API-Key": self.key}, timeout=60) as client:
            for start in range(0, len(self.docs), INGEST_JOB):
                if self.stop.is_set():
                    return
                chunk = self.docs[start:start + INGEST_JOB]
                articles = [{"title": d.title, "text": d.text, "lang": d.lang, "source": "load-test"} for d in chunk]
                before = self.ingested
                try:
                    job = client.post("/api/ingest", json={"articles": articles}).raise_for_status().json()
                    while job["status"] in ("queued", "running"):
                        if job["progress"]["done"]:  # storing, past its process's start
                            self.running.set()
                        time.sleep(0.2)
                        job = client.get(f"/api/jobs/{job['id']}").raise_for_status().json()
                        self.ingested = before + job["ingested"]
                    self.running.set()
                except httpx.HTTPError as error:
                    self.error = f"ingest job: {error}"
                    self.running.set()
                    return
                self.jobs += 1
                self.failed_jobs += job["status"] != "done"
            self.ran_out = True


def _aggregate(rows: list[dict]) -> dict:
    """Locust's figures for one row of its stats CSV."""
    def ms(column: str) -> float | None:
        value = rows[0][column]
        return None if value in ("", "N/A") else round(float(value), 1)

    return {"requests": int(rows[0]["Request Count"]), "errors": int(rows[0]["Failure Count"]),
            "p50_ms": ms("50%"), "p95_ms": ms("95%"), "p99_ms": ms("99%"), "max_ms": ms("Max Response Time"),
            "requests_per_s": round(float(rows[0]["Requests/s"]), 1)}


def run_load(seconds: int, rate: int = 200, db_url: str | None = None, prefill: int = PREFILL,
             progress: bool | None = None) -> dict:
    """Read from `newsweave serve` at ``rate`` requests/s for ``seconds`` while it ingests."""
    if seconds < 1 or rate < 1:
        raise NewsweaveError("bench --load needs at least 1 second and --rate of at least 1 request/s")
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        url = db_url or f"sqlite:///{scratch}/load.db"
        ids = _fill(url, prefill)
        (scratch / "ids.json").write_text(json.dumps(ids), encoding="utf-8")
        port, key = _free_port(), secrets.token_urlsafe(24)
        base = f"http://127.0.0.1:{port}"
        server_log = scratch / "serve.log"
        env = {**os.environ, "NEWSWEAVE_API_KEY": key, "NEWSWEAVE_LOAD_IDS": str(scratch / "ids.json"),
               "NEWSWEAVE_LOAD_PACE": str(PACE)}
        with server_log.open("w") as log:
            server = subprocess.Popen([sys.executable, "-m", "newsweave.cli", "serve", "--db", url, "--port", str(port)],
                                      stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            _wait_until_up(base, server, server_log)
            _warm_up(base, ids)
            # Enough new articles to keep the ingest busy past the end of the readers' run.
            ingest = _Ingest(base, key, generated_docs(max(200, seconds * 40), seed=29))
            ingest.start()
            ingest.running.wait(timeout=START_TIMEOUT_S)
            stored_before = ingest.ingested
            users = max(1, round(rate / PACE))
            started = time.monotonic()
            locust = subprocess.run(
                [sys.executable, "-m", "locust", "-f", str(resources.files("newsweave.eval").joinpath("load_users.py")),
                 "--headless", "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s",
                 "--host", base, "--csv", str(scratch / "locust"), "--only-summary", "--loglevel", "WARNING",
                 "--stop-timeout", "10"],
                env=env, capture_output=True, text=True, timeout=seconds + 120)
            elapsed = time.monotonic() - started
            stored_during = ingest.ingested - stored_before
            ingest.stop.set()
            ingest.join(timeout=120)
            if server.poll() is not None:
                raise NewsweaveError(f"newsweave serve died under load: {server_log.read_text()[-2000:]}")
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
        stats = scratch / "locust_stats.csv"
        if not stats.exists():
            raise NewsweaveError(f"locust wrote no figures (exit {locust.returncode}): {locust.stderr[-2000:]}")
        with stats.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        failures = scratch / "locust_failures.csv"
        with failures.open(encoding="utf-8") as handle:
            errors = [{"route": r["Name"], "error": r["Error"], "count": int(r["Occurrences"])}
                      for r in csv.DictReader(handle)]
        return {
            "seconds": seconds, "target_requests_per_s": rate, "readers": users, "requests_per_reader_per_s": PACE,
            "store": {"articles": len(ids["articles"]), "events": len(ids["events"])},
            "all": _aggregate([r for r in rows if r["Name"] == "Aggregated"]),
            "routes": {r["Name"]: _aggregate([r]) for r in rows if r["Name"] != "Aggregated"},
            "errors": errors,
            "ingest_during_run": {"articles": stored_during, "articles_per_s": round(stored_during / elapsed, 1),
                                  "jobs": ingest.jobs, "failed_jobs": ingest.failed_jobs,
                                  "kept_busy": not ingest.ran_out, "error": ingest.error},
        }
