"""Readers: every input kind -> RawDoc records, and a one-line BadInput for each failure.

    for item in read_inputs(["news.jsonl", "corpus/", "https://example.org/feed.xml", "-"]):
        ...  # a RawDoc, or a BadInput value naming the input that failed

Files (.txt, .html/.htm, .jsonl, RSS/Atom .xml/.rss/.atom, .warc/.warc.gz; other names are
sniffed), directories (recursive), http(s) URLs (pages or feeds) and ``-`` for stdin. The safe
fetcher is reusable on its own: ``newsweave.ingest.fetch.fetch`` and ``check_address`` (not
re-exported here, where the name ``fetch`` would hide the module).
"""

from newsweave.ingest.base import Item, Limits
from newsweave.ingest.sources import STDIN_NAME, read_inputs

__all__ = ["STDIN_NAME", "Item", "Limits", "read_inputs"]
