"""Exact integer attack on one component of the model (HiGHS via ``scipy.optimize.milp``).

For each part of a sensitive quantity in the component, find three distinct feasible
values — for an outsider and for every possible single insider — and, where presence
matters, its minimum. Shortcuts, all sound:

* witnesses: every feasible solution found (the true data first, then cheap household
  exchanges checked exactly — ``moves`` — then every solver answer) counts for all parts
  at once;
* local first: a part is first attacked with everything outside its neighbourhood held at
  the true data. Any solution of that restricted problem is a full feasible solution (a
  witness); only if it yields too few values is the whole component solved, and only the
  whole component can convict. A component too large to solve whole (``FULL_SCOPE_VARS``)
  convicts only where its linear relaxation (which holds every integer solution) already
  leaves too few values, or for a handful of parts with whole-component solves: what the
  local solves leave short is reported undecided, so the builder suppresses more rather
  than trusting an unproven cell;
* the insider (A8): one known household, in any atom that truly holds one. A witness
  counts for that insider only if the atom still holds a household there. Solves prefer
  (by a tie-break worth less than one unit of the objective) to keep every non-empty atom
  non-empty, so one witness usually serves every insider; a short insider gets its atom
  fixed to >= 1 and its own solves;
* presence: an outsider's view, asking whether 0 is still possible.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix, hstack, vstack
from scipy.sparse import eye as sparse_eye

from .moves import VarMap, move_witnesses
from .witnesses import Witnesses

TIME_LIMIT = 20.0  # seconds per solve; an unfinished solve counts against the release
WHOLE_TIME_LIMIT = 5.0  # for a stubborn part's solves of a whole large component: the best
# solution found by then is as good a witness as an optimal one
RADIUS = 2  # hops through narrow constraints for the first, local try
REGION_RINGS = 1  # rings of postcodes for the second try in a component too large to solve
REGION_PARTS = 400  # at most this many parts get the second try in one round
FULL_FEW = 12  # unsettled parts per round that get the whole component's relaxation
WHOLE_PARTS = 4  # of those, at most this many get integer solves of the whole component
WHOLE_INSIDERS = 2  # insiders per part given their own whole-component solves

EVERY = -1  # ``_spread``'s insider for a search that serves every insider at once
OUTSIDE = -2  # ... every insider outside the part's own atoms
BROAD = 6  # whole-component solves that push every short part at once
BROAD_VARS = 60000  # larger components skip them (one solve would take minutes)

WIDE_ROW = 80  # non-zeros: wider constraints do not extend a neighbourhood
FULL_SCOPE_VARS = 6000  # larger components are attacked through neighbourhoods only


@dataclass
class Problem:
    """One component: variables, constraints (sparse rows) and the parts to attack."""

    a: csr_matrix
    row_lo: np.ndarray
    row_hi: np.ndarray
    lb_outsider: np.ndarray
    lb_insider: np.ndarray  # 1 where an atom truly holds a household (insider candidates)
    ub: np.ndarray
    true_x: np.ndarray
    parts: csr_matrix  # (parts, vars)
    presence: np.ndarray  # bool per part
    via_or: np.ndarray  # bool per row: an OR-combination's cell
    varmap: VarMap | None = None  # where variables sit, for cheap exchange witnesses
    widths: np.ndarray | None = None  # atoms per column group
    nodes: np.ndarray | None = None  # the model's node ids of the component
    derived: dict | None = None  # cached views of ``a`` (see ``_cache``)


@dataclass
class PartResult:
    distinct: int  # distinct feasible values found (worst insider), capped at the need
    minimum: float  # minimum under the outsider model (only computed for presence parts)
    undecided: bool = False


@dataclass
class SolveStats:
    solves: int = 0
    local: int = 0
    moves: int = 0  # feasible exchange witnesses


def _cache(prob: Problem) -> dict:
    """Per problem: the constraint matrix by column and every row's value at the truth."""
    if prob.derived is None:
        prob.derived = {"csc": prob.a.tocsc(), "r_true": prob.a @ prob.true_x}
    return prob.derived


