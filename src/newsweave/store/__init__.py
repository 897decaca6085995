"""Storage: one protocol (base.Store), one SQL implementation for SQLite and PostgreSQL."""

from newsweave.store.base import EventState, IndexedArticle, Store, StoredArticle
from newsweave.store.sql import SqlStore

__all__ = ["EventState", "IndexedArticle", "SqlStore", "Store", "StoredArticle", "open_store"]


def open_store(url: str) -> SqlStore:
    """Open (creating if needed) the store at a SQLAlchemy URL: sqlite:///newsweave.db, or
    postgresql://user@host/database (an existing, possibly empty, database)."""
    return SqlStore(url)
