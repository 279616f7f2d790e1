"""Street-block lattice: rows of postcode strips on a warped grid.

Each row of the grid is a street side; a postcode-6 area is a strip of 2–6 fine
columns along that row. Every polygon is built from the same warped lattice points,
so neighbours share exact vertices and the strips tile the land without gaps or
overlaps, while the warp makes the town look organic.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

COL_M = 20.0  # width of one fine column in metres, before warping
ROW_M = 45.0  # depth of one row (street side)


@dataclass
class Lattice:
    """Cells of the grid with their raster, base coordinates and warped lattice points."""

    row: np.ndarray  # row index per cell
    col_a: np.ndarray  # first fine column of the cell
    col_b: np.ndarray  # one past the last fine column
    raster: np.ndarray  # (rows, cols) cell id per fine column
    cx: np.ndarray  # cell centre in base (unwarped, centred) metres
    cy: np.ndarray
    points: np.ndarray  # (rows + 1, cols + 1, 2) warped lattice points, RD metres


def build_lattice(rng: np.random.Generator, radius: float) -> tuple[Lattice, callable]:
    """Cells covering a square of 1.5 × ``radius`` around the centre; returns the warp too."""
    half = 1.5 * radius
    ncols = int(np.ceil(2 * half * 1.2 / COL_M))
    nrows = int(np.ceil(2 * half / ROW_M))
    widths = rng.integers(2, 7, size=(nrows, ncols // 2 + 4))
    cuts = np.cumsum(widths, axis=1)
    rows, col_a, col_b = [], [], []
    raster = np.empty((nrows, ncols), dtype=np.int64)
    next_id = 0
    for j in range(nrows):
        ends = cuts[j][cuts[j] < ncols]
        ends = np.append(ends, ncols)
        starts = np.concatenate(([0], ends[:-1]))
        if ends[-1] - starts[-1] < 2 and len(ends) > 1:  # no slivers at the grid edge
            ends = np.delete(ends, -2)
            starts = np.concatenate(([0], ends[:-1]))
        ids = np.arange(next_id, next_id + len(ends))
        raster[j] = np.repeat(ids, ends - starts)
        rows.append(np.full(len(ends), j))
        col_a.append(starts)
        col_b.append(ends)
        next_id += len(ends)
    row = np.concatenate(rows)
    a = np.concatenate(col_a)
    b = np.concatenate(col_b)
    ox, oy = ncols * COL_M / 2, nrows * ROW_M / 2
    cx = (a + b) / 2 * COL_M - ox
    cy = (row + 0.5) * ROW_M - oy
    uu, vv = np.meshgrid(np.arange(ncols + 1) * COL_M - ox, np.arange(nrows + 1) * ROW_M - oy)
    warp = make_warp(rng, radius)
    wx, wy = warp(uu, vv)
    points = np.stack([wx, wy], axis=-1)
    return Lattice(row, a, b, raster, cx, cy, points), warp


def make_warp(rng: np.random.Generator, radius: float):
    """A smooth injective map from base metres to town metres (centred on 0, 0).

    The centre is compressed (denser, smaller postcodes), the edge stretched, and gentle
    waves bend the streets. Gradients stay well below the radial factor, so no fold-overs.
    """
    angle = rng.uniform(0, np.pi)
    waves = [(rng.uniform(0.8, 1.5) * radius, rng.uniform(0, 2 * np.pi, 2),
              rng.uniform(0, 2 * np.pi)) for _ in range(3)]
    amp = 0.015 * radius

    def warp(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        r = np.hypot(x, y)
        scale = 0.7 + 0.3 * np.minimum(r / radius, 1.6)
        x1, y1 = x * scale, y * scale
        for length, (dir1, dir2), phase in waves:
            k = 2 * np.pi / length
            x1 = x1 + amp * np.sin(k * (np.cos(dir1) * x + np.sin(dir1) * y) + phase)
            y1 = y1 + amp * np.sin(k * (np.cos(dir2) * x + np.sin(dir2) * y) + phase)
        ca, sa = np.cos(angle), np.sin(angle)
        return ca * x1 - sa * y1, sa * x1 + ca * y1

    return warp


def cell_rings(lat: Lattice, cells: np.ndarray, origin: tuple[float, float]) -> list[np.ndarray]:
    """Exterior rings (closed, counter-clockwise) of the given cells in RD metres."""
    pts = lat.points + np.asarray(origin)
    pts = np.round(pts, 2)
    rings = []
    for c in cells:
        j, a, b = lat.row[c], lat.col_a[c], lat.col_b[c]
        bottom = pts[j, a:b + 1]
        top = pts[j + 1, a:b + 1][::-1]
        rings.append(np.concatenate([bottom, top, bottom[:1]]))
    return rings


def adjacency(raster: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Unique pairs (i, j), i < j, of kept cells that share an edge."""
    pairs = [np.stack([raster[:, :-1].ravel(), raster[:, 1:].ravel()], axis=1),
             np.stack([raster[:-1, :].ravel(), raster[1:, :].ravel()], axis=1)]
    p = np.concatenate(pairs)
    p = p[p[:, 0] != p[:, 1]]
    p = p[keep[p[:, 0]] & keep[p[:, 1]]]
    p = np.sort(p, axis=1)
    return np.unique(p, axis=0)