class _Scope:
    """The problem restricted to some variables; the others stay at the true data."""

    def __init__(self, prob: Problem, cols: np.ndarray | None, rows_mask: np.ndarray | None,
                 time_limit: float = TIME_LIMIT):
        self.prob = prob
        self.time_limit = time_limit
        if cols is None:
            keep = slice(None) if rows_mask is None else rows_mask
            self.cols = np.arange(prob.a.shape[1])
            self.a, self.lo, self.hi = prob.a[keep], prob.row_lo[keep], prob.row_hi[keep]
            return
        # Only the rows the scope touches; the rest of each row sits at the truth. Column
        # slices of the CSC copy keep this proportional to the scope, not the component.
        cache = _cache(prob)
        block = cache["csc"][:, cols]
        touch = np.unique(block.indices)
        if rows_mask is not None:
            touch = touch[rows_mask[touch]]
        block = block.tocsr()[touch]
        shift = cache["r_true"][touch] - block @ prob.true_x[cols]
        self.cols = cols
        self.a, self.lo, self.hi = block, prob.row_lo[touch] - shift, prob.row_hi[touch] - shift

    def solve(self, c_full: np.ndarray, lb_full: np.ndarray, stats: SolveStats,
              extra: tuple | None = None) -> np.ndarray | None:
        """Minimise c, preferring to keep truly non-empty atoms non-empty; full x or None."""
        prob, cols = self.prob, self.cols
        c = c_full[cols]
        keep = np.nonzero(prob.lb_insider[cols] >= 1)[0]
        k, n = len(keep), len(cols)
        eps = 0.5 / (k + 1)
        cost = np.concatenate([c, np.full(k, -eps)])
        link = hstack([-csr_matrix((np.ones(k), (np.arange(k), keep)), shape=(k, n)),
                       sparse_eye(k, format="csr")])  # z_a - x_a <= 0
        rows = [hstack([self.a, csr_matrix((self.a.shape[0], k))]), link]
        lo = [self.lo, np.full(k, -np.inf)]
        hi = [self.hi, np.zeros(k)]
        if extra is not None:
            row, value = extra
            rows.append(hstack([csr_matrix(row[cols][None, :]), csr_matrix((1, k))]))
            outside = row @ prob.true_x - row[cols] @ prob.true_x[cols]
            lo.append([value - outside])
            hi.append([value - outside])
        a = vstack(rows, format="csr")
        bounds = Bounds(np.concatenate([lb_full[cols], np.zeros(k)]),
                        np.concatenate([prob.ub[cols], np.ones(k)]))
        stats.solves += 1
        stats.local += int(n != prob.a.shape[1])
        res = milp(cost, integrality=np.ones(n + k), bounds=bounds,
                   constraints=[LinearConstraint(a, np.concatenate(lo), np.concatenate(hi))],
                   options={"time_limit": self.time_limit, "disp": False})
        if res.x is None or res.status not in (0, 1):
            return None
        x = prob.true_x.copy()
        x[cols] = np.rint(res.x[:n])
        return x


class _Hood:
    """Neighbourhoods of a part; everything outside stays at the truth (still sound).

    ``around``: ``RADIUS`` hops through *narrow* constraints — small and quick, enough for
    most parts. ``region``: the part's column groups in the postcodes sharing a
    postcode-4 or buurt with the part, ``rings`` times over — what the exchanges that keep
    wide totals need.
    """

    def __init__(self, prob: Problem):
        self.narrow = np.nonzero(np.diff(prob.a.indptr) <= WIDE_ROW)[0]
        self.a_rows = prob.a[self.narrow]
        self.a_csc = self.a_rows.tocsc()
        self.varmap = prob.varmap
        if self.varmap is not None:
            vm = self.varmap
            order = np.argsort(vm.pc, kind="stable")
            self.by_pc = np.split(order, np.searchsorted(vm.pc[order],
                                                         np.arange(1, vm.areas.shape[0])))

    def around(self, seed_cols: np.ndarray) -> np.ndarray:
        cols = np.unique(seed_cols)
        for _ in range(RADIUS):
            rows = np.unique(self.a_csc[:, cols].indices)
            cols = np.unique(np.concatenate([cols, self.a_rows[rows].indices]))
        return cols

    def along(self, seed_cols: np.ndarray, pcs: np.ndarray | None) -> np.ndarray:
        """The neighbourhood, plus the part's group (and household counts) in the
        postcodes its long exchange cycles pass: the room those cycles need."""
        cols = self.around(seed_cols)
        if pcs is None or self.varmap is None:
            return cols
        vm = self.varmap
        groups = np.unique(vm.group[seed_cols])
        near = np.concatenate([self.by_pc[p] for p in pcs])
        near = near[np.isin(vm.group[near], groups) | (vm.group[near] < 0)]
        return np.union1d(cols, near)

    def region(self, seed_cols: np.ndarray, rings: int) -> np.ndarray:
        if self.varmap is None:
            return self.around(seed_cols)
        areas = self.varmap.areas
        pcs = np.unique(self.varmap.pc[seed_cols])
        for _ in range(rings):
            pcs = np.nonzero(np.isin(areas[:, 0], areas[pcs, 0])
                             | np.isin(areas[:, 1], areas[pcs, 1]))[0]
        near = np.concatenate([self.by_pc[p] for p in pcs])
        groups = np.unique(self.varmap.group[seed_cols])
        if (groups >= 0).all():
            # Only the part's own column groups move: the postcodes' household counts
            # stay (the other groups hold them), and the solve stays small.
            near = near[np.isin(self.varmap.group[near], groups)]
        return np.unique(np.concatenate([seed_cols, near]))


