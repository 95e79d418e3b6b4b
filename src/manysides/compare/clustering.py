"""Clustering a batch's similarity matrix into stories, after lowering it by how crowded each
article's neighbourhood is by OTHER stories.

:func:`scale_by_density` takes from each pair the crowding of its two articles
(:class:`Density`), and :func:`cluster_similarity` cuts the average-linkage tree of the result at
a distance. The crowding must not count an article's own story in full: a batch that is one
story (a reader's dozen reports of one event) would otherwise look crowded and split. So it is
measured in two passes: a first clustering without the density term finds each article's likely
story; the crowding is the mean similarity to the nearest articles outside it, plus a bounded
share of the closeness of all (``Density.own_share``). The first pass is single
linkage (``Density.first_cut``): articles chained by pairs about as close as a story's. Every
report of one event is clearly close to some other report of it, so a loose story (a dozen
outlets, each with its own angle) stays whole, where average linkage at a cut strict enough to
keep a topic's stories apart breaks it into pieces that then crowd each other.

Example::

    from manysides.compare.clustering import Density, cluster_similarity, scale_by_density

    labels = cluster_similarity(scale_by_density(sim, Density()), threshold=0.75)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "Density",
    "cluster_similarity",
    "cut_tree",
    "first_pass",
    "linkage_tree",
    "neighbourhood_density",
    "scale_by_density",
]


@dataclass(frozen=True, slots=True)
class Density:
    """How a pair's similarity is lowered by how crowded its two articles' neighbourhoods are.

    In a big batch many stories share a topic (several months' jobs reports, several rounds of
    one budget fight), so the nearest other stories crowd each article: a fixed cut merges
    them, while the same cut over a few dozen articles is too strict. Counting the crowd (local
    scaling, as CSLS does for nearest neighbours, Conneau et al. 2018) makes the cut follow the
    batch. An article's density over some neighbours is its mean similarity to the
    ``neighbours`` nearest of them (missing ones, in a small batch, count at ``floor``), clipped
    to ``[floor, cap]``; its crowding is

    * its density over the articles outside its first-pass story (the single-linkage clusters
      of the unscaled similarity cut at distance ``first_cut``: chains of pairs at least
      ``1 - first_cut`` similar), above ``floor``: other stories close by;
    * plus ``own_share`` times its density over all other articles, above ``floor``: a share
      of the closeness of its own story still counts (a story of a crowded topic is told in
      the topic's words), but at most ``own_share * (cap - floor)``, so a batch that is one
      story is not pushed apart by itself.

    A pair loses ``weight`` times its two articles' mean crowding. Only taken, never added.
    ``first_cut`` None makes every article its own first-pass story.
    """

    neighbours: int = 5
    weight: float = 1.5
    floor: float = 0.3
    cap: float = 0.5
    first_cut: float | None = 0.6
    own_share: float = 0.5


def first_pass(sim: np.ndarray, density: Density) -> np.ndarray:
    """Each row's first-pass story number: the single-linkage clusters of ``sim`` cut at
    distance ``density.first_cut`` (every row its own story when that is None)."""
    n = sim.shape[0]
    if density.first_cut is None:
        return np.arange(n)
    return cut_tree(linkage_tree(sim, "single"), density.first_cut, n)


def neighbourhood_density(sim: np.ndarray, density: Density,
                          groups: np.ndarray | None = None) -> np.ndarray:
    """Each row's mean similarity to its ``density.neighbours`` nearest rows of another group
    (``groups``: one number a row; None: every other row), missing ones counted at
    ``density.floor``, clipped to ``[floor, cap]``."""
    n, k = sim.shape[0], density.neighbours
    groups = np.arange(n) if groups is None else np.asarray(groups)
    others = np.array(sim, dtype=np.float32)
    others[groups[:, None] == groups[None, :]] = -np.inf  # the row itself and its own group
    found = min(k, n)
    top = -np.partition(-others, found - 1, axis=1)[:, :found] if found else others[:, :0]
    top = np.where(np.isfinite(top), top, density.floor)
    mean = (top.sum(axis=1) + density.floor * (k - found)) / k
    return np.clip(mean, density.floor, density.cap)


def scale_by_density(sim: np.ndarray, density: Density) -> np.ndarray:
    """``sim`` less each pair's crowding (see :class:`Density`: mostly by other stories); the
    diagonal stays 1."""
    if sim.shape[0] < 2 or density.weight == 0:
        return sim
    excess = neighbourhood_density(sim, density, first_pass(sim, density)) - density.floor
    if density.own_share:
        excess += density.own_share * (neighbourhood_density(sim, density) - density.floor)
    out = sim - density.weight * (excess[:, None] + excess[None, :]) / 2
    np.fill_diagonal(out, 1.0)
    return np.asarray(out, dtype=np.float32)


def cluster_similarity(sim: np.ndarray, threshold: float) -> np.ndarray:
    """Average-linkage clusters of a similarity matrix, cut at distance ``threshold``.

    Returns one cluster number per row (0, 1, ... in order of first appearance).
    """
    return cut_tree(linkage_tree(sim), threshold, sim.shape[0])


def linkage_tree(sim: np.ndarray, method: str = "average") -> np.ndarray | None:
    """The ``method`` (scipy's name: average, single, ...) linkage tree of distances
    ``1 - sim``; None for fewer than two rows. Cut it with :func:`cut_tree` (one tree serves
    every threshold)."""
    if sim.shape[0] < 2:
        return None
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    distance = np.clip(1.0 - (sim + sim.T) / 2.0, 0.0, 2.0).astype(np.float64)
    np.fill_diagonal(distance, 0.0)
    tree: np.ndarray = linkage(squareform(distance, checks=False), method=method)
    return tree


def cut_tree(tree: np.ndarray | None, threshold: float, n: int) -> np.ndarray:
    """Cluster numbers of the ``n`` rows of ``tree`` cut at distance ``threshold``."""
    if tree is None:
        return np.zeros(n, dtype=int)
    from scipy.cluster.hierarchy import fcluster

    raw = fcluster(tree, t=threshold, criterion="distance")
    first: dict[int, int] = {}
    return np.array([first.setdefault(int(c), len(first)) for c in raw], dtype=int)
