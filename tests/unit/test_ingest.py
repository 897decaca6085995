"""Every input kind the readers accept, from the small fixtures in tests/data/ingest."""

from __future__ import annotations

import gzip
import io
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.errors import BadInput
from newsweave.ingest import STDIN_NAME, Limits, read_inputs
from newsweave.ingest.files import sniff
from newsweave.records import RawDoc

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"

ARABIC_TITLE = "افتتاح مكتبة عامة جديدة في وسط المدينة"
ARABIC_BODY = ("افتتحت البلدية صباح اليوم مكتبة عامة جديدة تضم أكثر من عشرين ألف كتاب. "
               "وقال رئيس البلدية إن المكتبة ستفتح أبوابها للجميع مجاناً طوال أيام الأسبوع.")


def read(*inputs: str | Path, **kwargs: object) -> list[RawDoc | BadInput]:
    return list(read_inputs([str(i) for i in inputs], **kwargs))  # type: ignore[arg-type]


def docs(items: list[RawDoc | BadInput]) -> list[RawDoc]:
    return [item for item in items if isinstance(item, RawDoc)]


def errors(items: list[RawDoc | BadInput]) -> list[BadInput]:
    return [item for item in items if isinstance(item, BadInput)]


def warc_response(writer: WARCWriter, url: str, body: bytes, content_type: str,
                  status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                  http_headers=headers))


def test_ingest_txt_first_line_is_title() -> None:
    [doc] = read(DATA / "plain.txt")
    assert doc.title == "Harbour bridge reopens after six months of repairs"
    assert doc.text is not None and doc.text.startswith("The old harbour bridge reopened")
    assert doc.text.endswith("half an hour to every trip.")
    assert doc.html is None
    assert doc.source == str(DATA / "plain.txt")


@pytest.mark.parametrize(("name", "title", "word"), [
    ("ar.txt", ARABIC_TITLE, "البلدية"),
    ("he.txt", "נפתחה ספרייה ציבורית חדשה במרכז העיר", "העירייה"),
])
def test_ingest_txt_right_to_left(name: str, title: str, word: str) -> None:
    [doc] = read(DATA / name)
    assert doc.title == title
    assert doc.text is not None and word in doc.text


def test_ingest_txt_cp1256_arabic(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(f"{ARABIC_TITLE}\n\n{ARABIC_BODY}\n".encode("cp1256"))
    [doc] = read(path)
    assert doc.title == ARABIC_TITLE
    assert doc.text == ARABIC_BODY


@pytest.mark.parametrize(("text", "encoding"), [
    ("Выставка\nВ центре города открылась новая публичная библиотека для всех жителей.", "koi8-r"),
    ("תערוכה\nראש העיר אמר כי הספרייה תהיה פתוחה לכולם ללא תשלום בכל ימות השבוע.", "cp1255"),
    ("Exposition\nLa mairie a ouvert une bibliothèque. « Elle sera à tous », a déclaré le maire.",
     "cp1252"),
    ("Mit BOM\nDie Bibliothek öffnet am Sonntag.", "utf-8-sig"),
    ("Mit BOM\nDie Bibliothek öffnet am Sonntag.", "utf-16"),
])
def test_ingest_txt_legacy_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(encoding))
    [doc] = read(path)
    assert doc.title == text.split("\n")[0]
    assert doc.text == text.split("\n")[1]


