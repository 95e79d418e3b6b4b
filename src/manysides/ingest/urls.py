"""http(s) URLs: fetch safely, then read the body by its content type (HTML, feed, text, JSON).

Safety, from the ``[fetch]`` settings:

* every hop's host is resolved with :func:`socket.getaddrinfo` and each address checked with
  :mod:`ipaddress`; a private, loopback, link-local, multicast or reserved address is refused
  with :class:`PrivateAddressError` unless ``allow_private`` (``--allow-private``) is given;
* redirects are followed by hand, at most ``max_redirects``, so each hop is checked;
* the body is streamed and abandoned past ``max_bytes`` (after decompression);
* connect/read timeouts of ``timeout_seconds``; the ``user_agent`` is sent.

The addresses are checked before each request, and checked again when the connection is made:
the connection goes to the address just checked, never to a second lookup of the name, so a DNS
server that answers differently the second time (DNS rebinding) cannot point a request at a
private address. (Through an HTTP proxy from the environment the proxy resolves the name; a
proxy is the user's own choice.)

``Article.source`` is the URL as given; ``Article.url`` the URL the page was finally read from.
Without a site name in the page or an ``outlet`` argument, the outlet is the URL's domain.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from manysides.config import Config
from manysides.errors import FetchError, PrivateAddressError, UnsupportedInputError
from manysides.ingest.base import Context, Outcome
from manysides.ingest.formats import format_for_content_type
from manysides.ingest.readers import read_content
from manysides.model import SourceKind

__all__ = ["Fetched", "check_address", "fetch", "is_url", "read_url"]

_SCHEMES = ("http", "https")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body and what the server said about it."""

    url: str  # the final URL, after redirects
    content_type: str
    encoding: str | None
    data: bytes


def is_url(source: str) -> bool:
    """Whether ``source`` is an http(s) URL rather than a path."""
    return urlsplit(source).scheme.lower() in _SCHEMES


def read_url(url: str, ctx: Context, *, allow_private: bool = False) -> list[Outcome]:
    """The outcomes of fetching ``url`` and reading its body."""
    fetched = fetch(url, config=ctx.config, allow_private=allow_private)
    head = fetched.data[:4096].decode(fetched.encoding or "utf-8", errors="replace")
    fmt = format_for_content_type(fetched.content_type, head)
    if fmt is None:
        raise UnsupportedInputError(
            url,
            f"unsupported content type {fetched.content_type!r}; supported: HTML, RSS/Atom, "
            "plain text, Markdown, JSON, JSON Lines, CSV",
        )
    outlet = ctx.outlet or _domain(fetched.url)
    page = replace(ctx, kind=SourceKind.URL, url=fetched.url, outlet=outlet)
    return read_content(fetched.data, fmt, page, encoding=fetched.encoding)


def fetch(url: str, *, config: Config, allow_private: bool = False) -> Fetched:
    """GET ``url``, following and checking redirects by hand; :class:`FetchError` on failure."""
    settings = config["fetch"]
    allow_private = allow_private or bool(settings["allow_private"])
    timeout = httpx.Timeout(float(settings["timeout_seconds"]))
    headers = {"User-Agent": str(settings["user_agent"])}
    backend = _CheckedBackend(url, allow_private)
    transport = _pinned_transport(backend)
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False,
                      transport=transport) as client:
        current = url
        for _ in range(int(settings["max_redirects"]) + 1):
            check_address(current, origin=url, allow_private=allow_private)
            backend.current = current
            fetched, location = _get(client, current, url, int(settings["max_bytes"]))
            if fetched is not None:
                return fetched
            current = location
    raise FetchError(
        url, f"too many redirects (more than {settings['max_redirects']}, [fetch] max_redirects)"
    )


def check_address(url: str, *, origin: str | None = None, allow_private: bool = False) -> None:
    """Refuse ``url`` unless every address its host resolves to is public (or allowed)."""
    origin = origin or url
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SCHEMES:
        raise FetchError(origin, f"refusing to fetch {url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise FetchError(origin, f"refusing to fetch {url}: the URL has no host")
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise FetchError(origin, f"cannot resolve the host of {url}: {exc}") from None
    _checked_addresses(parts.hostname, port, url, origin, allow_private)


def _checked_addresses(
    host: str, port: int, url: str, origin: str, allow_private: bool
) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The addresses ``host`` resolves to, now; :class:`PrivateAddressError` if one of them is
    not public (unless ``allow_private``)."""
    try:
        addresses = _resolve(host, port)
    except (OSError, UnicodeError, ValueError) as exc:
        raise FetchError(origin, f"cannot resolve the host of {url}: {exc}") from None
    if allow_private:
        return addresses
    for address in addresses:
        kind = _non_public(address)
        if kind is not None:
            raise PrivateAddressError(
                origin,
                f"refusing to fetch {url}: {address} is a {kind} address "
                "(use --allow-private to allow it)",
            )
    return addresses


class _CheckedBackend(httpcore.SyncBackend):
    """A network backend that resolves the host itself, checks every address, and connects to
    the checked address (so the name is never resolved a second time, unchecked)."""

    def __init__(self, origin: str, allow_private: bool) -> None:
        self.origin = origin
        self.current = origin
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = _checked_addresses(host, port, self.current, self.origin, self.allow_private)
        error: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:
            try:
                return super().connect_tcp(str(address), port, timeout, local_address,
                                           socket_options)
            except httpcore.ConnectError as exc:  # try the next address, as a resolver would
                error = exc
        raise error


def _pinned_transport(backend: _CheckedBackend) -> httpx.HTTPTransport:
    """httpx's transport with its connection pool on ``backend`` (httpx takes no backend
    argument; the pool is rebuilt with httpx's own defaults — checked by the tests)."""
    transport = httpx.HTTPTransport()
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(), max_connections=100,
        max_keepalive_connections=20, keepalive_expiry=5.0, network_backend=backend,
    )
    return transport


def _resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Every address ``host`` resolves to (IPv6 zone ids dropped)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def _get(
    client: httpx.Client, url: str, origin: str, max_bytes: int
) -> tuple[Fetched | None, str]:
    """One request: the body, or ``(None, next_url)`` for a redirect."""
    try:
        with client.stream("GET", url) as response:
            if response.is_redirect:
                location = response.headers.get("location", "")
                if not location:
                    raise FetchError(origin, f"{url} redirects without a Location header")
                return None, urljoin(url, location)
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise FetchError(origin, f"HTTP {response.status_code} {reason} from {url}")
            data = _read_capped(response, origin, max_bytes)
            content_type = response.headers.get("content-type", "")
            return Fetched(str(response.url), content_type, response.charset_encoding, data), ""
    except httpx.TimeoutException:
        raise FetchError(origin, f"timed out fetching {url} ([fetch] timeout_seconds)") from None
    except httpx.HTTPError as exc:
        raise FetchError(origin, f"could not fetch {url}: {exc}") from None


def _read_capped(response: httpx.Response, origin: str, max_bytes: int) -> bytes:
    too_big = f"the response is larger than the {max_bytes:,}-byte limit ([fetch] max_bytes)"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(origin, too_big)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(origin, f"{too_big}; stopped reading")
        chunks.append(chunk)
    return b"".join(chunks)


def _non_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """What kind of non-public address this is, or ``None`` for a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("unspecified", address.is_unspecified),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("non-public", not address.is_global),
    )
    return next((kind for kind, refused in checks if refused), None)


def _domain(url: str) -> str | None:
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None
