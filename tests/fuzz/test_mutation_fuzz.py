"""A mutation fuzzer over real inputs: real news pages (../shared/data/extraction_dev), the seed
articles (../shared/seeds), and a feed, a JSONL file and WARC files written here, each mutated
(byte flips, truncation, encoding swaps, NUL and bidi-override characters, spliced inputs, deeply
nested markup, huge attributes) and read the way `newsweave ingest` reads a file: the reader, then
every per-article stage. Plus the hostile classics: a gzip bomb in a WARC.gz and XML entity
expansion in a feed. 1,200 inputs a run: no traceback, each input a value or a one-line BadInput,
each bounded (the limits are `ingest.Limits`: 20 MB a document, 100 MB inflated; the longest
input's time and the peak memory are printed, and asserted far from any machine's noise)."""

import gzip
import io
import random
import resource
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.errors import BadInput
from newsweave.ingest import read_inputs
from newsweave.pipeline import prepare
from newsweave.stages import lexical, syndication

INPUTS = 1200  # with tests/fuzz/test_parser_properties.py's 8,800 examples: over 10,000 inputs a CI run
SEED = 11
BIDI = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u061c"]
SLOWEST_S = 30.0  # per input: two orders of magnitude above the slowest page seen (a safety net, not a timing)


def warc(records: list[tuple[str, bytes, str]], gzipped: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for url, body, content_type in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()


FEED = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Harbour Daily</title>"
        "<language>en</language><item><title>Ferry resumes</title><pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate>"
        "<description>The ferry between the islands ran again on Tuesday after a week of storms, the operator "
        "said.</description></item><item><title>Tram line</title><description>Work on the new tram line will "
        "start in May, the council said.</description></item></channel></rss>").encode()
JSONL = ('{"title": "Bridge reopens", "text": "The old bridge reopened on Monday after repairs.", "lang": "en", '
         '"published": "2026-03-02"}\n{"title": "Marché couvert", "text": "Le marché couvert rouvre samedi après '
         'deux ans de travaux, a annoncé la mairie.", "lang": "fr"}\n').encode()


def seed_inputs(shared: Path) -> list[tuple[str, bytes]]:
    """(file suffix, bytes) of every input the mutations start from."""
    pages = sorted((shared / "data" / "extraction_dev" / "pages").glob("*.html"))[:12]
    seeds = sorted((shared / "seeds").glob("*.txt"))
    found = [(".html", p.read_bytes()) for p in pages] + [(".txt", p.read_bytes()) for p in seeds]
    page = pages[0].read_bytes()
    found += [(".xml", FEED), (".jsonl", JSONL),
              (".warc", warc([("https://news.example/a", page, "text/html; charset=utf-8")], gzipped=False)),
              (".warc.gz", warc([("https://news.example/b", page, "text/html"),
                                 ("https://news.example/c", JSONL, "text/plain")], gzipped=True))]
    return found


def hostile_classics(tmp: Path) -> list[tuple[str, bytes]]:
    """Inputs built to exhaust memory or time if a limit were missing."""
    bomb = gzip.compress(b"\0" * (300 * 2**20), compresslevel=9)  # 300 MB inflated, over the 100 MB limit
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                               protocol="HTTP/1.1")
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(writer.create_warc_record("https://news.example/bomb", "response", payload=io.BytesIO(bomb),
                                                  http_headers=headers))
    laughs = "<!DOCTYPE rss [<!ENTITY a 'lollollollollollollollollollol'>" + "".join(
        f"<!ENTITY {chr(98 + i)} '{('&' + chr(97 + i) + ';') * 10}'>" for i in range(9)) + "]>"
    feed = FEED.decode().replace("<?xml version='1.0' encoding='utf-8'?>", "<?xml version='1.0'?>" + laughs)
    feed = feed.replace("Ferry resumes", "&j;")
    return [(".warc.gz", out.getvalue()), (".xml", feed.encode()),
            (".xml", b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                     b"<rss version='2.0'><channel><item><title>&x;</title><description>d</description></item>"
                     b"</channel></rss>"),
            (".html", b"<html><body>" + b"<div>" * 200_000 + b"Deep text of a page." + b"</div>" * 200_000),
            (".html", b"<html><body><p title='" + b"x" * (8 * 2**20) + b"'>A paragraph after a huge attribute.</p>"),
            (".html", b"<html><body>" + b"<p>Many paragraphs, one after another.</p>" * 50_000)]


