"""Geometry of one synthetic town: postcode-6 strips, postcode-4 groups, buurten, wijken, water."""
from __future__ import annotations

import numpy as np

from .lattice import COL_M, ROW_M, adjacency, build_lattice, cell_rings
from .regions import make_contiguous, nearest_seed, split_components, spread_seeds
from .sizes import TownSpec
from .town_codes import CRS, Town, assemble

__all__ = ["CRS", "Town", "build_town"]

def build_town(rng: np.random.Generator, spec: TownSpec, index: int, gm_number: int,
               name: str, origin: tuple[float, float], pc4_start: int) -> Town:
    """Lay out a town of about ``spec.postcodes`` postcode-6 areas centred on ``origin``."""
    water_share = 0.08 if spec.lake else 0.05
    cell_area = 4 * COL_M * ROW_M
    radius = float(np.sqrt(spec.postcodes / (1 - water_share) * cell_area / np.pi))
    lat, _ = build_lattice(rng, radius)
    theta = np.arctan2(lat.cy, lat.cx)
    phases = rng.uniform(0, 2 * np.pi, 3)
    edge = radius * (1 + 0.12 * np.sin(3 * theta + phases[0]) + 0.08 * np.sin(5 * theta + phases[1])
                     + 0.05 * np.sin(7 * theta + phases[2]))
    rho = np.hypot(lat.cx / 1.15, lat.cy * 1.15) / edge
    water = _water(rng, lat.cx, lat.cy, radius, spec.lake)
    land_order = np.flatnonzero(~water)[np.argsort(rho[~water], kind="stable")]
    land = np.zeros(len(rho), bool)
    land[land_order[: spec.postcodes]] = True
    rho_max = rho[land_order[spec.postcodes - 1]]
    keep = land | (water & (rho <= rho_max))
    edges = adjacency(lat.raster, keep)

    # Wijken over land and water, so a wijk may span the canal.
    kept = np.flatnonzero(keep)
    pos = np.full(len(keep), -1)
    pos[kept] = np.arange(len(kept))
    e = pos[edges]
    kx, ky = lat.cx[kept], lat.cy[kept]
    is_land = land[kept]
    land_idx = np.flatnonzero(is_land)
    wseeds = land_idx[spread_seeds(rng, kx[land_idx], ky[land_idx], spec.wijken)]
    wijk = make_contiguous(nearest_seed(kx, ky, wseeds), e)
    wijk = split_components(wijk, e)

    # Water bits too small to be a water buurt become land (and get postcodes).
    same_wijk = wijk[e[:, 0]] == wijk[e[:, 1]]
    wcomp = split_components(np.where(is_land, -1, wijk), e[same_wijk & ~is_land[e[:, 0]]
                                                          & ~is_land[e[:, 1]]])
    is_land = is_land | (np.bincount(wcomp)[wcomp] < 4)
    land_e = e[is_land[e[:, 0]] & is_land[e[:, 1]]]
    water_e = e[same_wijk & ~is_land[e[:, 0]] & ~is_land[e[:, 1]]]

    land_idx = np.flatnonzero(is_land)
    buurt = np.zeros(len(kept), dtype=np.int64)
    for w in np.unique(wijk[land_idx]):
        members = land_idx[wijk[land_idx] == w]
        k = max(1, int(round(spec.buurten * len(members) / len(land_idx))))
        seeds = spread_seeds(rng, kx[members], ky[members], k)
        buurt[members] = w * 1000 + nearest_seed(kx[members], ky[members], seeds)
    # Each water component within a wijk becomes a water buurt of its own.
    buurt = np.where(is_land, buurt, buurt.max() + 1 + wcomp)
    both = np.concatenate([land_e, water_e])
    buurt = make_contiguous(buurt, both, group=wijk * 2 + is_land)
    buurt = split_components(buurt, both)

    # Postcode-4 groups ignore wijk borders: real hierarchies do not nest.
    land_edges = pos_edges(land_e, land_idx)
    pseeds = spread_seeds(rng, kx[land_idx], ky[land_idx], spec.pc4_groups)
    pc4 = make_contiguous(nearest_seed(kx[land_idx], ky[land_idx], pseeds), land_edges)
    pc4 = split_components(pc4, land_edges)

    rings = cell_rings(lat, kept, origin)
    return assemble(rng, index, gm_number, name, origin, radius, lat, kept, is_land, wijk,
                    buurt, pc4, rings, pc4_start)


def pos_edges(edges: np.ndarray, subset: np.ndarray) -> np.ndarray:
    """Edges among ``subset`` renumbered to positions within it."""
    where = np.full(subset.max() + 1, -1) if len(subset) else np.zeros(0, int)
    where[subset] = np.arange(len(subset))
    return where[edges]


def _water(rng, x, y, radius, lake):
    """A meandering canal across the town and, for larger towns, a lake."""
    amp, length = 0.25 * radius, rng.uniform(1.6, 2.2) * radius
    offset, phase = rng.uniform(-0.3, 0.3) * radius, rng.uniform(0, 2 * np.pi)
    water = np.abs(y - (offset + amp * np.sin(2 * np.pi * x / length + phase))) < 40.0
    if lake:
        ang = rng.uniform(0, 2 * np.pi)
        lx, ly = 0.55 * radius * np.cos(ang), 0.55 * radius * np.sin(ang)
        water |= np.hypot((x - lx) / 1.4, y - ly) < 0.13 * radius
    return water
