"""Presence minima: neighbouring hidden counts look for 0 together, soundly; a count
whose own perturbed cell already proves it present needs no solve."""
from __future__ import annotations

import numpy as np
from privacy_helpers import perturbed_problems, protected_problems
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import vstack

from ruimtelijke_kijk.privacy import fanout, presence
from ruimtelijke_kijk.privacy.scope import Hood, SolveStats
from ruimtelijke_kijk.privacy.witnesses import Witnesses


def _zero_feasible(prob, i: int) -> bool:
    """Independently: can part i be 0 for the outsider who ignores the OR-combinations?"""
    kept, lo, hi = _kept(prob)
    a = vstack([kept, prob.parts[i]], format="csr")
    res = milp(np.zeros(prob.a.shape[1]), integrality=np.ones(prob.a.shape[1]),
               bounds=Bounds(prob.lb_outsider, prob.ub),
               constraints=[LinearConstraint(a, np.r_[lo, 0], np.r_[hi, 0])])
    return res.status == 0


def _minima(prob, batch: int, monkeypatch) -> tuple[np.ndarray, int]:
    monkeypatch.setattr(presence, "BATCH", batch)
    stats = SolveStats()
    wit = Witnesses(prob.parts, prob.true_x, np.nonzero(prob.lb_insider >= 1)[0])
    found = presence.presence_minima(prob, stats, wit, Hood(prob), False, lambda: None)
    return found, stats.solves


def test_joint_zeros_are_feasible_and_lose_none_that_single_solves_find(monkeypatch):
    monkeypatch.setattr(fanout, "WORKERS", 1)
    monkeypatch.setattr(fanout, "MIN_ITEMS", 4)  # a small town still gets batches
    prob = max(protected_problems(60, 2), key=lambda p: int(p.presence.sum()))
    asked = np.nonzero(prob.presence)[0]
    assert len(asked) >= 20  # enough presence parts for batches of several
    one, one_solves = _minima(prob, 1, monkeypatch)
    joint, joint_solves = _minima(prob, 64, monkeypatch)
    zeros = asked[joint[asked] == 0]
    assert len(zeros) > 0 and joint_solves < one_solves
    # Every 0 one part's own solves find, the joint solves find too ...
    assert set(asked[one[asked] == 0]) <= set(zeros)
    # ... and every 0 the joint solves report is a feasible value of that part.
    for i in zeros:
        assert _zero_feasible(prob, int(i)), f"part {i}: 0 reported but infeasible"
    # The parts the joint solve did not bring to 0 got the same answer as alone.
    rest = asked[joint[asked] != 0]
    assert np.array_equal(np.isinf(joint[rest]), np.isinf(one[rest]))


def test_undecided_parts_get_no_presence_minimum_the_others_do(monkeypatch):
    import math

    from ruimtelijke_kijk.privacy import solver

    prob = max(protected_problems(30, 3), key=lambda p: p.a.shape[1])
    monkeypatch.setattr(solver, "FULL_SCOPE_VARS", 0)  # as if too large to solve whole
    monkeypatch.setattr(solver, "FULL_FEW", 0)
    # A first suppression round: too many short parts, none gets a region try.
    results = solver.attack(prob, SolveStats(), 3, solver.Regions(1, all_or_none=True,
                                                                   wider=0))
    asked = [i for i, r in enumerate(results) if prob.presence[i]]
    undecided = [i for i in asked if results[i].undecided]
    decided = [i for i in asked if not results[i].undecided]
    assert undecided and decided
    assert all(math.isnan(results[i].minimum) for i in undecided)
    assert all(not math.isnan(results[i].minimum) for i in decided)


def _kept(prob) -> tuple:
    """The rows the outsider who ignores the OR-combinations keeps, with their bounds."""
    keep = ~prob.via_or
    return prob.a[keep], prob.row_lo[keep], prob.row_hi[keep]


def _cellkey_problem(n_postcodes: int, seed: int):
    """The component of a generated town's cell-key release with the most presence
    parts."""
    return max(perturbed_problems(n_postcodes, seed), key=lambda p: int(p.presence.sum()))


def test_a_count_shown_at_the_threshold_or_above_is_present_without_a_solve(monkeypatch):
    monkeypatch.setattr(fanout, "WORKERS", 1)
    prob = _cellkey_problem(80, 2)
    asked = np.nonzero(prob.presence)[0]
    floor = presence._row_floor(prob, asked, _kept(prob))
    proved = asked[floor >= 1]
    assert len(proved) >= 5  # small counts whose perturbed cell shows T or more
    for i in proved:  # sound: 0 is infeasible for each, by an independent solve
        assert not _zero_feasible(prob, int(i)), f"part {i}: proved present, 0 feasible"
    fast, fast_solves = _minima(prob, 64, monkeypatch)
    monkeypatch.setattr(presence, "_row_floor", lambda prob, parts, kept: np.zeros(len(parts)))
    slow, slow_solves = _minima(prob, 64, monkeypatch)
    # The same presence proven for every part, with a solve fewer for each row-proven one.
    assert np.array_equal(fast[asked] > 0, slow[asked] > 0)
    assert (fast[proved] >= 1).all()
    assert fast_solves <= slow_solves - len(proved)


def test_a_count_moved_whole_to_another_atom_of_its_postcode_is_zero_without_a_solve(
        monkeypatch):
    monkeypatch.setattr(fanout, "WORKERS", 1)
    prob = _cellkey_problem(80, 2)
    asked = np.nonzero(prob.presence)[0]
    emptied = presence._emptied_in_place(prob, asked, _kept(prob))
    assert emptied.sum() >= 10
    for i in asked[emptied]:  # sound: 0 is feasible for each, by an independent solve
        assert _zero_feasible(prob, int(i)), f"part {i}: emptied in place, 0 infeasible"
    fast, fast_solves = _minima(prob, 16, monkeypatch)
    monkeypatch.setattr(presence, "_emptied_in_place",
                        lambda prob, parts, kept: np.zeros(len(parts), dtype=bool))
    slow, slow_solves = _minima(prob, 16, monkeypatch)
    assert (fast[asked[emptied]] == 0).all()
    assert fast_solves < slow_solves
    # Presence proven for the same parts (a neighbourhood's minimum may only miss a 0).
    assert set(asked[fast[asked] > 0]) <= set(asked[slow[asked] > 0])
