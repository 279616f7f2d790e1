"""The attacker model's constraints and sensitive quantities, one statistic at a time.

Each function fills a ``TermBuilder`` with the forms of all areas of one statistic (or of
the household links) at once, in the model's order: per area the cell, then its
complement. Forms are runs of postcode nodes sorted by area, gathered by numpy.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .terms import TermBuilder

if TYPE_CHECKING:
    from .attacker import Model, _Quantities

Bounds = tuple[np.ndarray, np.ndarray, np.ndarray]  # lo, hi, via_or per constraint


def household_links(model: Model, forms: TermBuilder) -> Bounds:
    """Per group and postcode: its atoms sum to the household count (the published count,
    or the postcode's unknown ``n``)."""
    table = model.table
    n_pc = len(table.areas.postcodes)
    n_true = table.values["postcode6"][:, table.den]
    fixed = model.know.fixed("postcode6")[:, table.den]
    both = np.stack([np.ones(n_pc, dtype=bool), ~fixed], axis=1)  # the n term if unknown
    lengths = both.sum(axis=1)
    keys = np.broadcast_to([model.key_code[("1",)], model.key_code[("n",)]], both.shape)
    signs = np.broadcast_to([1, -1], both.shape)
    bound = np.where(fixed, n_true, 0).astype(float)
    for g in range(model.n_groups):
        nodes = np.stack([model.node(np.arange(n_pc), g), model.n_node(np.arange(n_pc))], 1)
        forms.add(lengths, nodes[both], keys[both], signs[both])
    reps = model.n_groups
    return np.tile(bound, reps), np.tile(bound, reps), np.zeros(n_pc * reps, dtype=bool)


def _by_area(unknown: np.ndarray, member: np.ndarray, n_areas: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``unknown`` postcodes sorted by area (in order within one), and per area where
    its run starts and how long it is."""
    ps = np.nonzero(unknown)[0]
    ps = ps[np.argsort(member[ps], kind="stable")]
    bounds = np.searchsorted(member[ps], np.arange(n_areas + 1))
    return ps, bounds[:-1], np.diff(bounds)


def _area_sums(values: np.ndarray, unknown: np.ndarray, member: np.ndarray, n_areas: int
               ) -> np.ndarray:
    """Per area: the sum of ``values`` over its postcodes flagged ``unknown``."""
    return np.bincount(member[unknown], weights=values[unknown].astype(float), minlength=n_areas)


def statistic_forms(model: Model, level: str, s: int, unk: np.ndarray, unk_den: np.ndarray,
                    member: np.ndarray, forms: TermBuilder, quantities: _Quantities
                    ) -> Bounds:
    """Statistic s at every ``level`` area: the constraints on its cell and complement
    (into ``forms``; returns their bounds) and its small cells and complements (into
    ``quantities``). ``unk``/``unk_den``: the postcodes whose own value of s / of the
    household count the attacker does not know; ``member``: their area."""
    table, know, t = model.table, model.know, model.threshold
    den = table.den
    true = table.values[level]
    n_areas = true.shape[0]
    g1 = model.n_groups + 1
    slot, key = model.term_kind[s]
    den_slot, den_key = model.term_kind[den]
    ps, p_start, p_len = _by_area(unk, member, n_areas)
    pd, d_start, d_len = _by_area(unk_den, member, n_areas)
    consts = true[:, s] - _area_sums(table.values["postcode6"][:, s], unk, member, n_areas)
    cconsts = true[:, den] - _area_sums(table.values["postcode6"][:, den], unk_den, member,
                                        n_areas) - consts
    lo, hi = know.lo[level][:, s], know.hi[level][:, s]
    clo, chi = know.clo[level][:, s], know.chi[level][:, s]
    v = true[:, s]
    rest = true[:, den] - v
    small_v, small_rest = (v >= 1) & (v < t), (rest >= 1) & (rest < t)
    fast = np.zeros(n_areas, dtype=bool)
    if level == "postcode6" and s != den:  # a published postcode cell: its own node only
        fast = know.fixed("postcode6")[:, den] & (lo == hi) & ~small_v & ~small_rest
    cell = ~fast & (p_len > 0) & ((lo > -np.inf) | (hi < np.inf))
    complement = ~fast & (s != den) & (d_len + p_len > 0) & ((clo > 0) | (chi < np.inf))
    # Per area four runs: the fast cell's node; the cell's postcodes; the complement's
    # household counts, then its cell's postcodes negated. Pool: the nodes of all runs.
    pool = np.concatenate([ps * g1 + slot, pd * g1 + den_slot, np.arange(n_areas) * g1 + slot])
    starts = np.stack([len(ps) + len(pd) + np.arange(n_areas), p_start, len(ps) + d_start,
                       p_start], axis=1)
    lengths = np.stack([np.ones(n_areas, dtype=np.int64), p_len, d_len, p_len], axis=1)
    keys = np.broadcast_to([key, key, den_key, key], starts.shape)
    signs = np.broadcast_to([1, 1, 1, -1], starts.shape)

    def add(into: TermBuilder, runs: np.ndarray, rows: np.ndarray) -> None:
        # runs: (areas, 4) which runs count; rows: (areas, 2) which forms exist.
        row_of = (np.cumsum(rows.ravel()) - 1).reshape(rows.shape)[:, [0, 0, 1, 1]]
        into.add_segments(pool, starts[runs], lengths[runs], keys[runs], signs[runs],
                          row_of[runs], int(rows.sum()))

    rows = np.stack([fast | cell, complement], axis=1)
    add(forms, np.stack([fast, cell, complement, complement], axis=1), rows)
    bounds = (np.stack([np.where(fast, lo, lo - consts), clo - cconsts], axis=1)[rows],
              np.stack([np.where(fast, hi, hi - consts), chi - cconsts], axis=1)[rows],
              np.full(int(rows.sum()), table.catalogue.statistics[s].kind == "or"))
    public = know.public_households
    q_cell = small_v
    if s == den and level == "postcode6" and public is not None:
        q_cell = small_v & ~public  # a count CBS publishes is no secret of the release
    q_rows = np.stack([q_cell, small_rest & (s != den)], axis=1)
    add(quantities.forms, np.stack([np.zeros(n_areas, dtype=bool), q_cell, q_rows[:, 1],
                                    q_rows[:, 1]], axis=1), q_rows)
    kinds = np.array(["cell", "complement"])[np.nonzero(q_rows)[1]].tolist()
    quantities.add(level, table.stat_ids[s], np.nonzero(q_rows)[0], kinds,
                   np.stack([v, rest], axis=1)[q_rows], np.stack([consts, cconsts], 1)[q_rows],
                   np.stack([lo <= 0, np.zeros(n_areas, dtype=bool)], axis=1)[q_rows])
    return bounds
