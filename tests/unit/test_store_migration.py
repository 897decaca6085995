"""A store written by schema version 1 opens in place: new columns are added, nothing is lost."""

import sqlalchemy as sa

from newsweave.records import RawDoc
from newsweave.store import open_store
from newsweave.store.sql import ADDED_COLUMNS, SCHEMA_VERSION

TEXT = ("Firefighters contained a forest fire near the northern border on Tuesday after two days of work. "
        "Around 300 residents returned home in the evening.")


def _downgrade_to_version_1(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        for column in (c for version in sorted(ADDED_COLUMNS) for c in ADDED_COLUMNS[version]):
            for index in column.table.indexes:
                if column.name in index.columns:
                    conn.execute(sa.text(f"DROP INDEX {index.name}"))
            conn.execute(sa.text(f'ALTER TABLE {column.table.name} DROP COLUMN "{column.name}"'))
        conn.execute(sa.text("DROP TABLE event_history"))
        conn.execute(sa.text("UPDATE meta SET value = '1' WHERE key = 'schema_version'"))
    engine.dispose()


def test_store_migrates_a_version_1_store_in_place(tmp_path, embedder):
    from newsweave import Engine

    url = f"sqlite:///{tmp_path}/old.db"
    with Engine(open_store(url), embedder=embedder) as engine:
        engine.ingest_docs([RawDoc(source="a.txt", title="Fire contained near border", text=TEXT)], progress=False)
    _downgrade_to_version_1(url)
    with Engine(open_store(url), embedder=embedder) as engine:
        assert [a.source for a in engine.articles()] == ["a.txt"]
        report = engine.ingest_docs([RawDoc(source="b.txt", title="Storm closes schools",
                                            text="Heavy snow closed every school in the valley on Monday, "
                                                 "and buses stayed in their depots until the roads were cleared.")],
                                    progress=False)
        assert report.ingested == 1 and len(engine.events()) == 2
        assert engine.event_history(engine.articles()[1].event_id)[0].kind == "opened"
    with sa.create_engine(url).connect() as conn:
        assert conn.execute(sa.text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == str(SCHEMA_VERSION)
