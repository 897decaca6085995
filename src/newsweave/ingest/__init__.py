"""Readers: every input kind -> RawDoc records, and a one-line BadInput for each failure.

    read_inputs(["news.jsonl", "corpus/", "https://example.org/feed.xml", "-"])

Files (.txt, .html/.htm, .jsonl, RSS/Atom .xml/.rss/.atom, .warc/.warc.gz; other names are
sniffed), directories (recursive), http(s) URLs (pages or feeds, fetched safely) and ``-``.
"""

from newsweave.ingest.base import Item, Limits
from newsweave.ingest.fetch import Fetched, check_address, fetch
from newsweave.ingest.sources import STDIN_NAME, read_inputs

__all__ = ["STDIN_NAME", "Fetched", "Item", "Limits", "check_address", "fetch", "read_inputs"]
