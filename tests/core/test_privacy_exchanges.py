"""The exchange candidates are the ones their definition names, checked by brute force on
a town whose postcode-4 areas and buurten cross (so four-postcode cycles exist)."""
from __future__ import annotations

from itertools import product
from types import SimpleNamespace

import numpy as np
import pandas as pd

from ruimtelijke_kijk.privacy import exchanges
from ruimtelijke_kijk.privacy.exchanges import PARTNERS

ATOMS = 4


def _town(seed: int) -> tuple[pd.DataFrame, SimpleNamespace]:
    """Single exchanges (one household of a postcode changes atom a -> b) of a town of
    60 postcodes with two column groups; areas: (postcode-4, buurt, wijk)."""
    rng = np.random.default_rng(seed)
    n_pc = 60
    areas = np.stack([rng.integers(0, 6, n_pc), rng.integers(0, 5, n_pc),
                      np.zeros(n_pc, dtype=int)], axis=1)
    rows = []
    for p, g, a in product(range(n_pc), range(2), range(ATOMS)):
        if rng.random() < 0.4:
            continue  # an empty atom has no household to move
        base = (p * 2 + g) * ATOMS
        rows += [(base + a, base + b, p, g, a, b) for b in range(ATOMS) if b != a]
    return (pd.DataFrame(rows, columns=["src", "dst", "pc", "g", "a", "b"]),
            SimpleNamespace(areas=areas))


def _first(candidates: list[tuple[int, tuple]]) -> list[tuple]:
    return [c for _, c in sorted(candidates)[:PARTNERS]]


def test_pairs_are_each_singles_first_partners_by_postcode():
    for seed in range(3):
        singles, vm = _town(seed)
        pairs, across = exchanges.pairs(singles, vm)
        recs = singles.to_dict("records")
        expected, expected_across = set(), set()
        for s in recs:
            pc4, buurt = vm.areas[s["pc"], :2]
            partners = [t for t in recs if t["g"] == s["g"] and t["a"] == s["b"]
                        and t["b"] == s["a"] and t["pc"] != s["pc"]]
            for level, other in ((0, 1), (1, 0)):
                same = [t for t in partners if vm.areas[t["pc"], level] == vm.areas[s["pc"], level]]
                for near in (True, False):
                    kind = [(t["pc"], (s["src"], s["dst"], t["src"], t["dst"])) for t in same
                            if t["pc"] > s["pc"]
                            and (vm.areas[t["pc"], other] == vm.areas[s["pc"], other]) == near]
                    expected.update(_first(kind))
            far = [(t["pc"], (s["g"], s["a"], s["b"], pc4, buurt, vm.areas[t["pc"], 1],
                              s["src"], s["dst"], t["src"], t["dst"])) for t in partners
                   if vm.areas[t["pc"], 0] == pc4 and vm.areas[t["pc"], 1] != buurt]
            expected_across.update(_first(far))
        assert set(map(tuple, pairs.to_numpy().tolist())) == expected
        assert len(pairs) == len(expected)  # each pair once
        assert set(map(tuple, across.to_numpy().tolist())) == expected_across
        assert len(expected) > 200 and len(expected_across) > 100


def test_cycles_close_through_four_postcodes_and_keep_every_total():
    singles, vm = _town(1)
    _, across = exchanges.pairs(singles, vm)
    cycles = exchanges.cycles(across)
    assert len(cycles) > 100
    var_pc = np.repeat(np.arange(60), 2 * ATOMS)
    per_start = cycles.groupby(["src", "dst", "src2"]).size()
    assert per_start.max() <= PARTNERS
    for row in cycles.itertuples(index=False):
        pcs = var_pc[[row.src, row.src2, row.src3, row.src4]]
        assert len(set(pcs.tolist())) == 4
        change = np.zeros(60 * 2 * ATOMS)
        np.add.at(change, [row.dst, row.dst2, row.dst3, row.dst4], 1)
        np.add.at(change, [row.src, row.src2, row.src3, row.src4], -1)
        by_atom = change.reshape(60, 2, ATOMS)
        for level in (0, 1):  # every postcode-4 and buurt total of every atom stays
            for area in np.unique(vm.areas[:, level]):
                assert not by_atom[vm.areas[:, level] == area].sum(axis=0).any()


def _grid_town(seed: int) -> tuple[pd.DataFrame, SimpleNamespace]:
    """Single exchanges of a town of 24 x 24 postcodes whose postcode-4 areas (2 x 4
    postcodes) and buurten (4 x 2) cross, so rings of neighbours grow slowly."""
    rng = np.random.default_rng(seed)
    side = 24
    row, col = np.divmod(np.arange(side * side), side)
    areas = np.stack([(row // 2) * side + col // 4, (row // 4) * side + col // 2,
                      np.zeros(side * side, dtype=int)], axis=1)
    rows = []
    for p, g, a in product(range(side * side), range(2), range(ATOMS)):
        if rng.random() < 0.4:
            continue
        base = (p * 2 + g) * ATOMS
        rows += [(base + a, base + b, p, g, a, b) for b in range(ATOMS) if b != a]
    var_pc = np.arange(side * side * 2 * ATOMS) // (2 * ATOMS)
    return (pd.DataFrame(rows, columns=["src", "dst", "pc", "g", "a", "b"]),
            SimpleNamespace(areas=areas, pc=var_pc))


def test_a_round_with_few_open_parts_builds_the_same_exchanges_from_nearby_postcodes():
    from scipy.sparse import csr_matrix

    from ruimtelijke_kijk.privacy.moves import _near

    singles, vm = _grid_town(4)
    every = [exchanges.pairs(singles, vm)[0], exchanges.cycles(exchanges.pairs(singles, vm)[1])]
    # Three open parts far apart, each counting one variable of a pair or a cycle.
    chosen = [int(every[k].to_numpy()[at, 0]) for k, at in ((0, 100), (1, 500), (1, -300))]
    parts = csr_matrix((np.ones(3), (range(3), chosen)), shape=(3, len(vm.pc)))
    near = _near(vm, SimpleNamespace(parts=parts), np.arange(3))
    assert near is not None and near.sum() < len(near) / 2  # a fraction of the town
    touch = np.zeros(len(vm.pc), dtype=bool)
    touch[chosen] = True

    def touching(singles: pd.DataFrame) -> list[set]:
        pairs, across = exchanges.pairs(singles, vm)
        found = []
        for frame in (pairs, exchanges.cycles(across)):
            rows = frame.filter(regex="^(src|dst)").to_numpy()
            found.append({tuple(r) for r in rows[touch[rows].any(axis=1)].tolist()})
        return found

    full = touching(singles)
    assert all(full)  # pairs and four-postcode cycles move the open parts
    assert touching(singles[near[singles["pc"].to_numpy()]].reset_index(drop=True)) == full