def mutate(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(9)
        if kind == 0 and data:  # byte flips
            data = bytearray(data)
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            data = bytes(data)
        elif kind == 1 and data:  # truncation
            data = data[:rng.randrange(len(data))]
        elif kind == 2:  # encoding swap: the text re-encoded, its declaration left as it was
            text = data.decode("utf-8", "replace")
            data = text.encode(rng.choice(["utf-16", "utf-16-be", "utf-32", "cp1256", "cp1251", "latin-1", "cp1255"]),
                               "replace")
        elif kind == 3:  # NUL and bidi overrides
            text = data.decode("utf-8", "replace")
            for _ in range(rng.randint(1, 30)):
                at = rng.randrange(len(text) + 1)
                text = text[:at] + rng.choice(BIDI + ["\x00"]) + text[at:]
            data = text.encode("utf-8")
        elif kind == 4:  # splice another input in
            other = rng.choice(others)
            at = rng.randrange(len(data) + 1)
            data = data[:at] + other[rng.randrange(len(other) + 1):]
        elif kind == 5:  # deeply nested markup
            depth = rng.choice([100, 5000, 50_000])
            tag = rng.choice([b"div", b"b", b"table", b"ul"])
            data = b"<" + tag + b">" * 1 + (b"<" + tag + b">") * depth + data + (b"</" + tag + b">") * depth
        elif kind == 6:  # a huge attribute
            at = rng.randrange(len(data) + 1)
            data = data[:at] + b"<a href='" + b"j" * rng.choice([1000, 2**20]) + b"'>" + data[at:]
        elif kind == 7 and data:  # a wrong declared charset or BOM in front
            data = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"<meta charset='koi8-r'>", b"<?xml version='1.0' "
                               b"encoding='x-unknown'?>"]) + data
        elif kind == 8:  # repeated chunk
            data = data[: rng.randrange(len(data) + 1)] * rng.randint(2, 50)
    return data[: 25 * 2**20]


def read_like_ingest(path: Path) -> int:
    """Read ``path`` as `newsweave ingest` does, without the store: reader, then every
    per-article stage. Returns how many articles came out; raises only if a traceback would."""
    made = 0
    for item in read_inputs([str(path)]):
        if isinstance(item, BadInput):
            assert str(item).startswith(str(path)) and "\n" not in str(item), str(item)
            continue
        try:
            prepared = prepare(item)
        except BadInput as error:
            assert "\n" not in str(error), str(error)
            continue
        lexical.signature(prepared.article.text)
        syndication.signature(prepared.article.text)
        made += 1
    return made


@pytest.mark.slow
def test_mutated_real_inputs_never_raise(shared, tmp_path):
    rng = random.Random(SEED)
    seeds = seed_inputs(shared)
    others = [data for _, data in seeds]
    cases = hostile_classics(tmp_path) + [
        (suffix, mutate(rng, data, others)) for suffix, data in (rng.choice(seeds) for _ in range(INPUTS))]
    failures, slowest, articles = [], (0.0, ""), 0
    for number, (suffix, data) in enumerate(cases):
        path = tmp_path / f"input-{number}{suffix}"
        path.write_bytes(data)
        began = time.perf_counter()
        try:
            articles += read_like_ingest(path)
        except Exception as error:  # noqa: BLE001 (the point: nothing may escape but BadInput)
            failures.append(f"{path.name}: {error.__class__.__name__}: {str(error)[:200]}")
        elapsed = time.perf_counter() - began
        slowest = max(slowest, (elapsed, path.name))
        path.unlink()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nfuzzed {len(cases)} inputs: {articles} articles read, {len(failures)} failures, slowest "
          f"{slowest[0]:.2f} s ({slowest[1]}), peak RSS {peak_mb:.0f} MB")
    assert failures == [], failures[:20]
    assert len(cases) >= INPUTS and articles > INPUTS // 4  # most mutations still leave an article to read
    assert slowest[0] < SLOWEST_S, slowest
    assert peak_mb < 4096
