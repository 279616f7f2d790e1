"""Long exchange cycles: witnesses for hidden cells that no short exchange moves.

Hidden postcode cells of one statistic form a graph: every postcode is an edge between
its postcode-4 and its buurt, whose totals are published. One household changing
pattern in postcode p (say, gaining debts) upsets both totals; a postcode in the same
buurt changing back restores the buurt but upsets *its* postcode-4, and so on — until
the chain returns to p's postcode-4. Such a cycle keeps every total at every level, so
it is a feasible solution whenever each postcode's own cells allow its step. Cycles can
run through many postcodes (the suppression pattern decides how far), which is where a
neighbourhood solve does not look.

Steps of one cycle share their effect on the group's published statistics (households
with debts +1, nothing else), so every statistic of the group stays balanced; the atoms
may differ per postcode. A hidden household count moves by whole households without
indicators. Areas whose totals of the changed statistics are hidden count as one open
node, which a chain may leave by one area and re-enter by another. Cycles are found by
breadth-first search and then checked exactly against every constraint
(``moves.satisfied``) like any other exchange: a cycle that breaks something is simply not
a witness.
"""
from __future__ import annotations

from collections import deque

import numpy as np
from scipy.sparse import csc_matrix, csr_matrix

MAX_STEPS = 24  # postcodes in one cycle
STARTS = 3  # first steps tried per short part and direction
PER_START = 2  # cycles per first step, through different areas
FREE = -1  # the node of every postcode-4 whose totals of the changed statistics are hidden
# (one node: they add up to the gemeente); such buurten are one node per wijk, -2 - wijk.


def household_steps(vm, x0: np.ndarray, near: np.ndarray | None = None
                    ) -> tuple[csc_matrix, np.ndarray]:
    """Steps that add or remove one household without indicators (the first atom of every
    group) where a postcode's household count is hidden: what moves that count. ``near``:
    only in these postcodes (a mask over them)."""
    n_vars = len(x0)
    n_vars_of = np.nonzero(vm.group < 0)[0]
    if near is not None:
        n_vars_of = n_vars_of[near[vm.pc[n_vars_of]]]
    rows, cols, data, pcs = [], [], [], []
    for sign in (1, -1):
        for v in n_vars_of:
            p = vm.pc[v]
            firsts = vm.start[p][vm.start[p] >= 0]
            k = len(pcs)
            rows.extend([v, *firsts.tolist()])
            cols.extend([k] * (1 + len(firsts)))
            data.extend([sign] * (1 + len(firsts)))
            pcs.append(p)
    steps = csc_matrix((np.array(data, float), (rows, cols)), shape=(n_vars, len(pcs)))
    return steps, np.array(pcs, dtype=np.int64)


