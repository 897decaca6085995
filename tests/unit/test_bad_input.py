"""Bad inputs: each becomes one BadInput line naming the input, and the batch goes on."""

from __future__ import annotations

import gzip
import io
import os
import socket
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.errors import BadInput
from newsweave.ingest import Limits, read_inputs, sources
from newsweave.records import RawDoc

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def read(*inputs: str | Path, **kwargs: object) -> list[RawDoc | BadInput]:
    return list(read_inputs([str(i) for i in inputs], **kwargs))  # type: ignore[arg-type]


def only_error(*inputs: str | Path, **kwargs: object) -> str:
    [item] = read(*inputs, **kwargs)
    assert isinstance(item, BadInput), item
    message = str(item)
    assert "\n" not in message and "Traceback" not in message
    return message


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\ufeff \n".encode()])
def test_bad_input_empty_file(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "empty.txt", data)
    assert only_error(path) == f"{path}: empty file"


def test_bad_input_empty_stdin() -> None:
    assert only_error("-", stdin=io.BytesIO(b"\n")) == "<stdin>: empty input"


@pytest.mark.parametrize(("name", "data", "kind"), [
    ("photo.dat", PNG, " (PNG image?)"),
    ("photo.txt", PNG, " (PNG image?)"),  # a lying extension does not help
    ("scan", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", " (PDF document?)"),
    ("noise.bin", os.urandom(4096), ""),
    ("zeros.html", bytes(4096), ""),
])
def test_bad_input_binary_file(tmp_path: Path, name: str, data: bytes, kind: str) -> None:
    path = write(tmp_path, name, data)
    assert only_error(path) == f"{path}: binary file{kind}, not an article"


def test_bad_input_wrong_declared_encoding_still_read(tmp_path: Path) -> None:
    arabic = "أعلنت وزارة الصحة اليوم عن حملة تطعيم جديدة في جميع المدارس الحكومية."
    page = f'<html><head><meta charset="utf-8"></head><body><p>{arabic}</p></body></html>'
    [doc] = read(write(tmp_path, "lying.html", page.encode("cp1256")))
    assert isinstance(doc, RawDoc) and doc.html == page


def test_bad_input_invalid_bytes_replaced(tmp_path: Path) -> None:
    data = "Überschrift\nDie Brücke ist wieder offen. ".encode() + b"\xff\xfe" + "Grüße".encode()
    [doc] = read(write(tmp_path, "mixed.txt", data))
    assert isinstance(doc, RawDoc) and doc.text is not None
    assert doc.title == "Überschrift"
    assert doc.text == "Die Brücke ist wieder offen. \ufffd\ufffdGrüße"


def test_bad_input_truncated_html_still_read() -> None:
    [doc] = read(DATA / "truncated.html")
    assert isinstance(doc, RawDoc) and doc.html is not None
    assert doc.html.endswith("stranded hundreds of travell")


def test_bad_input_file_over_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing written to disk
    assert only_error(path) == (
        f"{path}: file is 50.0 MB, over the 20.0 MB limit for one document; "
        "set NEWSWEAVE_MAX_DOC_MB=50 to raise it")


def test_bad_input_size_limit_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSWEAVE_MAX_DOC_MB", "60")
    assert Limits().max_doc_bytes == 60 * 1024 * 1024
    monkeypatch.setenv("NEWSWEAVE_MAX_DOC_MB", "lots")
    assert Limits().max_doc_bytes == 20 * 1024 * 1024


def test_bad_input_unknown_extension_over_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "dump.data", b"Title\n" + b"word " * 400)
    message = only_error(path, limits=Limits(max_doc_bytes=1000))
    assert message.startswith(f"{path}: file is 2006 bytes, over the 1000 bytes limit")


def test_bad_input_jsonl_long_line_skipped(tmp_path: Path) -> None:
    long_text = "x" * 5000
    path = write(tmp_path, "big.jsonl", (
        '{"title": "a", "text": "short one"}\n'
        f'{{"title": "b", "text": "{long_text}"}}\n'
        '{"title": "c", "text": "short two"}\n').encode())
    first, skipped, last = read(path, limits=Limits(max_doc_bytes=1000))
    assert isinstance(first, RawDoc) and isinstance(last, RawDoc)
    assert last.source == f"{path}#3"
    assert str(skipped).startswith(f"{path}:2: line is 5027 bytes, over the 1000 bytes limit")


