"""Property-based tests (hypothesis) for every parser and normaliser that reads outside input:
whatever the bytes or text, each returns a value or raises BadInput naming the input, never
anything else. 8,800 examples a run (derandomised: the same ones in CI each time)."""

import io
import socket
import string
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.errors import BadInput, FetchRefused
from newsweave.ingest.base import DEFAULT_LIMITS
from newsweave.ingest.decode import decode
from newsweave.ingest.feeds import read_feed
from newsweave.ingest.fetch import fetch
from newsweave.ingest.jsonl import parse_date, read_jsonl
from newsweave.ingest.warc import read_warc
from newsweave.stages.dates import date_from_text
from newsweave.stages.extract import extract_html
from newsweave.stages.names import name_forms, name_similarity, normalise, script_of
from newsweave.stages.timex import find_dates

def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))

# Text with what hostile input carries: markup, NUL and bidi controls, every script, surrogates-free.
MARKUP = st.sampled_from(["<", ">", "</", "<div>", "<p>", "<script>", "</script>", "<!--", "-->", "&amp;", "&#x0;",
                          "<![CDATA[", "]]>", "<?xml version='1.0'?>", "<html>", "<body>", "\x00", "\u202e", "\u2066",
                          "\ufeff", "\r\n", "\"", "'", "=", "<a href='javascript:x'>", "<meta charset=cp1256>"])
HOSTILE_TEXT = st.lists(st.one_of(st.text(max_size=40), MARKUP), max_size=40).map("".join)
HOSTILE_BYTES = st.one_of(st.binary(max_size=2000), HOSTILE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                          HOSTILE_TEXT.map(lambda t: t.encode("utf-16")))


def returns_or_refuses(run, *args):
    """``run(*args)`` may return or raise BadInput; anything else fails the test."""
    try:
        result = run(*args)
        return list(result) if hasattr(result, "__next__") else result
    except BadInput as error:
        assert "\n" not in str(error) and str(error).split(":", 1)[0]
        return None


@fuzz(2000)
@given(HOSTILE_BYTES, st.sampled_from([None, "utf-8", "cp1256", "koi8-r", "x-bogus", "utf-16"]))
def test_decode_any_bytes(data, charset):
    text = returns_or_refuses(lambda: decode(data, "fuzz.txt", charset=charset))
    assert text is None or isinstance(text, str)


@fuzz(1400)
@given(HOSTILE_TEXT, st.sampled_from([None, "https://news.example/a", "javascript:alert(1)", "not a url"]))
def test_extract_any_html(html, url):
    returns_or_refuses(lambda: extract_html(html, "fuzz.html", url))


def _feed(body: str) -> bytes:
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><item><title>x</title>"
            f"<description>{body}</description></item></channel></rss>").encode("utf-8", "surrogatepass")


@fuzz(1000)
@given(st.one_of(HOSTILE_BYTES, HOSTILE_TEXT.map(_feed)))
def test_read_any_feed(monkeypatch_session, data):
    returns_or_refuses(lambda: read_feed(data, "fuzz.xml", allow_private_network=False, limits=DEFAULT_LIMITS))


JSON_VALUES = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30)),
                           lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                   st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                           max_leaves=12)
JSONL_LINES = st.lists(st.one_of(
    st.fixed_dictionaries({"title": JSON_VALUES, "text": JSON_VALUES}, optional={
        "published": JSON_VALUES, "url": JSON_VALUES, "lang": JSON_VALUES, "html": JSON_VALUES, "id": JSON_VALUES}),
    JSON_VALUES), max_size=6)


@fuzz(1000)
@given(st.one_of(HOSTILE_BYTES, JSONL_LINES.map(lambda lines: "\n".join(
    __import__("json").dumps(line, allow_nan=True) for line in lines).encode())))
def test_read_any_jsonl(data):
    returns_or_refuses(lambda: read_jsonl(io.BytesIO(data), "fuzz.jsonl", DEFAULT_LIMITS))


WARC_HEAD = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/a\r\nContent-Length: "


