"""Presence: the least value of each hidden small count for an outsider who ignores the
OR-combinations (proving it above zero discloses that someone is there)."""
from __future__ import annotations

from typing import Callable

import numpy as np

from .chunked import fanned
from .scope import Hood, Problem, Scope, SolveStats, sparse_dot
from .witnesses import Witnesses

PRESENCE_EPS = 1e-6  # a relaxed minimum above this proves presence


def presence_minima(prob: Problem, stats: SolveStats, wit: Witnesses, hood: Hood,
                     can_full: bool, check: Callable[[], None]) -> np.ndarray:
    """Minimum of each presence part for an outsider who ignores the OR-combinations.
    Any witness is feasible there too, so a witnessed 0 settles it; otherwise the solver
    decides (neighbourhood only for large components: an unproven minimum stays a warning).
    Each part's minimum is its own question: the chunks run on both cores.
    """
    minima = np.full(prob.parts.shape[0], np.nan)
    idx = np.nonzero(prob.presence)[0]
    if len(idx) == 0:
        return minima
    witnessed = wit.minimum[idx] <= 0
    minima[idx[witnessed]] = 0
    # Presence through a published OR ("5 households have one or more of...") is what
    # publishing OR-combinations means; presence through totals or patterns is not.
    keep = ~prob.via_or
    full = Scope(prob, None, keep) if can_full else None
    def least(_: Witnesses, i: int, own_stats: SolveStats) -> float:
        local = Scope(prob, hood.around(prob.parts[i].indices), keep)
        return _presence_minimum(prob, i, local, full, own_stats)

    for i, value in fanned(prob, wit, [int(i) for i in idx[~witnessed]], stats, check,
                            least).items():
        minima[i] = value
    return minima


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