def test_bad_input_jsonl_wrong_types(tmp_path: Path) -> None:
    path = write(tmp_path, "types.jsonl", (
        b'{"title": "a", "text": 42}\n'
        b'{"title": "b", "text": "   "}\n'
        b'{"title": 7, "text": "kept, title dropped", "lang": ["en"]}\n'))
    number, blank, kept = read(path)
    assert str(number) == f'{path}:1: "text" must be a string, not int'
    assert str(blank) == f'{path}:2: "text" is empty'
    assert isinstance(kept, RawDoc) and kept.title is None and kept.lang is None


@pytest.mark.parametrize(("data", "reason"), [
    (b'<?xml version="1.0"?><rss version="2.0"><chan', "not a valid RSS or Atom feed ("),
    (b'<?xml version="1.0"?><note>remember the milk</note>', "not an RSS or Atom feed"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
     "feed has no entries"),
])
def test_bad_input_malformed_feed(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path, "feed.xml", data)
    assert only_error(path).startswith(f"{path}: {reason}")


def test_bad_input_feed_entry_without_content(tmp_path: Path) -> None:
    path = write(tmp_path, "thin.rss", b'<?xml version="1.0"?><rss version="2.0"><channel>'
                 b"<item><title>Only a title</title><link>http://127.0.0.1:9/x</link></item>"
                 b"<item><title>Fine</title><description>Some text.</description></item>"
                 b"</channel></rss>")
    thin, fine = read(path)
    assert str(thin).startswith(f"{path}#1: linked page failed (resolves to loopback")
    assert str(thin).endswith("and the entry has no content of its own")
    assert isinstance(fine, RawDoc)


def test_bad_input_unreachable_url() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed.xml"
    message = only_error(url, allow_private_network=True)
    assert message.startswith(f"{url}: cannot connect to 127.0.0.1")


def test_bad_input_missing_path_and_empty_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    assert only_error(missing) == f"{missing}: no such file or directory"
    empty = tmp_path / "empty"
    (empty / ".git").mkdir(parents=True)
    assert only_error(empty) == (
        f"{empty}: directory has no files to read (hidden files are skipped)")


def _warc(records: int) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for n in range(records):
        body = f"<html><p>Story {n}: {'words ' * 2000}</p></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{n}", "response",
                                                      payload=io.BytesIO(body),
                                                      http_headers=headers))
    return out.getvalue()


def test_bad_input_truncated_warc_keeps_earlier_records(tmp_path: Path) -> None:
    data = _warc(3)
    path = write(tmp_path, "cut.warc.gz", data[: len(data) - 40])
    *kept, broken = read(path)
    assert [d.source for d in kept if isinstance(d, RawDoc)] == [f"{path}#1", f"{path}#2"]
    assert str(broken) == (f"{path}: archive is truncated inside record 3; "
                           "the records before it were read")


def test_bad_input_warc_record_over_limit_skipped(tmp_path: Path) -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for n, size in enumerate((10, 3000, 10)):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://news.example/{n}", "response",
            payload=io.BytesIO(b"<p>" + b"y" * size + b"</p>"), http_headers=headers))
    path = write(tmp_path, "crawl.warc", out.getvalue())
    first, skipped, last = read(path, limits=Limits(max_doc_bytes=1000))
    assert isinstance(first, RawDoc) and isinstance(last, RawDoc)
    assert str(skipped).startswith(f"{path}#2: record is ")
    assert "over the 1000 bytes limit" in str(skipped)


def test_bad_input_not_a_warc(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.warc", b"Just some notes, not an archive.\n")
    assert only_error(path).startswith(f"{path}: not a WARC archive")


def test_bad_input_corrupt_gzip(tmp_path: Path) -> None:
    data = gzip.compress(b"<html><p>" + b"news " * 5000 + b"</p></html>")
    path = write(tmp_path, "page.html.gz", data[: len(data) // 2])
    assert only_error(path).startswith(f"{path}: corrupt or truncated gzip data")


def test_bad_input_unexpected_error_is_contained(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("reader bug\nsecond line")

    monkeypatch.setattr(sources, "read_jsonl", explode)
    path = write(tmp_path, "a.jsonl", b'{"text": "x"}\n')
    items = read(path, DATA / "plain.txt")
    assert str(items[0]) == (f"{path}: unexpected error (RuntimeError: reader bug second line); "
                             "please report it")
    assert isinstance(items[1], RawDoc)
