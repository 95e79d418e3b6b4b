"""manysides: read many articles about the same events and see, fact by fact, what each outlet
reports, omits and contradicts — every line cited back to the exact words of the articles."""

from __future__ import annotations

from manysides.errors import ManysidesError
from manysides.model import SCHEMA_VERSION, Article, Event, Mention, Span, Story

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Event",
    "ManysidesError",
    "Mention",
    "Span",
    "Story",
    "__version__",
]
