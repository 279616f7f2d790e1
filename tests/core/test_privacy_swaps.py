"""Two households of one postcode trading a characteristic move only the AND-cells: the
exchange witnesses that certify an OR-combination's overlaps where every count of the
postcode is shown."""
from __future__ import annotations

import dataclasses

import pandas as pd
from privacy_helpers import attacker_model, exchange_witnesses, value_feasible

from ruimtelijke_kijk.privacy.catalogue import load_catalogue
from ruimtelijke_kijk.privacy.problems import component_problems
from ruimtelijke_kijk.privacy.release_io import LEVELS
from ruimtelijke_kijk.privacy.rules import PUBLISHED, primary_and_complement
from ruimtelijke_kijk.privacy.tables import true_table

COLUMNS = ["budgetbeheer", "schuldhulp_aanmelding", "huurachterstand"]
CATALOGUE = {"name": "overlaps", "statistics": [
    {"id": "huishoudens", "kind": "denominator"},
    *({"id": c, "kind": "single", "column": c} for c in COLUMNS),
    {"id": "schulden", "kind": "or", "columns": COLUMNS},
]}
# Per postcode (30 households): every single 8, the OR 18, its complement 12 — all shown;
# the pairwise overlaps (2 each) are the sensitive AND-cells.
PATTERNS = [((1, 0, 0), 4), ((0, 1, 0), 4), ((0, 0, 1), 4),
            ((1, 1, 0), 2), ((0, 1, 1), 2), ((1, 0, 1), 2), ((0, 0, 0), 12)]


def _town():
    pcs = ["1000AA", "1000AB"]
    hier = pd.DataFrame({"postcode4": "1000", "buurtcode": "BU99990101",
                         "wijkcode": "WK999901", "gemeentecode": "GM9999"},
                        index=pd.Index(pcs, name="postcode6"))
    rows = [{"postcode6": pc, "huishouden_id": f"H{pc}{k}{n}",
             **dict(zip(COLUMNS, pattern))}
            for pc in pcs for k, (pattern, count) in enumerate(PATTERNS) for n in range(count)]
    table = true_table(pd.DataFrame(rows), load_catalogue(CATALOGUE), hier)
    den = table.stat_ids.index("huishoudens")
    codes = {lv: primary_and_complement(table.values[lv], table.values[lv][:, den], 5, den)
             for lv in LEVELS}
    return attacker_model(table, codes, pd.Series({pc: 30 for pc in pcs})), codes


def test_every_count_of_the_postcodes_is_shown():
    model, codes = _town()
    assert all((codes[lv] == PUBLISHED).all() for lv in LEVELS)
    assert {q.kind for q in model.quantities} == {"and"}


def test_trades_within_a_postcode_certify_the_overlaps_and_each_value_is_feasible():
    model, _ = _town()
    problems = component_problems(model).values()
    assert len(problems) == 2 and all(parts for parts, _ in problems)  # a postcode each
    for parts, prob in problems:
        # Exchanges between postcodes alone move no overlap: each changes a shown count.
        blind = exchange_witnesses(prob, dataclasses.replace(prob.varmap, holds=None))
        assert all(blind.distinct(i) == 1 for i in range(len(parts)))
        wit = exchange_witnesses(prob)
        assert not wit.short_parts(3), "every overlap gets three values, for every insider"
        for i in range(len(parts)):
            for value in wit.values(i) - {int(wit.true_vals[i])}:
                assert value_feasible(prob, prob.lb_outsider, i, value)
