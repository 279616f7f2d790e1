"""Attacks A1-A14 of privacy.md as executable tests, each on its minimal case."""
from __future__ import annotations

import numpy as np
import pytest
from privacy_helpers import SMALL_CATALOGUE, hierarchy, households, municipality

from ruimtelijke_kijk.privacy.builder import (
    BuildOptions,
    ReleaseRefusedError,
    audit_state,
    build_release,
)
from ruimtelijke_kijk.privacy.catalogue import load_catalogue
from ruimtelijke_kijk.privacy.cellkey import PerturbationTable, record_keys
from ruimtelijke_kijk.privacy.derived import drawn_area_sum, published_change
from ruimtelijke_kijk.privacy.release_io import LEVELS
from ruimtelijke_kijk.privacy.rules import (
    COMPLEMENT,
    PRIMARY,
    PUBLISHED,
    SECONDARY,
    Parameters,
    primary_and_complement,
)
from ruimtelijke_kijk.privacy.tables import true_table

CAT = load_catalogue(SMALL_CATALOGUE)
def state(hh, hier, threshold=5):
    table = true_table(hh, CAT, hier)
    den = table.stat_ids.index("huishoudens")
    codes = {lv: primary_and_complement(table.values[lv], table.values[lv][:, den], threshold,
                                        den) for lv in LEVELS}
    shown = {lv: table.values[lv].astype(float) for lv in LEVELS}
    return table, codes, shown


def findings(table, codes, shown, **kw):
    return audit_state(table, codes, shown, Parameters(), **kw).findings


def pinned(found, level, code, name, kind="cell"):
    return any(f.level == level and f.area_code == code and f.name == name and f.kind == kind
               for f in found)


BB = {"budgetbeheer": 1}
NONE: dict = {}


def test_a1_geographic_differencing_gives_only_an_interval():
    hh = households({"1000AA": [(BB, 2), (NONE, 15)], "1000AB": [(BB, 6), (NONE, 10)],
                     "1000AC": [(BB, 7), (NONE, 10)], "1000AD": [(BB, 5), (NONE, 12)]})
    hier = hierarchy({p: ("3000", "BU1") for p in ["1000AA", "1000AB", "1000AC", "1000AD"]})
    release = build_release(hh, 2024, hier, catalogue=SMALL_CATALOGUE).release
    big = drawn_area_sum(release, ["1000AA", "1000AB", "1000AC", "1000AD"], "budgetbeheer")
    small = drawn_area_sum(release, ["1000AB", "1000AC", "1000AD"], "budgetbeheer")
    wide = (big.high - small.low) - (big.low - small.high) if big.high and small.high else None
    assert big.hidden >= 1
    assert wide is None or wide >= 2  # the difference leaves at least three values



def test_drawn_area_sum_bounds_by_status():
    hh = households({"1000AA": [(BB, 2), (NONE, 15)], "1000AB": [(BB, 6), (NONE, 10)],
                     "1000AC": [(BB, 7), (NONE, 10)], "1000AD": [(BB, 5), (NONE, 12)]})
    hier = hierarchy({p: ("3000", "BU1") for p in ["1000AA", "1000AB", "1000AC", "1000AD"]})
    release = build_release(hh, 2024, hier, catalogue=SMALL_CATALOGUE).release
    status = release.values("postcode6")["budgetbeheer__status"]
    assert status["1000AA"] == "primary_suppressed"
    shown = [p for p in status.index if status[p] == "published"]
    one = drawn_area_sum(release, shown + ["1000AA"], "budgetbeheer")
    assert (one.hidden, one.high - one.low) == (1, 4)  # "fewer than 5": 0..4 more
    # A postcode the release does not hold bounds nothing: no upper bound is claimed.
    absent = drawn_area_sum(release, shown + ["9999ZZ"], "budgetbeheer")
    assert (absent.hidden, absent.low, absent.high) == (1, one.published, None)

