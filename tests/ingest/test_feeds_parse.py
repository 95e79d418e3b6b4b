"""RSS and Atom feeds, and the refusal of unsafe XML."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from manysides.ingest import ingest
from manysides.model import DateSource, SourceKind

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example Times</title><link>https://example.org/</link><language>en</language>
<item>
  <title>Harbour Reopens</title><link>https://example.org/harbour</link>
  <dc:creator>Ann Lee</dc:creator>
  <pubDate>Sun, 14 Apr 2024 08:00:00 +0200</pubDate>
  <description>Ferries are back.</description>
  <content:encoded><![CDATA[<p>The harbour <b>reopened</b> on Tuesday.</p>
    <p>Ferry operators said the first crossings were full.</p><script>track()</script>]]>
  </content:encoded>
</item>
<item><title>Council Budget</title><link>https://example.org/budget</link>
  <description>&lt;p&gt;The council approved the budget.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://example.org/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Daily</title>
<entry><title>Bridge Closed</title><link href="https://atom.example/bridge"/>
  <author><name>Cy Diaz</name></author><updated>2024-04-15T10:00:00Z</updated>
  <summary type="text">The bridge was closed for repairs &lt;not a tag&gt;.</summary></entry>
</feed>"""


def test_feeds_rss_entries(write) -> None:
    path = write("news.rss", RSS)
    result = ingest([path], outlet="Argument Outlet")
    first, second = result.articles
    assert first.source_kind is SourceKind.FEED
    assert (first.title, first.url, first.outlet) == (
        "Harbour Reopens",
        "https://example.org/harbour",
        "Example Times",
    )
    assert first.authors == ["Ann Lee"]
    assert first.published == datetime(2024, 4, 14, 6, tzinfo=UTC)
    assert first.published_source is DateSource.METADATA
    assert first.text == (
        "The harbour reopened on Tuesday.\nFerry operators said the first crossings were full."
    )
    assert first.description == "Ferries are back."
    assert second.text == "The council approved the budget."
    assert "<" not in second.text
    assert (second.published, second.published_source) == (None, DateSource.UNKNOWN)
    (failure,) = result.failures
    assert failure.source == f"{path}#3"
    assert failure.reason == "feed entry has no content or summary text"
    assert [a.source for a in result.articles] == [f"{path}#1", f"{path}#2"]


def test_feeds_atom_entry(write) -> None:
    (article,) = ingest([write("news.atom", ATOM)]).articles
    assert (article.title, article.url, article.outlet, article.authors) == (
        "Bridge Closed",
        "https://atom.example/bridge",
        "Atom Daily",
        ["Cy Diaz"],
    )
    assert article.text == "The bridge was closed for repairs <not a tag>."
    assert article.published == datetime(2024, 4, 15, 10, tzinfo=UTC)


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss><channel><title>&lol3;</title><item><description>x</description></item></channel></rss>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><title>t</title><item><description>&secret;</description></item></channel></rss>"""
DOCTYPE = """<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://x.invalid/rss.dtd">
<rss><channel><title>t</title><item><description>x</description></item></channel></rss>"""


@pytest.mark.parametrize(
    ("xml", "reason"),
    [
        (BOMB, "refused unsafe XML (entity declarations are not allowed)"),
        (EXTERNAL, "refused unsafe XML (entity declarations are not allowed)"),
        (DOCTYPE, "refused unsafe XML (DTDs (<!DOCTYPE ...>) are not allowed)"),
        ("<rss><channel>", "not well-formed XML"),
        ("<?xml version='1.0'?><catalog><book/></catalog>", "XML root element <catalog> is not"),
        ("<rss version='2.0'><channel><title>t</title></channel></rss>", "the feed has no entries"),
    ],
)
def test_feeds_unsafe_or_broken_xml_refused(write, xml: str, reason: str) -> None:
    path = write("feed.xml", xml)
    good = write("good.txt", "The harbour reopened on Tuesday, officials said.")
    result = ingest([path, good])
    assert [a.source for a in result.articles] == [str(good)]
    (failure,) = result.failures
    assert failure.source == str(path)
    assert failure.reason.startswith(reason)
