"""Cross-outlet comparison: stories, event alignment, contrast."""

from __future__ import annotations

from manysides.compare.stories import cluster_stories

__all__ = ["cluster_stories"]