def test_ingest_html_meta_charset(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    page = (f'<html><head><meta charset="windows-1256"></head>'
            f"<body><p>{ARABIC_BODY}</p></body></html>")
    path.write_bytes(page.encode("cp1256"))
    [doc] = read(path)
    assert doc.html == page


def test_ingest_html() -> None:
    [doc] = read(DATA / "page.html")
    assert doc.html is not None and "Night trains return" in doc.html
    assert doc.text is None


def test_ingest_html_gzip(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress((DATA / "page.html").read_bytes()))
    [doc] = read(path)
    assert doc.html == (DATA / "page.html").read_text()


def test_ingest_jsonl_fields_and_bad_lines(caplog: pytest.LogCaptureFixture) -> None:
    path = str(DATA / "news.jsonl")
    with caplog.at_level(logging.WARNING):
        items = read(path)
    good = docs(items)
    assert [d.source for d in good] == [f"{path}#1", f"{path}#2", f"{path}#7"]
    first = good[0]
    assert first.title == "Council approves new cycle lanes"
    assert first.text == "The city council approved four new cycle lanes on Wednesday."
    assert first.url == "https://news.example/cycle"
    assert first.published == datetime(2024, 3, 6, 9, 30, tzinfo=UTC)
    assert (first.outlet, first.lang, first.author) == ("Example Daily", "en", "A. Writer")
    assert good[1].html is not None and good[1].text is None
    assert good[1].published == datetime(2024, 3, 7, tzinfo=UTC)
    assert good[2].published is None  # "not a date": dropped with a warning, article kept
    assert "cannot read published date" in caplog.text
    bad = errors(items)
    assert [b.input for b in bad] == [f"{path}:3", f"{path}:4", f"{path}:6"]
    assert str(bad[0]).startswith(f"{path}:3: not valid JSON")
    assert "expected a JSON object" in str(bad[1])
    assert 'no "text" or "html" field' in str(bad[2])
    assert all("\n" not in str(b) for b in bad)


def test_ingest_rss_falls_back_to_summary(caplog: pytest.LogCaptureFixture) -> None:
    path = str(DATA / "feed.rss")
    with caplog.at_level(logging.WARNING):
        items = read(path)
    # The first entry links to 127.0.0.1, refused without --allow-private-network: its
    # summary stands in, with a warning and no failure.
    assert errors(items) == []
    market, choir = docs(items)
    assert market.source == f"{path}#1"
    assert market.html == ("<p>The weekly farmers market will move to the old station square "
                           "in April.</p>")
    assert market.title == "Farmers market moves to the old station"
    assert market.url == "http://127.0.0.1:9/market"
    assert market.outlet == "Valley Gazette"
    assert market.lang == "en"
    assert market.published == datetime(2024, 3, 5, 8, 0, tzinfo=UTC)
    assert market.author is not None and "News desk" in market.author
    assert "127.0.0.1:9/market" in caplog.text and "private" in caplog.text
    assert choir.source == f"{path}#2"
    assert choir.url is None
    assert choir.published == datetime(2024, 3, 4, 17, 15, tzinfo=UTC)


def test_ingest_atom() -> None:
    [entry] = read(DATA / "feed.atom")
    assert isinstance(entry, RawDoc)
    assert entry.title == "Le marché couvert rouvre ses portes"
    assert entry.html == "<p>Après deux ans de travaux, le marché couvert rouvre samedi.</p>"
    assert entry.outlet == "Le Courrier du Lac"
    assert entry.author == "Claire Martin"
    assert entry.lang == "fr"
    assert entry.published == datetime(2024, 3, 5, 10, 0, tzinfo=UTC)


def test_ingest_feed_entry_limit_skips_fetching(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        items = read(DATA / "feed.rss", limits=Limits(max_feed_entries=0))
    assert len(docs(items)) == 2
    assert "fetching" not in caplog.text  # nothing was even tried


def test_ingest_warc_html_responses_only(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")],
                                   is_http_request=True)
        writer.write_record(writer.create_warc_record("https://news.example/", "request",
                                                      http_headers=request))
        warc_response(writer, "https://news.example/a", b"<html><p>Bridge opens.</p></html>",
                      "text/html; charset=utf-8")
        warc_response(writer, "https://news.example/api", b'{"ok": true}', "application/json")
        warc_response(writer, "https://news.example/gone", b"<html>gone</html>", "text/html",
                      status="404 Not Found")
        warc_response(writer, "https://news.example/b",
                      "<html><p>Été chaud.</p></html>".encode("cp1252"),
                      "text/html; charset=windows-1252")
    items = read(path)
    assert errors(items) == []
    first, second = docs(items)
    assert first.source == f"{path}#2"
    assert first.url == "https://news.example/a"
    assert first.html == "<html><p>Bridge opens.</p></html>"
    assert second.source == f"{path}#5"
    assert second.html == "<html><p>Été chaud.</p></html>"


def test_ingest_directory_recursive_sorted_skips_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    items = read("corpus")
    assert errors(items) == []
    found = docs(items)
    assert [d.source for d in found] == [
        "corpus/a.txt", "corpus/notes", "corpus/sub/b.html", "corpus/sub/c.page"]
    assert found[0].title == "Ferry timetable changes for spring"
    assert found[1].title == "Library extends opening hours"  # no extension: sniffed as text
    assert found[2].html is not None
    assert found[3].html is not None  # unknown extension: sniffed as HTML


def test_ingest_stdin_sniffs_kind() -> None:
    [doc] = read("-", stdin=io.BytesIO(b"Snow day\nSchools closed because of snow.\n"))
    assert doc.source == STDIN_NAME
    assert (doc.title, doc.text) == ("Snow day", "Schools closed because of snow.")
    [page] = read("-", stdin=io.BytesIO((DATA / "page.html").read_bytes()))
    assert page.html is not None
    lines = read("-", stdin=io.BytesIO((DATA / "news.jsonl").read_bytes()))
    assert [d.source for d in docs(lines)] == [f"{STDIN_NAME}#1", f"{STDIN_NAME}#2",
                                               f"{STDIN_NAME}#7"]
    entries = read("-", stdin=io.BytesIO((DATA / "feed.atom").read_bytes()))
    assert [d.source for d in docs(entries)] == [f"{STDIN_NAME}#1"]


def test_ingest_many_inputs_one_failure_does_not_stop_batch(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    items = read(DATA / "plain.txt", empty, tmp_path / "missing.html", DATA / "page.html")
    assert [type(i).__name__ for i in items] == ["RawDoc", "BadInput", "BadInput", "RawDoc"]


@pytest.mark.parametrize(("head", "kind"), [
    (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
    (gzip.compress(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"), "warc"),
    (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed"),
    (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
    (b"<!DOCTYPE html><html>", "html"),
    (b"  \n<div>fragment</div>", "html"),
    (b'{"title": "t", "text": "x"}\n', "jsonl"),
    (b"Plain headline\nand a body.", "text"),
    ("عنوان\nنص".encode(), "text"),
])
def test_ingest_sniff(head: bytes, kind: str) -> None:
    assert sniff(head) == kind