def _spread(scope: _Scope, wit: Witnesses, i: int, lb: np.ndarray, stats: SolveStats,
            need: int, insider: int | None) -> bool:
    """Look for ``need`` distinct values of part i; False if a solve fails. ``insider``:
    None for the outsider, an atom, or ``EVERY`` / ``OUTSIDE`` where ``lb`` keeps every
    insider's atom (outside the part's own atoms) occupied, so each answer serves them all."""
    row = wit.parts[i].toarray().ravel()
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
        x = scope.solve(sign * row, lb, stats)
        if x is None:
            return False
        wit.add(x, scope.cols)
        ends.append(round(float(row @ x)))
    for v in range(int(min(ends)) + 1, int(max(ends))):
        if enough():
            break
        if v not in seen():
            x = scope.solve(np.zeros_like(row), lb, stats, (row, v))
            if x is not None:
                wit.add(x, scope.cols)
    return True


def attack(prob: Problem, stats: SolveStats, min_values: int = 3,
           region_parts: int = REGION_PARTS) -> list[PartResult]:
    """Distinct values per part for the outsider and every single insider, and minima.
    At most ``region_parts`` short parts of a large component get a region try."""
    n_parts = prob.parts.shape[0]
    wit = Witnesses(prob.parts, prob.true_x, np.nonzero(prob.lb_insider >= 1)[0])
    reach: dict[int, np.ndarray] = {}
    if prob.varmap is not None:
        stats.moves += move_witnesses(prob.a, prob.row_lo, prob.row_hi, prob.true_x,
                                      prob.lb_outsider, prob.ub, prob.varmap, prob.widths, wit,
                                      reach)
    full = _Scope(prob, None, None) if prob.a.shape[1] <= FULL_SCOPE_VARS else None
    hood = _Hood(prob)
    undecided = np.zeros(n_parts, dtype=bool)
    worst = np.full(n_parts, min_values)
    todo = wit.short_parts(min_values)
    lb_every = np.maximum(prob.lb_outsider, prob.lb_insider)
    if len(todo) > 2 and prob.a.shape[1] <= BROAD_VARS:
        _broad(prob, wit, todo, stats, min_values)
    # First pass: each short part in its small neighbourhood, outsider and insiders.
    pending = []
    for i in todo:
        if not wit.short(i, min_values):
            continue
        local = _Scope(prob, hood.along(prob.parts[i].indices, reach.get(i)), None)
        _spread(local, wit, i, prob.lb_outsider, stats, min_values, None)
        for a in wit.weak_insiders(i, min_values) if wit.distinct(i) >= min_values else []:
            lb = prob.lb_outsider.copy()
            lb[a] = 1
            _spread(local, wit, i, lb, stats, min_values, a)
            if wit.distinct(i, a) < min_values:
                break
        if wit.short(i, min_values):
            pending.append(i)
    # Second pass: the whole component where affordable (it alone can convict), else the
    # part's region (it can still certify) — up to ``region_parts``: more short parts
    # than that mean the suppression is still thin, and the repair is cheaper.
    pending = [i for i in pending if wit.short(i, min_values)]  # later solves helped
    if full is None and len(pending) > region_parts:
        undecided[pending] = True
        pending = []
    for i in pending:
        scope = full if full is not None else _Scope(
            prob, hood.region(prob.parts[i].indices, REGION_RINGS), None)
        undecided[i], worst[i] = _settle(scope, wit, i, prob, stats, min_values,
                                         full is not None, lb_every)
    # Last: the first few that no region settles are bounded by the linear relaxation of
    # the whole component (where even that leaves fewer than three values they are
    # convicted); a handful more get integer solves of the whole component, for the
    # outsider and the insiders in the part itself — slow, but only they can clear them.
    # Each round takes the next few, so parts the repairs cannot help still get proofs.
    stubborn = [i for i in pending if undecided[i]][:FULL_FEW] if full is None else []
    if stubborn:
        whole = _Scope(prob, None, None, WHOLE_TIME_LIMIT)
        tried = 0
        for i in stubborn:
            span = _relaxed_span(prob, i, stats)
            if span < min_values:
                undecided[i], worst[i] = False, span
            elif tried < WHOLE_PARTS:
                tried += 1
                undecided[i], worst[i] = _settle(whole, wit, i, prob, stats, min_values, True,
                                                 lb_every, WHOLE_INSIDERS)
    minima = _presence_minima(prob, stats, wit, hood, full is not None)
    return [PartResult(int(min(worst[i], min_values)), minima[i], bool(undecided[i]))
            for i in range(n_parts)]


