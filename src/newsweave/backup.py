"""`newsweave export` / `import`: a whole store as JSON lines, and back into an empty store.

The lines are the store's rows, table by table (`Store.dump`), so an import gives the same store
back: articles with their text, vectors, mentions, quotes, dates and actions; events with their
history and storylines; entities with their variants; sources and boilerplate statistics. The
vector index beside the store is not exported: it is rebuilt from the vectors on first use.

    {"newsweave_export": 1, "schema_version": 3}          first line
    {"table": "articles", "row": {"seq": 1, "id": ...}}   one per row; bytes as {"$bytes": base64}
    {"end": true, "rows": N}                               last line: a cut-short file is refused
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from typing import IO

from newsweave.errors import BadInput, StoreError
from newsweave.store import Store
from newsweave.store.sql import SCHEMA_VERSION

FORMAT = 1
BYTES_KEY = "$bytes"


def export_store(store: Store, out: IO[str]) -> int:
    """Write every row of ``store`` to ``out``; returns how many."""
    out.write(json.dumps({"newsweave_export": FORMAT, "schema_version": SCHEMA_VERSION}) + "\n")
    rows = 0
    for table, row in store.dump():
        out.write(json.dumps({"table": table, "row": {k: _plain(v) for k, v in row.items()}},
                             ensure_ascii=False) + "\n")
        rows += 1
    out.write(json.dumps({"end": True, "rows": rows}) + "\n")
    return rows


def import_store(store: Store, lines: Iterable[str], name: str) -> int:
    """Load an export (its ``lines``; ``name`` for messages) into an empty ``store``: all of it
    or, on any error, nothing. Returns the rows loaded."""
    try:
        return store.load(_rows(iter(lines), name))
    except StoreError as error:
        raise BadInput(name, f"cannot import: {error}") from None
    except UnicodeDecodeError:
        raise BadInput(name, "not UTF-8 text: not a newsweave export") from None


def _rows(lines: Iterator[str], name: str) -> Iterator[tuple[str, dict]]:
    header = _record(next(lines, ""), name, 1)
    if header.get("newsweave_export") != FORMAT:
        raise BadInput(name, "not a newsweave export (its first line names no export format 1)")
    if not isinstance(header.get("schema_version"), int) or header["schema_version"] > SCHEMA_VERSION:
        raise BadInput(name, f"exported by a newer newsweave (store schema {header.get('schema_version')}, "
                             f"this one reads up to {SCHEMA_VERSION}): upgrade newsweave")
    count = 0
    for number, line in enumerate(lines, 2):
        record = _record(line, name, number)
        if record.get("end") is True:
            if record.get("rows") != count:
                raise BadInput(name, f"line {number}: the export says {record.get('rows')} rows, it holds {count}")
            return
        table, row = record.get("table"), record.get("row")
        if not isinstance(table, str) or not isinstance(row, dict):
            raise BadInput(name, f"line {number}: not a table row")
        count += 1
        yield table, {k: _value(v, name, number) for k, v in row.items()}
    raise BadInput(name, "ends before its last line: the export was cut short; export again")


def _record(line: str, name: str, number: int) -> dict:
    try:
        record = json.loads(line)
    except ValueError:
        raise BadInput(name, f"line {number}: not JSON" if line.strip() else "empty: not a newsweave export") from None
    if not isinstance(record, dict):
        raise BadInput(name, f"line {number}: not a JSON object")
    return record


def _plain(value: object) -> object:
    return {BYTES_KEY: base64.b64encode(value).decode("ascii")} if isinstance(value, (bytes, memoryview)) else value


def _value(value: object, name: str, number: int) -> object:
    if isinstance(value, dict):
        try:
            return base64.b64decode(value[BYTES_KEY], validate=True)
        except (KeyError, TypeError, ValueError):
            raise BadInput(name, f"line {number}: a value that is neither plain nor bytes") from None
    return value
