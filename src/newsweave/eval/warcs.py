"""Crawl-like WARC archives rendered from articles: HTML pages with a site's chrome (navigation,
a subscribe prompt, a footer) around the article, as response records. What the distributed
ingest tests and `bench` read; the pages are generated here, never crawled."""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from datetime import timezone
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.records import RawDoc


def render_page(doc: RawDoc) -> str:
    """An article page: the title and paragraphs inside the chrome every page of a site repeats."""
    site = html.escape(doc.outlet or "example")
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in (doc.text or "").split("\n") if p.strip())
    published = (f'<meta property="article:published_time" content="{doc.published.isoformat()}">'
                 if doc.published else "")
    lang = f' lang="{doc.lang}"' if doc.lang else ""
    return (f"<!DOCTYPE html><html{lang}><head><meta charset=\"utf-8\"><title>{html.escape(doc.title or '')}"
            f" | {site}</title>{published}</head><body>"
            f"<nav><a href=\"/\">{site}</a> <a href=\"/world\">World</a> <a href=\"/economy\">Economy</a></nav>"
            f"<main><article><h1>{html.escape(doc.title or '')}</h1>{paragraphs}</article></main>"
            "<aside class=\"newsletter\">Subscribe to our newsletter</aside>"
            f"<footer>© {site}. All rights reserved.</footer></body></html>")


def write_warcs(docs: Sequence[RawDoc], directory: Path, *, per_file: int = 50, compress: bool = True) -> list[Path]:
    """Write ``docs`` as pages into WARC files of ``per_file`` response records each, in order."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, start in enumerate(range(0, len(docs), per_file)):
        path = directory / f"crawl-{number:05d}.warc{'.gz' if compress else ''}"
        with open(path, "wb") as out:
            writer = WARCWriter(out, gzip=compress)
            for offset, doc in enumerate(docs[start:start + per_file], start):
                body = render_page(doc).encode("utf-8")
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                      ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
                warc_headers = {"WARC-Date": doc.published.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")} \
                    if doc.published else None
                url = doc.url or f"https://{(doc.outlet or 'example').replace(' ', '-').lower()}.example/{offset}"
                writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                              http_headers=headers, warc_headers_dict=warc_headers))
        paths.append(path)
    return paths
