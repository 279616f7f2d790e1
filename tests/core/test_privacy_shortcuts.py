"""The audit's shortcuts are sound: exchange witnesses and certificates kept across rounds."""
from __future__ import annotations

import numpy as np
import pandas as pd
from privacy_helpers import SMALL_CATALOGUE, municipality, protected_problems, value_feasible
from scipy.sparse import csc_matrix

from ruimtelijke_kijk.privacy.audit import _Certified
from ruimtelijke_kijk.privacy.builder import audit_state, build_release
from ruimtelijke_kijk.privacy.catalogue import load_catalogue
from ruimtelijke_kijk.privacy.knowledge import (
    add_public,
    empty_knowledge,
)
from ruimtelijke_kijk.privacy.moves import move_witnesses
from ruimtelijke_kijk.privacy.release_io import LEVELS
from ruimtelijke_kijk.privacy.rules import CODE_OF_STATUS, Parameters
from ruimtelijke_kijk.privacy.tables import true_table
from ruimtelijke_kijk.privacy.witnesses import Witnesses


def test_every_exchange_witness_is_a_feasible_value_for_the_exact_solver():
    checked = insiders = 0
    for seed in (3, 4):
        for prob in protected_problems(30, seed):
            wit = Witnesses(prob.parts, prob.true_x, np.nonzero(prob.lb_insider >= 1)[0])
            found = move_witnesses(prob.a, prob.row_lo, prob.row_hi, prob.true_x,
                                   prob.lb_outsider, prob.ub, prob.varmap, prob.widths, wit)
            assert found > 0
            for i, seen in enumerate(wit.by_part):
                # The insiders most able to pin a part sit in its own atoms.
                own = [a for a in prob.parts[i].indices if wit.cand_mask[a]][:2]
                for value, blocked in seen.items():
                    if value == wit.true_vals[i]:
                        continue
                    assert value_feasible(prob, prob.lb_outsider, i, value), \
                        f"part {i} value {value} certified but infeasible"
                    checked += 1
                    for a in own:
                        if a in blocked:
                            continue
                        lb = prob.lb_outsider.copy()
                        lb[a] = 1
                        assert value_feasible(prob, lb, i, value), \
                            f"part {i} value {value} certified for insider {a} but infeasible"
                        insiders += 1
    assert checked > 50 and insiders > 50


def test_exchanges_certify_most_parts_before_any_solve():
    probs = protected_problems(40, 5)
    short = total = 0
    for prob in probs:
        wit = Witnesses(prob.parts, prob.true_x, np.nonzero(prob.lb_insider >= 1)[0])
        move_witnesses(prob.a, prob.row_lo, prob.row_hi, prob.true_x, prob.lb_outsider,
                       prob.ub, prob.varmap, prob.widths, wit)
        short += len(wit.short_parts(3))
        total += prob.parts.shape[0]
    assert total > 100 and short < 0.5 * total


def test_a_release_passes_a_fresh_audit_without_the_rounds_certificates():
    mun = municipality(40, seed=8)
    built = build_release(mun.households, 2024, mun.hierarchy, catalogue=SMALL_CATALOGUE,
                          cbs_households=mun.cbs)
    assert built.rounds >= 1  # repairs happened, so later rounds reused certificates
    assert any("earlier round" in note for note in built.audit.notes)
    table = true_table(mun.households, load_catalogue(SMALL_CATALOGUE), mun.hierarchy)
    codes = {lv: np.zeros(table.values[lv].shape, dtype=np.int8) for lv in LEVELS}
    for row in built.release.cells.itertuples():
        lv_codes = codes[row.area_level]
        i = list(table.areas.codes[row.area_level]).index(row.area_code)
        lv_codes[i, table.stat_ids.index(row.statistic)] = CODE_OF_STATUS[row.status]
    shown = {lv: table.values[lv].astype(float) for lv in LEVELS}
    fresh = audit_state(table, codes, shown, Parameters(), mun.cbs)
    assert fresh.passed, [f.to_json() for f in fresh.findings]


def test_certificates_are_dropped_when_the_attacker_learns_more():
    shapes = {lv: (3, 2) for lv in LEVELS}
    wide = empty_knowledge(shapes)
    for lv in LEVELS:
        wide.lo[lv][:], wide.hi[lv][:] = 0, 10
    memory = _Certified(wide, 3, {("postcode6", 0, "cell", "x")})
    wider = empty_knowledge(shapes)
    assert memory.holds_for(wider, 3, 0)
    narrower = empty_knowledge(shapes)
    for lv in LEVELS:
        narrower.lo[lv][:], narrower.hi[lv][:] = 0, 10
    narrower.hi["buurt"][1, 1] = 9
    assert not memory.holds_for(narrower, 3, 0)
    assert not memory.holds_for(wide, 4, 0)
    # A new complement bound on a cell that was only an interval is new knowledge.
    hidden = empty_knowledge(shapes)
    for lv in LEVELS:
        hidden.lo[lv][:], hidden.hi[lv][:], hidden.clo[lv][:] = 0, 10, 0
    hidden.clo["wijk"][2, 1] = 5
    assert not memory.holds_for(hidden, 3, 0)


