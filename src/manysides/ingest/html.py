"""HTML pages: main text and metadata with trafilatura, the date with htmldate as a fallback.

What is read, and from where:

* **text**: trafilatura's main-text extraction (no navigation, comments or boilerplate), without
  the headline when the text repeats it as its first line;
* **title**, **authors**, **description**, **url**, **language**: the page's metadata as
  trafilatura reads it (meta tags, JSON-LD, ``<title>``/``<h1>``); a fetched page's URL is the
  one it was finally read from;
* **outlet**: the page's site name (``og:site_name``, JSON-LD publisher), else the ``outlet``
  argument, else — for a page fetched from a URL only, never for a file — the URL's domain;
* **published**: the page's date metadata (:attr:`DateSource.METADATA`), else a date htmldate
  finds in the page's text or URL (:attr:`DateSource.TEXT`), else the ``published`` argument,
  else ``None``.

A page with no extractable text (fewer than five words) fails with "no article text found".
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from manysides.errors import IngestError
from manysides.ingest.base import Context, Outcome, build_article
from manysides.ingest.dates import parse_date
from manysides.ingest.decoding import refuse_unprintable
from manysides.ingest.filemeta import split_authors
from manysides.model import DateSource

__all__ = ["fragment_text", "read_html"]

#: Fewer words than this is navigation or a placeholder, not an article.
MIN_WORDS = 5
#: htmldate/trafilatura options that look only at the page's metadata.
_METADATA_DATES = {"extensive_search": False, "original_date": True}


def read_html(data: bytes | str, ctx: Context) -> list[Outcome]:
    """The article of one HTML page."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        data,
        url=ctx.url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_METADATA_DATES,
    )
    document = _as_dict(extracted)
    text = _body(document.get("text"), document.get("title"))
    if len(text.split()) < MIN_WORDS:
        raise IngestError(
            ctx.source,
            "no article text found (the page may be empty, not an article, or need JavaScript)",
        )
    refuse_unprintable(text, ctx.source)
    published, how = _published(document.get("date"), data)
    article = build_article(
        text,
        ctx,
        title=document.get("title"),
        description=document.get("description"),
        authors=split_authors(document.get("author") or ""),
        outlet=document.get("sitename"),
        url=ctx.url or document.get("url"),
        published=published,
        published_source=how,
        language=document.get("language"),
    )
    return [article]


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content), paragraphs on their own lines."""
    import trafilatura

    page = f"<html><body><article>{fragment}</article></body></html>"
    text = trafilatura.extract(page, config=_lenient_config(), include_comments=False)
    if text:
        return str(text).strip()
    return _lxml_text(fragment)


def _as_dict(extracted: Any) -> dict[str, Any]:
    if extracted is None:
        return {}
    return extracted if isinstance(extracted, dict) else dict(extracted.as_dict())


def _body(text: str | None, title: str | None) -> str:
    """``text`` without a first line that only repeats the ``title``."""
    text = (text or "").strip()
    first, _, rest = text.partition("\n")
    if title and rest.strip() and " ".join(first.split()) == " ".join(title.split()):
        return rest.strip()
    return text


def _published(found: str | None, data: bytes | str) -> tuple[datetime | None, DateSource]:
    date = parse_date(found) if found else None
    if date is not None:
        return date, DateSource.METADATA
    import htmldate

    fallback = htmldate.find_date(data, extensive_search=True, original_date=True)
    date = parse_date(fallback) if fallback else None
    return (date, DateSource.TEXT) if date is not None else (None, DateSource.UNKNOWN)


def _lxml_text(fragment: str) -> str:
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(fragment)
    except (lxml.etree.ParserError, ValueError):
        return ""
    return " ".join(root.text_content().split())


@lru_cache(maxsize=1)
def _lenient_config() -> Any:
    """trafilatura settings that keep short texts (feed summaries are often one sentence)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    config.set("DEFAULT", "MIN_EXTRACTED_COMM_SIZE", "1")
    return config