def test_a2_totals_minus_parts():
    hh = households({"1000AA": [(BB, 2), (NONE, 15)], "1000AB": [(BB, 6), (NONE, 10)],
                     "1000AC": [(BB, 7), (NONE, 10)]})
    hier = hierarchy({p: ("3000", "BU1") for p in ["1000AA", "1000AB", "1000AC"]})
    table, codes, shown = state(hh, hier)
    assert pinned(findings(table, codes, shown), "postcode6", "1000AA", "budgetbeheer")
    result = build_release(hh, 2024, hier, catalogue=SMALL_CATALOGUE)
    assert result.audit.passed
    status = result.release.values("postcode6")["budgetbeheer__status"]
    assert (status != "published").sum() >= 2 or result.release.values("buurt")[
        "budgetbeheer__status"].iloc[0] != "published"


def test_a3_non_nested_hierarchies():
    # buurt BU1 = {AA, AB}, BU2 = {AC, AD}; pc4 3000 = {AA, AC}, 3001 = {AB, AD}.
    hh = households({"1000AA": [(BB, 2), (NONE, 15)], "1000AB": [(BB, 3), (NONE, 14)],
                     "1000AC": [(BB, 8), (NONE, 10)], "1000AD": [(BB, 9), (NONE, 10)]})
    hier = hierarchy({"1000AA": ("3000", "BU1"), "1000AB": ("3001", "BU1"),
                      "1000AC": ("3000", "BU2"), "1000AD": ("3001", "BU2")})
    table, codes, shown = state(hh, hier)
    bb = table.stat_ids.index("budgetbeheer")
    # Each hierarchy alone: hide one partner per pair, so every total has two hidden parts...
    codes["postcode6"][[2, 3], bb] = SECONDARY
    codes["postcode4"][:, bb] = PUBLISHED
    codes["buurt"][:, bb] = PUBLISHED
    # ...but with both, AA is the only unknown once AB and AC follow from the other totals.
    codes["postcode6"][[2], bb] = PUBLISHED
    assert pinned(findings(table, codes, shown), "postcode6", "1000AA", "budgetbeheer")
    assert build_release(hh, 2024, hier, catalogue=SMALL_CATALOGUE).audit.passed


def test_a4_or_to_and():
    hh = households({"1000AA": [({"budgetbeheer": 1, "huurachterstand": 1}, 1),
                                ({"budgetbeheer": 1}, 5), ({"huurachterstand": 1}, 6),
                                (NONE, 10)]})
    hier = hierarchy({"1000AA": ("3000", "BU1")})
    table, codes, shown = state(hh, hier)
    assert table.values["postcode6"][0, 1:4].tolist() == [6, 7, 12]
    found = findings(table, codes, shown)
    assert pinned(found, "postcode6", "1000AA", "schulden[budgetbeheer+huurachterstand]", "and")
    result = build_release(hh, 2024, hier, catalogue=SMALL_CATALOGUE)
    wide = result.release.values("postcode6").iloc[0]
    assert not all(wide[f"{s}__status"] == "published"
                   for s in ["budgetbeheer", "huurachterstand", "schulden"])


def test_a5_complement():
    hh = households({"1000AA": [(BB, 15), (NONE, 2)], "1000AB": [(BB, 9), (NONE, 9)],
                     "1000AC": [(BB, 10), (NONE, 9)]})
    hier = hierarchy({p: ("3000", "BU1") for p in ["1000AA", "1000AB", "1000AC"]})
    table, codes, shown = state(hh, hier)
    bb = table.stat_ids.index("budgetbeheer")
    assert codes["postcode6"][0, bb] == COMPLEMENT
    codes["postcode6"][0, bb] = PUBLISHED  # the broken rule: no complement suppression
    assert pinned(findings(table, codes, shown), "postcode6", "1000AA", "budgetbeheer",
                  "complement")
    result = build_release(hh, 2024, hier, catalogue=SMALL_CATALOGUE)
    assert result.release.values("postcode6").loc["1000AA", "budgetbeheer__status"] != "published"


def test_a6_time_change_only_between_published_values():
    mun = municipality(12, seed=3)
    r1 = build_release(mun.households, 2024, mun.hierarchy, catalogue=SMALL_CATALOGUE).release
    hh2 = mun.households.assign(jaar=2025)
    r2 = build_release(hh2, 2025, mun.hierarchy, catalogue=SMALL_CATALOGUE).release
    w1, w2 = r1.values("postcode6"), r2.values("postcode6")
    for pc in w1.index:
        change = published_change(r1, r2, pc, "budgetbeheer")
        both = {w1.loc[pc, "budgetbeheer__status"], w2.loc[pc, "budgetbeheer__status"]}
        assert (change is None) == (both != {"published"})


