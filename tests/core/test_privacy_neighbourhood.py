"""A short part's own search: one hop through narrow constraints first, the wider
neighbourhood only where that leaves it short; every value found is feasible."""
from __future__ import annotations

import numpy as np
from privacy_helpers import exchange_witnesses, perturbed_problems, value_feasible

from ruimtelijke_kijk.privacy import scope, searches
from ruimtelijke_kijk.privacy.scope import Hood, SolveStats


def test_a_part_the_near_scope_settles_gets_no_wider_one(monkeypatch):
    prob = max(perturbed_problems(200, 5), key=lambda p: p.a.shape[1])
    wit = exchange_witnesses(prob)
    short = wit.short_parts(3)
    assert len(short) >= 10
    radii: list[int] = []
    around = Hood.around

    def logged(self, seed_cols, radius=scope.RADIUS):
        radii.append(radius)
        return around(self, seed_cols, radius)

    monkeypatch.setattr(Hood, "around", logged)
    hood = Hood(prob)
    before = {i: set(wit.by_part[i]) for i in short}
    tried = {}
    for i in short:
        radii.clear()
        searches.neighbourhood(prob, wit, hood, None, i, SolveStats(), 3)
        tried[i] = list(radii)
    near_only = [i for i in short if tried[i] == [1]]
    wider = [i for i in short if tried[i] == [1, scope.RADIUS]]
    assert near_only and wider and len(near_only) + len(wider) == len(short)
    assert not any(wit.short(i, 3) for i in near_only)  # the wider one only where short
    for i in short:  # every value the searches add is one the part can take
        for value in set(wit.by_part[i]) - before[i]:
            assert value_feasible(prob, prob.lb_outsider, i, value), (i, value)
    assert np.mean([not wit.short(i, 3) for i in short]) > 0.5
