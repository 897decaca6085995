"""Kept reads: one thread computes a missing value, others wait for it; while reads may lag,
an older value is given at once and refreshed in the background, and what a computation reads
is always current."""

from __future__ import annotations

import threading
import time

from newsweave import kept as kept_module
from newsweave.kept import Kept, Refresher, watching_staleness


def test_one_thread_computes_a_missing_value_the_others_wait_for_it():
    kept: Kept[int] = Kept(10)
    calls, started, release = [], threading.Event(), threading.Event()

    def slow() -> int:
        calls.append(1)
        started.set()
        assert release.wait(10)
        return 42

    results = []
    first = threading.Thread(target=lambda: results.append(kept.get("k", slow, 1)))
    first.start()
    assert started.wait(10)
    others = [threading.Thread(target=lambda: results.append(kept.get("k", slow, 1))) for _ in range(5)]
    for thread in others:
        thread.start()
    time.sleep(0.1)
    release.set()
    for thread in [first, *others]:
        thread.join(10)
    assert results == [42] * 6 and len(calls) == 1


def test_a_new_version_is_computed_and_the_least_recently_read_are_dropped():
    kept: Kept[str] = Kept(2)
    assert kept.get("a", lambda: "a1", 1) == "a1"
    assert kept.get("a", lambda: "never", 1) == "a1"
    assert kept.get("a", lambda: "a2", 2) == "a2"  # not lagging: the current version, at once
    kept.get("b", lambda: "b", 1)
    kept.get("a", lambda: "never", 2)
    kept.get("c", lambda: "c", 1)  # drops b, the least recently read
    assert kept.get("b", lambda: "b again", 1) == "b again"


def test_a_value_computed_late_never_replaces_one_kept_meanwhile():
    """Versions need not be ordered (an event's article ids): the computation that ends last may
    be the older one, and must not put its value over the newer one kept while it ran."""
    kept: Kept[str] = Kept(4)
    started, release = threading.Event(), threading.Event()

    def slow_first_version() -> str:
        started.set()
        assert release.wait(10)
        return "version 1"

    late = threading.Thread(target=lambda: kept.get("k", slow_first_version, 1))
    late.start()
    assert started.wait(10)
    assert kept.get("k", lambda: "version 2", 2) == "version 2"
    release.set()
    late.join(10)
    assert kept.get("k", lambda: "computed again", 2) == "version 2"


def test_a_failed_computation_is_tried_again():
    kept: Kept[int] = Kept(4)

    def broken() -> int:
        raise RuntimeError("store gone")

    try:
        kept.get("k", broken, 1)
    except RuntimeError:
        pass
    assert kept.get("k", lambda: 7, 1) == 7


def test_while_lagging_an_older_value_is_given_and_refreshed_in_the_background():
    refresher = Refresher()
    kept: Kept[str] = Kept(10, refresher)
    try:
        kept.get("k", lambda: "v1", 1)
        gate = threading.Event()

        def v2() -> str:
            assert gate.wait(10)
            return "v2"

        with refresher.lagging():
            assert kept.get("k", v2, 2) == "v1"  # at once: v2 is being computed in the background
            assert kept.get("k", v2, 2) == "v1"  # and only once
            before = refresher.refreshed
            gate.set()
            deadline = time.monotonic() + 10
            while refresher.refreshed == before and time.monotonic() < deadline:
                time.sleep(0.01)
            assert kept.get("k", lambda: "never", 2) == "v2" and refresher.refreshed == before + 1
        assert kept.get("k", lambda: "v3", 3) == "v3"  # no longer lagging: computed before answering
    finally:
        refresher.close()


