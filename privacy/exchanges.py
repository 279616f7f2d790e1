"""Candidate exchanges of households, before any check: which small changes of the true
data might keep every published total (``moves`` checks them exactly).

A single exchange moves one household of a postcode from atom a to atom b; a pair adds
the opposite move in a postcode sharing a postcode-4 or buurt; a four-postcode cycle
closes through two postcode-4 areas and two buurten; a swap trades characteristics
between two households of one postcode.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd
from scipy.sparse import csc_matrix

PARTNERS = 3  # partner postcodes tried per single exchange and level


@dataclass
class VarMap:
    """Where each variable of a component sits: postcode (local index), group, atom."""

    pc: np.ndarray  # per variable: local postcode index
    group: np.ndarray  # per variable: column group, -1 for a household count
    atom: np.ndarray  # per variable: atom index within its group
    start: np.ndarray  # (local postcodes, groups): first variable of the node, -1 if none
    areas: np.ndarray  # (local postcodes, 3): postcode-4, buurt and wijk index
    holds: np.ndarray | None = None  # per variable: bitmask of the group statistics it counts in
    loose: np.ndarray | None = None  # (postcodes, 3 levels, groups + 1): hidden totals, see chains


def singles(vm: VarMap, x0: np.ndarray, widths: np.ndarray) -> pd.DataFrame:
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


def matrix(n_vars: int, plus: list[np.ndarray], minus: list[np.ndarray], scale: int = 1
            ) -> csc_matrix:
    m = len(plus[0])
    rows = np.concatenate(plus + minus)
    cols = np.tile(np.arange(m), len(plus) + len(minus))
    data = np.concatenate([np.full(m * len(plus), scale, float),
                           np.full(m * len(minus), -scale, float)])
    return csc_matrix((data, (rows, cols)), shape=(n_vars, m))


def swaps(singles: pd.DataFrame, vm: VarMap) -> pd.DataFrame:
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


def pairs(singles: pd.DataFrame, vm: VarMap) -> tuple[pd.DataFrame, pd.DataFrame]:
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


def cycles(across: pd.DataFrame) -> pd.DataFrame:
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
