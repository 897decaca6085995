"""The HTTP API: `create_app(db_url)` gives the FastAPI app (`newsweave serve` runs it)."""

from newsweave.api.app import create_app

__all__ = ["create_app"]
