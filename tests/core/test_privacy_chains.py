"""Long exchange cycles certify hidden cells that no short exchange moves, soundly."""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
from privacy_helpers import attacker_model, exchange_witnesses, value_feasible

from ruimtelijke_kijk.privacy.audit import audit_model
from ruimtelijke_kijk.privacy.catalogue import load_catalogue
from ruimtelijke_kijk.privacy.problems import component_problems
from ruimtelijke_kijk.privacy.release_io import LEVELS
from ruimtelijke_kijk.privacy.rules import PUBLISHED, primary_and_complement
from ruimtelijke_kijk.privacy.scope import Scope, SolveStats
from ruimtelijke_kijk.privacy.searches import EVERY, relaxed_span, spread
from ruimtelijke_kijk.privacy.secondary import protect_totals
from ruimtelijke_kijk.privacy.tables import true_table
from ruimtelijke_kijk.privacy.witnesses import Witnesses

CATALOGUE = {"name": "ring", "statistics": [
    {"id": "huishoudens", "kind": "denominator"},
    {"id": "budgetbeheer", "kind": "single", "column": "budgetbeheer"},
]}
# Six postcodes on a ring of three postcode-4 areas and three buurten: every area holds
# two of them, so no two or four postcodes can exchange a household and keep every total.
RING = [("3001", "X"), ("3002", "X"), ("3002", "Y"), ("3003", "Y"), ("3003", "Z"), ("3001", "Z")]


def _ring(debts: list[int], size: int = 20):
    pcs = [f"1000A{chr(65 + i)}" for i in range(len(RING))]
    hier = pd.DataFrame({"postcode4": [p4 for p4, _ in RING],
                         "buurtcode": [f"BU999901{ord(b) - 88:02d}" for _, b in RING],
                         "wijkcode": "WK999901", "gemeentecode": "GM9999"},
                        index=pd.Index(pcs, name="postcode6"))
    rows = [{"postcode6": pc, "huishouden_id": f"H{pc}{k}", "budgetbeheer": int(k < d)}
            for pc, d in zip(pcs, debts) for k in range(size)]
    table = true_table(pd.DataFrame(rows), load_catalogue(CATALOGUE), hier)
    den = table.stat_ids.index("huishoudens")
    codes = {lv: primary_and_complement(table.values[lv], table.values[lv][:, den], 5, den)
             for lv in LEVELS}
    protect_totals(codes, table)
    return attacker_model(table, codes, pd.Series({pc: size for pc in pcs})), codes


def _first_cell(model, parts) -> int:
    quantities = model.quantities
    return next(i for i, (qi, _, _) in enumerate(parts)
                if quantities[qi].kind == "cell" and quantities[qi].level == "postcode6")


def test_the_ring_publishes_every_area_total_and_hides_the_six_postcodes():
    model, codes = _ring([3] * 6)
    debts = model.table.stat_ids.index("budgetbeheer")
    assert (codes["postcode6"][:, debts] != PUBLISHED).all()
    for level in ("postcode4", "buurt", "wijk", "gemeente"):
        assert (codes[level][:, debts] == PUBLISHED).all(), level


def test_only_a_six_postcode_cycle_moves_a_ring_cell_and_its_values_are_exact():
    model, _ = _ring([3] * 6)
    (parts, prob), = component_problems(model).values()
    cells = [i for i, (qi, _, _) in enumerate(parts)
             if model.quantities[qi].kind == "cell" and model.quantities[qi].level == "postcode6"]
    assert len(cells) == 6
    blind = dataclasses.replace(prob.varmap, holds=None)  # the short exchanges only
    without = exchange_witnesses(prob, blind)
    assert all(without.distinct(i) == 1 for i in cells)
    wit = exchange_witnesses(prob)
    for i in cells:
        # 3 +- 1 by the cycle, and 3 +- 2 by the cycle done twice: the attacker's range is
        # 2..4 (each cell at most 4, each pair of cells sums to 6).
        assert wit.values(i) == {2, 3, 4}
        for value in wit.values(i) - {3}:
            assert value_feasible(prob, prob.lb_outsider, i, value)
        assert not value_feasible(prob, prob.lb_outsider, i, 1)


def test_the_ring_passes_its_audit():
    result = audit_model(_ring([3] * 6)[0])
    assert result.passed, [f.to_json() for f in result.findings]


def test_a_ring_with_no_room_is_pinned_by_the_audit():
    # Every cell 4, every total 8: no cell can rise above 4, so none can fall either.
    result = audit_model(_ring([4] * 6)[0])
    assert not result.passed
    pinned = {f.area_code for f in result.findings
              if f.level == "postcode6" and f.problem == "pinned"}
    assert pinned == {f"1000A{chr(65 + i)}" for i in range(6)}


def test_the_linear_relaxation_convicts_only_what_is_pinned():
    for debts, span in (([4] * 6, 1), ([3] * 6, 3)):
        model, _ = _ring(debts)
        (parts, prob), = component_problems(model).values()
        cell = _first_cell(model, parts)
        assert relaxed_span(prob, cell, SolveStats()) == span


def test_one_search_that_keeps_every_occupied_atom_serves_every_insider():
    model, _ = _ring([3] * 6)
    (parts, prob), = component_problems(model).values()
    cell = _first_cell(model, parts)
    wit = Witnesses(prob.parts, prob.true_x, np.nonzero(prob.lb_insider >= 1)[0])
    assert wit.weak_insiders(cell, 3)  # only the truth so far
    stats = SolveStats()
    every = np.maximum(prob.lb_outsider, prob.lb_insider)
    assert spread(Scope(prob, None, None), wit, cell, every, stats, 3, EVERY)
    assert wit.values(cell) == {2, 3, 4}
    assert not wit.weak_insiders(cell, 3)  # no insider's household had to leave its atom
    assert stats.solves <= 3