def step_keys(steps: csc_matrix, holds: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Per step its effect on the published statistics: (group, gained, lost) for a
    pattern change (one +1 and one -1 entry), (-1, 1, 0) / (-1, 0, 1) for a household
    added / removed (the entry of a household count)."""
    steps = steps.tocsc()
    col = np.repeat(np.arange(steps.shape[1]), np.diff(steps.indptr))
    idx, val = steps.indices, steps.data
    dst = np.zeros(steps.shape[1], dtype=np.int64)
    src = np.zeros(steps.shape[1], dtype=np.int64)
    dst[col[val > 0]] = idx[val > 0]
    src[col[val < 0]] = idx[val < 0]
    keys = np.stack([group[dst], holds[dst] & ~holds[src], holds[src] & ~holds[dst]], axis=1)
    count = group[idx] < 0
    up = np.zeros(steps.shape[1], dtype=bool)
    up[col[count]] = val[count] > 0
    household = np.zeros(steps.shape[1], dtype=bool)
    household[col[count]] = True
    keys[household] = np.stack([np.full(household.sum(), -1), up[household],
                                ~up[household]], axis=1)
    return keys.astype(np.int64)


def chain_candidates(steps: csc_matrix, pcs: np.ndarray, keys: np.ndarray, room: np.ndarray,
                     areas: np.ndarray, loose: np.ndarray | None, short_parts: csr_matrix
                     ) -> tuple[csc_matrix, dict[int, np.ndarray]]:
    """Candidate cycles (one column each, a change of x) for the short parts, and per
    short part (row) the postcodes its cycles pass: where an exact solve for it should
    look, even if no cycle holds as it is.

    ``steps``: locally feasible steps (one column each) with their postcode, effect key
    (``step_keys``) and room (how full the atom they empty is); ``areas``: postcode-4
    and buurt per postcode;
    ``loose``: per postcode, level (postcode-4, buurt, wijk; the first two count here)
    and group, the bitmask of the statistics whose total there is hidden (the last
    group slot: the household count).
    """
    n = steps.shape[0]
    paths: dict[int, np.ndarray] = {}
    if steps.shape[1] == 0 or short_parts.shape[0] == 0:
        return csc_matrix((n, 0)), paths
    index = _Steps(pcs, keys, room, _nodes(pcs, keys, areas, loose))
    effect = (short_parts @ steps).tocsr()
    seen: set[tuple[int, ...]] = set()
    cols: list[list[int]] = []
    for r in range(effect.shape[0]):
        idx = effect.indices[effect.indptr[r]:effect.indptr[r + 1]]
        val = np.rint(effect.data[effect.indptr[r]:effect.indptr[r + 1]])
        visited: list[int] = []
        for sign in (1, -1):
            first = idx[val == sign]
            first = first[np.argsort(-room[first], kind="stable")][:STARTS]
            for k in first:
                for cycle in index.cycles(int(k), PER_START):
                    visited.extend(cycle)
                    key = tuple(sorted(cycle))
                    if key not in seen:
                        seen.add(key)
                        cols.append(cycle)
        if visited:
            paths[r] = np.unique(pcs[visited])
    if not cols:
        return csc_matrix((n, 0)), paths
    pick = np.concatenate([np.array(c) for c in cols])
    which = np.repeat(np.arange(len(cols)), [len(c) for c in cols])
    select = csc_matrix((np.ones(len(pick)), (pick, which)), shape=(steps.shape[1], len(cols)))
    return (steps @ select).tocsc(), paths


def _nodes(pcs: np.ndarray, keys: np.ndarray, areas: np.ndarray, loose: np.ndarray | None
           ) -> np.ndarray:
    """Per step its postcode-4 and buurt node: the area, or an open node where every
    statistic the step changes has a hidden total there (postcode-4: FREE; buurt: its
    wijk's open node, since buurten add up to their wijk)."""
    nodes = areas[pcs, :2].astype(np.int64).copy()
    if loose is None:
        return nodes
    arr = keys.reshape(-1, 3)
    slot = np.where(arr[:, 0] < 0, loose.shape[2] - 1, arr[:, 0])
    changed = arr[:, 1] | arr[:, 2]
    open_node = (FREE, FREE - 1 - areas[pcs, 2])
    for level in (0, 1):
        hidden = loose[pcs, level, slot]
        free = (changed & ~hidden) == 0
        nodes[free, level] = np.broadcast_to(open_node[level], len(pcs))[free]
    return nodes


class _Steps:
    """Steps indexed for the search: by effect (group, gained, lost), and per effect by
    the postcode-4 they leave from (a step *with* the effect runs postcode-4 -> buurt) or
    the buurt (a step with the opposite effect runs buurt -> postcode-4). Areas whose
    totals of the changed statistics are hidden are one node (``FREE``): a chain may
    leave through one and return through another. Sorted arrays, each (effect, area)
    list cut out when a search first asks for it: a large component has a million steps,
    and the searches ask for a fraction of them."""

    def __init__(self, pcs: np.ndarray, keys: np.ndarray, room: np.ndarray,
                 nodes: np.ndarray):
        self.pcs, self.nodes = pcs, nodes
        width = int(keys[:, 1:].max()) + 1 if len(keys) else 1
        group = keys[:, 0] + 1
        self.code = (group * width + keys[:, 1]) * width + keys[:, 2]
        reverse = (group * width + keys[:, 2]) * width + keys[:, 1]
        # Steps from a fuller atom first: they leave every insider's atom occupied.
        fuller = np.argsort(-room, kind="stable")
        self.sides = []
        for code, node in ((self.code, nodes[:, 0]), (reverse, nodes[:, 1])):
            order = fuller[np.lexsort((node[fuller], code[fuller]))]
            self.sides.append((code[order], node[order], order))
        self.cut: list[dict[tuple[int, int], list[int]]] = [{}, {}]

    def at(self, side: int, code: int, area: int) -> list[int]:
        """The steps with effect ``code`` leaving postcode-4 ``area`` (side 0), or with the
        opposite effect leaving buurt ``area`` (side 1), fullest atom first."""
        found = self.cut[side].get((code, area))
        if found is None:
            codes, nodes, order = self.sides[side]
            lo, hi = np.searchsorted(codes, code), np.searchsorted(codes, code, "right")
            a = lo + np.searchsorted(nodes[lo:hi], area)
            b = lo + np.searchsorted(nodes[lo:hi], area, "right")
            found = self.cut[side][(code, area)] = order[a:b].tolist()
        return found

    def cycles(self, first: int, count: int) -> list[list[int]]:
        """Up to ``count`` cycles starting with step ``first``, through distinct areas."""
        key = int(self.code[first])
        home, start = int(self.nodes[first, 0]), int(self.nodes[first, 1])
        out: list[list[int]] = []
        banned: set[tuple[int, int]] = set()
        for _ in range(count):
            path = self._search(key, self.pcs[first], start, home, banned)
            if path is None:
                break
            out.append([first] + path)
            banned.update(self._inner_nodes(path))
        return out

    def _search(self, key, p0: int, start: int, home: int, banned: set) -> list[int] | None:
        """Shortest alternating path buurt(start) -> ... -> postcode-4(home)."""
        parent: dict[tuple[int, int], tuple[tuple[int, int], int]] = {}
        begin = (1, start)  # (level: 0 postcode-4, 1 buurt; node)
        queue = deque([(begin, 0)])
        visited = {begin}
        while queue:
            node, depth = queue.popleft()
            if depth >= MAX_STEPS - 1:
                continue
            level, area = node
            for k in self.at(level, key, area):
                if self.pcs[k] == p0:
                    continue
                nxt = (0, int(self.nodes[k, 0])) if level == 1 else (1, int(self.nodes[k, 1]))
                if nxt in visited or nxt in banned:
                    continue
                visited.add(nxt)
                parent[nxt] = (node, k)
                if nxt == (0, home):
                    return self._trace(parent, nxt, begin)
                queue.append((nxt, depth + 1))
        return None

    @staticmethod
    def _trace(parent: dict, node: tuple[int, int], begin: tuple[int, int]) -> list[int]:
        path = []
        while node != begin:
            node, k = parent[node]
            path.append(k)
        return path[::-1]

    def _inner_nodes(self, path: list[int]) -> list[tuple[int, int]]:
        """The areas a cycle passes between its first and last step (open nodes stay
        open: every chain may use them)."""
        inner = [(0, int(self.nodes[k, 0])) for k in path[:-1]] + \
                [(1, int(self.nodes[k, 1])) for k in path[1:]]
        return [node for node in inner if node[1] >= 0]
