"""What only PostgreSQL needs: the URL users type, and a database that can hold every script."""

import pytest

from newsweave.errors import StoreError
from newsweave.store import open_store
from newsweave.store.postgres import normalise_url


def test_postgres_plain_url_means_psycopg_3():
    assert normalise_url("postgresql://u:p@db:5433/news") == "postgresql+psycopg://u:p@db:5433/news"
    for url in ("postgresql+psycopg://u@db/news", "sqlite:///postgresql://x.db"):
        assert normalise_url(url) == url


def test_postgres_database_not_in_utf8_is_refused_clearly(postgres_database):
    url = postgres_database("ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0")
    with pytest.raises(StoreError, match="encoding is LATIN1, not UTF8"):
        open_store(url)
