"""Deliberately broken variants of the release builder (privacy.md): each must be caught.

Each test builds the broken variant, shows that it leaks (or that the audit convicts it),
and that the real builder does not.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from privacy_helpers import SMALL_CATALOGUE, municipality
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix
from test_privacy_attacks import BB, NONE, findings, hierarchy, households, pinned, state

import ruimtelijke_kijk.privacy.builder as builder_module
from ruimtelijke_kijk.privacy.audit_release import audit_releases
from ruimtelijke_kijk.privacy.builder import BuildOptions, build_release
from ruimtelijke_kijk.privacy.cellkey import PerturbationTable, record_keys
from ruimtelijke_kijk.privacy.derived import drawn_area_sum, values_for_export
from ruimtelijke_kijk.privacy.knowledge import Knowledge
from ruimtelijke_kijk.privacy.release_io import LEVELS
from ruimtelijke_kijk.privacy.rules import SECONDARY
from ruimtelijke_kijk.privacy.solver import Problem, SolveStats, attack

OFF = dict(secondary=False, or_rule=False, repair=False, audit=False)


def _audit_built(mun, **opts):
    rel = build_release(mun.households, 2024, mun.hierarchy, catalogue=SMALL_CATALOGUE,
                        cbs_households=mun.cbs, options=BuildOptions(**opts)).release
    return audit_releases([rel], mun.households, mun.hierarchy, mun.cbs)[2024]


def test_no_secondary_suppression_is_convicted():
    mun = municipality(20, seed=21)
    broken = _audit_built(mun, **OFF)
    assert not broken.passed
    assert any(f.level == "postcode6" for f in broken.findings)
    assert _audit_built(mun).passed


def test_lp_instead_of_integer_audit_is_convicted():
    # x = 2w, w in {0, 1}: the LP says x in [0, 2] (three values), integers say {0, 2}.
    prob = Problem(a=csr_matrix(np.array([[1.0, -2.0]])), row_lo=np.zeros(1),
                   row_hi=np.zeros(1), lb_outsider=np.zeros(2), lb_insider=np.zeros(2),
                   ub=np.array([4.0, 1.0]), true_x=np.array([2.0, 1.0]),
                   parts=csr_matrix(np.array([[1.0, 0.0]])), presence=np.zeros(1, bool),
                   via_or=np.zeros(1, bool))
    lp = [milp(s * np.array([1.0, 0]), bounds=Bounds(prob.lb_outsider, prob.ub),
               constraints=[LinearConstraint(prob.a, prob.row_lo, prob.row_hi)]).fun * s
          for s in (1, -1)]
    assert np.floor(lp[1]) - np.ceil(lp[0]) + 1 >= 3  # the LP audit would pass it
    assert attack(prob, SolveStats())[0].distinct == 2  # the integer audit does not


def test_no_a_priori_bounds_is_convicted(monkeypatch):
    hh = households({"1000AA": [(BB, 2), (NONE, 15)], "1000AB": [(BB, 5), (NONE, 14)],
                     "1000AC": [(BB, 9), (NONE, 9)]})
    hier = hierarchy({p: ("3000", "BU1") for p in ["1000AA", "1000AB", "1000AC"]})
    table, codes, shown = state(hh, hier)
    codes["postcode6"][1, [1, 3]] = SECONDARY  # budgetbeheer and schulden (equal here)
    assert pinned(findings(table, codes, shown), "postcode6", "1000AA", "budgetbeheer")
    real = builder_module.knowledge_from_release

    def no_bounds(codes, shown, threshold, den, *rules) -> Knowledge:
        know = real(codes, shown, threshold, den, *rules)
        for lv in LEVELS:
            hidden = know.lo[lv] != know.hi[lv]
            know.lo[lv][hidden], know.hi[lv][hidden] = 0, np.inf
            know.clo[lv][:], know.chi[lv][:] = -np.inf, np.inf
        return know

    monkeypatch.setattr(builder_module, "knowledge_from_release", no_bounds)
    assert not pinned(findings(table, codes, shown), "postcode6", "1000AA", "budgetbeheer")


def test_external_totals_ignored_is_convicted(monkeypatch):
    # The municipal household total is public: 12 - 9 gives the small postcode's 3.
    hh = households({"1000AA": [(NONE, 3)], "1000AB": [(NONE, 9)]})
    hier = hierarchy({"1000AA": ("3000", "BU1"), "1000AB": ("3000", "BU1")})
    table, codes, shown = state(hh, hier)
    for lv in ("postcode4", "buurt", "wijk", "gemeente"):
        codes[lv][:, 0] = SECONDARY
    assert pinned(findings(table, codes, shown), "postcode6", "1000AA", "huishoudens")
    monkeypatch.setattr(builder_module, "add_public", lambda know, *a, **k: know)
    assert not pinned(findings(table, codes, shown), "postcode6", "1000AA", "huishoudens")


def _raw_area_sum(hh: pd.DataFrame, pcs: list[str], column: str) -> int:
    return int(hh[hh["postcode6"].isin(pcs)][column].sum())


def test_drawn_areas_from_raw_data_leak_and_release_sums_do_not():
    mun = municipality(20, seed=22)
    rel = build_release(mun.households, 2024, mun.hierarchy, catalogue=SMALL_CATALOGUE).release
    wide = rel.values("postcode6")
    hidden = wide.index[wide["budgetbeheer__status"] == "primary_suppressed"][0]
    others = [p for p in wide.index if p != hidden][:6]
    truth = _raw_area_sum(mun.households, [hidden], "budgetbeheer")
    leak = (_raw_area_sum(mun.households, others + [hidden], "budgetbeheer")
            - _raw_area_sum(mun.households, others, "budgetbeheer"))
    assert leak == truth  # the broken path gives the hidden value away
    a = drawn_area_sum(rel, others + [hidden], "budgetbeheer")
    b = drawn_area_sum(rel, others, "budgetbeheer")
    assert a.published == b.published and a.hidden == b.hidden + 1


def test_singles_beside_ors_without_inclusion_exclusion_is_convicted():
    hh = households({"1000AA": [({"budgetbeheer": 1, "huurachterstand": 1}, 1),
                                ({"budgetbeheer": 1}, 5), ({"huurachterstand": 1}, 6),
                                (NONE, 10)], "1000AB": [(NONE, 20)]})
    hier = hierarchy({"1000AA": ("3000", "BU1"), "1000AB": ("3000", "BU1")})
    broken = build_release(hh, 2024, hier, catalogue=SMALL_CATALOGUE,
                           options=BuildOptions(**OFF)).release
    result = audit_releases([broken], hh, hier)[2024]
    assert any(f.kind == "and" for f in result.findings)
    good = build_release(hh, 2024, hier, catalogue=SMALL_CATALOGUE).release
    assert audit_releases([good], hh, hier)[2024].passed


def test_no_complement_rule_is_convicted():
    hh = households({"1000AA": [(BB, 15), (NONE, 2)], "1000AB": [(BB, 9), (NONE, 9)],
                     "1000AC": [(BB, 10), (NONE, 9)]})
    hier = hierarchy({p: ("3000", "BU1") for p in ["1000AA", "1000AB", "1000AC"]})
    broken = build_release(hh, 2024, hier, catalogue=SMALL_CATALOGUE,
                           options=BuildOptions(complement=False, **OFF)).release
    result = audit_releases([broken], hh, hier)[2024]
    assert any(f.kind == "complement" for f in result.findings)


def _fresh_noise(value: int, rng: np.random.Generator) -> int:
    return value + int(rng.integers(-5, 6))


def test_fresh_noise_per_query_averages_away_and_cell_keys_do_not():
    rng = np.random.default_rng(1)
    average = np.mean([_fresh_noise(12, rng) for _ in range(1000)])
    assert round(average) == 12  # the broken variant gives the true value back
    ptable = PerturbationTable(5, 5, 3.0)
    keys = record_keys([f"H{i}" for i in range(12)], b"salt")
    key = np.array([(keys.sum() % 2**32) / 2**32])
    answers = [int(ptable.perturb(np.array([12]), key)[0]) for _ in range(1000)]
    assert len(set(answers)) == 1  # averaging removes nothing


def test_noise_seeded_per_run_differs_and_record_keys_do_not():
    ids = [f"H{i}" for i in range(30)]
    per_run = [np.random.default_rng().integers(0, 2**32, len(ids)) for _ in range(2)]
    assert not np.array_equal(per_run[0], per_run[1])  # broken: new noise every run
    assert np.array_equal(record_keys(ids, b"s"), record_keys(list(reversed(ids)), b"s")[::-1])
    mun = municipality(10, seed=23)
    runs = [build_release(mun.households, 2024, mun.hierarchy, catalogue=SMALL_CATALOGUE,
                          parameters=builder_module.Parameters(mode="cellkey"),
                          salt=b"s", options=BuildOptions(audit=False)).release.cells
            for _ in range(2)]
    pd.testing.assert_frame_equal(runs[0], runs[1])


def test_rounding_drawn_areas_to_five_leaks_presence():
    def rounded(total: int) -> int:  # broken: raw sums rounded to 5
        return 5 * round(total / 5)
    assert rounded(23) != rounded(20)  # area plus one hidden postcode with 3: it shows
    mun = municipality(20, seed=24)
    rel = build_release(mun.households, 2024, mun.hierarchy, catalogue=SMALL_CATALOGUE).release
    wide = rel.values("postcode6")
    hidden = wide.index[wide["budgetbeheer__status"] != "published"][0]
    others = [p for p in wide.index if p != hidden][:5]
    a = drawn_area_sum(rel, others + [hidden], "budgetbeheer")
    b = drawn_area_sum(rel, others, "budgetbeheer")
    assert a.published == b.published  # the release-based sum does not move


def _refuse_broken(hh: pd.DataFrame, pcs: list[str]) -> bool:
    return _raw_area_sum(hh, pcs, "budgetbeheer") < 5  # depends on the sensitive value


def test_refusals_that_depend_on_the_data_are_caught():
    mun = municipality(12, seed=25)
    other = mun.households.copy()
    other["budgetbeheer"] = 1 - other["budgetbeheer"]
    counts = mun.households.groupby("postcode6")["budgetbeheer"].agg(["sum", "size"])
    pcs = [counts[(counts["sum"] < 5) & (counts["size"] >= 10)].index[0]]
    assert _refuse_broken(mun.households, pcs) != _refuse_broken(other, pcs)
    a = build_release(mun.households, 2024, mun.hierarchy, catalogue=SMALL_CATALOGUE).release
    b = build_release(other, 2024, mun.hierarchy, catalogue=SMALL_CATALOGUE).release
    assert list(a.cells["area_code"]) == list(b.cells["area_code"])


def test_export_bypassing_the_release_is_caught():
    mun = municipality(20, seed=26)
    rel = build_release(mun.households, 2024, mun.hierarchy, catalogue=SMALL_CATALOGUE).release
    truth = mun.households.groupby("postcode6")["budgetbeheer"].sum()
    bypass = truth.reindex(rel.values("postcode6").index).fillna(0)  # broken export
    exported = values_for_export(rel, "postcode6")
    hidden = exported["budgetbeheer__status"] != "published"
    assert hidden.any()
    assert bypass[hidden].notna().all()  # the bypass shows hidden values
    assert exported.loc[hidden, "budgetbeheer"].isna().all()  # the release path never does


@pytest.mark.parametrize("opts", [dict(audit=False, repair=False),
                                  dict(secondary=False, repair=False, audit=False)])
def test_builds_without_audit_are_convicted_by_auditrelease(opts):
    mun = municipality(25, seed=27)
    assert not _audit_built(mun, **{**OFF, **opts}).passed


def _sum_problem(y_max: float, weight: float, true: list[float]) -> Problem:
    """Hidden x (the part, 0..4) + weight * hidden y = 7 (a published total),
    0 <= y <= y_max."""
    return Problem(a=csr_matrix(np.array([[1.0, weight]])), row_lo=np.full(1, 7.0),
                   row_hi=np.full(1, 7.0), lb_outsider=np.zeros(2), lb_insider=np.ones(2),
                   ub=np.array([4.0, y_max]), true_x=np.array(true),
                   parts=csr_matrix(np.array([[1.0, 0.0]])), presence=np.ones(1, bool),
                   via_or=np.zeros(1, bool))


def test_presence_is_proven_by_the_relaxation_and_only_where_integers_agree():
    from ruimtelijke_kijk.privacy.scope import Scope

    row = np.array([1.0, 0.0])

    def relaxed(prob: Problem) -> tuple[float, bool]:
        value, x = Scope(prob, None, None).relaxed(row, prob.lb_outsider, SolveStats())
        return value, x is not None

    capped = _sum_problem(5.0, 1.0, [2.0, 5.0])  # x >= 7 - 5: someone is there
    assert relaxed(capped) == (2.0, True)
    assert attack(capped, SolveStats())[0].minimum >= 1  # presence: a warning
    free = _sum_problem(7.0, 1.0, [2.0, 5.0])
    assert relaxed(free) == (0.0, True)  # x = 0, y = 7: a whole solution
    assert attack(free, SolveStats())[0].minimum == 0
    # x + 2y = 7: the relaxation allows x = 0 (y = 3.5), the integers need x odd. The
    # relaxation proves nothing there; the integer solve finds the minimum 1.
    odd = _sum_problem(3.0, 2.0, [1.0, 3.0])
    assert relaxed(odd) == (1.0, True)  # y <= 3: x >= 1 already
    wide = _sum_problem(3.5, 2.0, [1.0, 3.0])
    assert relaxed(wide) == (0.0, False)  # y = 3.5
    assert attack(wide, SolveStats())[0].minimum == 1


def test_a_relaxed_answer_is_taken_only_where_it_is_integral():
    from ruimtelijke_kijk.privacy.scope import Scope

    def solve(prob: Problem, c: list[float]) -> tuple[list[float], int]:
        scope = Scope(prob, None, None, relaxed_first=True)
        stats = SolveStats()
        x = scope.solve(np.array(c), prob.lb_outsider, stats)
        return x.tolist(), stats.solves

    # x + y = 7, y <= 5: the relaxation's least x (2, y = 5) is whole: one solve.
    assert solve(_sum_problem(5.0, 1.0, [2.0, 5.0]), [1.0, 0.0]) == ([2.0, 5.0], 1)
    # x + 2y = 7, y <= 3.5: the relaxation says x = 0 with y = 3.5 — not a solution; the
    # integer solve answers x = 1, y = 3.
    assert solve(_sum_problem(3.5, 2.0, [1.0, 3.0]), [1.0, 0.0]) == ([1.0, 3.0], 2)