def test_a6_ledger_same_year_rerelease():
    # v1 publishes the singles; v2 (another catalogue) the OR: together they give the AND.
    hh = households({"1000AA": [({"budgetbeheer": 1, "huurachterstand": 1}, 1),
                                ({"budgetbeheer": 1}, 5), ({"huurachterstand": 1}, 6),
                                (NONE, 10)]})
    hier = hierarchy({"1000AA": ("3000", "BU1")})
    singles = {"name": "v1", "statistics": SMALL_CATALOGUE["statistics"][:3]}
    only_or = {"name": "v2", "statistics": [SMALL_CATALOGUE["statistics"][0],
                                            SMALL_CATALOGUE["statistics"][3]]}
    v1 = build_release(hh, 2024, hier, catalogue=singles).release
    assert v1.values("postcode6").loc["1000AA", "budgetbeheer__status"] == "published"
    alone = build_release(hh, 2024, hier, catalogue=only_or).release
    assert alone.values("postcode6").loc["1000AA", "schulden__status"] == "published"
    v2 = build_release(hh, 2024, hier, catalogue=only_or, ledger=[v1]).release
    assert v2.values("postcode6").loc["1000AA", "schulden__status"] != "published"
    assert v2.metadata["ledger"][0]["checksum"] == v1.checksum


def test_a7_averaging_same_households_same_noise():
    ptable = PerturbationTable(5, 5, 3.0)
    keys = record_keys([f"H{i}" for i in range(12)], b"secret")
    cell_key = np.array([(keys.sum() % 2**32) / 2**32])
    answers = {int(ptable.perturb(np.array([12]), cell_key)[0]) for _ in range(1000)}
    assert len(answers) == 1  # 1,000 queries of the same households: one noisy answer
    assert abs(answers.pop() - 12) <= 5


def _a8_state():
    # pc4 total 7 of two hidden postcodes: 1 (primary) and 6 (secondary); the debts OR
    # equals budgetbeheer here and is hidden with it (else 1000AB's OR would give 6).
    hh = households({"1000AA": [(BB, 1), (NONE, 16)], "1000AB": [(BB, 6), (NONE, 12)],
                     "1000AC": [(BB, 5), (NONE, 12)]})
    hier = hierarchy({"1000AA": ("3000", "BU1"), "1000AB": ("3000", "BU1"),
                      "1000AC": ("3001", "BU2")})
    table, codes, shown = state(hh, hier)
    debts = [table.stat_ids.index(s) for s in ("budgetbeheer", "schulden")]
    for level, rows in (("postcode6", [1]), ("postcode4", [1]), ("buurt", slice(None)),
                        ("wijk", slice(None))):
        for j in debts:
            codes[level][rows, j] = SECONDARY
    return table, codes, shown


def test_a8_insider_pair():
    # An outsider finds 0..2 for 1000AA; the one household inside it knows it is 1..2.
    table, codes, shown = _a8_state()
    assert pinned(findings(table, codes, shown), "postcode6", "1000AA", "budgetbeheer")


def test_a8_the_insiders_relaxation_convicts_and_the_integers_agree():
    from privacy_helpers import attacker_model, value_feasible

    from ruimtelijke_kijk.privacy.problems import component_problems
    from ruimtelijke_kijk.privacy.scope import SolveStats
    from ruimtelijke_kijk.privacy.searches import relaxed_span

    table, codes, _ = _a8_state()
    model = attacker_model(table, codes)
    found = [(k, prob) for parts, prob in component_problems(model).values()
             for k, (qi, _, _) in enumerate(parts)
             if (model.quantities[qi].level, model.quantities[qi].area, model.quantities[qi].kind,
                 model.quantities[qi].name) == ("postcode6", 0, "cell", "budgetbeheer")]
    [(i, prob)] = found
    stats = SolveStats()
    assert relaxed_span(prob, i, stats) == 3  # the outsider: 0..2
    assert [v for v in range(8) if value_feasible(prob, prob.lb_outsider, i, v)] == [0, 1, 2]
    atom = prob.parts[i].indices[prob.true_x[prob.parts[i].indices] >= 1][0]
    lb = prob.lb_outsider.copy()
    lb[atom] = 1  # the one household with budgetbeheer in 1000AA knows itself
    assert relaxed_span(prob, i, stats, lb) == 2  # 1..2: convicted without integer solves
    assert [v for v in range(8) if value_feasible(prob, lb, i, v)] == [1, 2]


