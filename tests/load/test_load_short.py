"""The bounded CI variant of `newsweave bench --load`: a real `newsweave serve` on 127.0.0.1,
locust readers on every read route and page, an ingest job running meanwhile; no request fails."""

import pytest

from newsweave.eval.load import run_load

pytestmark = pytest.mark.slow


def test_mixed_reads_during_an_ingest_all_succeed():
    result = run_load(seconds=8, rate=20, prefill=40)

    assert result["errors"] == [] and result["all"]["errors"] == 0
    assert result["all"]["requests"] >= 40  # the readers did read
    assert len(result["routes"]) >= 10  # most of the 14 reads the load script sends (rare ones may miss a short run)
    assert result["ingest_during_run"]["articles"] > 0  # and the server stored articles meanwhile
    assert result["ingest_during_run"]["failed_jobs"] == 0 and result["ingest_during_run"]["error"] is None
