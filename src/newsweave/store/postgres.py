"""What the SQL store does differently on PostgreSQL: the driver and how it binds parameters,
the database's encoding, and how writers from several processes take turns."""

from __future__ import annotations

import sqlalchemy as sa

from newsweave.errors import StoreError

# psycopg 3 is the driver newsweave installs; SQLAlchemy reads a bare postgresql:// as psycopg2.
DRIVER = "postgresql+psycopg"
# Any constant will do: advisory locks are scoped to one database.
WRITERS_LOCK = 0x6E657773


def normalise_url(url: str) -> str:
    scheme, separator, rest = url.partition("://")
    return f"{DRIVER}{separator}{rest}" if scheme == "postgresql" else url


def engine_options() -> dict:
    from psycopg import ClientCursor

    # Bind parameters client side, as psycopg2 did: server-side binding caps one statement at
    # 65535 parameters, and an in_() over every stored event id goes past that.
    return {"connect_args": {"cursor_factory": ClientCursor}}


def lock_writers(conn: sa.Connection) -> None:
    # Held until the transaction ends, and released by the server if the process dies.
    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITERS_LOCK})


def check_database(conn: sa.Connection) -> None:
    encoding = conn.exec_driver_sql("SHOW server_encoding").scalar()
    if encoding != "UTF8":  # articles come in every script
        raise StoreError(f"the PostgreSQL database's encoding is {encoding}, not UTF8: create it with ENCODING 'UTF8'")


def continue_sequences(conn: sa.Connection, columns: list[sa.Column]) -> None:
    """After rows were inserted with their serial ids given (an import), move each column's
    sequence past them so the next insert does not collide."""
    for column in columns:
        conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{column.table.name}', '{column.name}'), "
                             f"COALESCE((SELECT max({column.name}) FROM {column.table.name}), 0) + 1, false)"))