@fuzz(900)
@given(st.one_of(HOSTILE_BYTES, st.tuples(st.integers(-5, 5000), HOSTILE_BYTES).map(
    lambda lb: WARC_HEAD + str(lb[0]).encode() + b"\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + lb[1])))
def test_read_any_warc(data):
    returns_or_refuses(lambda: read_warc(io.BytesIO(data), "fuzz.warc", DEFAULT_LIMITS))


@fuzz(900)
@given(HOSTILE_TEXT, st.sampled_from([None, "en", "fr", "ar", "he", "ru", "tr", "de", "fa", "xx"]),
       st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1))))
def test_dates_of_any_text(text, lang, anchor):
    for found in find_dates(text, lang, anchor):
        assert 0 <= found.start <= found.end <= len(text)
    date_from_text(text, lang)
    parse_date(text)


@fuzz(900)
@given(HOSTILE_TEXT, HOSTILE_TEXT, st.sampled_from([None, "en", "ar", "he", "ru", "fa", "tr"]))
def test_names_of_any_text(a, b, lang):
    normalise(a, script_of(a))
    score, _ = name_similarity(name_forms(a, lang), name_forms(b, lang))
    assert 0.0 <= score <= 1.0


# IPv4 and IPv6 in every spelling a URL may give a host in, for ranges that are never public.
PRIVATE_V4 = st.sampled_from(["127.0.0.1", "10.1.2.3", "172.16.5.4", "192.168.0.10", "169.254.169.254", "0.0.0.0",
                              "100.64.0.1", "224.0.0.1", "240.0.0.1", "255.255.255.255", "198.18.0.1"])


def _spellings(v4: str) -> st.SearchStrategy[str]:
    parts = [int(p) for p in v4.split(".")]
    number = (parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]
    return st.sampled_from([v4, str(number), hex(number), ".".join(f"0{p:o}" for p in parts),
                            f"[::ffff:{v4}]", f"[::ffff:{number >> 16:x}:{number & 0xffff:x}]", f"[64:ff9b::{v4}]"])


@fuzz(300)
@given(PRIVATE_V4.flatmap(_spellings) | st.sampled_from(["[::1]", "[fe80::1]", "[fc00::1]", "[ff02::1]", "[::]"]),
       st.sampled_from(["http", "https"]), st.text(string.ascii_letters + string.digits + "-._~/?=&%", max_size=20))
def test_urls_to_private_addresses_refused_without_connecting(monkeypatch_session, host, scheme, path):
    url = f"{scheme}://{host}/{path}"
    with pytest.raises(BadInput) as refused:
        fetch(url)
    if not str(refused.value).startswith(f"{url}: invalid URL"):  # (httpx reads no octal IPv4)
        assert isinstance(refused.value, FetchRefused), refused.value


@fuzz(400)
@given(st.one_of(st.text(max_size=60), st.builds(lambda s, h, p: f"{s}://{h}/{p}",
       st.sampled_from(["http", "https", "file", "ftp", "gopher", "javascript", "data", "HTTP", ""]),
       st.text(max_size=20), st.text(max_size=20))))
def test_any_url_string_refused_or_unresolved_without_network(monkeypatch_session, url):
    with pytest.raises(BadInput):
        fetch(url)  # names resolve nowhere here (see the fixture): refused, invalid or unresolvable


@pytest.fixture(scope="module")
def monkeypatch_session():
    """No name lookups (numeric hosts still resolve) and no connections at all."""
    patch = pytest.MonkeyPatch()
    real = socket.getaddrinfo

    def numeric_only(host, *args, **kwargs):
        return real(host, *args, flags=socket.AI_NUMERICHOST, **{k: v for k, v in kwargs.items() if k != "flags"})

    def never(*args, **kwargs):
        raise AssertionError("a fuzzed URL opened a connection")

    patch.setattr(socket, "getaddrinfo", numeric_only)
    patch.setattr(socket, "create_connection", never)
    patch.setattr(socket.socket, "connect", never)
    yield
    patch.undo()

