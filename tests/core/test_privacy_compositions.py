"""A hidden count of one, seen by the household itself: it needs the values 1, 2 and 3.
Two exchanges combined give the second step (+2) only if they do not run through the
same atom — out of one postcode's largest atom every move also raises the published OR,
which has room for one. And the exact search asks nothing downwards: 1 is the least
value the household allows, and it is the truth."""
from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix

from ruimtelijke_kijk.privacy.exchanges import VarMap
from ruimtelijke_kijk.privacy.moves import move_witnesses
from ruimtelijke_kijk.privacy.scope import Problem, Scope, SolveStats
from ruimtelijke_kijk.privacy.searches import spread
from ruimtelijke_kijk.privacy.witnesses import Witnesses

# One postcode, one group of three indicators: atom k holds the indicators of k's bits.
# Households per atom: 4 with none, 1 with the first only, 1 with the second only, 1 with
# the third only.
TRUE_X = np.array([4, 1, 1, 0, 1, 0, 0, 0], dtype=float)
FIRST = [1, 3, 5, 7]  # the atoms counted by the first indicator (true value 1)
OR_ATOMS = list(range(1, 8))  # one or more of the three (true value 3, at most 4 known)


def _problem() -> tuple:
    rows = [FIRST, OR_ATOMS, list(range(8))]
    a = csr_matrix((np.ones(sum(map(len, rows))),
                    (np.repeat(np.arange(3), [len(r) for r in rows]), np.concatenate(rows))),
                   shape=(3, 8))
    lo = np.array([0.0, 0.0, 7.0])  # the first cell 0..4, the OR 0..4, 7 households
    hi = np.array([4.0, 4.0, 7.0])
    vm = VarMap(pc=np.zeros(8, dtype=int), group=np.zeros(8, dtype=int), atom=np.arange(8),
                start=np.zeros((1, 1), dtype=int), areas=np.zeros((1, 3), dtype=int))
    parts = csr_matrix((np.ones(4), (np.zeros(4, dtype=int), FIRST)), shape=(1, 8))
    return a, lo, hi, vm, parts


def _feasible(a, lo, hi, x) -> bool:
    r = a @ x
    return bool((x >= 0).all() and (r >= lo).all() and (r <= hi).all())


def test_the_household_in_a_count_of_one_sees_three_values_from_two_separate_exchanges():
    a, lo, hi, vm, parts = _problem()
    insiders = np.nonzero(TRUE_X >= 1)[0]
    wit = Witnesses(parts, TRUE_X, insiders)
    move_witnesses(a, lo, hi, TRUE_X, np.zeros(8), np.full(8, 7.0), vm, np.array([8]), wit)
    # The household itself (atom 1) knows the count is at least 1: it needs 1, 2 and 3.
    assert wit.values(0, insider=1) >= {1, 2, 3}
    assert not wit.short(0, 3)
    # Value 3 indeed needs two exchanges that do not both leave the largest atom: two
    # more households with the first indicator out of atom 0 raise the OR to 5.
    twice_from_none = TRUE_X.copy()
    twice_from_none[[0, 1]] += [-2, 2]
    assert not _feasible(a, lo, hi, twice_from_none)
    apart = TRUE_X.copy()
    apart[[2, 3, 4, 5]] += [-1, 1, -1, 1]  # second -> first and second, third -> first and third
    assert _feasible(a, lo, hi, apart) and parts @ apart == 3


def test_the_search_for_the_household_itself_solves_only_upwards():
    a, lo, hi, _, parts = _problem()
    occupied = (TRUE_X >= 1).astype(float)
    prob = Problem(a, lo, hi, np.zeros(8), occupied, np.full(8, 7.0), TRUE_X, parts,
                   presence=np.zeros(1, dtype=bool), via_or=np.zeros(3, dtype=bool))
    wit = Witnesses(parts, TRUE_X, np.nonzero(occupied)[0])
    lb = np.zeros(8)
    lb[1] = 1  # the household in atom 1 knows it is there
    stats = SolveStats()
    assert spread(Scope(prob, None, None), wit, 0, lb, stats, 3, insider=1)
    assert wit.values(0, insider=1) == {1, 2, 4}
    # Up to the greatest value (4: the first cell's bound), then 2 between: no solve
    # for the least, which the bounds fix at the truth.
    assert stats.solves == 2
