"""Fetch one http(s) URL without letting a feed or redirect reach the private network.

Every address a host resolves to is checked (``check_address``) before connecting, again on each
redirect, and the connection then goes to the checked address itself, so a DNS answer that
changes between check and connect (rebinding) cannot slip through.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from newsweave.errors import BadInput, FetchRefused
from newsweave.ingest.base import (
    DEFAULT_LIMITS,
    Limits,
    bad,
    one_line,
    size_text,
    too_large,
)

LOGGER = logging.getLogger(__name__)

USER_AGENT = "newsweave/0.1"
PRIVATE_HINT = "pass --allow-private-network to fetch intranet feeds"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Fetched:
    """A successful response: the URL after redirects, its media type, body and charset."""

    url_final: str
    content_type: str  # lower-case media type without parameters, "" when absent
    body: bytes
    charset: str | None


def check_address(ip: str | IPAddress) -> str | None:
    """Why newsweave will not connect to ``ip``, or None when it is a public address."""
    address = ipaddress.ip_address(ip)
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        reason = check_address(embedded)
        return f"{reason} (inside {address})" if reason else None
    for flag, kind in (
        ("is_unspecified", "unspecified"),
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_reserved", "reserved"),
        ("is_private", "private"),
    ):
        if getattr(address, flag):
            return f"{kind} address {address}"
    # Catches the rest of what is not on the internet, e.g. shared (CGNAT) 100.64.0.0/10.
    if not address.is_global:
        return f"non-public address {address}"
    return None


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (mapped, compatible, 6to4, NAT64), if any."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    packed = address.packed
    # Deprecated IPv4-compatible form ::a.b.c.d; ::1 and :: are themselves, not IPv4.
    if packed[:12] == bytes(12) and int(address) > 1:
        return ipaddress.IPv4Address(packed[12:])
    if address in _NAT64:
        return ipaddress.IPv4Address(packed[12:])
    return None


def fetch(url: str, *, allow_private_network: bool = False,
          limits: Limits = DEFAULT_LIMITS) -> Fetched:
    """GET ``url``, following up to ``limits.max_redirects`` redirects, each one checked.

    Raises:
        FetchRefused: a non-http(s) URL, or a host resolving to a non-public address while
            ``allow_private_network`` is false.
        BadInput: unresolvable or unreachable host, timeout, HTTP error, body over the limits.
    """
    deadline = time.monotonic() + limits.fetch_timeout
    current = url
    # trust_env=False: a proxy from the environment would resolve and connect by itself,
    # past the address checks.
    with httpx.Client(trust_env=False, follow_redirects=False,
                      headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(limits.max_redirects + 1):
            outcome = _get(client, url, current, allow_private_network, limits, deadline)
            if isinstance(outcome, Fetched):
                return outcome
            previous, current = current, urljoin(current, outcome)
            LOGGER.debug("%s redirects to %s", previous, current)
    raise bad(url, f"too many redirects (more than {limits.max_redirects})")


def _get(client: httpx.Client, name: str, url: str, allow_private_network: bool,
         limits: Limits, deadline: float) -> Fetched | str:
    """One request: the Fetched response, or the Location a redirect points to."""
    via = "" if url == name else f"redirect to {url}: "
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise bad(name, f"{via}invalid URL ({exc})") from None
    if parsed.scheme not in ("http", "https"):
        raise FetchRefused(name, f"{via}only http and https URLs are fetched")
    if not parsed.host:
        raise bad(name, f"{via}URL has no host")
    addresses = _resolve(name, via, parsed, allow_private_network)
    last_error: BadInput | None = None
    for address in addresses:
        try:
            return _request(client, name, via, parsed, address, limits, deadline)
        except _Unreachable as exc:
            last_error = bad(name, f"{via}cannot connect to {parsed.host}: {exc}")
    assert last_error is not None  # _resolve never returns an empty list
    raise last_error


class _Unreachable(Exception):
    """A connection to one resolved address failed; another address may still work."""


def _resolve(name: str, via: str, url: httpx.URL, allow_private_network: bool) -> list[str]:
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(url.host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise bad(name, f"{via}cannot resolve host {url.host} ({exc})") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private_network:
        for address in addresses:
            reason = check_address(address)
            if reason:
                raise FetchRefused(name, f"{via}resolves to {reason}; {PRIVATE_HINT}")
    return addresses


def _request(client: httpx.Client, name: str, via: str, url: httpx.URL, address: str,
             limits: Limits, deadline: float) -> Fetched | str:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise bad(name, f"{via}no response within {limits.fetch_timeout:g} s")
    pinned = url.copy_with(host=address)
    # Host header and TLS server name stay the real host's; only the socket goes to `address`.
    request = client.build_request(
        "GET", pinned, headers={"Host": url.netloc.decode("ascii")},
        extensions={"sni_hostname": url.host}, timeout=httpx.Timeout(remaining))
    try:
        response = client.send(request, stream=True)
    except httpx.ConnectError as exc:
        raise _Unreachable(one_line(str(exc)) or "connection failed") from None
    except httpx.TimeoutException:
        raise bad(name, f"{via}no response within {limits.fetch_timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise bad(name, f"{via}fetch failed ({type(exc).__name__}: {exc})") from None
    try:
        if response.status_code in _REDIRECTS and "location" in response.headers:
            return response.headers["location"]
        if response.status_code >= 400:
            raise bad(name, f"{via}HTTP {response.status_code} {response.reason_phrase}".rstrip())
        body = _read_body(response, name, via, limits, deadline)
    finally:
        response.close()
    content_type = response.headers.get("content-type", "")
    media_type = content_type.split(";")[0].strip().lower()
    charset = response.charset_encoding
    return Fetched(str(url), media_type, body, charset)


def _read_body(response: httpx.Response, name: str, via: str, limits: Limits,
               deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_doc_bytes:
        raise too_large(name, f"{via}response", int(declared), limits.max_doc_bytes)
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            chunks.append(chunk)
            if response.num_bytes_downloaded > limits.max_doc_bytes:
                raise too_large(name, f"{via}response", None, limits.max_doc_bytes)
            if size > limits.max_decompressed_bytes:
                raise bad(name, f"{via}response inflates to more than "
                                f"{size_text(limits.max_decompressed_bytes)}")
            # The httpx timeout bounds each read; this bounds a server that trickles bytes.
            if time.monotonic() > deadline:
                raise bad(name, f"{via}no complete response within {limits.fetch_timeout:g} s")
    except httpx.TimeoutException:
        raise bad(name, f"{via}no response within {limits.fetch_timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise bad(name, f"{via}fetch failed ({type(exc).__name__}: {exc})") from None
    return b"".join(chunks)
