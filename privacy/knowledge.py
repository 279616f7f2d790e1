"""What an attacker knows about each cell from a release and from public data.

Per level, bounds on every cell's value (``lo``, ``hi``) and on denominator minus value
(``clo``, ``chi``). A status is itself information (A12: the rules are public):
"primary" means 0..T-1; "complement" means denominator - value in 0..T-1 and a value of
at least T (the primary rule did not fire); "published" also means denominator - value
of at least T (the complement rule did not fire); "secondary" means the value would have
been publishable alone (T..denominator-T) — in a suppression release; in a cell-key
release it bounds nothing. "Suppressed" (a reason withheld) bounds nothing. A perturbed
value means any true value the perturbation table can map to it. Public auxiliaries: CBS
household counts per postcode-6 (rounded to the nearest 5, so five possible values), the
exact municipal total.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd

from .release_io import LEVELS
from .rules import COMPLEMENT, PERTURBED, PRIMARY, PUBLISHED, SECONDARY

INF = np.inf


@dataclass
class Knowledge:
    lo: dict[str, np.ndarray]
    hi: dict[str, np.ndarray]
    clo: dict[str, np.ndarray]
    chi: dict[str, np.ndarray]
    # Per postcode: CBS publishes its household count (so that count is not a secret).
    public_households: np.ndarray | None = None

    def fixed(self, level: str) -> np.ndarray:
        return self.lo[level] == self.hi[level]

    def intersect(self, other: "Knowledge") -> "Knowledge":
        def both(a, b, f):
            return {lv: f(a[lv], b[lv]) for lv in LEVELS}
        public = [k.public_households for k in (self, other) if k.public_households is not None]
        return Knowledge(both(self.lo, other.lo, np.maximum), both(self.hi, other.hi, np.minimum),
                         both(self.clo, other.clo, np.maximum),
                         both(self.chi, other.chi, np.minimum),
                         np.logical_or.reduce(public) if public else None)


def empty_knowledge(shapes: dict[str, tuple[int, int]]) -> Knowledge:
    return Knowledge({lv: np.full(s, -INF) for lv, s in shapes.items()},
                     {lv: np.full(s, INF) for lv, s in shapes.items()},
                     {lv: np.full(s, -INF) for lv, s in shapes.items()},
                     {lv: np.full(s, INF) for lv, s in shapes.items()})


def knowledge_from_release(codes: dict[str, np.ndarray], shown: dict[str, np.ndarray],
                           threshold: int, den_column: int,
                           inverse_ptable: Callable[[int], tuple[int, int]] | None = None,
                           complement_rule: bool = True) -> Knowledge:
    """Bounds implied by statuses and shown values (``shown`` is NaN where hidden; a code
    below 0 is a cell the release does not hold). ``complement_rule``: the release was
    built with it (a test's broken variant is not)."""
    know = empty_knowledge({lv: c.shape for lv, c in codes.items()})
    t = threshold
    for lv, code in codes.items():
        lo, hi, clo, chi = know.lo[lv], know.hi[lv], know.clo[lv], know.chi[lv]
        lo[:] = 0
        clo[:] = 0
        pub = code == PUBLISHED
        lo[pub] = shown[lv][pub]
        hi[pub] = shown[lv][pub]
        hi[code == PRIMARY] = t - 1
        chi[code == COMPLEMENT] = t - 1
        if inverse_ptable is None:  # suppression: the statuses follow the public rules
            sec = code == SECONDARY
            lo[sec] = t
            clo[sec] = t  # the denominator column is reset below: it has no complement
            if complement_rule:
                clo[pub] = t
                lo[code == COMPLEMENT] = t
        # In a cell-key release "secondary" is a repair of the audit's and bounds nothing.
        pert = code == PERTURBED
        if pert.any():
            if inverse_ptable is None:
                raise ValueError("perturbed cells need the perturbation table")
            # The interval depends on the shown value only: once per distinct value.
            values, which = np.unique(shown[lv][pert].astype(np.int64), return_inverse=True)
            bounds = np.array([inverse_ptable(int(v)) for v in values], dtype=float)
            lo[pert], hi[pert] = bounds[which, 0], bounds[which, 1]
        clo[:, den_column] = -INF
        chi[:, den_column] = INF
    return know


def add_public(know: Knowledge, true_values: dict[str, np.ndarray], den_column: int,
               postcodes: np.ndarray, cbs_households: pd.Series | None) -> Knowledge:
    """Add public auxiliaries: exact municipal households, CBS intervals per postcode."""
    know.lo["gemeente"][:, den_column] = true_values["gemeente"][:, den_column]
    know.hi["gemeente"][:, den_column] = true_values["gemeente"][:, den_column]
    if cbs_households is not None:
        cbs = pd.Series(cbs_households)
        cbs.index = cbs.index.astype(str)
        base = cbs.reindex(postcodes).to_numpy(dtype=float)
        true_n = true_values["postcode6"][:, den_column].astype(float)
        # CBS rounds to the nearest multiple of 5, and shows at least 5 (so 5 also means
        # 1..7). Where the truth is outside (CBS lags a year), that belief is false and
        # cannot pin anything.
        lo = np.where(base == 5, 1, base - 2)
        hi = base + 2
        known = ~np.isnan(base) & (true_n >= lo) & (true_n <= hi)
        lo = np.where(known, lo, -INF)
        hi = np.where(known, hi, INF)
        know.public_households = ~np.isnan(base)
        col = know.lo["postcode6"][:, den_column]
        know.lo["postcode6"][:, den_column] = np.maximum(col, lo)
        col = know.hi["postcode6"][:, den_column]
        know.hi["postcode6"][:, den_column] = np.minimum(col, hi)
    return know
