"""Partitions of grid cells into contiguous areas (wijken, buurten, postcode-4 groups)."""
from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree


def spread_seeds(rng: np.random.Generator, x: np.ndarray, y: np.ndarray, k: int) -> np.ndarray:
    """Indices of ``k`` well-spread points (farthest-point sampling from a random start)."""
    k = min(k, len(x))
    chosen = [int(rng.integers(len(x)))]
    dist = np.hypot(x - x[chosen[0]], y - y[chosen[0]])
    for _ in range(k - 1):
        # A little jitter keeps the areas from looking like a perfect honeycomb.
        nxt = int(np.argmax(dist * rng.uniform(0.85, 1.0, len(x))))
        chosen.append(nxt)
        dist = np.minimum(dist, np.hypot(x - x[nxt], y - y[nxt]))
    return np.asarray(chosen)


def nearest_seed(x: np.ndarray, y: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    """Label of the nearest seed for every point (a Voronoi partition of the cells)."""
    tree = cKDTree(np.column_stack([x[seeds], y[seeds]]))
    return tree.query(np.column_stack([x, y]))[1]


def _components(labels: np.ndarray, edges: np.ndarray) -> np.ndarray:
    same = labels[edges[:, 0]] == labels[edges[:, 1]]
    e = edges[same]
    n = len(labels)
    graph = coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def make_contiguous(labels: np.ndarray, edges: np.ndarray,
                    group: np.ndarray | None = None, rounds: int = 20) -> np.ndarray:
    """Give every detached fragment of an area to the neighbouring area it touches most.

    ``edges`` index into ``labels``; with ``group`` a fragment only moves to an area of
    the same group (a buurt stays inside its wijk). Fragments with no such neighbour
    are left; ``split_components`` turns them into areas of their own.
    """
    labels = labels.copy()
    if group is not None:
        edges = edges[group[edges[:, 0]] == group[edges[:, 1]]]
    for _ in range(rounds):
        comp = _components(labels, edges)
        size = np.bincount(comp)
        # The largest component of each label is its body; the rest are fragments.
        order = np.lexsort((-size[comp], labels))
        body = np.full(labels.max() + 1, -1)
        for idx in order[::-1]:
            body[labels[idx]] = comp[idx]
        fragment = comp != body[labels]
        if not fragment.any():
            break
        moved = False
        for f in np.unique(comp[fragment]):
            members = comp == f
            touch = edges[members[edges[:, 0]] ^ members[edges[:, 1]]]
            other = np.where(members[touch[:, 0]], touch[:, 1], touch[:, 0])
            other_labels = labels[other]
            other_labels = other_labels[other_labels != labels[members][0]]
            if len(other_labels):
                labels[members] = np.bincount(other_labels).argmax()
                moved = True
        if not moved:
            break
    return labels


def split_components(labels: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Relabel so that every label is one connected component (0..n-1, by first cell)."""
    comp = _components(labels, edges)
    _, first = np.unique(comp, return_index=True)
    order = np.argsort(first)
    remap = np.empty(len(order), dtype=np.int64)
    remap[order] = np.arange(len(order))
    return remap[comp]
