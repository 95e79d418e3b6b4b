"""The illustrative examples/ corpus keeps the promises its README makes."""

from __future__ import annotations

import json
import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import defusedxml.ElementTree as ET
import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
CORPUS = EXAMPLES / "corpus"
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.tags: set[str] = set()
        self.article = ""
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        found = dict(attrs)
        key = found.get("property") or found.get("name")
        if tag == "meta" and key:
            self.meta[key] = found.get("content") or ""
        self._depth += tag == "article"

    def handle_endtag(self, tag: str) -> None:
        self._depth -= tag == "article"

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.article += data


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    _, head, body = text.split("---\n", 2)
    fields = dict(line.split(": ", 1) for line in head.strip().splitlines())
    return {k: v.strip('"') for k, v in fields.items()}, body


def _feed_items() -> list[tuple[str, str]]:
    channel = ET.parse(CORPUS / "aldine-public-radio-feed.xml").getroot().find("channel")
    items = []
    for item in channel.findall("item"):
        body = item.findtext(CONTENT) or item.findtext("description") or ""
        items.append((item.findtext("title") or "", re.sub(r"<[^>]+>", " ", body)))
    return items


def _texts() -> dict[str, str]:
    """The article text of each example (roughly as ingest will see it)."""
    page = _Page()
    page.feed((CORPUS / "civic-wire-quay-street-protest.html").read_text("utf-8"))
    items = _feed_items()
    return {
        "html": page.article,
        "sidecar txt": (CORPUS / "tidewater-gazette-coast-guard-denial.txt").read_text("utf-8"),
        "md": _front_matter(
            (CORPUS / "harbour-ledger-tear-gas-for-fishermen.md").read_text("utf-8")
        )[1],
        "byline txt": (CORPUS / "northgate-courier-column.txt").read_text("utf-8"),
        "feed item 1": items[0][1],
    }


@pytest.mark.parametrize("name", list(_texts()))
def test_examples_articles_are_250_to_450_words(name: str) -> None:
    words = len(_texts()[name].split())
    assert 250 <= words <= 450, f"{name}: {words} words"


def test_examples_marked_illustrative_outside_the_texts() -> None:
    readme = (EXAMPLES / "README.md").read_text("utf-8").lower()
    assert "invented" in readme and "coincidental" in readme and "illustrative" in readme
    for name, text in _texts().items():
        assert not re.search(r"illustrative|invented|fictional|manysides", text, re.I), name


def test_examples_sidecar_has_exactly_the_documented_keys() -> None:
    sidecars = sorted(CORPUS.glob("*.meta.json"))
    assert [p.name for p in sidecars] == ["tidewater-gazette-coast-guard-denial.txt.meta.json"]
    meta = json.loads(sidecars[0].read_text("utf-8"))
    assert set(meta) == {"outlet", "published", "url", "title", "authors"}
    assert datetime.fromisoformat(meta["published"]).isoformat() == "2025-09-10T18:30:00+01:00"
    assert isinstance(meta["authors"], list)
    plain = (CORPUS / "tidewater-gazette-coast-guard-denial.txt").read_text("utf-8")
    assert meta["title"] not in plain and "By " not in plain  # no metadata inside that file


def test_examples_markdown_front_matter() -> None:
    fields, _ = _front_matter(
        (CORPUS / "harbour-ledger-tear-gas-for-fishermen.md").read_text("utf-8")
    )
    assert set(fields) == {"title", "author", "date", "outlet"}
    assert fields["date"] == "2025-09-11" and fields["outlet"] == "The Harbour Ledger"


def test_examples_byline_text_has_title_byline_and_date() -> None:
    lines = [
        x for x in (CORPUS / "northgate-courier-column.txt").read_text("utf-8").splitlines() if x
    ]
    assert lines[1] == "By Hal Brenner"
    assert lines[2] == "13 September 2025"
    assert lines[3].startswith("Last Tuesday")


def test_examples_html_page_metadata_and_boilerplate() -> None:
    page = _Page()
    page.feed((CORPUS / "civic-wire-quay-street-protest.html").read_text("utf-8"))
    assert page.meta["og:site_name"] == "Civic Wire"
    assert page.meta["article:published_time"] == "2025-09-10T07:40:00+01:00"
    assert page.meta["author"] == "Lena Orsk"
    assert page.meta["og:title"].startswith("Protest over trawler collision")
    assert {"nav", "footer", "article", "aside"} <= page.tags


def test_examples_feed_is_rss2_with_full_and_short_items() -> None:
    root = ET.parse(CORPUS / "aldine-public-radio-feed.xml").getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.find("channel").findall("item")
    assert len(items) == 2
    assert items[0].findtext(CONTENT) and items[0].findtext("pubDate")
    assert items[1].find(CONTENT) is None and len(_feed_items()[1][1].split()) < 150


def test_examples_carry_the_facts_the_readme_promises() -> None:
    texts = _texts()
    assert "yesterday" in texts["html"] and "last Tuesday" in texts["byline txt"]
    assert "Twelve people were injured" in texts["html"]
    assert "Fourteen people were hurt" in texts["md"]
    assert "More than 200" in texts["html"] and "230" in texts["md"]
    assert "according to the city's emergency service" in texts["html"]
    assert '"The Halberd did not ram anyone,"' in texts["sidecar txt"]
    assert "flares" not in texts["md"]  # the left opinion piece omits the flares
    assert "tear gas" not in texts["byline txt"].lower()  # the right one omits the tear gas


def test_examples_copy_nothing_from_the_seed_articles() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")

    def shingles(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}

    seen = set().union(*(shingles(p.read_text("utf-8")) for p in SEEDS.glob("*.txt")))
    for name, text in _texts().items():
        assert not shingles(text) & seen, name
