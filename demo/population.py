"""Households of a town over the reference years: who lives where, with ~10 % churn a year.

Dwellings per postcode are fixed; households leave, move within the town and
arrive into vacant dwellings, so a postcode never holds more households than
dwellings and the CBS counts can be derived from the same households.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .fields import Fields
from .people import Households, age_one_year, draw_households
from .sizes import TownSpec
from .town import Town

LEAVE, MOVE = 0.03, 0.04  # per year; arrivals fill the places of those who left


@dataclass
class TownPopulation:
    """Dwellings per postcode and the households of each reference year."""

    dwellings: np.ndarray
    dep: np.ndarray  # deprivation field per postcode
    ageing: np.ndarray  # ageing field per postcode
    years: dict[int, Households]


def draw_dwellings(rng: np.random.Generator, spec: TownSpec, rho: np.ndarray) -> np.ndarray:
    """Dwellings per postcode: overdispersed, denser in the centre, some empty or tiny."""
    n = len(rho)
    centre = np.clip(1 - rho, 0, 1)
    median = spec.households_per_postcode * 0.85 * np.exp(0.45 * (centre - 0.5))
    d = np.round(np.exp(np.log(median) + rng.normal(0, 0.78, n)))
    d = np.maximum(d, 3)
    u = rng.random(n)
    d = np.where(u < 0.025, 0, np.where(u < 0.085, rng.integers(1, 3, n), d))
    return d.astype(np.int64)


def _vacant_slots(rng: np.random.Generator, dwellings: np.ndarray, pc: np.ndarray) -> np.ndarray:
    free = dwellings - np.bincount(pc, minlength=len(dwellings))
    slots = np.repeat(np.arange(len(dwellings)), np.maximum(free, 0))
    return rng.permutation(slots)


def simulate(rng: np.random.Generator, town: Town, fields: Fields, spec: TownSpec,
             years: tuple[int, ...]) -> TownPopulation:
    """Households for each year; ids persist for those who stay or move within the town."""
    pc = town.postcodes
    x, y = pc.x.to_numpy(), pc.y.to_numpy()
    dep, ageing = fields.deprivation(x, y), fields.ageing(x, y)
    centre = np.clip(1 - pc.rho.to_numpy(), 0, 1)
    dwellings = draw_dwellings(rng, spec, pc.rho.to_numpy())
    # About 3 % of dwellings stand empty at the start.
    occupied = rng.binomial(dwellings, 0.97)
    where = np.repeat(np.arange(len(dwellings)), occupied)
    hh = draw_households(rng, where, 0, dep[where], ageing[where], centre[where])
    next_id = len(where)
    out = {years[0]: hh}
    for year in years[1:]:
        hh = age_one_year(rng, hh)
        head = hh.adults[:, 0]
        p_leave = LEAVE * np.where(head < 35, 1.8, np.where(head >= 85, 2.5, 0.7))
        u = rng.random(len(head))
        leave = u < p_leave
        move = ~leave & (u < p_leave + MOVE * np.where(head < 35, 1.7, 0.8))
        stay = hh.take(np.flatnonzero(~leave))
        moved = move[~leave]
        stay.pc = np.where(moved, -1, stay.pc)
        slots = _vacant_slots(rng, dwellings, stay.pc[stay.pc >= 0])
        n_move = int(moved.sum())
        stay.pc[moved] = slots[:n_move]
        n_arrive = min(int(leave.sum()), len(slots) - n_move)
        dest = slots[n_move:n_move + n_arrive]
        new = draw_households(rng, dest, next_id, dep[dest], ageing[dest], centre[dest],
                              arrivals=True)
        next_id += n_arrive
        hh = Households.concat(stay, new)
        out[year] = hh
    return TownPopulation(dwellings, dep, ageing, out)