def test_cbs_counts_are_read_as_rounded_to_the_nearest_five():
    table = true_table(_households_per_postcode([3, 12, 7]), load_catalogue(SMALL_CATALOGUE),
                       _line_hierarchy(3))
    den = table.stat_ids.index("huishoudens")
    shapes = {lv: table.values[lv].shape for lv in LEVELS}
    know = add_public(empty_knowledge(shapes), table.values, den, table.areas.postcodes,
                      pd.Series({"1000AA": 5, "1000AB": 10, "1000AC": 15}))
    lo, hi = know.lo["postcode6"][:, den], know.hi["postcode6"][:, den]
    assert (lo[0], hi[0]) == (1, 7)  # 5 is also the least CBS shows
    assert list(know.public_households) == [True, True, True]
    assert (lo[1], hi[1]) == (8, 12)
    # 7 households cannot be published as 15 (CBS lags a year): a false belief pins nothing.
    assert (lo[2], hi[2]) == (-np.inf, np.inf)


def _households_per_postcode(sizes: list[int]) -> pd.DataFrame:
    pcs = [f"1000A{chr(65 + i)}" for i in range(len(sizes))]
    rows = [{"postcode6": pc, "huishouden_id": f"H{pc}{k}"} for pc, n in zip(pcs, sizes)
            for k in range(n)]
    frame = pd.DataFrame(rows)
    for column in ("budgetbeheer", "huurachterstand", "laag_inkomen", "personen_75_plus"):
        frame[column] = 0
    return frame


def _line_hierarchy(n: int) -> pd.DataFrame:
    pcs = [f"1000A{chr(65 + i)}" for i in range(n)]
    return pd.DataFrame({"postcode4": "1000", "buurtcode": "BU99990101",
                         "wijkcode": "WK999901", "gemeentecode": "GM9999"},
                        index=pd.Index(pcs, name="postcode6"))


def test_exchanges_that_move_no_open_part_are_not_checked_and_certify_the_same(monkeypatch):
    from ruimtelijke_kijk.privacy import moves

    prob = max(protected_problems(40, 5), key=lambda p: p.parts.shape[0])
    few = prob.parts[::7]  # as in a later round: a few parts left to attack
    presence = prob.presence[::7]

    def run() -> tuple[int, Witnesses]:
        wit = Witnesses(few, prob.true_x, np.nonzero(prob.lb_insider >= 1)[0])
        found = move_witnesses(prob.a, prob.row_lo, prob.row_hi, prob.true_x,
                               prob.lb_outsider, prob.ub, prob.varmap, prob.widths, wit,
                               presence=presence)
        return found, wit

    # The exchanges alone: the pairs of them combined for the parts still short are
    # built from what was checked, the same in both runs.
    monkeypatch.setattr(moves, "_compositions", lambda wit, found, x0:
                        csc_matrix((found.shape[0], 0)))
    checked, pruned = run()
    monkeypatch.setattr(moves, "_support", lambda wit, parts:
                        np.ones(wit.parts.shape[1], dtype=bool))
    every, full = run()
    assert checked < every / 2
    # A part the pruned run left open got every witness; a settled one needs no more.
    settled = pruned.settled(3, presence)
    assert settled.any() and not settled.all()
    for i in range(few.shape[0]):
        assert settled[i] or pruned.by_part[i] == full.by_part[i], i
        assert pruned.short(i, 3) == full.short(i, 3)
        assert (pruned.minimum[i] <= 0) == (full.minimum[i] <= 0) or not presence[i]


def test_each_parts_count_of_values_every_insider_accepts_is_kept_as_notes_arrive():
    from ruimtelijke_kijk.privacy.witnesses import Witnesses as W

    def recount(wit: W) -> np.ndarray:
        return np.array([sum(1 for blocked in seen.values() if not blocked)
                         for seen in wit.by_part])

    prob = max(protected_problems(40, 5), key=lambda p: p.parts.shape[0])
    wit = W(prob.parts, prob.true_x, np.nonzero(prob.lb_insider >= 1)[0])
    assert (wit.universal == 1).all()  # the truth serves every insider
    move_witnesses(prob.a, prob.row_lo, prob.row_hi, prob.true_x, prob.lb_outsider,
                   prob.ub, prob.varmap, prob.widths, wit)
    assert np.array_equal(wit.universal, recount(wit)) and (wit.universal > 1).any()
    # A chunk's copy notes on its own; its solutions, applied back, count once there.
    twin = wit.copy(log=True)
    i = 0
    twin.note(i, 10**6, frozenset({7}))  # a value blocked for one insider ...
    twin.note(i, 10**6, frozenset())  # ... then for none
    twin.note(i, 10**6, frozenset())
    assert twin.universal[i] == wit.universal[i] + 1
    assert np.array_equal(wit.universal, recount(wit))
    assert np.array_equal(twin.universal, recount(twin))
    assert (wit.settled(3) == (recount(wit) >= 3)).all()
