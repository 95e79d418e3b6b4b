"""Fetching URLs from a real HTTP server on 127.0.0.1: refusal, redirects, size cap, dispatch."""

from __future__ import annotations

import ipaddress

import httpx
import pytest

from manysides.errors import FetchError, PrivateAddressError
from manysides.ingest import ingest, urls
from manysides.model import SourceKind

HTML = (
    b"<html><head><title>Harbour</title><meta property='og:site_name' content='Port News'></head>"
    b"<body><article><h1>Harbour Reopens</h1><p>The harbour reopened on Tuesday after a week "
    b"of repairs, the port authority said in a statement.</p><p>Ferry operators said the first "
    b"crossings of the morning were full and more were planned.</p></article></body></html>"
)
FEED = (
    b"<?xml version='1.0'?><rss version='2.0'><channel><title>Port Feed</title>"
    b"<item><title>One</title><link>https://port.example/1</link>"
    b"<description>The harbour reopened.</description></item>"
    b"<item><title>Two</title><description>The ferries returned.</description></item>"
    b"</channel></rss>"
)


def test_urls_private_address_refused_without_request(local_server) -> None:
    local_server.route("/a", body=HTML, content_type="text/html")
    url = local_server.url("/a")
    result = ingest([url])
    assert result.articles == []
    (failure,) = result.failures
    assert failure.source == url
    assert failure.reason == (
        f"refusing to fetch {url}: 127.0.0.1 is a loopback address "
        "(use --allow-private to allow it)"
    )
    assert local_server.requests == []


def test_urls_fetch_html_with_allow_private(local_server) -> None:
    local_server.route("/a", body=HTML, content_type="text/html")
    url = local_server.url("/a")
    (article,) = ingest([url], allow_private=True).articles
    assert (article.source, article.url, article.source_kind) == (url, url, SourceKind.URL)
    assert article.title == "Harbour Reopens"
    assert article.outlet == "Port News"
    assert article.text.startswith("The harbour reopened on Tuesday")
    assert local_server.requests == ["/a"]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [("application/rss+xml", FEED), ("text/xml; charset=utf-8", FEED), ("", FEED)],
)
def test_urls_feed_by_content_type_or_sniffing(local_server, content_type, body) -> None:
    headers = {"content_type": content_type} if content_type else {}
    local_server.route("/feed", body=body, **headers)
    url = local_server.url("/feed")
    articles = ingest([url], allow_private=True).articles
    assert [(a.title, a.outlet, a.source) for a in articles] == [
        ("One", "Port Feed", f"{url}#1"),
        ("Two", "Port Feed", f"{url}#2"),
    ]
    assert articles[0].url == "https://port.example/1"


def test_urls_plain_text_outlet_falls_back_to_domain(local_server) -> None:
    body = "The harbour reopened on Tuesday, officials said.".encode("cp1252")
    local_server.route("/t", body=body, content_type="text/plain")
    (article,) = ingest([local_server.url("/t", host="localhost")], allow_private=True).articles
    assert article.outlet == "localhost"
    assert ingest([local_server.url("/t")], outlet="Port News", allow_private=True).articles[
        0
    ].outlet == "Port News"


def test_urls_redirects_followed_then_limited(local_server, config) -> None:
    local_server.route("/a", body=HTML, content_type="text/html")
    local_server.route("/hop", 302, location="/a")
    local_server.route("/loop", 302, location="/loop")
    (article,) = ingest([local_server.url("/hop")], allow_private=True).articles
    assert article.url == local_server.url("/a")
    config["fetch"]["max_redirects"] = 3
    local_server.requests.clear()
    (failure,) = ingest([local_server.url("/loop")], allow_private=True, config=config).failures
    assert failure.reason == "too many redirects (more than 3, [fetch] max_redirects)"
    assert local_server.requests == ["/loop"] * 4


def test_urls_each_redirect_hop_is_checked(local_server, monkeypatch) -> None:
    """The first hop passes as if public; its redirect to localhost is refused."""
    real = urls._non_public

    def non_public(address):
        return real(address) if local_server.requests else None  # until the first request

    monkeypatch.setattr(urls, "_non_public", non_public)
    target = local_server.url("/a", host="localhost")
    local_server.route("/hop", 302, location=target)
    (failure,) = ingest([local_server.url("/hop")]).failures
    assert failure.source == local_server.url("/hop")
    assert failure.reason.startswith(f"refusing to fetch {target}: ")
    assert "is a loopback address" in failure.reason
    assert local_server.requests == ["/hop"]



