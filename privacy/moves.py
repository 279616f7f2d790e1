"""Cheap witnesses: small exchanges of households between atoms, checked exactly.

Most sensitive quantities are certified by a feasible solution a few households away
from the true data: one household of postcode p changes pattern (atom a -> b), and, so
that the areas' totals stay put, one household of a postcode q in the same postcode-4 or
buurt changes the other way (b -> a). Every candidate exchange — alone, paired and
doubled — is checked against every constraint of the component with sparse algebra; the
ones that hold are full feasible solutions, hence sound witnesses. Parts still short
then get long cycles through many postcodes (``chains``), checked the same way. They certify values
only: an exchange that fails proves nothing, and what they leave short goes to the exact
solver (``solver``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd
from scipy.sparse import csc_matrix, csr_matrix, hstack

from .chains import chain_candidates, household_steps, step_keys
from .witnesses import Witnesses

PARTNERS = 3  # partner postcodes tried per single exchange and level
COMPOSE = 4  # moves per still-short part and direction combined in pairs
COMPOSE_NEED = 3  # distinct values each part needs (the audit's minimum)
EPS = 1e-9
NEAR_RINGS = 5  # see ``_near``: a four-postcode cycle spans two rings, its candidates five


@dataclass
class VarMap:
    """Where each variable of a component sits: postcode (local index), group, atom."""

    pc: np.ndarray  # per variable: local postcode index
    group: np.ndarray  # per variable: column group, -1 for a household count
    atom: np.ndarray  # per variable: atom index within its group
    start: np.ndarray  # (local postcodes, groups): first variable of the node, -1 if none
    areas: np.ndarray  # (local postcodes, 3): postcode-4, buurt and wijk index
    holds: np.ndarray | None = None  # per variable: bitmask of the group statistics it counts in
    loose: np.ndarray | None = None  # (postcodes, 2, groups + 1): hidden totals, see chains


def _check(a: csr_matrix, r0: np.ndarray, lo: np.ndarray, hi: np.ndarray, x0: np.ndarray,
           lb: np.ndarray, ub: np.ndarray, d: csc_matrix) -> np.ndarray:
    """Bool per column of d: x0 + d satisfies every row of a and every bound."""
    ok = np.ones(d.shape[1], dtype=bool)
    if d.shape[1] == 0:
        return ok
    dc = d.tocoo()
    new = x0[dc.row] + dc.data
    ok[dc.col[(new < lb[dc.row] - EPS) | (new > ub[dc.row] + EPS)]] = False
    ad = (a @ d).tocoo()
    val = r0[ad.row] + ad.data
    ok[ad.col[(val < lo[ad.row] - EPS) | (val > hi[ad.row] + EPS)]] = False
    return ok


def _singles(vm: VarMap, x0: np.ndarray, widths: np.ndarray) -> pd.DataFrame:
    """Every change of one household's atom (a -> b) inside one postcode's group."""
    src = np.nonzero((vm.group >= 0) & (x0 >= 1))[0]
    w = widths[vm.group[src]]
    rep = np.repeat(src, w)
    offs = np.concatenate([np.arange(k) for k in w]) if len(w) else np.zeros(0, int)
    start = vm.start[vm.pc[rep], vm.group[rep]]
    dst = start + offs
    keep = dst != rep
    rep, dst = rep[keep], dst[keep]
    return pd.DataFrame({"src": rep, "dst": dst, "pc": vm.pc[rep], "g": vm.group[rep],
                         "a": vm.atom[rep], "b": vm.atom[dst]})


def _matrix(n_vars: int, plus: list[np.ndarray], minus: list[np.ndarray], scale: int = 1
            ) -> csc_matrix:
    m = len(plus[0])
    rows = np.concatenate(plus + minus)
    cols = np.tile(np.arange(m), len(plus) + len(minus))
    data = np.concatenate([np.full(m * len(plus), scale, float),
                           np.full(m * len(minus), -scale, float)])
    return csc_matrix((data, (rows, cols)), shape=(n_vars, m))


def _swaps(singles: pd.DataFrame, vm: VarMap) -> pd.DataFrame:
    """Two households of one postcode trade characteristics (a -> a minus e, c -> c plus
    e): every single and OR count of the postcode stays, only the AND-cells move — which
    exchanges with another postcode cannot do where the postcode's own counts are shown."""
    src, dst = singles["src"].to_numpy(), singles["dst"].to_numpy()
    s = singles.assign(plus=vm.holds[dst] & ~vm.holds[src], minus=vm.holds[src] & ~vm.holds[dst])
    right = s.rename(columns={"src": "src2", "dst": "dst2", "plus": "minus", "minus": "plus"}
                     )[["pc", "g", "plus", "minus", "src2", "dst2"]]
    both = s.merge(right, on=["pc", "g", "plus", "minus"])
    # Not a move undone (a -> b, b -> a), each pair once.
    both = both[(both["src"] < both["src2"]) & ~((both["dst"] == both["src2"])
                                                  & (both["dst2"] == both["src"]))]
    return both.groupby(["src", "dst"]).head(PARTNERS)[["src", "dst", "src2", "dst2"]]


