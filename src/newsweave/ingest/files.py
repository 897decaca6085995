"""Local files: which reader a path needs, directory walks, and single-document files."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator

from newsweave.ingest.decode import binary_kind, bom_encoding
from newsweave.ingest.warc import is_warc_head
from newsweave.records import RawDoc

# The readers: a single plain-text or HTML document, a feed, JSON Lines, or a WARC archive.
KINDS = ("text", "html", "feed", "jsonl", "warc")

_EXTENSIONS = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf)\b")


def kind_from_name(name: str) -> str | None:
    """The reader a file's extension names (``.gz`` looked through), or None to sniff."""
    lower = name.lower().removesuffix(".gz")
    return _EXTENSIONS.get(os.path.splitext(lower)[1])


def sniff(head: bytes) -> str:
    """Guess the reader from a document's first bytes; "text" when nothing else fits.

    Binary data also comes back as "text": decoding it then reports it clearly.
    """
    if is_warc_head(head):
        return "warc"
    if binary_kind(head) is not None:
        return "text"
    start = head[:4096].decode(bom_encoding(head) or "latin-1", errors="replace")
    start = start.lstrip("\ufeff \t\r\n").lower()
    if start.startswith("<?xml"):
        return "html" if "<html" in start and not _FEED_ROOT.search(start) else "feed"
    if _FEED_ROOT.match(start):
        return "feed"
    if start.startswith("<"):
        return "html"
    if start.startswith("{"):
        first, newline, _ = head.partition(b"\n")
        # A first line longer than the head cannot be checked here; the reader will tell.
        if not newline or _is_json_object(first):
            return "jsonl"
    return "text"


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def walk(directory: str) -> Iterator[str]:
    """Files under ``directory`` in sorted order, joined onto it as given, hidden ones skipped.

    Only regular files: opening a named pipe or device found in a tree would block or never end.
    """
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            path = os.path.join(root, file)
            if not file.startswith(".") and os.path.isfile(path):
                yield path


def text_doc(text: str, source: str) -> RawDoc:
    """A plain-text article: the first non-empty line is its title, the rest its text."""
    lines = text.strip().splitlines()
    title = lines[0].strip()
    body = "\n".join(lines[1:]).strip()
    # A one-line file is a headline-only item: keep it, its line is both title and text.
    return RawDoc(source=source, title=title, text=body or title)
