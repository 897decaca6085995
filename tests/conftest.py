"""Shared fixtures. Real-data tests read ../shared beside the repository: in a user's clone
without it they skip with a message; CI (NEWSWEAVE_REQUIRE_SHARED=1) makes its absence an error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.environ.get("NEWSWEAVE_REQUIRE_SHARED") == "1" and not (SHARED / "seeds").is_dir():
        raise pytest.UsageError(f"{SHARED} is missing: CI must run the real-data tests, not skip them")


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared not found: real-data tests need the shared seeds and dev data beside the repo")
    return SHARED


@pytest.fixture(scope="session")
def embedder():
    """The real multilingual embedder, loaded once, remembering what it embedded."""
    from newsweave.stages.embed import CachedEmbedder, UseEmbedder

    return CachedEmbedder(UseEmbedder())


@pytest.fixture
def engine(tmp_path, embedder):
    from newsweave import Engine
    from newsweave.store import open_store

    with Engine(open_store(f"sqlite:///{tmp_path}/test.db"), embedder=embedder) as engine:
        yield engine
