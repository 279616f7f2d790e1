"""A component too large to solve whole is attacked in regions: wider regions settle parts
the first region leaves undecided, and what they settle is what the exact attack says."""
import numpy as np
from privacy_helpers import protected_problems

from ruimtelijke_kijk.privacy import fanout, solver
from ruimtelijke_kijk.privacy.scope import Hood, SolveStats


def _component(n_postcodes: int, seed: int, islands: bool = False):
    """The largest component of a generated town, protected by the pre-audit rules."""
    return max(protected_problems(n_postcodes, seed, islands), key=lambda p: p.a.shape[1])


def _undecided(prob, regions: solver.Regions) -> set[int]:
    return {i for i, r in enumerate(solver.attack(prob, SolveStats(), 3, regions))
            if r.undecided}


def test_wider_regions_settle_parts_soundly(monkeypatch):
    prob = _component(30, seed=3)
    exact = solver.attack(prob, SolveStats())  # small enough to solve whole: can convict
    monkeypatch.setattr(solver, "FULL_SCOPE_VARS", 0)  # as if it were too large
    monkeypatch.setattr(solver, "FULL_FEW", 0)  # and no whole-component solves after
    first_region_only = _undecided(prob, solver.Regions(wider=0))
    regions = solver.attack(prob, SolveStats(), 3, solver.Regions(wider=30))
    wider = {i for i, r in enumerate(regions) if r.undecided}
    assert wider < first_region_only
    for i in first_region_only - wider:
        assert regions[i].distinct >= 3
        assert exact[i].distinct >= 3  # settled as safe only where it is safe


def test_a_region_of_every_group_holds_the_household_counts():
    prob = _component(30, seed=3)
    hood = Hood(prob)
    groups = prob.varmap.group
    part = next(p.indices for p in prob.parts if (groups[p.indices] >= 0).all())
    own = hood.region(part, 1)
    every = hood.region(part, 1, own_groups=False)
    assert set(groups[own]) == set(groups[part])
    assert set(groups[every]) > set(groups[own])
    assert -1 in set(groups[every])  # the household count columns
    assert set(own) < set(every)


def test_the_region_budget_caps_or_withholds_the_region_tries(monkeypatch):
    prob = _component(30, seed=3)
    monkeypatch.setattr(solver, "FULL_SCOPE_VARS", 0)
    monkeypatch.setattr(solver, "FULL_FEW", 0)
    every = _undecided(prob, solver.Regions(10**6, wider=0))
    none = _undecided(prob, solver.Regions(1, all_or_none=True, wider=0))  # > 1 short: none
    assert every < none  # the region tries settle some
    budgets = [_undecided(prob, solver.Regions(k, wider=0))
               for k in range(0, len(none) + 4, 4)]
    assert budgets[0] == none and budgets[-1] == every
    assert all(more <= fewer for fewer, more in zip(budgets, budgets[1:]))


def test_an_all_or_none_round_spares_a_whole_component_its_solves_too():
    prob = _component(30, seed=3)
    assert prob.a.shape[1] <= solver.FULL_SCOPE_VARS  # small enough to solve whole
    stats = SolveStats()
    exact = solver.attack(prob, stats)
    short = {i for i, r in enumerate(exact) if r.distinct < 3 or r.undecided}
    assert short  # the pre-audit rules leave some parts pinned
    spared = SolveStats()
    first_round = solver.attack(prob, spared, 3, solver.Regions(1, all_or_none=True))
    undecided = {i for i, r in enumerate(first_round) if r.undecided}
    assert short <= undecided  # nothing pinned passes: it is left to the repair
    assert not any(r.distinct < 3 and not r.undecided for r in first_round)
    assert spared.solves < stats.solves  # no whole-component proofs
    # Within the budget the whole component still convicts, as before.
    within = solver.attack(prob, SolveStats(), 3, solver.Regions(10**6, all_or_none=True))
    assert [r.distinct for r in within] == [r.distinct for r in exact]


def test_wider_regions_for_every_part_skip_the_region_they_contain(monkeypatch):
    prob = _component(30, seed=3)
    monkeypatch.setattr(solver, "FULL_SCOPE_VARS", 0)
    monkeypatch.setattr(solver, "FULL_FEW", 0)
    in_two, direct = SolveStats(), SolveStats()
    # The region for every short part, then the wider regions for every one it leaves
    # (fewer than 399 here) — or the wider regions alone.
    both = solver.attack(prob, in_two, 3, solver.Regions(400, wider=399))
    wide = solver.attack(prob, direct, 3, solver.Regions(400, wider=400))
    undecided = {i for i, r in enumerate(both) if r.undecided}
    assert undecided and {i for i, r in enumerate(wide) if r.undecided} <= undecided
    assert [r.distinct for r in wide] == [r.distinct for r in both]
    assert direct.solves < in_two.solves


def test_a_component_too_large_to_solve_whole_tries_the_wijken_of_its_last_parts(monkeypatch):
    prob = _component(30, seed=3)
    exact = solver.attack(prob, SolveStats())  # small enough to solve whole: can convict
    monkeypatch.setattr(solver, "FULL_SCOPE_VARS", 0)
    monkeypatch.setattr(solver, "WHOLE_VARS", 0)  # as if no whole-component solve were affordable
    regions_only = _undecided(prob, solver.Regions(wider=0, wijken=0))
    results = solver.attack(prob, SolveStats(), 3,
                            solver.Regions(wider=0, wijken=len(regions_only)))
    with_wijken = {i for i, r in enumerate(results) if r.undecided}
    assert with_wijken < regions_only
    for i in regions_only - with_wijken:
        assert results[i].distinct >= 3 and exact[i].distinct >= 3  # settled only if safe


