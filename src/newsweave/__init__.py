"""newsweave: multilingual news articles into connected events.

    from newsweave import Engine
    with Engine.open("sqlite:///news.db") as engine:
        report = engine.ingest(["articles/"])
        for event in engine.events():
            print(event.title, event.languages)
"""

import logging

from newsweave.engine import Engine
from newsweave.errors import BadInput, FetchRefused, NewsweaveError, StoreError
from newsweave.records import Article, Event, Failure, IngestReport, RawDoc, Segment

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Article", "BadInput", "Engine", "Event", "Failure", "FetchRefused", "IngestReport",
           "NewsweaveError", "RawDoc", "Segment", "StoreError"]