def test_urls_dns_rebinding_is_refused_at_connect(local_server, monkeypatch) -> None:
    """The name answers "public" to the check, then "loopback": the connection, made to the
    address resolved at connect time and checked again, is refused — nothing is requested."""
    real = urls._resolve
    answers: list[str] = []

    def resolve(host: str, port: int):
        answers.append(host)
        if len(answers) == 1:
            return [ipaddress.ip_address("93.184.216.34")]
        return real(host, port)

    monkeypatch.setattr(urls, "_resolve", resolve)
    local_server.route("/a", body=HTML, content_type="text/html")
    url = local_server.url("/a", host="localhost")
    (failure,) = ingest([url]).failures
    assert failure.reason.startswith(f"refusing to fetch {url}: ")
    assert "is a loopback address" in failure.reason
    assert answers == ["localhost", "localhost"]
    assert local_server.requests == []


def test_urls_connection_goes_to_the_checked_address(local_server, monkeypatch) -> None:
    """The request connects to the address the check resolved (a name no DNS server knows
    reaches the local server), while the Host header keeps the name."""
    monkeypatch.setattr(urls, "_resolve",
                        lambda host, port: [ipaddress.ip_address("127.0.0.1")])
    local_server.route("/a", body=HTML, content_type="text/html")
    url = local_server.url("/a", host="harbour.invalid")
    (article,) = ingest([url], allow_private=True).articles
    assert article.title == "Harbour Reopens"
    assert local_server.requests == ["/a"]

@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "streamed"])
def test_urls_size_cap(local_server, config, chunked: bool) -> None:
    config["fetch"]["max_bytes"] = 10_000
    body = b"<html><body><p>" + b"word " * 20_000 + b"</p></body></html>"
    extra = {"chunked": "1"} if chunked else {}
    local_server.route("/big", body=body, content_type="text/html", **extra)
    (failure,) = ingest([local_server.url("/big")], allow_private=True, config=config).failures
    assert failure.reason.startswith(
        "the response is larger than the 10,000-byte limit ([fetch] max_bytes)"
    )


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ({"status": 404, "body": b"nope"}, "HTTP 404 Not Found from "),
        ({"body": b"\x89PNG\r\n\x1a\n", "content_type": "image/png"},
         "unsupported content type 'image/png'"),
        ({"status": 302}, "redirects without a Location header"),
    ],
)
def test_urls_http_errors_are_failures(local_server, route: dict, reason: str) -> None:
    local_server.route("/x", **route)
    (failure,) = ingest([local_server.url("/x")], allow_private=True).failures
    assert reason in failure.reason


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("100.64.0.1", "non-public"),
        ("::ffff:127.0.0.1", "loopback"),
        ("fc00::1", "private"),
        ("93.184.216.34", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_urls_address_kinds(address: str, kind: str | None) -> None:
    assert urls._non_public(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize(
    ("url", "error", "message"),
    [
        ("http://10.0.0.7/a", PrivateAddressError, "10.0.0.7 is a private address"),
        ("ftp://example.org/a", FetchError, "only http and https URLs are fetched"),
        ("http:///a", FetchError, "the URL has no host"),
        ("http://no-such-host.invalid/", FetchError, "cannot resolve the host"),
    ],
)
def test_urls_check_address_errors(url: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        urls.check_address(url)


def test_urls_allow_private_from_config(local_server, config) -> None:
    local_server.route("/a", body=HTML, content_type="text/html")
    config["fetch"]["allow_private"] = True
    assert len(ingest([local_server.url("/a")], config=config).articles) == 1


def test_urls_pinned_transport_keeps_httpx_defaults() -> None:
    """The rebuilt pool (httpx has no backend argument) matches httpx's own default pool, so an
    httpx upgrade that moves its internals fails here rather than silently."""
    backend = urls._CheckedBackend("http://x.example/", allow_private=False)
    ours, theirs = urls._pinned_transport(backend)._pool, httpx.HTTPTransport()._pool
    assert ours._network_backend is backend
    for name in ("_max_connections", "_max_keepalive_connections", "_keepalive_expiry",
                 "_http1", "_http2", "_retries"):
        assert getattr(ours, name) == getattr(theirs, name), name
    assert ours._ssl_context.verify_mode == theirs._ssl_context.verify_mode
