"""What a status tells: the attacker's bounds from statuses follow from the public rules."""
from __future__ import annotations

import numpy as np
from privacy_helpers import SMALL_CATALOGUE, hierarchy, households

from ruimtelijke_kijk.privacy.builder import audit_state, build_release
from ruimtelijke_kijk.privacy.catalogue import load_catalogue
from ruimtelijke_kijk.privacy.knowledge import knowledge_from_release
from ruimtelijke_kijk.privacy.release_io import LEVELS
from ruimtelijke_kijk.privacy.rules import (
    COMPLEMENT,
    PRIMARY,
    PUBLISHED,
    SECONDARY,
    SUPPRESSED,
    Parameters,
    primary_and_complement,
    reasons_withheld,
)
from ruimtelijke_kijk.privacy.tables import true_table

T = 5


def test_bounds_of_each_rule_status_are_what_the_rules_allow():
    # Every (value, denominator) pair the rules give a status, for one statistic beside
    # its denominator; the attacker who knows the rules learns exactly their range.
    pairs = [(v, n) for n in range(0, 4 * T) for v in range(0, n + 1)]
    values = np.array([[n, v] for v, n in pairs], dtype=float)
    codes = primary_and_complement(values, values[:, 0], T, 0)
    shown = np.where(codes == PUBLISHED, values, np.nan)
    know = knowledge_from_release({"postcode6": codes}, {"postcode6": shown}, T, 0)
    lo, hi = know.lo["postcode6"][:, 1], know.hi["postcode6"][:, 1]
    clo, chi = know.clo["postcode6"][:, 1], know.chi["postcode6"][:, 1]
    for status in (PRIMARY, COMPLEMENT):
        sel = codes[:, 1] == status
        v = values[sel, 1]
        rest = values[sel, 0] - v
        assert (lo[sel] == v.min()).all() and (hi[sel] >= v.max()).all(), status
        assert (clo[sel] == rest.min()).all() and (chi[sel] >= rest.max()).all(), status
    pub = codes[:, 1] == PUBLISHED
    rest = values[pub, 0] - values[pub, 1]
    assert (lo[pub] == values[pub, 1]).all() and (hi[pub] == values[pub, 1]).all()
    # A published value passed the complement rule: its complement is at least T.
    assert rest.min() == T and (clo[pub] == T).all()
    # Every true pair lies inside its bounds.
    assert (values[:, 1] >= lo).all() and (values[:, 1] <= hi).all()
    assert (values[:, 0] - values[:, 1] >= clo).all()
    assert (values[:, 0] - values[:, 1] <= chi).all()


