"""The readers `newsweave bench --load` sends at a server: a locustfile, run by locust in its
own process (locust patches the standard library with gevent on import, so it never loads in
newsweave's).

Each user reads at a steady pace what a reader of the web UI or a client of the API reads: the
event list and single events with their summaries and coverage, articles, entities, quotes,
storylines, text and semantic search, and the web pages. The ids to read come from a JSON file
the harness writes (NEWSWEAVE_LOAD_IDS): what the store held when the run started.
"""

from __future__ import annotations

import json
import os
import random

from locust import FastHttpUser, task

from newsweave.eval.pacing import poisson_throughput

IDS = json.loads(open(os.environ["NEWSWEAVE_LOAD_IDS"], encoding="utf-8").read())
# Requests per second each user sends at most; the harness starts rate / PACE users.
PACE = float(os.environ.get("NEWSWEAVE_LOAD_PACE", "2"))


def _pick(kind: str) -> str:
    return random.choice(IDS[kind])


class Reader(FastHttpUser):
    wait_time = poisson_throughput(PACE)

    def _get(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task(4)
    def event_list(self) -> None:
        self._get(f"/api/events?limit=20&offset={random.randrange(0, 40, 20)}", "/api/events")

    @task(4)
    def event(self) -> None:
        self._get(f"/api/events/{_pick('events')}", "/api/events/{id}")

    @task(2)
    def summary(self) -> None:
        self._get(f"/api/events/{_pick('events')}/summary", "/api/events/{id}/summary")

    @task(2)
    def coverage(self) -> None:
        self._get(f"/api/events/{_pick('events')}/coverage", "/api/events/{id}/coverage")

    @task(3)
    def article(self) -> None:
        self._get(f"/api/articles/{_pick('articles')}", "/api/articles/{id}")

    @task(2)
    def article_list(self) -> None:
        self._get(f"/api/articles?limit=20&lang={_pick('langs')}", "/api/articles?lang")

    @task(2)
    def entity(self) -> None:
        self._get(f"/api/entities/{_pick('entities')}", "/api/entities/{id}")

    @task(1)
    def entity_list(self) -> None:
        self._get("/api/entities?limit=20&type=PER", "/api/entities?type")

    @task(1)
    def quotes(self) -> None:
        self._get("/api/quotes?limit=20", "/api/quotes")

    @task(1)
    def storylines(self) -> None:
        self._get("/api/storylines?limit=10", "/api/storylines")

    @task(3)
    def text_search(self) -> None:
        self._get(f"/api/search?q={_pick('words')}&limit=10", "/api/search?mode=text")

    @task(1)
    def semantic_search(self) -> None:
        self._get(f"/api/search?q={_pick('words')}&mode=semantic&limit=10", "/api/search?mode=semantic")

    @task(2)
    def home_page(self) -> None:
        self._get("/", "/ (web)")

    @task(2)
    def event_page(self) -> None:
        self._get(f"/events/{_pick('events')}", "/events/{id} (web)")
