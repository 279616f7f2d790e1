"""Cheap witnesses: small exchanges of households between atoms, checked exactly.

Most sensitive quantities are certified by a feasible solution a few households away
from the true data. The candidate exchanges (``exchanges``: single, paired, four-postcode
and swapped) are checked here against every constraint of the component with sparse
algebra — alone and doubled; the ones that hold are full feasible solutions, hence sound
witnesses. Parts still short then get long cycles through many postcodes (``chains``),
checked the same way. They certify values only: an exchange that fails proves nothing,
and what they leave short goes to the exact solver (``solver``).
"""
from __future__ import annotations

import numpy as np
from scipy.sparse import csc_matrix, csr_matrix, hstack

from . import exchanges
from .chains import chain_candidates, household_steps, step_keys
from .exchanges import VarMap
from .terms import segment_index
from .witnesses import Witnesses

COMPOSE = 6  # moves per still-short part and direction that touch no common variable ...
COMPOSE_TOP = 12  # ... and the first moves as ranked; all of them combined in pairs
COMPOSE_NEED = 3  # distinct values each part needs (the audit's minimum)
EPS = 1e-9
NEAR_RINGS = 5  # see ``_near``: a four-postcode cycle spans two rings, its candidates five


def satisfied(a: csr_matrix, r0: np.ndarray, lo: np.ndarray, hi: np.ndarray, x0: np.ndarray,
              lb: np.ndarray, ub: np.ndarray, d: csc_matrix) -> np.ndarray:
    """Bool per column of d: x0 + d satisfies every row of a and every bound."""
    ok = np.ones(d.shape[1], dtype=bool)
    if d.shape[1] == 0:
        return ok
    dc = d.tocoo()
    new = x0[dc.row] + dc.data
    ok[dc.col[(new < lb[dc.row] - EPS) | (new > ub[dc.row] + EPS)]] = False
    # Only rows whose room is less than a move can shift them (most are not: a single
    # exchange shifts a row by one at most, and 72 % of a large component's entries sit
    # in rows with room for two).
    reach = np.abs(a.data).max(initial=0) * np.bincount(dc.col, np.abs(dc.data)).max(initial=0)
    tight = np.nonzero(np.minimum(r0 - lo, hi - r0) < reach)[0]
    if len(tight) < a.shape[0]:
        a, r0, lo, hi = a[tight], r0[tight], lo[tight], hi[tight]
    ad = (a @ d).tocoo()
    val = r0[ad.row] + ad.data
    ok[ad.col[(val < lo[ad.row] - EPS) | (val > hi[ad.row] + EPS)]] = False
    return ok


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
    singles = exchanges.singles(vm, x0, widths)
    near = _near(vm, wit, _open_parts(wit, presence))
    if near is not None:
        singles = singles[near[singles["pc"].to_numpy()]].reset_index(drop=True)
    if singles.empty:
        return 0
    swaps = exchanges.swaps(singles, vm) if vm.holds is not None else None
    # Postcode-local rows first: an exchange that breaks its own postcode never pairs.
    row_pc = _row_postcode(a, vm.pc)
    local = row_pc >= 0
    d1 = exchanges.matrix(n, [singles["dst"].to_numpy()], [singles["src"].to_numpy()])
    ok_local = satisfied(a[local], r0[local], lo[local], hi[local], x0, lb, ub, d1)
    singles = singles[ok_local].reset_index(drop=True)
    d1 = d1[:, np.nonzero(ok_local)[0]]
    pairs, across = exchanges.pairs(singles, vm)
    cycles = exchanges.cycles(across)
    # Moves of parts settled already are dropped before they become matrices (a later
    # round has few open parts); ``keep`` drops those settled on the way.
    touch = _support(wit, _open_parts(wit, presence))
    pairs, cycles = (frame[touch[frame.to_numpy()].any(axis=1)] for frame in (
        pairs, cycles[["src", "dst", "src2", "dst2", "src3", "dst3", "src4", "dst4"]]))
    if swaps is not None:
        swaps = swaps[touch[swaps.to_numpy()].any(axis=1)]
    d2 = exchanges.matrix(n, [pairs["dst"].to_numpy(), pairs["dst2"].to_numpy()],
                 [pairs["src"].to_numpy(), pairs["src2"].to_numpy()])
    d4 = exchanges.matrix(n, [cycles[c].to_numpy() for c in ("dst", "dst2", "dst3", "dst4")],
                 [cycles[c].to_numpy() for c in ("src", "src2", "src3", "src4")])
    found, feasible = 0, []

    def keep(d: csc_matrix) -> None:
        """Register the feasible moves of d and of d doubled; keep the single ones. Only
        moves of parts not yet settled are checked: most parts are settled by the
        single exchanges, and the pairs are many."""
        nonlocal found
        open_parts = _open_parts(wit, presence)
        d = _touching(d, _support(wit, open_parts))
        d = d[:, np.nonzero(satisfied(a, r0, lo, hi, x0, lb, ub, d))[0]]
        feasible.append(d)
        twice = d * 2
        for moves in (d, twice[:, np.nonzero(satisfied(a, r0, lo, hi, x0, lb, ub, twice))[0]]):
            found += moves.shape[1]
            _register(wit, moves, x0, open_parts)

    for d in (d1, d2, d4):
        keep(d)
    if swaps is not None and len(swaps):
        keep(exchanges.matrix(n, [swaps["dst"].to_numpy(), swaps["dst2"].to_numpy()],
                     [swaps["src"].to_numpy(), swaps["src2"].to_numpy()]))
    short = wit.short_parts(COMPOSE_NEED)
    if vm.holds is not None and short:
        cycles, paths = _cycle_moves(a, lo, hi, r0, x0, lb, ub, vm, d1, wit.parts[short],
                                     near)
        if reach is not None:
            reach.update({short[r]: pcs for r, pcs in paths.items()})
        keep(cycles)
    both = _compositions(wit, hstack(feasible, format="csc"), x0)
    ok = satisfied(a, r0, lo, hi, x0, lb, ub, both)
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
    ok = satisfied(a[local], r0[local], lo[local], hi[local], x0, lb, ub, hh)
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
    second step (+-2) that a third value, or an insider's view, often needs. Per part
    and direction the moves are ranked, those that leave every occupied atom occupied
    first (they serve every insider). The first ``COMPOSE_TOP`` are combined, and with
    them the first ``COMPOSE`` that touch no variable an earlier one of those touches:
    the first ones often leave the same atom, where one household is left, or push the
    same published OR, which has room for one. (At Amsterdam's size, cell-key, the
    parts left short for the exact search: 7,540 with the first four alone, 6,078 with
    six apart, 3,718 with both.)"""
    short = wit.short_parts(COMPOSE_NEED)
    if not short or moves.shape[1] == 0:
        return csc_matrix((moves.shape[0], 0))
    dc = moves.tocoo()
    empties = np.zeros(moves.shape[1], dtype=bool)
    empties[dc.col[_emptying(wit, dc, x0)]] = True
    effects = (wit.parts[short] @ moves).tocsr()
    n_moves = moves.shape[1]
    chosen = []  # pairs, coded lower * n_moves + higher (each pair once)
    for r in range(effects.shape[0]):
        cols = effects.indices[effects.indptr[r]:effects.indptr[r + 1]]
        vals = effects.data[effects.indptr[r]:effects.indptr[r + 1]]
        for sign in (1, -1):
            same = cols[np.rint(vals) == sign]
            ranked = same[np.argsort(empties[same], kind="stable")]
            picked = _apart(moves, ranked)
            picked = np.array(picked + [m for m in ranked[:COMPOSE_TOP].tolist()
                                        if m not in picked], dtype=np.int64)
            one, two = np.triu_indices(len(picked), 1)
            chosen.append(np.minimum(picked[one], picked[two]) * n_moves
                          + np.maximum(picked[one], picked[two]))
    codes = np.unique(np.concatenate(chosen)) if chosen else np.zeros(0, dtype=np.int64)
    if len(codes) == 0:
        return csc_matrix((moves.shape[0], 0))
    return (moves[:, codes // n_moves] + moves[:, codes % n_moves]).tocsc()


def _apart(moves: csc_matrix, ranked: np.ndarray) -> list[int]:
    """The first ``COMPOSE`` moves of ``ranked`` whose variables no earlier pick moves."""
    picked: list[int] = []
    used: set[int] = set()
    for m in ranked.tolist():
        touched = moves.indices[moves.indptr[m]:moves.indptr[m + 1]].tolist()
        if used.isdisjoint(touched):
            picked.append(m)
            used.update(touched)
            if len(picked) == COMPOSE:
                break
    return picked


def _emptying(wit: Witnesses, dc, x0: np.ndarray) -> np.ndarray:
    """Per entry of moves (``dc``, as coordinates): it empties an occupied atom, which
    an insider known to sit there rules out."""
    return (x0[dc.row] + dc.data < 0.5) & wit.cand_mask[dc.row]


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
    """Note each move's value for every part it changes (of ``parts``, if given): per
    (part, value), the occupied atoms that every move giving it empties (none, where
    one move empties none: that value serves every insider)."""
    if moves.shape[1] == 0:
        return
    effects = ((wit.parts if parts is None else wit.parts[parts]) @ moves).tocoo()
    keep = np.rint(effects.data) != 0
    rows, cols = effects.row[keep], effects.col[keep]
    if parts is not None:
        rows = parts[rows]
    if len(rows) == 0:
        return
    vals = wit.true_vals[rows] + np.rint(effects.data[keep]).astype(np.int64)
    vmin = int(vals.min())
    key = rows.astype(np.int64) * (int(vals.max()) - vmin + 1) + (vals - vmin)
    order = np.argsort(key, kind="stable")
    key, rows, cols, vals = key[order], rows[order], cols[order], vals[order]
    first = np.r_[0, np.nonzero(np.diff(key))[0] + 1]
    size = np.diff(np.r_[first, len(key)])  # moves per (part, value)
    # The occupied atoms each move empties, as segments by move.
    dc = moves.tocoo()
    gone = _emptying(wit, dc, x0)
    by_move = np.argsort(dc.col[gone], kind="stable")
    gone_atoms = dc.row[gone][by_move]
    ptr = np.searchsorted(dc.col[gone][by_move], np.arange(moves.shape[1] + 1))
    # Per (part, value) and atom: how many of its moves empty that atom; blocked where
    # all of them do. All at once: a large component's first round notes a million.
    emptied = np.diff(ptr)[cols]
    at_key = np.repeat(np.repeat(np.arange(len(first)), size), emptied)
    atom = gone_atoms[segment_index(ptr[cols], emptied)]
    pair, count = np.unique(at_key * len(x0) + atom, return_counts=True)
    pair = pair[count == size[pair // len(x0)]]
    blocked_key, blocked_atom = pair // len(x0), pair % len(x0)
    split = np.searchsorted(blocked_key, np.arange(len(first) + 1))
    atoms_of = blocked_atom.tolist()
    for i, v, lo, hi in zip(rows[first].tolist(), vals[first].tolist(), split[:-1].tolist(),
                            split[1:].tolist()):
        wit.note(i, v, frozenset(atoms_of[lo:hi]))
