"""The feasible solutions found so far, kept per part as values and who may see them.

A witness is any full feasible solution of a component. For each part (a sensitive
quantity's share of the component) only the distinct values matter, and for each value
the insider atoms that *no* witness of that value keeps non-empty ("blocked"): an insider
who knows a household sits in atom ``a`` only accepts witnesses where ``a`` still holds
one. Witnesses are stored by their effect, not as vectors, so hundreds of thousands of
cheap witnesses (``moves``) cost little memory.
"""
from __future__ import annotations

import copy
from collections import Counter

import numpy as np
from scipy.sparse import csc_matrix, csr_matrix

_UNIVERSAL: frozenset = frozenset()


class Witnesses:
    def __init__(self, parts: csr_matrix, true_x: np.ndarray, insider_atoms: np.ndarray):
        self.parts = parts
        self.parts_csc = csc_matrix(parts)
        self.true_x = true_x
        self.cand = np.asarray(insider_atoms)
        self.cand_mask = np.zeros(len(true_x), dtype=bool)
        self.cand_mask[self.cand] = True
        self.true_vals = np.rint(parts @ true_x).astype(np.int64)
        self.by_part: list[dict[int, frozenset]] = [{int(v): _UNIVERSAL}
                                                    for v in self.true_vals]
        self.minimum = self.true_vals.astype(float)
        # Per part: its values that serve every insider (none blocked) — kept as notes
        # arrive, so the settled parts of a large component are found without a loop.
        self.universal = np.ones(len(self.by_part), dtype=np.int64)
        self.log: list | None = None  # see ``copy``
        self.private: set[int] | None = None  # parts whose dict is this object's own
        # (None: all of them); the others are shared with a copy, and copied before a write

    def note(self, i: int, value: int, blocked: frozenset) -> None:
        seen = self.by_part[i]
        if self.private is not None and i not in self.private:
            seen = self.by_part[i] = dict(seen)
            self.private.add(i)
        old = seen.get(value)
        now = seen[value] = blocked if old is None else (old & blocked)
        if not now and (old is None or old):
            self.universal[i] += 1
        if value < self.minimum[i]:
            self.minimum[i] = value

    def add(self, x: np.ndarray, scope: np.ndarray | None = None) -> None:
        """A full feasible solution; ``scope``: the only variables where it may differ
        from the truth (so the rest need not be compared)."""
        found = self.effect(x, scope)
        if found is not None:
            self.apply(*found)

    def effect(self, x: np.ndarray, scope: np.ndarray | None = None) -> tuple | None:
        """What a solution shows, small enough to send between processes: the variables
        it moves, by how much, and the insider atoms it empties. None: it moves nothing."""
        where = np.arange(len(x)) if scope is None else scope
        delta = np.rint(x[where] - self.true_x[where])
        moved = np.nonzero(delta)[0]
        if len(moved) == 0:
            return None
        occupied = where[self.cand_mask[where]]
        blocked = frozenset(int(a) for a in occupied[x[occupied] < 0.5])
        return where[moved], delta[moved], blocked

    def apply(self, cols: np.ndarray, delta: np.ndarray, blocked: frozenset) -> None:
        if self.log is not None:
            self.log.append((cols, delta, blocked))
        # Only the parts the moved variables touch: a dense product over every part
        # of a large component costs more than the solve that found the solution.
        touched = self.parts_csc[:, cols].tocoo()
        parts, where = np.unique(touched.row, return_inverse=True)
        effect = np.rint(np.bincount(where, weights=touched.data * delta[touched.col],
                                     minlength=len(parts)))
        for i, change in zip(parts[effect != 0].tolist(), effect[effect != 0].tolist()):
            self.note(i, int(self.true_vals[i] + change), blocked)

    def copy(self, log: bool = False) -> Witnesses:
        """An independent copy (for a chunk of work); ``log``: it records every solution
        it is given, as ``effect`` tuples, for the original to ``apply`` later."""
        twin = copy.copy(self)
        # The parts' dicts are shared until one side writes to one (a chunk touches few).
        twin.by_part = list(self.by_part)
        twin.private, self.private = set(), set()
        twin.minimum = self.minimum.copy()
        twin.universal = self.universal.copy()
        twin.log = [] if log else None
        return twin

    def values(self, i: int, insider: int | None = None) -> set[int]:
        seen = self.by_part[i]
        if insider is None:
            return set(seen)
        return {v for v, blocked in seen.items() if insider not in blocked}

    def distinct(self, i: int, insider: int | None = None) -> int:
        if insider is None:
            return len(self.by_part[i])
        return sum(1 for blocked in self.by_part[i].values() if insider not in blocked)

    def weak_insiders(self, i: int, need: int) -> list[int]:
        """Insider atoms for whom part i has fewer than ``need`` witnessed values."""
        seen = self.by_part[i]
        if len(seen) < need:
            return [int(a) for a in self.cand]
        counts = Counter(a for blocked in seen.values() for a in blocked)
        return sorted(a for a, c in counts.items() if len(seen) - c < need)

    def short(self, i: int, need: int) -> bool:
        if len(self.by_part[i]) < need:
            return True
        # Values every insider accepts settle it without counting insiders.
        return self.universal[i] < need and bool(self.weak_insiders(i, need))

    def settled(self, need: int, presence: np.ndarray | None = None) -> np.ndarray:
        """Per part: ``need`` values that every insider accepts and, for a ``presence``
        part, a witnessed 0 — no further witness changes what the audit asks of it."""
        done = self.universal >= need
        if presence is not None:
            done &= ~presence | (self.minimum <= 0)
        return done

    def short_parts(self, need: int) -> list[int]:
        return [i for i in np.nonzero(self.universal < need)[0].tolist()
                if self.short(i, need)]
