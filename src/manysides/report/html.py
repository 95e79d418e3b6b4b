"""The HTML report: one self-contained, offline file (inline CSS and JS, nothing fetched).

Article text, titles, outlets, authors and sources are hostile input. Jinja2 autoescapes
everything; on top of that a Content-Security-Policy allows no script but the report's own
(pinned by its sha256 hash, computed here), no network access, and images only as ``data:``.
The page reads completely without JavaScript; the script only sorts and filters the article
table and lets a click on a highlighted sentence jump back to its row in the events table.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

import manysides
from manysides.model import Article, Comparison, IngestFailure, OutletProfile
from manysides.report import overview
from manysides.report.events import ArticleEvents, article_events
from manysides.report.export import write_atomic
from manysides.report.framing import ArticleFraming, article_framing
from manysides.report.spans import Highlight, render_paragraphs
from manysides.report.stories import Citations, outlet_cards, outlet_names, story_views

__all__ = [
    "content_security_policy",
    "embed_json",
    "render_chunks",
    "render_report",
    "script_hash",
    "write_report",
]

TAGLINE = "Every highlighted passage links to the exact words of its article"


def render_report(articles: Sequence[Article], **kw: Any) -> str:
    """The report on ``articles`` (and the inputs that failed) as one HTML document; the
    keywords are :func:`render_chunks`'."""
    return "".join(render_chunks(articles, **kw))


def render_chunks(
    articles: Sequence[Article],
    *,
    failures: Sequence[IngestFailure] = (),
    title: str = "manysides report",
    generated_at: datetime | None = None,
    extra: dict[str, Any] | None = None,
    comparison: Comparison | None = None,
    profiles: Sequence[OutletProfile] | None = None,
) -> Iterator[str]:
    """The report on ``articles`` (and the inputs that failed) as one HTML document, in the
    pieces the template renders (so that a large report can be written as it is rendered).

    ``extra`` holds run details (command, settings, ...): shown in the overview and embedded as
    JSON (``<script type="application/json" id="manysides-extra">``) for later stages.
    ``comparison`` (from :func:`manysides.compare.compare`) adds the stories section;
    ``profiles`` the outlet profiles (by default the comparison's, else computed from
    ``articles``).
    """
    articles = list(articles)
    script = _asset("report.js")
    anchors = {article.id: article_anchor(article) for article in articles}
    cites = Citations(articles, anchors)
    views = story_views(comparison, articles, anchors, cites) if comparison else []
    if profiles is None:
        profiles = comparison.profiles if comparison and comparison.profiles else (
            _profiles(articles))
    cards = outlet_cards(profiles, cites)
    context = {
        "stories": views,
        "outlet_cards": cards,
        "outlet_names": outlet_names(articles),
        "cites": cites,
        "comparison": comparison,
        "title": title,
        "tagline": TAGLINE,
        "version": manysides.__version__,
        "generated_at": generated_at or datetime.now(UTC),
        "articles": articles,
        "by_id": {article.id: article for article in articles},
        "overview": overview.build_overview(articles, failures),
        "extra": extra or {},
        "extra_json": embed_json(extra, "manysides-extra") if extra else Markup(""),
        "csp": content_security_policy(script),
        "style": Markup(_asset("report.css")),
        "script": Markup(script),
    }
    return _environment().get_template("report.html").generate(context)


def write_report(path: str | os.PathLike[str], articles: Sequence[Article], **kw: Any) -> Path:
    """Render the report and write it to ``path`` as it is rendered (atomically: a reader
    never sees half a file)."""
    target = Path(path)
    write_atomic(target, render_chunks(articles, **kw))
    return target


def script_hash(script: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script: str) -> str:
    """No network, no plugins, no forms; only this one inline script and inline styles."""
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {script_hash(script)}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def embed_json(data: Any, element_id: str) -> Markup:
    """``data`` as a ``<script type="application/json">`` data block that no text can break out of.

    ``<``, ``>`` and ``&`` are written as JSON ``\\u`` escapes, so neither ``</script>`` nor
    ``<!--`` can appear inside; ``JSON.parse(element.textContent)`` gives ``data`` back.
    """
    text = json.dumps(data, ensure_ascii=False, default=str, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(f'<script type="application/json" id="{escape(element_id)}">{text}</script>')


def article_anchor(article: Article) -> str:
    return f"a-{article.id}"


def article_body(article: Article, spans: Sequence[Highlight] = ()) -> Markup:
    """The article text as paragraphs with ``spans`` highlighted (and linkable by their ids)."""
    return render_paragraphs(article.text, spans)


def events_of(article: Article) -> ArticleEvents:
    """The events table rows and text highlights of ``article`` (ids under its anchor)."""
    return article_events(article, article_anchor(article))


def framing_of(article: Article) -> ArticleFraming:
    """The framing panel and highlights of ``article`` (ids under its anchor)."""
    return article_framing(article, article_anchor(article))


def article_text(
    article: Article, ev: ArticleEvents, fr: ArticleFraming, cites: Citations | None = None
) -> Markup:
    """The text with every highlight: sentences (roles, quotes, passages the comparison cites)
    outermost, then the events' sentences and words, then framing words, so that marks with
    the same span always nest the same way."""
    cited = cites.highlights(article.id) if cites is not None else []
    return render_paragraphs(article.text, [*cited, *fr.outer, *ev.highlights, *fr.inner])


def _profiles(articles: Sequence[Article]) -> list[OutletProfile]:
    """Outlet profiles when the framing stages ran on the articles (else none to show)."""
    if not any(article.claims or article.lean for article in articles):
        return []
    from manysides.compare.profile import outlet_profiles

    return outlet_profiles([a for a in articles if a.duplicate is None])


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("manysides.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        anchor=article_anchor,
        body=article_body,
        events_of=events_of,
        framing_of=framing_of,
        article_text=article_text,
        display_title=overview.display_title,
        outlet_label=overview.outlet_label,
        format_datetime=overview.format_datetime,
        date_provenance=overview.date_provenance,
        web_url=overview.web_url,
        UNKNOWN_DATE=overview.UNKNOWN_DATE,
    )
    env.filters["iso"] = _iso
    env.filters["compact_json"] = lambda v: json.dumps(v, ensure_ascii=False, default=str)
    return env


def _iso(value: datetime | None) -> str:
    """Sortable text for a date; naive datetimes sort as UTC, missing ones last."""
    if value is None:
        return "9999"
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


@cache
def _asset(name: str) -> str:
    return resources.files("manysides.report").joinpath("templates", name).read_text("utf-8")
