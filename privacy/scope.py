"""Where the attacker's solves look: one component's problem, a scope of its variables
(everything outside held at the true data, so any answer is a full feasible solution —
a witness), and the neighbourhoods that choose those variables."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix, hstack, vstack
from scipy.sparse import eye as sparse_eye
from scipy.sparse.csgraph import connected_components

from .exchanges import VarMap

TIME_LIMIT = 20.0  # seconds per solve; an unfinished solve counts against the release
RADIUS = 2  # hops through narrow constraints for the first, local try
INTEGRAL_EPS = 1e-6  # a relaxed answer this close to whole numbers is an integer solution
WIDE_ROW = 80  # non-zeros: wider constraints do not extend a neighbourhood


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
    derived: dict | None = None  # cached views of ``a`` (see ``_derived``)


@dataclass
class SolveStats:
    solves: int = 0
    local: int = 0
    moves: int = 0  # feasible exchange witnesses


def sparse_dot(c: np.ndarray, x: np.ndarray, support: np.ndarray | None = None) -> float:
    """c @ x over c's few non-zeros (``support``, where the caller knows them): a dense
    product, or a search for the non-zeros, over a large component's variables costs
    more than a small solve (and BLAS threads fight the audit's workers)."""
    nz = np.flatnonzero(c) if support is None else support
    return float(c[nz] @ x[nz])


def _derived(prob: Problem) -> dict:
    """Per problem: the constraint matrix by column and every row's value at the truth."""
    if prob.derived is None:
        prob.derived = {"csc": prob.a.tocsc(), "r_true": prob.a @ prob.true_x}
    return prob.derived


class Scope:
    """The problem restricted to some variables; the others stay at the true data."""

    def __init__(self, prob: Problem, cols: np.ndarray | None, rows_mask: np.ndarray | None,
                 time_limit: float = TIME_LIMIT, relaxed_first: bool = False,
                 tie_break: bool = True):
        self.prob = prob
        self.time_limit = time_limit
        self.relaxed_first = relaxed_first  # solve: an integral relaxed answer will do
        # solve: prefer answers that keep occupied atoms occupied (see ``_tie_broken``);
        # not where no insider reads the answer (presence is an outsider's question).
        self.tie_break = tie_break
        self._stacked: tuple | None = None  # see ``_tie_broken``
        self.whole = cols is None
        if cols is None:
            self.cols = np.arange(prob.a.shape[1])
            self.a, self.lo, self.hi = (prob.a, prob.row_lo, prob.row_hi) if rows_mask is None \
                else (prob.a[rows_mask], prob.row_lo[rows_mask], prob.row_hi[rows_mask])
            return
        # Only the rows the scope touches; the rest of each row sits at the truth. Column
        # slices of the CSC copy keep this proportional to the scope, not the component.
        cache = _derived(prob)
        block = cache["csc"][:, cols].tocoo()
        touch = np.unique(block.row)
        if rows_mask is not None:
            touch = touch[rows_mask[touch]]
        # Rows renumbered to the touched ones directly: a CSR of the component's every
        # row (even empty ones) would cost as much as the solve.
        inside = np.isin(block.row, touch) if rows_mask is not None else \
            np.ones(len(block.row), dtype=bool)
        block = csr_matrix((block.data[inside], (np.searchsorted(touch, block.row[inside]),
                                                 block.col[inside])),
                           shape=(len(touch), len(cols)))
        shift = cache["r_true"][touch] - block @ prob.true_x[cols]
        self.cols = cols
        self.a, self.lo, self.hi = block, prob.row_lo[touch] - shift, prob.row_hi[touch] - shift

    def solve(self, c_full: np.ndarray, lb_full: np.ndarray, stats: SolveStats,
              extra: tuple | None = None, support: np.ndarray | None = None
              ) -> np.ndarray | None:
        """Minimise c, preferring to keep truly non-empty atoms non-empty; full x or None.
        ``extra``: (row, value), the row held at the value; ``support``: where c and the
        row are non-zero, if known."""
        prob, cols = self.prob, self.cols
        c = c_full[cols]
        if self.relaxed_first and extra is None:
            relaxed = self.relaxed(c_full, lb_full, stats, value=False)
            if relaxed is not None and relaxed[1] is not None:
                return relaxed[1]
        a, lo, hi, k = self._tie_broken() if self.tie_break else (self.a, self.lo, self.hi, 0)
        n = len(cols)
        cost = np.concatenate([c, np.full(k, -0.5 / (k + 1))])
        if extra is not None:
            row, value = extra
            outside = sparse_dot(row, prob.true_x, support) - row[cols] @ prob.true_x[cols]
            a = vstack([a, hstack([csr_matrix(row[cols][None, :]), csr_matrix((1, k))])],
                       format="csr")
            lo = np.r_[lo, value - outside]
            hi = np.r_[hi, value - outside]
        bounds = Bounds(np.concatenate([lb_full[cols], np.zeros(k)]),
                        np.concatenate([prob.ub[cols], np.ones(k)]))
        stats.solves += 1
        stats.local += int(n != prob.a.shape[1])
        res = milp(cost, integrality=np.ones(n + k), bounds=bounds,
                   constraints=[LinearConstraint(a, lo, hi)],
                   options={"time_limit": self.time_limit, "disp": False})
        if res.x is None or res.status not in (0, 1):
            return None
        x = prob.true_x.copy()
        x[cols] = np.rint(res.x[:n])
        return x

    def _tie_broken(self) -> tuple[csr_matrix, np.ndarray, np.ndarray, int]:
        """The scope's rows with the tie-break: per truly occupied atom a a 0/1 variable
        z_a <= x_a, each worth less than a unit of the objective in all (so one solve
        prefers answers that keep those atoms occupied). The same for every solve of the
        scope (an insider's is its lower bounds), so it is built once."""
        if self._stacked is None:
            keep = np.nonzero(self.prob.lb_insider[self.cols] >= 1)[0]
            k, n = len(keep), len(self.cols)
            link = hstack([-csr_matrix((np.ones(k), (np.arange(k), keep)), shape=(k, n)),
                           sparse_eye(k, format="csr")])  # z_a - x_a <= 0
            self._stacked = (vstack([hstack([self.a, csr_matrix((self.a.shape[0], k))]), link],
                                    format="csr"),
                             np.r_[self.lo, np.full(k, -np.inf)], np.r_[self.hi, np.zeros(k)], k)
        return self._stacked

    def relaxed(self, c_full: np.ndarray, lb_full: np.ndarray, stats: SolveStats,
                value: bool = True, support: np.ndarray | None = None
                ) -> tuple[float, np.ndarray | None] | None:
        """The linear relaxation: the least value of c (everything outside the scope at
        the truth; NaN unless ``value``: the sum over the whole component costs as much
        as a small solve) and, where its answer is integral, that answer as a full
        solution (a feasible integer solution found without branching). None: no answer."""
        prob, cols = self.prob, self.cols
        stats.solves += 1
        res = milp(c_full[cols], integrality=np.zeros(len(cols)),
                   bounds=Bounds(lb_full[cols], prob.ub[cols]),
                   constraints=[LinearConstraint(self.a, self.lo, self.hi)],
                   options={"time_limit": self.time_limit, "disp": False})
        if res.x is None or res.status != 0:
            return None
        outside = np.nan if not value else 0.0 if self.whole else \
            sparse_dot(c_full, prob.true_x, support) - c_full[cols] @ prob.true_x[cols]
        x = None
        if np.all(np.abs(res.x - np.rint(res.x)) <= INTEGRAL_EPS):
            x = prob.true_x.copy()
            x[cols] = np.rint(res.x)
        return float(res.fun + outside), x


class Hood:
    """Neighbourhoods of a part; everything outside stays at the truth (still sound).

    ``around``: ``RADIUS`` hops through *narrow* constraints — small and quick, enough for
    most parts. ``region``: the part's column groups (or, not ``own_groups``, every
    group) in the postcodes sharing a postcode-4 or buurt with the part, ``rings`` times
    over — what the exchanges that keep wide totals need.
    """

    def __init__(self, prob: Problem):
        self.narrow = np.nonzero(np.diff(prob.a.indptr) <= WIDE_ROW)[0]
        self.a_rows = prob.a[self.narrow]
        self.a_csc = self.a_rows.tocsc()
        self.varmap = prob.varmap
        self._island: np.ndarray | None = None
        if self.varmap is not None:
            vm = self.varmap
            order = np.argsort(vm.pc, kind="stable")
            self.by_pc = np.split(order, np.searchsorted(vm.pc[order],
                                                         np.arange(1, vm.areas.shape[0])))

    def around(self, seed_cols: np.ndarray, radius: int = RADIUS) -> np.ndarray:
        cols = np.unique(seed_cols)
        for _ in range(radius):
            rows = np.unique(self.a_csc[:, cols].indices)
            cols = np.unique(np.concatenate([cols, self.a_rows[rows].indices]))
        return cols

    def along(self, seed_cols: np.ndarray, pcs: np.ndarray | None, radius: int = RADIUS
              ) -> np.ndarray:
        """The neighbourhood, plus the part's group (and household counts) in the
        postcodes its long exchange cycles pass: the room those cycles need."""
        cols = self.around(seed_cols, radius)
        if pcs is None or self.varmap is None:
            return cols
        vm = self.varmap
        groups = np.unique(vm.group[seed_cols])
        near = np.concatenate([self.by_pc[p] for p in pcs])
        near = near[np.isin(vm.group[near], groups) | (vm.group[near] < 0)]
        return np.union1d(cols, near)

    def wijken(self, seed_cols: np.ndarray, links: int = 0) -> np.ndarray:
        """Every variable of every postcode in the part's wijken; ``links`` times over,
        also the wijken of the postcodes that share a postcode-4 or buurt with those
        (the two hierarchies cross, and a trade that leaves every published total
        whole may need a postcode-4 that reaches into the next wijk)."""
        if self.varmap is None:
            return self.around(seed_cols)
        areas = self.varmap.areas
        pcs = np.unique(self.varmap.pc[seed_cols])
        for k in range(links + 1):
            if k:
                pcs = np.nonzero(np.isin(areas[:, 0], areas[pcs, 0])
                                 | np.isin(areas[:, 1], areas[pcs, 1]))[0]
            pcs = np.nonzero(np.isin(areas[:, 2], areas[pcs, 2]))[0]
        return np.unique(np.concatenate([seed_cols, *[self.by_pc[p] for p in pcs]]))

    def islands(self, seed_cols: np.ndarray, partners: int, most: int) -> list[np.ndarray]:
        """Scopes beyond the linked wijken: the part's island — every postcode of the
        wijken its wijken reach through postcode-4 areas and buurten, however often —
        joined with each of up to ``partners`` other islands, smallest first, that hide a
        wijk total of the part's groups. An island closes on itself; where the municipal
        total is published a trade that leaves it must come back in through another
        island's hidden wijk total. Scopes of more than ``most`` variables are left out."""
        vm = self.varmap
        if vm is None or vm.loose is None:
            return []
        island = self.island_labels()
        var_island = island[vm.pc]
        own = np.unique(var_island[seed_cols])
        base = np.nonzero(np.isin(var_island, own))[0]
        sizes = np.bincount(var_island)
        slots = np.unique(np.where(vm.group[seed_cols] < 0, vm.loose.shape[2] - 1,
                                   vm.group[seed_cols]))
        open_pc = (vm.loose[:, 2][:, slots] != 0).any(axis=1)
        others = np.setdiff1d(np.unique(island[open_pc]), own)
        others = others[np.argsort(sizes[others], kind="stable")]
        out = []
        for k in others[:partners]:
            if len(base) + sizes[k] > most:
                break
            out.append(np.union1d(base, np.nonzero(var_island == k)[0]))
        return out

    def island_labels(self) -> np.ndarray:
        """Per postcode: its island, the wijken linked by postcode-4 areas and buurten."""
        if self._island is None:
            areas = self.varmap.areas
            n = areas.max(axis=0) + 1
            wijk = n[0] + n[1] + areas[:, 2]
            links = np.r_[areas[:, 0], n[0] + areas[:, 1]]
            size = int(n.sum())
            graph = csr_matrix((np.ones(len(links)), (links, np.r_[wijk, wijk])),
                               shape=(size, size))
            self._island = connected_components(graph, directed=False)[1][wijk]
        return self._island

    def region(self, seed_cols: np.ndarray, rings: int, own_groups: bool = True
               ) -> np.ndarray:
        if self.varmap is None:
            return self.around(seed_cols)
        areas = self.varmap.areas
        pcs = np.unique(self.varmap.pc[seed_cols])
        for _ in range(rings):
            pcs = np.nonzero(np.isin(areas[:, 0], areas[pcs, 0])
                             | np.isin(areas[:, 1], areas[pcs, 1]))[0]
        near = np.concatenate([self.by_pc[p] for p in pcs])
        groups = np.unique(self.varmap.group[seed_cols])
        if own_groups and (groups >= 0).all():
            # Only the part's own column groups move: the postcodes' household counts
            # stay (the other groups hold them), and the solve stays small.
            near = near[np.isin(self.varmap.group[near], groups)]
        return np.unique(np.concatenate([seed_cols, near]))
