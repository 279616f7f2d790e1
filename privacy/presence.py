"""Presence: the least value of each hidden small count for an outsider who ignores the
OR-combinations (proving it above zero discloses that someone is there)."""
from __future__ import annotations

from typing import Callable

import numpy as np
from scipy.sparse import csc_matrix

from .chunked import fanned, nearby_batches
from .moves import satisfied
from .scope import Hood, Problem, Scope, SolveStats, sparse_dot
from .witnesses import Witnesses

PRESENCE_EPS = 1e-6  # a relaxed minimum above this proves presence
BATCH = 16  # neighbouring parts whose zeros one joint solve looks for (at Amsterdam's
# size, the counts no witness or in-place move empties: 13 s for 16 parts a solve, 17 s
# for 64, the same zeros; 8 lose a few)
BATCH_TIME_LIMIT = 2.0  # seconds per joint solve: its best answer by then still serves


def presence_minima(prob: Problem, stats: SolveStats, wit: Witnesses, hood: Hood,
                     can_full: bool, check: Callable[[], None],
                     flagged: np.ndarray | None = None) -> np.ndarray:
    """Minimum of each presence part for an outsider who ignores the OR-combinations
    (where a row alone proves it at least 1, that row's bound). Any witness is feasible
    there too, so a witnessed 0 settles it, as does moving its households to another
    atom of its postcode (``_emptied_in_place``); otherwise the solver decides
    (neighbourhood only for large components: an unproven minimum stays a warning).
    Neighbouring parts first look for 0 together (``_joint_zeros``); each part's minimum
    is its own question, so the batches run on both cores. ``flagged`` parts (undecided:
    their quantities are findings already) get no minimum (NaN).
    """
    minima = np.full(prob.parts.shape[0], np.nan)
    idx = np.nonzero(prob.presence & (True if flagged is None else ~flagged))[0]
    if len(idx) == 0:
        return minima
    witnessed = wit.minimum[idx] <= 0
    minima[idx[witnessed]] = 0
    # Presence through a published OR ("5 households have one or more of...") is what
    # publishing OR-combinations means; presence through totals or patterns is not.
    keep = ~prob.via_or
    asked = idx[~witnessed]
    kept = prob.a[keep], prob.row_lo[keep], prob.row_hi[keep]
    floor = _row_floor(prob, asked, kept)
    minima[asked[floor > PRESENCE_EPS]] = floor[floor > PRESENCE_EPS]
    asked = asked[floor <= PRESENCE_EPS]
    emptied = _emptied_in_place(prob, asked, kept)
    minima[asked[emptied]] = 0
    asked = asked[~emptied]
    full = Scope(prob, None, keep, tie_break=False) if can_full else None
    batches = nearby_batches(prob, [int(i) for i in asked], BATCH)
    leaders = {batch[0]: batch for batch in batches}

    def least(_: Witnesses, leader: int, own_stats: SolveStats) -> dict[int, float]:
        batch = leaders[leader]
        found = dict.fromkeys(_joint_zeros(prob, batch, hood, keep, own_stats), 0.0)
        for i in batch:
            if i not in found:
                local = Scope(prob, hood.around(prob.parts[i].indices), keep,
                              tie_break=False)
                found[i] = _presence_minimum(prob, i, local, full, own_stats)
        return found

    for values in fanned(prob, wit, list(leaders), stats, check, least).values():
        for i, value in values.items():
            minima[i] = value
    return minima


def _row_floor(prob: Problem, parts: np.ndarray, kept: tuple) -> np.ndarray:
    """Per part: the greatest lower bound of a kept row (``kept``: the rows, their lower
    and upper bounds) that counts nothing but the part's own atoms, each once (0 where
    none does). Such a row is at most the part, so a bound of at least 1 proves presence
    without a solve: a small count whose own perturbed cell was shown as T or more (most
    of the proofs at Amsterdam's size)."""
    floor = np.zeros(len(parts))
    if len(parts) == 0:
        return floor
    a, lo, _ = kept
    rows = np.repeat(np.arange(a.shape[0]), np.diff(a.indptr))
    ones = np.ones(a.shape[0], dtype=bool)
    ones[rows[a.data != 1]] = False  # a row whose every coefficient is 1
    own = prob.parts[parts]
    plain = np.ones(len(parts), dtype=bool)  # a part that counts each atom once
    plain[np.repeat(np.arange(len(parts)), np.diff(own.indptr))[own.data != 1]] = False
    hits = (a @ own.T).tocoo()  # per (row, part): how many of the row's atoms the part has
    inside = ones[hits.row] & plain[hits.col] & (hits.data == np.diff(a.indptr)[hits.row])
    np.maximum.at(floor, hits.col[inside], np.maximum(lo[hits.row[inside]], 0))
    return floor