def _statuses_shown(pairs: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    values = np.array([[n, v] for v, n in pairs], dtype=float)
    codes = primary_and_complement(values, values[:, 0], T, 0)
    return values, reasons_withheld(codes, values[:, 0], T, 0)


def test_a_reason_is_given_only_where_it_leaves_threshold_values():
    # 7 households, 5 with the characteristic: "all but fewer than 5" would say 5 to 7.
    pairs = [(v, n) for n in range(0, 4 * T) for v in range(0, n + 1)]
    values, codes = _statuses_shown(pairs)
    n, status = values[:, 0], codes[:, 1]
    assert (status[n < 2 * T] == SUPPRESSED).all()
    assert not (status[n >= 2 * T] == SUPPRESSED).any()
    for size in range(2 * T, 4 * T):
        for reason in (PRIMARY, COMPLEMENT):
            told = values[(n == size) & (status == reason), 1]
            assert len(told) == T, (size, reason)
    # A count that is published keeps its status: published is published everywhere.
    published = primary_and_complement(values, n, T, 0) == PUBLISHED
    assert (codes[published] == PUBLISHED).all()


def test_a_hidden_household_count_withholds_the_reasons_of_its_area():
    values = np.array([[40, 3, 20, 38], [40, 3, 20, 38]], dtype=float)
    codes = primary_and_complement(values, values[:, 0], T, 0)
    codes[1, 0] = SECONDARY  # the second area's count hidden by a repair
    shown = reasons_withheld(codes, values[:, 0], T, 0)
    assert shown[0].tolist() == [PUBLISHED, PRIMARY, PUBLISHED, COMPLEMENT]
    assert shown[1].tolist() == [SECONDARY, SUPPRESSED, PUBLISHED, SUPPRESSED]
    assert codes[1].tolist() == [SECONDARY, PRIMARY, PUBLISHED, COMPLEMENT]  # a copy


def test_a_status_without_reason_bounds_nothing():
    values = np.array([[7, 5], [7, 1]], dtype=float)
    codes = reasons_withheld(primary_and_complement(values, values[:, 0], T, 0),
                             values[:, 0], T, 0)
    shown = np.where(codes == PUBLISHED, values, np.nan)
    know = knowledge_from_release({"postcode6": codes}, {"postcode6": shown}, T, 0)
    assert (codes[:, 1] == SUPPRESSED).all()
    assert (know.lo["postcode6"][:, 1] == 0).all() and np.isinf(know.hi["postcode6"][:, 1]).all()
    assert (know.clo["postcode6"][:, 1] == 0).all()
    assert np.isinf(know.chi["postcode6"][:, 1]).all()


def test_a_small_postcode_is_released_without_reasons():
    # 1000AA: 7 households, 5 with a low income. "All but fewer than 5" would say 5 to 7;
    # the insider without a low income knows it is 5 or 6. Without the reason it passes.
    small = [({"laag_inkomen": 1}, 4), ({"laag_inkomen": 1, "budgetbeheer": 1}, 1),
             ({"budgetbeheer": 1}, 1), ({}, 1)]
    spec = {"1000AA": small}
    for i, pc in enumerate(["1000AB", "1000AC", "1000AD", "1000AE"]):
        spec[pc] = [({"laag_inkomen": 1}, 6 + i), ({"budgetbeheer": 1, "huurachterstand": 1},
                                                   7), ({"personen_75_plus": 1}, 8), ({}, 9)]
    frame = households(spec)
    hier = hierarchy({pc: ("1000", "BU1" if k < 3 else "BU2") for k, pc in enumerate(spec)})
    cbs = (frame.groupby("postcode6").size() / 5).round().astype(int) * 5
    table = true_table(frame, load_catalogue(SMALL_CATALOGUE), hier)
    codes = {lv: primary_and_complement(table.values[lv], table.values[lv][:, table.den], T,
                                        table.den) for lv in LEVELS}
    shown = {lv: table.values[lv].astype(float) for lv in LEVELS}
    told = audit_state(table, codes, shown, Parameters(), cbs).findings
    assert ("1000AA", "laag_inkomen", "complement") in {
        (f.area_code, f.name, f.kind) for f in told}

    built = build_release(frame, 2024, hier, catalogue=SMALL_CATALOGUE, cbs_households=cbs)
    assert built.audit.passed
    pc6 = built.release.values("postcode6")
    statistics = pc6.filter(like="__status").drop(columns="huishoudens__status")
    withheld = (pc6["huishoudens__status"] != "published") | (pc6["huishoudens"] < 2 * T)
    assert (statistics.loc["1000AA"] == "suppressed").all()
    for pc, row in statistics.iterrows():  # a reason where the count is shown and >= 2T
        assert (row == "suppressed").any() == withheld[pc] or (row == "published").all()
        assert not withheld[pc] or row.isin(["suppressed", "published"]).all()
    assert not withheld.all() and (statistics[~withheld] == "secondary_suppressed").any().any()
    withheld_cells = (statistics == "suppressed").sum().sum()
    assert built.suppression["postcode6:reason_withheld"] == withheld_cells
    assert built.suppression["postcode6:complement_suppressed"] >= 1