def _relaxed_span(prob: Problem, i: int, stats: SolveStats) -> int:
    """Whole numbers between the part's least and greatest value in the linear relaxation
    of the whole component (outsider). Every integer solution lies inside, so a span below
    the need convicts without an integer solve."""
    row = prob.parts[i].toarray().ravel()
    ends = []
    for sign in (1.0, -1.0):
        stats.solves += 1
        res = milp(sign * row, integrality=np.zeros(len(row)),
                   bounds=Bounds(prob.lb_outsider, prob.ub),
                   constraints=[LinearConstraint(prob.a, prob.row_lo, prob.row_hi)],
                   options={"time_limit": TIME_LIMIT, "disp": False})
        if res.x is None or res.status != 0:
            return np.iinfo(np.int32).max  # no proof either way: leave it to the MILP
        ends.append(sign * res.fun)
    return max(0, int(np.floor(ends[1] + 1e-6) - np.ceil(ends[0] - 1e-6)) + 1)


def _broad(prob: Problem, wit: Witnesses, todo: list[int], stats: SolveStats,
           need: int) -> None:
    """A few solves of the whole component that push every short part at once: up and
    down, keeping every truly occupied atom occupied (so each answer serves every
    insider) or not, and with mixed directions. One answer moves hundreds of parts."""
    rng = np.random.default_rng(len(todo))  # deterministic: the same release, the same solves
    full = _Scope(prob, None, None)
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


def _settle(scope: _Scope, wit: Witnesses, i: int, prob: Problem, stats: SolveStats,
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
        if not _spread(scope, wit, i, prob.lb_outsider, stats, need, None):
            return True, worst
        worst = min(worst, wit.distinct(i))
        if worst < need:
            return not convicts, worst
    # One spread that keeps every truly occupied atom occupied serves every insider at
    # once; one that frees only the part's own atoms serves every insider outside it.
    # Only the insiders left short after those get solves of their own.
    own = set(prob.parts[i].indices.tolist())
    if wit.weak_insiders(i, need):
        _spread(scope, wit, i, every, stats, need, EVERY)
    if any(a not in own for a in wit.weak_insiders(i, need)):
        outside = every.copy()
        outside[list(own)] = prob.lb_outsider[list(own)]
        _spread(scope, wit, i, outside, stats, need, OUTSIDE)
    weak = sorted(wit.weak_insiders(i, need), key=lambda a: (a not in own, a))
    for done, a in enumerate(weak):
        if insiders is not None and done >= insiders:
            # The rest had no solves of their own: settled only if witnesses found on
            # the way serve them too.
            return bool(wit.weak_insiders(i, need)), worst
        lb = prob.lb_outsider.copy()
        lb[a] = 1
        if not _spread(scope, wit, i, lb, stats, need, a):
            return True, worst
        worst = min(worst, wit.distinct(i, a))
        if worst < need:
            return not convicts, worst  # one insider who pins it is enough
    return False, worst


def _presence_minima(prob: Problem, stats: SolveStats, wit: Witnesses, hood: _Hood,
                     can_full: bool) -> np.ndarray:
    """Minimum of each presence part for an outsider who ignores the OR-combinations.
    Any witness is feasible there too, so a witnessed 0 settles it; otherwise the solver
    decides (neighbourhood only for large components: an unproven minimum stays a warning).
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
    full = _Scope(prob, None, keep) if can_full else None
    for i in idx[~witnessed]:
        row = prob.parts[i].toarray().ravel()
        local = _Scope(prob, hood.around(prob.parts[i].indices), keep)
        for scope in (local, full):
            if scope is None:
                break
            x = scope.solve(row, prob.lb_outsider, stats)
            minima[i] = np.inf if x is None else float(row @ x)
            if minima[i] == 0:
                break
    return minima
