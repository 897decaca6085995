"""Storage: one protocol (base.Store), one SQL implementation."""

from newsweave.store.base import EventState, IndexedArticle, Store, StoredArticle
from newsweave.store.sql import SqlStore

__all__ = ["EventState", "IndexedArticle", "SqlStore", "Store", "StoredArticle", "open_store"]


def open_store(url: str) -> SqlStore:
    """Open (creating if needed) the store at a SQLAlchemy URL such as sqlite:///newsweave.db."""
    return SqlStore(url)
