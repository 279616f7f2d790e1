"""Neighbouring short parts pushed together: sound witnesses, fewer parts left short."""
from __future__ import annotations

import numpy as np
from privacy_helpers import perturbed_problems, value_feasible

from ruimtelijke_kijk.privacy import fanout, searches, solver
from ruimtelijke_kijk.privacy.scope import Hood, SolveStats
from ruimtelijke_kijk.privacy.witnesses import Witnesses


def _component(n_postcodes: int, seed: int):
    """The largest component of a generated town's cell-key release."""
    return max(perturbed_problems(n_postcodes, seed), key=lambda p: p.a.shape[1])


def test_joint_pushes_find_only_feasible_values_for_outsider_and_insiders():
    prob = _component(200, seed=3)
    wit = Witnesses(prob.parts, prob.true_x, np.nonzero(prob.lb_insider >= 1)[0])
    short = wit.short_parts(3)
    every = np.maximum(prob.lb_outsider, prob.lb_insider)
    searches.joint(prob, wit, Hood(prob), {}, short[:16], SolveStats(), 3, every)
    checked = insiders = 0
    for i in short[:16]:
        for value, blocked in wit.by_part[i].items():
            if value == wit.true_vals[i]:
                continue
            assert value_feasible(prob, prob.lb_outsider, i, value), (i, value)
            # Each answer kept every occupied atom occupied: it serves every insider.
            assert not blocked
            checked += 1
            own = next((a for a in prob.parts[i].indices if wit.cand_mask[a]), None)
            if own is None:  # a household count: no insider in it
                continue
            lb = prob.lb_outsider.copy()
            lb[own] = 1
            assert value_feasible(prob, lb, i, value), (i, value, own)
            insiders += 1
    assert checked >= 10 and insiders >= 5


def test_joint_pushes_leave_fewer_parts_short_and_settle_none_wrongly(monkeypatch):
    prob = _component(200, seed=5)  # 36 parts short after the exchanges
    exact = solver.attack(prob, SolveStats())  # small enough to solve whole: can convict
    monkeypatch.setattr(fanout, "WORKERS", 1)
    monkeypatch.setattr(fanout, "MIN_ITEMS", 4)  # a small town still gets batches
    monkeypatch.setattr(solver, "FULL_SCOPE_VARS", 0)  # as if it were too large
    left: dict[int, int] = {}
    results = {}
    for joint in (1, 16):  # batches of one part are never pushed together
        monkeypatch.setattr(solver, "JOINT", joint)
        said = []
        results[joint] = solver.attack(prob, SolveStats(), 3, solver.Regions(wider=0),
                                       report=said.append)
        left[joint] = next(int(s.split()[0]) for s in said if "after neighbourhood" in s)
    assert left[16] < left[1]
    for i, r in enumerate(results[16]):
        if not r.undecided and r.distinct >= 3:
            assert exact[i].distinct >= 3, i  # settled as safe only where it is safe
