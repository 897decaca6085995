"""SIGKILL during ingest into a real store (a SQLite file, a PostgreSQL database), at random
moments (`bench --kills`, here a few; the README's figure is 20): nothing committed lost,
nothing half-stored (`verify`), a re-run completes the set with no duplicates."""

import pytest

from newsweave.eval.kills import run_kills


@pytest.mark.slow
def test_kills_lose_nothing_committed_and_a_rerun_completes(store_url):
    result = run_kills(3, db_url=store_url, seed=3, progress=False)
    assert result["problems"] == []
    assert result["killed_while_running"] >= 2  # the kills fell while ingest ran, not after it ended
    assert result["committed_then_lost"] == 0
    assert result["stored"] == result["inputs"] > 150
    assert all(r["committed"] > 0 for r in result["rounds"] if r["killed"])  # each killed run had committed some
