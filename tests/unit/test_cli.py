"""The CLI contract: JSON on stdout only, one line per failed input on stderr, exit codes."""

import json
import os
import subprocess
import sys

import pytest

ARTICLE = ("Flood warning for the river valley\n\n"
           "Authorities issued a flood warning for the river valley on Wednesday after three days of rain. "
           "Schools in two towns will stay closed until the water level falls.\n")


def run(*args, cwd, stdin=None):
    env = {**os.environ, "NEWSWEAVE_DB": f"sqlite:///{cwd}/cli.db"}
    return subprocess.run([sys.executable, "-m", "newsweave.cli", *args], cwd=cwd, env=env,
                          input=stdin, capture_output=True, text=True, timeout=300)


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "flood.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    return tmp_path


def test_cli_ingest_json_reports_stored_and_failed_inputs(corpus):
    result = run("ingest", "in", "--format", "json", cwd=corpus)
    document = json.loads(result.stdout)
    assert document["ingested"] == 1 and document["duplicates"] == 0
    assert [f["input"] for f in document["failed"]] == ["in/empty.txt"]
    assert result.returncode == 1
    assert len([line for line in result.stderr.splitlines() if "empty.txt" in line]) == 1
    assert "Traceback" not in result.stderr


def test_cli_reingest_is_a_no_op_with_exit_zero(corpus):
    run("ingest", "in/flood.txt", cwd=corpus)
    result = run("ingest", "in/flood.txt", "--format", "json", cwd=corpus)
    assert json.loads(result.stdout) == {"ingested": 0, "duplicates": 1, "failed": []}
    assert result.returncode == 0


def test_cli_articles_and_events_follow_the_contract(corpus):
    run("ingest", "in/flood.txt", cwd=corpus)
    articles = json.loads(run("articles", "--format", "json", cwd=corpus).stdout)
    assert {"id", "source", "title", "lang", "published", "text", "event_id", "duplicate_of"} <= set(articles[0])
    assert articles[0]["title"] == "Flood warning for the river valley" and articles[0]["lang"] == "en"
    events = json.loads(run("events", "--format", "json", cwd=corpus).stdout)
    assert {"id", "title", "languages", "size", "storyline_id", "articles"} <= set(events[0])
    assert events[0]["articles"][0]["id"] == articles[0]["id"]
    shown = json.loads(run("show", events[0]["id"], "--format", "json", cwd=corpus).stdout)
    assert shown["articles"][0]["evidence"]["decision"] == "opened"


def test_cli_stdin_is_an_input(corpus):
    result = run("ingest", "-", "--format", "json", cwd=corpus, stdin=ARTICLE)
    assert json.loads(result.stdout)["ingested"] == 1


def test_cli_usage_error_exits_2(corpus):
    assert run("ingest", cwd=corpus).returncode == 2
    assert run("frobnicate", cwd=corpus).returncode == 2


def test_cli_unknown_event_is_a_clear_error(corpus):
    result = run("show", "ev_nope", cwd=corpus)
    assert result.returncode == 1 and "ev_nope" in result.stderr and "Traceback" not in result.stderr
