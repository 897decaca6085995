"""Safe fetching: address checks, redirects, limits, and URL inputs against a local server.

The only server is one these tests start on 127.0.0.1; private and reserved addresses are
checked, never connected to.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from newsweave.errors import BadInput, FetchRefused
from newsweave.ingest import Limits, read_inputs
from newsweave.ingest import fetch as fetch_module
from newsweave.ingest.fetch import check_address, fetch
from newsweave.records import RawDoc

ARABIC = "افتتحت البلدية صباح اليوم مكتبة عامة جديدة تضم أكثر من عشرين ألف كتاب."
PAGE = "<html><head><title>Bridge</title></head><body><p>The bridge reopened.</p></body></html>"


def feed(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local Wire</title><language>ar</language>
<item><title>Library</title><link>{base}/ar</link><description>teaser one</description></item>
<item><title>Gone</title><link>{base}/missing</link>
  <description>&lt;p&gt;summary two&lt;/p&gt;</description></item>
<item><title>Redirected</title><link>{base}/redirect</link></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:  # keep pytest output quiet
        pass

    def send(self, body: bytes, content_type: str, status: int = 200,
             extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        Handler.hits.append(self.path)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        path = self.path
        if path == "/page":
            self.send(PAGE.encode(), "text/html; charset=utf-8")
        elif path == "/ar":
            self.send(f"<html><body><p>{ARABIC}</p></body></html>".encode("cp1256"),
                      "text/html; charset=windows-1256")
        elif path == "/feed":
            self.send(feed(base).encode(), "application/rss+xml")
        elif path == "/feed-as-html":  # misconfigured servers send feeds as text/html
            self.send(feed(base).encode(), "text/html")
        elif path == "/text":
            self.send(b"Headline\nBody text of a plain article.", "text/plain")
        elif path == "/png":
            self.send(b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
        elif path == "/redirect":
            self.redirect("/page")
        elif path == "/redirect-private":
            self.redirect("http://10.0.0.1/admin")
        elif path == "/redirect-metadata":
            self.redirect("http://169.254.169.254/latest/meta-data/")
        elif path == "/redirect-file":
            self.redirect("file:///etc/passwd")
        elif path.startswith("/loop"):
            self.redirect(f"/loop{len(path)}")
        elif path == "/slow":
            time.sleep(3)
            self.send(PAGE.encode(), "text/html")
        elif path == "/big":
            self.send(b"<p>" + b"x" * 5000 + b"</p>", "text/html")
        elif path == "/bomb":
            self.send(gzip.compress(b"<p>" + b" " * 2_000_000), "text/html",
                      extra={"Content-Encoding": "gzip"})
        elif path == "/echo":
            self.send(f"<p>{self.headers['User-Agent']}|{self.headers['Host']}</p>".encode(),
                      "text/html")
        else:
            self.send(b"not here", "text/plain", status=404)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client hanging up on /slow is the point of that test


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    Handler.hits = []
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def loopback_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat 127.0.0.1 alone as public, so redirects from the test server get checked."""
    real = fetch_module.check_address
    monkeypatch.setattr(fetch_module, "check_address",
                        lambda ip: None if str(ip) == "127.0.0.1" else real(ip))


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ---- address checks (pure: nothing connects) ------------------------------------------------

@pytest.mark.parametrize(("ip", "kind"), [
    ("10.0.0.1", "private"),
    ("172.16.0.1", "private"),
    ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"),
    ("224.0.0.1", "multicast"),
    ("127.0.0.1", "loopback"),
    ("::1", "loopback"),
    ("fe80::1", "link-local"),
    ("fc00::1", "private"),
    ("::ffff:10.0.0.1", "private"),
    ("::ffff:127.0.0.1", "loopback"),
    ("::127.0.0.1", "loopback"),
    ("64:ff9b::a00:1", "private"),
    ("2002:a00:1::1", "private"),
    ("0.0.0.0", "unspecified"),
    ("::", "unspecified"),
    ("100.64.0.1", "non-public"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "reserved"),
])
def test_fetch_check_address_refuses(ip: str, kind: str) -> None:
    reason = check_address(ip)
    assert reason is not None and reason.startswith(kind)


@pytest.mark.parametrize("ip", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111",
                                "::ffff:8.8.8.8"])
def test_fetch_check_address_allows_public(ip: str) -> None:
    assert check_address(ip) is None


@pytest.mark.parametrize("url", [
    "http://2130706433/",
    "http://0x7f.1/",
    "http://017700000001/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::1]/",
    "http://127.1/",
    "http://10.0.0.1/",
    "http://169.254.169.254/latest/meta-data/",
])
def test_fetch_numeric_hosts_refused(url: str) -> None:
    with pytest.raises(FetchRefused) as caught:
        fetch(url)
    message = str(caught.value)
    assert message.startswith(url) and "\n" not in message
    assert "--allow-private-network" in message


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "gopher://a/", "sftp://127.0.0.1/x", "dict://a/"])
def test_fetch_scheme_refused(url: str) -> None:
    [refused] = list(read_inputs([url]))
    assert isinstance(refused, FetchRefused)
    assert str(refused) == f"{url}: only http and https URLs are fetched"


