"""Cross-outlet comparison: stories, event alignment, contrast, brief and timeline.

:func:`compare` runs all of it over a batch of articles and returns a
:class:`~manysides.model.Comparison`.
"""

from __future__ import annotations

from manysides.compare.comparison import compare
from manysides.compare.stories import cluster_stories

__all__ = ["cluster_stories", "compare"]