def _emptied_in_place(prob: Problem, parts: np.ndarray, kept: tuple) -> np.ndarray:
    """Per part: can all its households move to one other atom of its group in its
    postcode with every kept row and bound still met? That solution is the outsider's
    0 without a solve (about two in three of the counts the witnesses left at
    Amsterdam's size). Only for a part in one postcode and one column group; ``kept``
    as for ``_row_floor``."""
    found = np.zeros(len(parts), dtype=bool)
    vm = prob.varmap
    if vm is None or len(parts) == 0:
        return found
    x0 = prob.true_x
    entries: tuple[list, list, list] = ([], [], [])  # variable, change, move
    owner: list[int] = []
    for k, i in enumerate(parts.tolist()):
        atoms = prob.parts[i].indices
        group = vm.group[atoms]
        if group[0] < 0 or (group != group[0]).any() or (vm.pc[atoms] != vm.pc[atoms[0]]).any():
            continue
        start = vm.start[vm.pc[atoms[0]], group[0]]
        held = atoms[x0[atoms] >= 1]
        for target in np.setdiff1d(np.arange(start, start + prob.widths[group[0]]), atoms):
            entries[0].extend(held.tolist() + [int(target)])
            entries[1].extend((-x0[held]).tolist() + [float(x0[held].sum())])
            entries[2].extend([len(owner)] * (len(held) + 1))
            owner.append(k)
    if not owner:
        return found
    moves = csc_matrix((entries[1], (entries[0], entries[2])), shape=(len(x0), len(owner)))
    a, lo, hi = kept
    ok = satisfied(a, a @ x0, lo, hi, x0, prob.lb_outsider, prob.ub, moves)
    found[np.asarray(owner)[ok]] = True
    return found


def _joint_zeros(prob: Problem, batch: list[int], hood: Hood, keep: np.ndarray,
                 stats: SolveStats) -> list[int]:
    """The parts of ``batch`` that one integer solution of their joint neighbourhood, the
    sum of them minimised, brings to 0. Most hidden small counts can be empty together,
    so one solve settles dozens; any feasible answer (even one cut short by the time
    limit) is a witness for those it brings to 0, and the rest get their own solves."""
    if len(batch) < 2:
        return []
    rows = prob.parts[batch]
    cols = np.unique(np.concatenate([hood.around(rows[k].indices) for k in range(len(batch))]))
    x = Scope(prob, cols, keep, BATCH_TIME_LIMIT, relaxed_first=True, tie_break=False).solve(
        np.asarray(rows.sum(axis=0)).ravel(), prob.lb_outsider, stats)
    if x is None:
        return []
    return [i for i, value in zip(batch, rows @ x) if abs(value) < 0.5]


def _presence_minimum(prob: Problem, i: int, local: Scope, full: Scope | None,
                      stats: SolveStats) -> float:
    """Part i's least value: in its neighbourhood, then (if that found no 0) the whole
    component; the relaxation first (above zero proves presence, an integral answer is
    the minimum itself), the integer solve where it decides nothing."""
    row = prob.parts[i].toarray().ravel()
    support = prob.parts[i].indices
    least = np.nan
    for scope in (local, full):
        if scope is None:
            break
        relaxed = scope.relaxed(row, prob.lb_outsider, stats, support=support)
        if relaxed is not None and relaxed[0] > PRESENCE_EPS:
            least = relaxed[0]  # every integer solution has it >= 1 too
            continue
        if relaxed is not None and relaxed[1] is not None:
            return 0.0
        x = scope.solve(row, prob.lb_outsider, stats, support=support)
        least = np.inf if x is None else sparse_dot(row, x, support)
        if least == 0:
            break
    return least