def test_a9_a_priori_bounds_and_integers():
    # hidden sum 7 = primary x + secondary y; y >= 5 (the status says so) => x in 0..2,
    # and the insider in x leaves 1..2: pinned by the a-priori bound plus integers.
    hh = households({"1000AA": [(BB, 2), (NONE, 15)], "1000AB": [(BB, 5), (NONE, 14)],
                     "1000AC": [(BB, 9), (NONE, 9)]})
    hier = hierarchy({p: ("3000", "BU1") for p in ["1000AA", "1000AB", "1000AC"]})
    table, codes, shown = state(hh, hier)
    codes["postcode6"][1, [1, 3]] = SECONDARY  # budgetbeheer and schulden (equal here)
    assert codes["postcode6"][0, 1] == PRIMARY
    assert pinned(findings(table, codes, shown), "postcode6", "1000AA", "budgetbeheer")


def test_a10_full_reconstruction_pins_nothing_on_a_generated_municipality():
    mun = municipality(30, seed=11)
    result = build_release(mun.households, 2024, mun.hierarchy, catalogue=SMALL_CATALOGUE,
                           cbs_households=mun.cbs)
    assert result.audit.passed and result.audit.findings == []
    assert sum(result.audit.checked.values()) > 20


def test_a11_no_raw_values_or_ids_in_the_file(tmp_path):
    mun = municipality(15, seed=5)
    out = tmp_path / "r.gpkg"
    build_release(mun.households, 2024, mun.hierarchy, out, catalogue=SMALL_CATALOGUE)
    blob = out.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["r.gpkg"]  # no temp files left
    for hid in mun.households["huishouden_id"].head(50):
        assert hid.encode() not in blob


def test_a12_threshold_is_public_and_never_below_five():
    with pytest.raises(ValueError):
        Parameters(threshold=4)
    mun = municipality(12, seed=2)
    r = build_release(mun.households, 2024, mun.hierarchy, catalogue=SMALL_CATALOGUE,
                      parameters=Parameters(threshold=7)).release
    assert r.threshold == 7
    values = r.cells["value"].dropna()
    assert ((values == 0) | (values >= 7)).all()


def test_a13_refusal_depends_on_public_data_only():
    mun = municipality(12, seed=4)
    hier = mun.hierarchy
    a = build_release(mun.households, 2024, hier, catalogue=SMALL_CATALOGUE).release
    levels = [tuple(a.values(lv).index) for lv in LEVELS]
    other = mun.households.copy()
    other["budgetbeheer"] = 0
    b = build_release(other, 2024, hier, catalogue=SMALL_CATALOGUE).release
    assert levels == [tuple(b.values(lv).index) for lv in LEVELS]  # same areas, same rows


def test_a14_amounts_are_not_released():
    # Dominance (p% rule) applies to sums of amounts; the catalogue holds counts only.
    with pytest.raises(ValueError):
        load_catalogue({"statistics": [{"id": "huishoudens", "kind": "denominator"},
                                       {"id": "schuld", "kind": "sum", "column": "bedrag"}]})


def test_refused_release_writes_nothing(tmp_path):
    hh = households({"1000AA": [(BB, 2), (NONE, 15)], "1000AB": [(BB, 6), (NONE, 10)]})
    hier = hierarchy({p: ("3000", "BU1") for p in ["1000AA", "1000AB"]})
    with pytest.raises(ReleaseRefusedError):
        build_release(hh, 2024, hier, tmp_path / "r.gpkg", catalogue=SMALL_CATALOGUE,
                      options=BuildOptions(secondary=False, repair=False))
    assert list(tmp_path.iterdir()) == []
