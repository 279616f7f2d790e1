"""The exact searches of one part (or a few neighbouring parts) in a scope: distinct
values for the outsider and the insiders, joint pushes, relaxed spans. ``solver.attack``
decides which parts get which search where."""
from __future__ import annotations

import numpy as np

from .scope import RADIUS, Hood, Problem, Scope, SolveStats, sparse_dot
from .witnesses import Witnesses

EVERY = -1  # ``spread``'s insider for a search that serves every insider at once
OUTSIDE = -2  # ... every insider outside the part's own atoms
BROAD = 6  # whole-component solves that push every short part at once
JOINT_TIME_LIMIT = 2.0  # per joint solve: its best answer by then is as good a witness
INSIDER_LP = 4  # insiders in a part's own atoms whose relaxation is tried before solves


def spread(scope: Scope, wit: Witnesses, i: int, lb: np.ndarray, stats: SolveStats,
           need: int, insider: int | None) -> bool:
    """Look for ``need`` distinct values of part i; False if a solve fails. ``insider``:
    None for the outsider, an atom, or ``EVERY`` / ``OUTSIDE`` where ``lb`` keeps every
    insider's atom (outside the part's own atoms) occupied, so each answer serves them all."""
    row = wit.parts[i].toarray().ravel()
    support = wit.parts[i].indices
    if insider in (EVERY, OUTSIDE):
        own = frozenset(wit.parts[i].indices.tolist()) if insider == OUTSIDE else frozenset()

        def enough() -> bool:
            return wit.distinct(i) >= need and all(
                a in own for a in wit.weak_insiders(i, need))

        def seen() -> set[int]:  # the values that already serve all of them
            return {v for v, blocked in wit.by_part[i].items() if blocked <= own}
    else:
        def enough() -> bool:
            return wit.distinct(i, insider) >= need

        def seen() -> set[int]:
            return wit.values(i, insider)
    ends = []
    for sign in (-1.0, 1.0):
        if enough():
            return True
        # sign -1 pushes the part up, +1 down: where the greatest (least) value the
        # bounds allow is witnessed already, the solve could only find it again.
        edge = _edge(row, support, scope.prob.ub if sign < 0 else lb)
        if edge in seen():
            ends.append(edge)
            continue
        x = scope.solve(sign * row, lb, stats, support=support)
        if x is None:
            return False
        wit.add(x, scope.cols)
        ends.append(round(sparse_dot(row, x, support)))
    for v in range(int(min(ends)) + 1, int(max(ends))):
        if enough():
            break
        if v not in seen():
            x = scope.solve(np.zeros_like(row), lb, stats, (row, v), support)
            if x is not None:
                wit.add(x, scope.cols)
    return True


def _edge(row: np.ndarray, support: np.ndarray, bound: np.ndarray) -> int | None:
    """The part's value with every variable it counts at ``bound``: the least (lower
    bounds) or greatest (upper bounds) it can take; None where a coefficient is negative
    or the bound is not a whole number."""
    coef = row[support]
    if (coef < 0).any():
        return None
    value = float(coef @ bound[support])
    return int(value) if np.isfinite(value) and value == round(value) else None


def neighbourhood(prob: Problem, wit: Witnesses, hood: Hood, reach: np.ndarray | None,
                  i: int, stats: SolveStats, need: int) -> None:
    """Part i in its small neighbourhood: the outsider, then each weak insider until one
    stays short — one hop through narrow constraints first, then ``scope.RADIUS`` hops
    where that leaves it short (half the variables, and as many parts settled in all:
    a tenth less time at Amsterdam's size)."""
    for radius in (1, RADIUS):
        local = Scope(prob, hood.along(prob.parts[i].indices, reach, radius), None,
                      relaxed_first=True)
        spread(local, wit, i, prob.lb_outsider, stats, need, None)
        for a in wit.weak_insiders(i, need) if wit.distinct(i) >= need else []:
            lb = prob.lb_outsider.copy()
            lb[a] = 1
            spread(local, wit, i, lb, stats, need, a)
            if wit.distinct(i, a) < need:
                break
        if not wit.short(i, need):
            return


def joint(prob: Problem, wit: Witnesses, hood: Hood, reach: dict, batch: list[int],
          stats: SolveStats, need: int, every: np.ndarray) -> None:
    """Neighbouring short parts pushed down, then up, together, in the union of their
    neighbourhoods, keeping every truly occupied atom occupied (each answer serves every
    insider). The wider room settles parts their own neighbourhood leaves short, and two
    solves serve a dozen parts."""
    short = [i for i in batch if wit.short(i, need)]
    if len(short) < 2:
        return
    scope = Scope(prob, np.unique(np.concatenate([
        hood.along(prob.parts[i].indices, reach.get(i)) for i in short])), None,
        JOINT_TIME_LIMIT, relaxed_first=True)
    for sign in (-1.0, 1.0):
        short = [i for i in short if wit.short(i, need)]
        if not short:
            return
        x = scope.solve(sign * np.asarray(prob.parts[short].sum(axis=0)).ravel(), every, stats)
        if x is not None:
            wit.add(x, scope.cols)


