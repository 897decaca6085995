"""The HTTP API against real stores: the bundled demo corpus ingested once through the real
Engine (read-only tests share it), and empty stores for the tests that write."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from api_helpers import KEY
from fastapi.testclient import TestClient

from newsweave import Engine
from newsweave.api import create_app
from newsweave.store import open_store


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory, embedder) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('api')}/demo.db"
    corpus = Path(str(resources.files("newsweave.demo").joinpath("corpus.jsonl")))
    with Engine(open_store(url), embedder=embedder) as engine:
        report = engine.ingest([str(corpus)], progress=False)
    assert report.ingested == 54 and not report.failed
    return url


@pytest.fixture(scope="session")
def client(demo_url, embedder):
    with TestClient(create_app(demo_url, api_key=KEY, embedder=embedder)) as client:
        yield client


@pytest.fixture
def empty_app(tmp_path, embedder):
    """An app over an empty store, with KEY for writes."""
    return create_app(f"sqlite:///{tmp_path}/empty.db", api_key=KEY, embedder=embedder)