def test_storage_urls_read_files_not_the_network(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nSome text of an article.\n", encoding="utf-8")
    [doc] = list(read_inputs([f"file://{tmp_path}/a.txt"]))
    assert doc.source == f"file://{tmp_path}/a.txt" and doc.title == "Title"
    [missing] = list(read_inputs([f"file://{tmp_path}/none.txt"]))
    assert str(missing).endswith("no such file or directory")
    [no_driver] = list(read_inputs(["az://container/x.warc"]))  # its driver (adlfs) is not installed
    assert str(no_driver).startswith("az://container/x.warc: cannot read (")


# ---- against the local server ----------------------------------------------------------------

def test_fetch_local_server_needs_allow_private_network(server: str) -> None:
    [refused] = list(read_inputs([f"{server}/page"]))
    assert isinstance(refused, FetchRefused)
    assert str(refused) == (f"{server}/page: resolves to loopback address 127.0.0.1; "
                            "pass --allow-private-network to fetch intranet feeds")
    assert Handler.hits == []  # refused before connecting
    [doc] = list(read_inputs([f"{server}/page"], allow_private_network=True))
    assert isinstance(doc, RawDoc)
    assert (doc.source, doc.url, doc.html) == (f"{server}/page", f"{server}/page", PAGE)


def test_fetch_sends_user_agent_and_real_host(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    port = int(server.rsplit(":", 1)[1])
    real = socket.getaddrinfo

    def fake_dns(host: str, *args: Any, **kwargs: Any) -> Any:
        return real("127.0.0.1" if host == "news.test" else host, *args, **kwargs)

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", fake_dns)
    fetched = fetch(f"http://news.test:{port}/echo", allow_private_network=True)
    assert fetched.body == f"<p>newsweave/0.1|news.test:{port}</p>".encode()
    assert fetched.url_final == f"http://news.test:{port}/echo"


def test_fetch_charset_from_header(server: str) -> None:
    fetched = fetch(f"{server}/ar", allow_private_network=True)
    assert (fetched.content_type, fetched.charset) == ("text/html", "windows-1256")
    [doc] = list(read_inputs([f"{server}/ar"], allow_private_network=True))
    assert isinstance(doc, RawDoc) and doc.html is not None and ARABIC in doc.html


def test_fetch_follows_redirect(server: str) -> None:
    fetched = fetch(f"{server}/redirect", allow_private_network=True)
    assert fetched.url_final == f"{server}/page"
    assert fetched.body == PAGE.encode()


@pytest.mark.parametrize(("path", "address"), [
    ("/redirect-private", "10.0.0.1"), ("/redirect-metadata", "169.254.169.254")])
def test_fetch_redirect_to_private_refused(server: str, loopback_is_public: None, path: str,
                                           address: str) -> None:
    with pytest.raises(FetchRefused) as caught:
        fetch(f"{server}{path}")
    message = str(caught.value)
    assert message.startswith(f"{server}{path}: redirect to http://{address}/")
    assert f"address {address}" in message and "--allow-private-network" in message


def test_fetch_redirect_to_file_refused(server: str) -> None:
    with pytest.raises(FetchRefused, match="redirect to file:///etc/passwd: only http"):
        fetch(f"{server}/redirect-file", allow_private_network=True)


def test_fetch_too_many_redirects(server: str) -> None:
    with pytest.raises(BadInput, match=r"/loop: too many redirects \(more than 5\)$"):
        fetch(f"{server}/loop", allow_private_network=True)
    assert len(Handler.hits) == 6


@pytest.mark.parametrize(("path", "message"), [
    ("/missing", "HTTP 404 Not Found"),
    ("/slow", "no response within 0.5 s"),
])
def test_fetch_errors_are_one_line(server: str, path: str, message: str) -> None:
    [bad] = list(read_inputs([f"{server}{path}"], allow_private_network=True,
                             limits=Limits(fetch_timeout=0.5)))
    assert isinstance(bad, BadInput) and not isinstance(bad, FetchRefused)
    assert str(bad) == f"{server}{path}: {message}"


def test_fetch_unreachable() -> None:
    url = f"http://127.0.0.1:{closed_port()}/news"
    [bad] = list(read_inputs([url], allow_private_network=True))
    assert isinstance(bad, BadInput)
    assert str(bad).startswith(f"{url}: cannot connect to 127.0.0.1")
    assert "\n" not in str(bad)


def test_fetch_response_over_limit(server: str) -> None:
    [bad] = list(read_inputs([f"{server}/big"], allow_private_network=True,
                             limits=Limits(max_doc_bytes=1000)))
    assert isinstance(bad, BadInput)
    assert "over the 1000 bytes limit for one document" in str(bad)
    assert "NEWSWEAVE_MAX_DOC_MB" in str(bad)


def test_fetch_gzip_bomb_stopped(server: str) -> None:
    with pytest.raises(BadInput, match="inflates to more than"):
        fetch(f"{server}/bomb", allow_private_network=True,
              limits=Limits(max_decompressed_bytes=100_000))


@pytest.mark.parametrize("path", ["/feed", "/feed-as-html"])
def test_fetch_feed_url_fetches_linked_pages(server: str, path: str,
                                             caplog: pytest.LogCaptureFixture) -> None:
    url = f"{server}{path}"
    items = list(read_inputs([url], allow_private_network=True))
    assert all(isinstance(item, RawDoc) for item in items)
    library, gone, redirected = items
    assert isinstance(library, RawDoc) and library.html is not None
    assert ARABIC in library.html  # the page, not the teaser, decoded from windows-1256
    assert (library.source, library.outlet, library.lang) == (f"{url}#1", "Local Wire", "ar")
    assert isinstance(gone, RawDoc)
    assert gone.html == "<p>summary two</p>"  # 404: fell back to the summary with a warning
    assert "HTTP 404" in caplog.text
    assert isinstance(redirected, RawDoc)
    assert redirected.html == PAGE and redirected.url == f"{server}/page"


def test_fetch_plain_text_and_binary_urls(server: str) -> None:
    text, png = list(read_inputs([f"{server}/text", f"{server}/png"], allow_private_network=True))
    assert isinstance(text, RawDoc) and text.title == "Headline"
    assert str(png) == f"{server}/png: binary response (PNG image?), not an article"
