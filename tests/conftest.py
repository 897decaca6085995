"""Shared fixtures. Real-data tests read ../shared beside the repository: in a user's clone
without it they skip with a message; CI (NEWSWEAVE_REQUIRE_SHARED=1) makes its absence an error.

Store tests run once per backend (`store_url`): SQLite in a temporary file, PostgreSQL in a fresh
database on the server named by $NEWSWEAVE_TEST_POSTGRES. Without that variable the PostgreSQL
variants skip, except in CI (CI=true and NEWSWEAVE_REQUIRE_SHARED=1), where they fail."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Callable, Iterator

import pytest
import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
POSTGRES_VARIABLE = "NEWSWEAVE_TEST_POSTGRES"


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


def _engine_on(url: str, embedder) -> Iterator:
    from newsweave import Engine
    from newsweave.store import open_store

    with Engine(open_store(url), embedder=embedder) as engine:
        yield engine


@pytest.fixture
def engine(tmp_path, embedder):
    yield from _engine_on(f"sqlite:///{tmp_path}/test.db", embedder)


@pytest.fixture(scope="session")
def postgres_server() -> sa.URL:
    """The PostgreSQL server of the store tests: a database there that the role may create others from."""
    from newsweave.store.postgres import normalise_url

    url = os.environ.get(POSTGRES_VARIABLE)
    if not url:
        message = (f"${POSTGRES_VARIABLE} is not set: the PostgreSQL variants need a server, e.g. "
                   f"{POSTGRES_VARIABLE}=postgresql+psycopg://newsweave@127.0.0.1:5432/newsweave_test "
                   f"(.ci/run starts one)")
        if os.environ.get("CI") == "true" and os.environ.get("NEWSWEAVE_REQUIRE_SHARED") == "1":
            pytest.fail(f"{message}; CI must run them, not skip them", pytrace=False)
        pytest.skip(message)
    return sa.make_url(normalise_url(url))


@pytest.fixture
def postgres_database(postgres_server) -> Iterator[Callable[[str], str]]:
    """Creates fresh, empty databases for one test (given CREATE DATABASE options), each dropped
    after it; returns their URLs."""
    admin = sa.create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    names: list[str] = []

    def create(options: str = "") -> str:
        name = f"newsweave_test_{uuid.uuid4().hex[:12]}"
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}" {options}')
        except sa.exc.DBAPIError as error:  # no server there, or the role may not create databases
            pytest.fail(f"cannot create a test database on ${POSTGRES_VARIABLE} "
                        f"({postgres_server.render_as_string()}): {error.orig}", pytrace=False)
        names.append(name)
        return postgres_server.set(database=name).render_as_string(hide_password=False)

    yield create
    with admin.connect() as conn:
        for name in names:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')  # also ends connections left open
    admin.dispose()


@pytest.fixture
def postgres_url(postgres_database) -> str:
    """A fresh, empty database for one test."""
    return postgres_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """The URL of a fresh, empty store, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/store.db"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store_engine(store_url, embedder):
    """An engine on a fresh store, once per backend."""
    yield from _engine_on(store_url, embedder)
