"""Every error manysides raises on purpose derives from :class:`ManysidesError`.

The tree::

    ManysidesError
    ├── ConfigError            a setting or option has a bad value (names it and the valid ones)
    ├── MissingDependencyError an optional extra is not installed (prints the pip line)
    ├── IngestError            one input could not be read (names the input and the reason)
    │   ├── UnsupportedInputError  no reader for this kind of file
    │   ├── FeedError              a feed that is not well-formed or is unsafe XML
    │   └── FetchError             a URL that could not or must not be fetched
    │       └── PrivateAddressError  the URL resolves to a private/loopback address
    ├── StoreError             the database could not be opened, migrated or written
    ├── SchemaError            JSON that does not match the article schema
    └── PipelineError          stages in a bad order, unknown stage or annotate task

The CLI turns these into ``click.ClickException`` at its edge; library code never prints.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "FeedError",
    "FetchError",
    "IngestError",
    "ManysidesError",
    "MissingDependencyError",
    "PipelineError",
    "PrivateAddressError",
    "SchemaError",
    "StoreError",
    "UnsupportedInputError",
]


class ManysidesError(Exception):
    """Base class of every error manysides raises on purpose."""


class ConfigError(ManysidesError):
    """A setting or option has a bad value."""


class MissingDependencyError(ManysidesError):
    """An optional dependency is missing; the message holds the exact install line."""

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(
            f"{package} is not installed. Install it with: pip install \"manysides[{extra}]\""
        )
        self.package = package
        self.extra = extra


class IngestError(ManysidesError):
    """One input could not be read. ``source`` names it, ``reason`` says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnsupportedInputError(IngestError):
    """No reader handles this input."""


class FeedError(IngestError):
    """A feed that cannot be parsed, or XML refused as unsafe (entity expansion, DTDs)."""


class FetchError(IngestError):
    """A URL that could not be fetched (timeout, HTTP error, too large, too many redirects)."""


class PrivateAddressError(FetchError):
    """A URL that resolves to a private, loopback or link-local address (see --allow-private)."""


class StoreError(ManysidesError):
    """The database could not be opened, migrated or written."""


class SchemaError(ManysidesError):
    """JSON that does not follow the article schema."""


class PipelineError(ManysidesError):
    """Stages in an order that cannot work, or an unknown stage or task name."""