def _pairs(singles: pd.DataFrame, vm: VarMap) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Exchange pairs (p: a -> b, q: b -> a) with q sharing a postcode-4 or buurt with p;
    and, for the cycles, every postcode-4 pair whose two postcodes lie in different buurten
    (in both orientations). Per single and kind, the ``PARTNERS`` partners with the
    lowest postcodes (above p's, where each pair is listed once)."""
    src, dst, pc, g, a, b = (singles[c].to_numpy() for c in ("src", "dst", "pc", "g", "a", "b"))
    if len(src) == 0:
        none = np.zeros(0, dtype=np.int64)
        return (pd.DataFrame({c: none for c in ("src", "dst", "src2", "dst2")}),
                pd.DataFrame({c: none for c in ("g", "a", "b", "pc4", "buurt", "buurt2", "src",
                                                "dst", "src2", "dst2")}))
    area = {"pc4": vm.areas[pc, 0], "buurt": vm.areas[pc, 1]}
    # A partner single has the same group and area and the atoms the other way round.
    width = int(max(a.max(), b.max())) + 1
    mine, theirs = (g * width + a) * width + b, (g * width + b) * width + a
    out, across = [], None
    for level, other in (("pc4", "buurt"), ("buurt", "pc4")):
        n_area = int(area[level].max()) + 1
        key_l, key_r = mine * n_area + area[level], theirs * n_area + area[level]
        if level == "pc4":
            left, right = _partners(key_l, key_r, pc, area[other], near=False, above=False)
            across = pd.DataFrame({"g": g[left], "a": a[left], "b": b[left],
                                   "pc4": area["pc4"][left], "buurt": area["buurt"][left],
                                   "buurt2": area["buurt"][right], "src": src[left],
                                   "dst": dst[left], "src2": src[right], "dst2": dst[right]})
        for near in (True, False):
            out.append(_partners(key_l, key_r, pc, area[other], near=near, above=True))
    left, right = (np.concatenate(side) for side in zip(*out))
    first = np.sort(np.unique(left * len(src) + right, return_index=True)[1])  # each once
    left, right = left[first], right[first]
    return pd.DataFrame({"src": src[left], "dst": dst[left], "src2": src[right],
                         "dst2": dst[right]}), across


def _partners(key_l: np.ndarray, key_r: np.ndarray, pc: np.ndarray, other: np.ndarray,
              near: bool, above: bool) -> tuple[np.ndarray, np.ndarray]:
    """Per single (left), its first ``PARTNERS`` partner singles (right) by postcode: the
    same key, another postcode (a higher one if ``above``), in the same ``other`` area
    if ``near``, else in another. Returns (left rows, right rows), by left row."""
    n_pc = int(pc.max()) + 2
    order = np.argsort(key_r * n_pc + pc, kind="stable")
    ranked = (key_r * n_pc + pc)[order]
    pos = np.searchsorted(ranked, key_l * n_pc + (pc + 1 if above else 0))
    end = np.searchsorted(ranked, (key_l + 1) * n_pc)
    left, right = _walk(order, pos, end, lambda i, j: (pc[j] != pc[i])
                        & ((other[j] == other[i]) == near))
    by_left = np.lexsort((pc[right], left))
    return left[by_left], right[by_left]


def _walk(order: np.ndarray, pos: np.ndarray, end: np.ndarray,
          ok: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Per left row i, the first ``PARTNERS`` right rows ``order[pos[i]:end[i]]`` that
    ``ok(i, j)`` accepts. Every row's candidates are walked in step, all rows at once:
    the walks are short, the rows many."""
    pos = pos.copy()
    taken = np.zeros(len(pos), dtype=np.int64)
    lefts, rights = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    active = np.nonzero(pos < end)[0]
    while len(active):
        right = order[pos[active]]
        good = ok(active, right)
        lefts.append(active[good])
        rights.append(right[good])
        taken[active[good]] += 1
        pos[active] += 1
        active = active[(pos[active] < end[active]) & (taken[active] < PARTNERS)]
    return np.concatenate(lefts), np.concatenate(rights)


def _cycles(across: pd.DataFrame) -> pd.DataFrame:
    """Four-postcode cycles: p (postcode-4 A, buurt X) a -> b, q (A, Y) b -> a,
    r (B, Y) a -> b, s (B, X) b -> a. Every postcode-4 and buurt total stays put, so a
    postcode alone in its postcode-4 and buurt still gets witnesses."""
    cols = {c: across[c].to_numpy() for c in across.columns}
    out = ["src", "dst", "src2", "dst2", "src3", "dst3", "src4", "dst4"]
    if len(across) == 0:
        return pd.DataFrame({c: np.zeros(0, dtype=np.int64) for c in out})
    # (r, s) continues (p, q) when it has the same group and atoms, r in q's buurt and s
    # in p's: its own key with the two buurten swapped.
    width = int(max(cols["a"].max(), cols["b"].max())) + 1
    n_buurt = int(max(cols["buurt"].max(), cols["buurt2"].max())) + 1
    atoms = ((cols["g"] * width + cols["a"]) * width + cols["b"]) * n_buurt
    key_l = (atoms + cols["buurt"]) * n_buurt + cols["buurt2"]
    key_r = (atoms + cols["buurt2"]) * n_buurt + cols["buurt"]
    order = np.argsort(key_r, kind="stable")
    ranked = key_r[order]
    pos, end = np.searchsorted(ranked, key_l), np.searchsorted(ranked, key_l, side="right")
    pc4, src = cols["pc4"], cols["src"]
    left, right = _walk(order, pos, end, lambda i, j: (pc4[j] != pc4[i]) & (src[i] < src[j]))
    by_left = np.lexsort((right, left))
    left, right = left[by_left], right[by_left]
    return pd.DataFrame(dict(zip(out, (src[left], cols["dst"][left], cols["src2"][left],
                                       cols["dst2"][left], src[right], cols["dst"][right],
                                       cols["src2"][right], cols["dst2"][right]))))


def move_witnesses(a: csr_matrix, lo: np.ndarray, hi: np.ndarray, x0: np.ndarray,
                   lb: np.ndarray, ub: np.ndarray, vm: VarMap, widths: np.ndarray,
                   wit: Witnesses, reach: dict | None = None,
                   presence: np.ndarray | None = None) -> int:
    """Add every feasible single, paired and doubled exchange that moves a part the audit
    still asks about as a witness; return how many were feasible. ``reach``, if given,
    receives per still-short part the local postcodes its long cycles pass;
    ``presence``: the parts whose witnessed minimum matters too (see
    ``Witnesses.settled``)."""
    n = len(x0)
    r0 = a @ x0
    singles = _singles(vm, x0, widths)
    near = _near(vm, wit, _open_parts(wit, presence))
    if near is not None:
        singles = singles[near[singles["pc"].to_numpy()]].reset_index(drop=True)
    if singles.empty:
        return 0
    swaps = _swaps(singles, vm) if vm.holds is not None else None
    # Postcode-local rows first: an exchange that breaks its own postcode never pairs.
    row_pc = _row_postcode(a, vm.pc)
    local = row_pc >= 0
    d1 = _matrix(n, [singles["dst"].to_numpy()], [singles["src"].to_numpy()])
    ok_local = _check(a[local], r0[local], lo[local], hi[local], x0, lb, ub, d1)
    singles = singles[ok_local].reset_index(drop=True)
    d1 = d1[:, np.nonzero(ok_local)[0]]
    pairs, across = _pairs(singles, vm)
    cycles = _cycles(across)
    # Moves of parts settled already are dropped before they become matrices (a later
    # round has few open parts); ``keep`` drops those settled on the way.
    touch = _support(wit, _open_parts(wit, presence))
    pairs, cycles = (frame[touch[frame.to_numpy()].any(axis=1)] for frame in (
        pairs, cycles[["src", "dst", "src2", "dst2", "src3", "dst3", "src4", "dst4"]]))
    if swaps is not None:
        swaps = swaps[touch[swaps.to_numpy()].any(axis=1)]
    d2 = _matrix(n, [pairs["dst"].to_numpy(), pairs["dst2"].to_numpy()],
                 [pairs["src"].to_numpy(), pairs["src2"].to_numpy()])
    d4 = _matrix(n, [cycles[c].to_numpy() for c in ("dst", "dst2", "dst3", "dst4")],
                 [cycles[c].to_numpy() for c in ("src", "src2", "src3", "src4")])
    found, feasible = 0, []

    def keep(d: csc_matrix) -> None:
        """Register the feasible moves of d and of d doubled; keep the single ones. Only
        moves of parts not yet settled are checked: most parts are settled by the
        single exchanges, and the pairs are many."""
        nonlocal found
        open_parts = _open_parts(wit, presence)
        d = _touching(d, _support(wit, open_parts))
        d = d[:, np.nonzero(_check(a, r0, lo, hi, x0, lb, ub, d))[0]]
        feasible.append(d)
        twice = d * 2
        for moves in (d, twice[:, np.nonzero(_check(a, r0, lo, hi, x0, lb, ub, twice))[0]]):
            found += moves.shape[1]
            _register(wit, moves, x0, open_parts)

    for d in (d1, d2, d4):
        keep(d)
    if swaps is not None and len(swaps):
        keep(_matrix(n, [swaps["dst"].to_numpy(), swaps["dst2"].to_numpy()],
                     [swaps["src"].to_numpy(), swaps["src2"].to_numpy()]))
    short = wit.short_parts(COMPOSE_NEED)
    if vm.holds is not None and short:
        cycles, paths = _cycle_moves(a, lo, hi, r0, x0, lb, ub, vm, d1, wit.parts[short],
                                     near)
        if reach is not None:
            reach.update({short[r]: pcs for r, pcs in paths.items()})
        keep(cycles)
    both = _compositions(wit, hstack(feasible, format="csc"), x0)
    ok = _check(a, r0, lo, hi, x0, lb, ub, both)
    both = both[:, np.nonzero(ok)[0]]
    _register(wit, both, x0)
    found += both.shape[1]
    return found


def _open_parts(wit: Witnesses, presence: np.ndarray | None) -> np.ndarray:
    """The parts not yet settled (``Witnesses.settled``)."""
    return np.nonzero(~wit.settled(COMPOSE_NEED, presence))[0]


def _near(vm: VarMap, wit: Witnesses, parts: np.ndarray) -> np.ndarray | None:
    """Per local postcode: within ``NEAR_RINGS`` rings (postcodes sharing a postcode-4 or
    buurt) of a postcode one of ``parts`` counts in; None where that is most of them.
    Every single, paired, four-postcode and swapped exchange that moves one of the parts
    lies there, and so do the partners the others would have been chosen from: a later
    round, with few parts open, builds the same moves for them from a fraction of the
    town. Long cycles for those parts are sought there too."""
    n_pc = vm.areas.shape[0]
    mask = np.zeros(n_pc, dtype=bool)
    mask[vm.pc[wit.parts[parts].indices]] = True
    for _ in range(NEAR_RINGS):
        if mask.sum() * 2 > n_pc:
            return None
        mask |= np.isin(vm.areas[:, 0], vm.areas[mask, 0]) | \
            np.isin(vm.areas[:, 1], vm.areas[mask, 1])
    return None if mask.sum() * 2 > n_pc else mask


def _support(wit: Witnesses, parts: np.ndarray) -> np.ndarray:
    """Per variable: counted by one of ``parts``."""
    touch = np.zeros(wit.parts.shape[1], dtype=bool)
    touch[wit.parts[parts].indices] = True
    return touch


def _touching(d: csc_matrix, touch: np.ndarray) -> csc_matrix:
    """The moves that change a variable some part counts: the others certify nothing (a
    later audit round, with few parts left, checks a fraction of the exchanges)."""
    hit = np.zeros(d.shape[1], dtype=bool)
    dc = d.tocoo()
    hit[dc.col[touch[dc.row]]] = True
    return d[:, np.nonzero(hit)[0]]


def _cycle_moves(a, lo, hi, r0, x0, lb, ub, vm: VarMap, d1: csc_matrix,
                 short_parts: csr_matrix, near: np.ndarray | None = None
                 ) -> tuple[csc_matrix, dict[int, np.ndarray]]:
    """Long cycles for the short parts, from the locally feasible single exchanges and
    household additions/removals (in the ``near`` postcodes, if given)."""
    hh, hh_pc = household_steps(vm, x0, near)
    local = _row_postcode(a, vm.pc) >= 0
    ok = _check(a[local], r0[local], lo[local], hi[local], x0, lb, ub, hh)
    hh, hh_pc = hh[:, np.nonzero(ok)[0]], hh_pc[ok]
    steps = hstack([d1, hh], format="csc")
    pcs = np.r_[vm.pc[d1.indices[d1.indptr[:-1]]], hh_pc]
    dc = steps.tocoo()
    emptied_from = np.full(steps.shape[1], np.inf)
    neg = dc.data < 0
    np.minimum.at(emptied_from, dc.col[neg], x0[dc.row[neg]])
    room = np.where(np.isinf(emptied_from), x0.max() + 1, emptied_from)  # adding empties none
    return chain_candidates(steps, pcs, step_keys(steps, vm.holds, vm.group), room,
                            vm.areas, vm.loose, short_parts)


def _compositions(wit: Witnesses, moves: csc_matrix, x0: np.ndarray) -> csc_matrix:
    """Sums of two feasible moves that shift a still-short part the same way: the
    second step (+-2) that a third value, or an insider's view, often needs. Moves that
    leave every occupied atom occupied come first: they serve every insider."""
    short = wit.short_parts(COMPOSE_NEED)
    if not short or moves.shape[1] == 0:
        return csc_matrix((moves.shape[0], 0))
    dc = moves.tocoo()
    empties = np.zeros(moves.shape[1], dtype=bool)
    empties[dc.col[(x0[dc.row] + dc.data < 0.5) & wit.cand_mask[dc.row]]] = True
    effects = (wit.parts[short] @ moves).tocsr()
    chosen = set()
    for r in range(effects.shape[0]):
        cols = effects.indices[effects.indptr[r]:effects.indptr[r + 1]]
        vals = effects.data[effects.indptr[r]:effects.indptr[r + 1]]
        for sign in (1, -1):
            same = cols[np.rint(vals) == sign]
            same = same[np.argsort(empties[same], kind="stable")][:COMPOSE]
            chosen.update((int(m1), int(m2)) for k, m1 in enumerate(same)
                          for m2 in same[k + 1:])
    if not chosen:
        return csc_matrix((moves.shape[0], 0))
    first, second = (np.array(c) for c in zip(*sorted(chosen)))
    return (moves[:, first] + moves[:, second]).tocsc()


def _row_postcode(a: csr_matrix, var_pc: np.ndarray) -> np.ndarray:
    """Per row: its postcode if every variable of the row is in one postcode, else -1."""
    pcs = var_pc[a.indices]
    starts = a.indptr[:-1]
    nonempty = np.diff(a.indptr) > 0
    lo = np.full(a.shape[0], -1)
    hi = np.full(a.shape[0], -2)
    if len(pcs):
        lo[nonempty] = np.minimum.reduceat(pcs, starts[nonempty])
        hi[nonempty] = np.maximum.reduceat(pcs, starts[nonempty])
    return np.where(lo == hi, lo, -1)


def _register(wit: Witnesses, moves: csc_matrix, x0: np.ndarray,
              parts: np.ndarray | None = None) -> None:
    """Note each move's value for every part it changes (of ``parts``, if given)."""
    if moves.shape[1] == 0:
        return
    effects = ((wit.parts if parts is None else wit.parts[parts]) @ moves).tocoo()
    keep = np.rint(effects.data) != 0
    rows, cols = effects.row[keep], effects.col[keep]
    if parts is not None:
        rows = parts[rows]
    vals = wit.true_vals[rows] + np.rint(effects.data[keep]).astype(np.int64)
    dc = moves.tocoo()
    gone = (x0[dc.row] + dc.data < 0.5) & wit.cand_mask[dc.row]
    emptied: dict[int, list[int]] = {}
    for m, var in zip(dc.col[gone].tolist(), dc.row[gone].tolist()):
        emptied.setdefault(m, []).append(var)
    universal = np.ones(moves.shape[1], dtype=bool)
    universal[dc.col[gone]] = False
    if len(rows) == 0:
        return
    vmin = int(vals.min())
    key = rows.astype(np.int64) * (int(vals.max()) - vmin + 1) + (vals - vmin)
    order = np.argsort(key, kind="stable")
    key, rows, cols, vals = key[order], rows[order], cols[order], vals[order]
    first = np.r_[0, np.nonzero(np.diff(key))[0] + 1]
    any_univ = np.maximum.reduceat(universal[cols].astype(np.int8), first) > 0
    bounds = np.r_[first, len(key)]
    for k, start in enumerate(first.tolist()):
        i, v = int(rows[start]), int(vals[start])
        if any_univ[k]:
            wit.note(i, v, frozenset())
            continue
        blocked = None
        for m in cols[start:bounds[k + 1]].tolist():
            sset = frozenset(emptied[m])
            blocked = sset if blocked is None else blocked & sset
            if not blocked:
                break
        wit.note(i, v, blocked)