def test_a_watch_is_told_of_every_value_given_stale_and_of_no_other():
    refresher = Refresher()
    kept: Kept[str] = Kept(10, refresher)
    try:
        with watching_staleness() as watch:
            kept.get("k", lambda: "v1", 1)
            kept.get("k", lambda: "never", 1)
        assert not watch.seen  # computed, then current
        gate = threading.Event()
        with refresher.lagging():
            with watching_staleness() as watch, watching_staleness() as inner:
                assert kept.get("k", lambda: gate.wait(10) and "v2", 2) == "v1"
            assert inner.seen and not watch.seen  # the innermost watch is told
            gate.set()
        with watching_staleness() as watch:
            assert kept.get("k", lambda: "never", 2) == "v2"
        assert not watch.seen
    finally:
        refresher.close()


def test_what_a_computation_reads_is_current_even_while_lagging():
    """A part made of another part (coverage of points) must not be made of an older one, or it
    would be kept as current."""
    refresher = Refresher()
    parts: Kept[str] = Kept(10, refresher)
    try:
        parts.get("points", lambda: "points v1", 1)
        with refresher.lagging():
            made = parts.get("coverage", lambda: "coverage of " + parts.get("points", lambda: "points v2", 2), 2)
        assert made == "coverage of points v2"
    finally:
        refresher.close()


def test_leaving_lagging_waits_until_every_stale_value_is_refreshed():
    refresher = Refresher()
    kept: Kept[str] = Kept(10, refresher)
    try:
        kept.get("a", lambda: "a1", 1)
        kept.get("b", lambda: "b1", 1)
        with refresher.lagging():
            assert kept.get("a", lambda: time.sleep(0.2) or "a2", 2) == "a1"
            assert kept.get("b", lambda: time.sleep(0.2) or "b2", 2) == "b1"
        # Both refreshed before the ingest is said done, as one wave.
        assert (kept.get("a", lambda: "never", 2), kept.get("b", lambda: "never", 2)) == ("a2", "b2")
        assert refresher.refreshed == 2  # one wave of refreshes, then leaving
    finally:
        refresher.close()



def test_while_lagging_refreshes_show_at_most_every_so_often_and_at_once_after(monkeypatch):
    """Each change of `refreshes` renews every kept answer: while reads lag, refreshes done one at
    a time must not change it many times a second; once lagging ends, reads are current."""
    monkeypatch.setattr(kept_module, "SHOWN_EVERY_S", 3600.0)
    refresher = Refresher()
    kept: Kept[str] = Kept(10, refresher)
    try:
        kept.get("a", lambda: "a1", 1)
        assert refresher.refreshes() == 0
        with refresher.lagging():
            assert kept.get("a", lambda: "a2", 2) == "a1"
            while kept.get("a", lambda: "never", 2) != "a2":  # refreshed in the background
                time.sleep(0.01)
            assert refresher.refreshed == 1 and refresher.refreshes() == 0  # not shown yet
            monkeypatch.setattr(kept_module, "SHOWN_EVERY_S", 0.0)
            assert refresher.refreshes() == 1  # shown once the interval has passed
            monkeypatch.setattr(kept_module, "SHOWN_EVERY_S", 3600.0)
            kept.get("a", lambda: "a3", 3)
            while kept.get("a", lambda: "never", 3) != "a3":
                time.sleep(0.01)
            assert refresher.refreshes() == 1
        assert refresher.refreshes() == refresher.refreshed == 3  # lagging ended: at once
    finally:
        refresher.close()


def test_while_lagging_one_refresh_of_a_key_waits_at_a_time():
    """Batches come faster than a big event's parts are refreshed: refreshes of the versions in
    between would be computed for nothing (a refresh reads the store as it is when it runs)."""
    refresher = Refresher()
    kept: Kept[str] = Kept(10, refresher)
    release, computed = threading.Event(), []

    def slow(value: str) -> str:
        assert release.wait(10)
        computed.append(value)
        return value

    try:
        kept.get("k", lambda: "v1", 1)
        with refresher.lagging():
            assert kept.get("k", lambda: slow("v2"), 2) == "v1"
            assert kept.get("k", lambda: slow("v3"), 3) == "v1"  # v2's refresh still waits: no other
            release.set()
        assert computed == ["v2"]
    finally:
        refresher.close()