def test_wijken_linked_by_a_postcode4_or_buurt_settle_parts_soundly(monkeypatch):
    # The hierarchies cross: a postcode-4 reaches into the next wijk, and a trade
    # through it can free a cell its own wijk's published totals pin.
    prob = _component(100, seed=4)
    exact = solver.attack(prob, SolveStats())  # small enough to solve whole: can convict
    hood = Hood(prob)
    areas, pc = prob.varmap.areas, prob.varmap.pc
    part = prob.parts[0].indices
    own, linked = hood.wijken(part, 0), hood.wijken(part, 1)
    assert set(own) < set(linked)
    for cols in (own, linked):  # whole wijken: every postcode of each wijk it touches
        wijken = np.unique(areas[pc[cols], 2])
        assert set(np.nonzero(np.isin(areas[:, 2], wijken))[0]) == set(pc[cols])
    monkeypatch.setattr(solver, "FULL_SCOPE_VARS", 0)
    monkeypatch.setattr(solver, "WHOLE_VARS", 0)
    monkeypatch.setattr(solver, "FULL_FEW", 0)
    monkeypatch.setattr(solver, "WIJK_LINKS", 0)
    own_wijk = _undecided(prob, solver.Regions(wider=0))
    monkeypatch.setattr(solver, "WIJK_LINKS", 3)
    results = solver.attack(prob, SolveStats(), 3, solver.Regions(wider=0))
    with_links = {i for i, r in enumerate(results) if r.undecided}
    assert with_links < own_wijk
    for i in own_wijk - with_links:
        assert results[i].distinct >= 3 and exact[i].distinct >= 3


def test_an_island_of_wijken_trades_through_another_islands_hidden_wijk_total(monkeypatch):
    # Postcode-4 areas end at wijk borders, so each wijk is an island no link leaves; with
    # the wijk totals hidden and the municipal one published, a trade out of one island
    # must come back in through another.
    prob = _component(120, seed=5, islands=True)
    exact = solver.attack(prob, SolveStats())  # small enough to solve whole: can convict
    monkeypatch.setattr(solver, "FULL_SCOPE_VARS", 0)
    monkeypatch.setattr(solver, "WHOLE_VARS", 0)
    monkeypatch.setattr(solver, "FULL_FEW", 0)
    every = solver.Regions(wider=0, wijken=10**6)
    monkeypatch.setattr(solver, "ISLAND_PARTNERS", 0)
    linked_only = _undecided(prob, every)
    monkeypatch.setattr(solver, "ISLAND_PARTNERS", 3)
    results = solver.attack(prob, SolveStats(), 3, every)
    with_islands = {i for i, r in enumerate(results) if r.undecided}
    assert with_islands < linked_only
    for i in linked_only - with_islands:
        assert results[i].distinct >= 3 and exact[i].distinct >= 3
    # The scopes that settled them: the part's island joined with one other each.
    hood = Hood(prob)
    vm = prob.varmap
    island = hood.island_labels()
    for i in linked_only - with_islands:
        part = prob.parts[i].indices
        scopes = hood.islands(part, 3, 10**6)
        assert 1 <= len(scopes) <= 3
        own = set(island[vm.pc[part]])
        for cols in scopes:
            pcs = np.unique(vm.pc[cols])
            for level in range(3):  # closed: every postcode sharing an area with one inside
                assert set(np.nonzero(np.isin(vm.areas[:, level], vm.areas[pcs, level]))[0]) \
                    == set(pcs)
            joined = set(island[pcs])
            assert own < joined and len(joined) == len(own) + 1
            (other,) = joined - own
            slots = np.where(vm.group[part] >= 0, vm.group[part], vm.loose.shape[2] - 1)
            assert vm.loose[island == other, 2][:, slots].any()  # a hidden wijk total


def test_a_postcodes_cell_tries_a_ring_of_every_group_first(monkeypatch):
    prob = _component(30, seed=3)
    exact = solver.attack(prob, SolveStats())
    monkeypatch.setattr(solver, "FULL_SCOPE_VARS", 0)
    monkeypatch.setattr(solver, "FULL_FEW", 0)
    monkeypatch.setattr(fanout, "WORKERS", 1)  # the calls are logged in this process
    first: dict[tuple, tuple] = {}
    region = Hood.region

    def logged(self, seed_cols, rings, own_groups=True):
        first.setdefault(tuple(seed_cols.tolist()), (rings, own_groups))
        return region(self, seed_cols, rings, own_groups)

    monkeypatch.setattr(Hood, "region", logged)
    results = solver.attack(prob, SolveStats(), 3, solver.Regions(400, wider=400))
    tried = {tuple(prob.parts[i].indices.tolist()): i for i in range(prob.parts.shape[0])}
    postcodes = {seed: len(set(prob.varmap.pc[list(seed)])) for seed in first}
    assert 1 in postcodes.values() and any(n > 1 for n in postcodes.values())
    for seed, how in first.items():
        # A postcode's cell needs its neighbours' households; an area's cell room
        # beyond its wijk's published totals, in its own groups.
        assert how == ((solver.REGION_RINGS, False) if postcodes[seed] == 1
                       else (solver.WIDE_RINGS, True))
        i = tried[seed]
        if not results[i].undecided:
            assert exact[i].distinct >= 3  # settled as safe only where it is safe