def relaxed_span(prob: Problem, i: int, stats: SolveStats, lb: np.ndarray | None = None
                 ) -> int:
    """Whole numbers between the part's least and greatest value in the linear relaxation
    of the whole component (outsider, or the lower bounds ``lb`` of an insider). Every
    integer solution lies inside, so a span below the need convicts without an integer
    solve."""
    whole = Scope(prob, None, None)
    row = prob.parts[i].toarray().ravel()
    ends = []
    for sign in (1.0, -1.0):
        relaxed = whole.relaxed(sign * row, prob.lb_outsider if lb is None else lb, stats)
        if relaxed is None:
            return np.iinfo(np.int32).max  # no proof either way: leave it to the MILP
        ends.append(sign * relaxed[0])
    return max(0, int(np.floor(ends[1] + 1e-6) - np.ceil(ends[0] - 1e-6)) + 1)


def broad(prob: Problem, wit: Witnesses, todo: list[int], stats: SolveStats,
          need: int) -> None:
    """A few solves of the whole component that push every short part at once: up and
    down, keeping every truly occupied atom occupied (so each answer serves every
    insider) or not, and with mixed directions. One answer moves hundreds of parts."""
    rng = np.random.default_rng(len(todo))  # deterministic: the same release, the same solves
    full = Scope(prob, None, None)
    for k in range(BROAD):
        todo = [i for i in todo if wit.short(i, need)]
        if len(todo) <= 2:
            return
        if k < 4:
            weights = np.full(len(todo), -1.0 if k % 2 == 0 else 1.0)
        else:
            weights = rng.choice([-1.0, 1.0], len(todo))
        lb = prob.lb_insider if k % 4 < 2 else prob.lb_outsider
        c = np.asarray(prob.parts[todo].T @ weights).ravel()
        x = full.solve(c, lb, stats)
        if x is not None:
            wit.add(x)


def settle(scope: Scope, wit: Witnesses, i: int, prob: Problem, stats: SolveStats,
           need: int, convicts: bool, every: np.ndarray,
           insiders: int | None = None) -> tuple[bool, int]:
    """Attack part i in ``scope`` for the outsider and every weak insider. Returns
    (undecided, worst distinct count). Only a scope that ``convicts`` (the whole
    component) may leave a part pinned; elsewhere a short part is undecided. At most
    ``insiders`` weak insiders get their own solves (those inside the part first); if
    more stay weak the part is undecided. ``every``: lower bounds that keep every truly
    occupied atom occupied."""
    worst = need
    if wit.distinct(i) < need:
        if not spread(scope, wit, i, prob.lb_outsider, stats, need, None):
            return True, worst
        worst = min(worst, wit.distinct(i))
        if worst < need:
            return not convicts, worst
    # One spread that keeps every truly occupied atom occupied serves every insider at
    # once; one that frees only the part's own atoms serves every insider outside it.
    # Only the insiders left short after those get solves of their own.
    own = set(prob.parts[i].indices.tolist())
    if wit.weak_insiders(i, need):
        spread(scope, wit, i, every, stats, need, EVERY)
    if any(a not in own for a in wit.weak_insiders(i, need)):
        outside = every.copy()
        outside[list(own)] = prob.lb_outsider[list(own)]
        spread(scope, wit, i, outside, stats, need, OUTSIDE)
    weak = sorted(wit.weak_insiders(i, need), key=lambda a: (a not in own, a))
    if convicts and INSIDER_LP:
        # An insider the relaxation already pins convicts without integer solves.
        for a in [a for a in weak if a in own][:INSIDER_LP]:
            lb = prob.lb_outsider.copy()
            lb[a] = 1
            span = relaxed_span(prob, i, stats, lb)
            if span < need:
                return False, span
    for done, a in enumerate(weak):
        if insiders is not None and done >= insiders:
            # The rest had no solves of their own: settled only if witnesses found on
            # the way serve them too.
            return bool(wit.weak_insiders(i, need)), worst
        lb = prob.lb_outsider.copy()
        lb[a] = 1
        if not spread(scope, wit, i, lb, stats, need, a):
            return True, worst
        worst = min(worst, wit.distinct(i, a))
        if worst < need:
            return not convicts, worst  # one insider who pins it is enough
    return False, worst
