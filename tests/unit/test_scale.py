"""bench --scale: the synthetic stream is reproducible and realistic enough to exercise every
order-dependent stage, and the run reports each measure at each point."""

from collections import Counter

import json

import pytest

from newsweave import Engine
from newsweave.eval.scale import SyntheticStream, run_scale
from newsweave.store import open_store


def test_synthetic_stream_is_reproducible_and_marks_its_names():
    first, second = SyntheticStream(seed=3), SyntheticStream(seed=3)
    a, b = list(first.items(300)), list(second.items(300))
    assert [x.prepared.article.id for x in a] == [x.prepared.article.id for x in b]
    articles = [x.prepared.article for x in a]
    assert len({x.id for x in articles}) == len(articles)
    for article in articles:
        for m in article.mentions:
            assert (article.title if m.in_title else article.text)[m.start:m.end] == m.text
    langs = Counter(article.lang for article in articles)
    assert len(langs) >= 4 and {"ar", "ru"} <= set(langs)  # names in three scripts
    assert all(later.published > earlier.published for earlier, later in zip(articles, articles[1:]))
    assert 0 < sum(not article.mentions for article in articles) < 0.1 * len(articles)  # the wire copies


@pytest.mark.slow
def test_scale_run_reports_every_measure_at_each_point(tmp_path):
    url = f"sqlite:///{tmp_path}/scale.db"
    result = run_scale(400, db_url=url, progress=False, measured=100)
    assert result["synthetic"] is True
    [point] = result["points"]
    assert point["stored"] == 400
    assert set(point) >= {"assign_ms", "articles_per_s", "rss_mb", "db_mb", "startup_s"}
    assert 0 < point["assign_ms"]["p50"] <= point["assign_ms"]["p95"] <= point["assign_ms"]["p99"]
    assert point["db_mb"] > 0 and point["articles_per_s"] > 0
    with Engine(open_store(url)) as engine:
        articles = engine.articles()
        events = engine.events()
    assert len(articles) == 500
    assert 10 < len(events) < 250  # articles grouped into events, not one each nor all in one


@pytest.mark.slow
def test_scale_run_resumes_where_it_stopped(tmp_path):
    url = f"sqlite:///{tmp_path}/scale.db"
    first = run_scale(300, db_url=url, progress=False, measured=50)
    again = run_scale(300, db_url=url, progress=False, measured=50)
    assert again["points"] == first["points"]  # nothing left to do
    progress = tmp_path / "scale.db.index.scale.json"
    saved = json.loads(progress.read_text())
    progress.write_text(json.dumps({**saved, "fed": 120, "points": []}))  # as if killed while growing
    resumed = run_scale(300, db_url=url, progress=False, measured=50)
    assert [p["stored"] for p in resumed["points"]] == [300]
    with Engine(open_store(url)) as engine:
        assert len(engine.articles()) == 350  # what it fed again was already stored: not twice
    with pytest.raises(Exception, match="another size"):
        run_scale(400, db_url=url, progress=False, measured=50)
