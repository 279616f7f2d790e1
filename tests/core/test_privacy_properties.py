"""Property-based tests over random small municipalities, plus utility and cell-key mode."""
from __future__ import annotations

import json
import sqlite3

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from privacy_helpers import SMALL_CATALOGUE, municipality, next_year

from ruimtelijke_kijk.privacy.audit_release import audit_releases
from ruimtelijke_kijk.privacy.builder import build_release
from ruimtelijke_kijk.privacy.catalogue import load_catalogue
from ruimtelijke_kijk.privacy.release_io import LEVELS, read_release
from ruimtelijke_kijk.privacy.report import format_report, report_json
from ruimtelijke_kijk.privacy.rules import Parameters
from ruimtelijke_kijk.privacy.tables import true_table

CAT = load_catalogue(SMALL_CATALOGUE)
FAST = settings(max_examples=4, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(seed=st.integers(0, 10_000), size=st.integers(6, 18))
def test_no_sensitive_quantity_pinned_and_statuses_consistent(seed, size):
    mun = municipality(size, seed=seed)
    result = build_release(mun.households, 2024, mun.hierarchy, catalogue=SMALL_CATALOGUE,
                           cbs_households=mun.cbs)
    again = audit_releases([result.release], mun.households, mun.hierarchy, mun.cbs)[2024]
    assert result.audit.passed and again.passed and not again.findings
    table = true_table(mun.households, CAT, mun.hierarchy)
    for lv in LEVELS:
        wide = result.release.values(lv)
        for j, stat in enumerate(CAT.ids):
            status = wide[f"{stat}__status"].to_numpy()
            shown = wide[stat].to_numpy(dtype=float, na_value=np.nan)
            true = table.values[lv][:, j]
            pub = status == "published"
            assert np.array_equal(shown[pub], true[pub])  # published means unaltered
            assert np.isnan(shown[~pub]).all()  # hidden means NULL, never 0
            assert (true[status == "primary_suppressed"] < 5).all()
            assert (true[pub] >= 5).all()


@FAST
@given(seed=st.integers(0, 10_000))
def test_determinism_byte_identical(tmp_path_factory, seed):
    mun = municipality(10, seed=seed)
    paths = [tmp_path_factory.mktemp("r") / "r.gpkg" for _ in range(2)]
    for path, hh in zip(paths, [mun.households, mun.households.sample(frac=1, random_state=1)]):
        build_release(hh, 2024, mun.hierarchy, path, catalogue=SMALL_CATALOGUE)
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_utility_suppression_mode():
    """>= 85 % of postcode x statistic cells with a true value >= 10 published unaltered."""
    published = total = 0
    for seed in (31, 32):
        mun = municipality(40, seed=seed)
        res = build_release(mun.households, 2024, mun.hierarchy, catalogue=SMALL_CATALOGUE,
                            cbs_households=mun.cbs)
        table = true_table(mun.households, CAT, mun.hierarchy)
        wide = res.release.values("postcode6")
        for j, stat in enumerate(CAT.ids):
            big = table.values["postcode6"][:, j] >= 10
            ok = (wide[f"{stat}__status"].to_numpy() == "published") & big
            published += ok.sum()
            total += big.sum()
        assert any(k.endswith("secondary_suppressed") for k in res.suppression)
    assert total > 50 and published / total >= 0.85


def test_cellkey_mode_audited_within_d_and_no_small_values(tmp_path):
    mun = municipality(8, seed=41)
    params = Parameters(mode="cellkey", max_deviation=5, variance=3.0)
    res = build_release(mun.households, 2024, mun.hierarchy, tmp_path / "r.gpkg",
                        catalogue=SMALL_CATALOGUE, parameters=params, salt=b"geheim",
                        cbs_households=mun.cbs)
    assert res.audit.passed
    cells = res.release.cells
    assert (cells["status"] == "perturbed").all()
    values = cells["value"].astype(int)
    assert ((values == 0) | (values >= 5)).all()
    table = true_table(mun.households, CAT, mun.hierarchy)
    shown = res.release.values("postcode6")[CAT.ids].to_numpy(dtype=float)
    assert np.abs(shown - table.values["postcode6"]).max() <= 5
    blob = (tmp_path / "r.gpkg").read_bytes()
    assert b"geheim" not in blob
    # the same households next year (no churn) get the same noise: record keys persist
    nxt = next_year(mun, seed=1, churn=0.0)
    res2 = build_release(nxt.households, 2025, mun.hierarchy, catalogue=SMALL_CATALOGUE,
                         parameters=params, salt=b"geheim")
    assert res2.release.cells["value"].tolist() == cells["value"].tolist()


def test_ledger_three_years_and_report(tmp_path):
    mun = municipality(12, seed=51)
    years = [mun, next_year(mun, 1), next_year(next_year(mun, 1), 2)]
    paths = []
    for k, m in enumerate(years):
        path = tmp_path / f"r{k}.gpkg"
        build_release(m.households, 2024 + k, m.hierarchy, path, catalogue=SMALL_CATALOGUE,
                      ledger=paths)
        paths.append(path)
    assert len(read_release(paths[-1]).metadata["ledger"]) == 2
    import pandas as pd
    regs = pd.concat([m.households for m in years], ignore_index=True)
    results = audit_releases(paths, regs, mun.hierarchy)
    assert sorted(results) == [2024, 2025, 2026] and all(r.passed for r in results.values())
    text = format_report(results)
    assert "GESLAAGD" in text and "PASSED" in text
    assert json.loads(report_json(results))["2025"]["passed"] is True


def test_release_file_holds_no_hidden_value(tmp_path):
    mun = municipality(15, seed=61)
    path = tmp_path / "r.gpkg"
    build_release(mun.households, 2024, mun.hierarchy, path, catalogue=SMALL_CATALOGUE)
    con = sqlite3.connect(path)
    hidden_with_value = con.execute(
        "SELECT count(*) FROM release_values WHERE status NOT IN ('published', 'perturbed') "
        "AND value IS NOT NULL").fetchone()[0]
    meta = " ".join(v for (v,) in con.execute("SELECT value FROM release_metadata"))
    con.close()
    assert hidden_with_value == 0
    assert "1000AA" not in meta and "H000" not in meta  # no areas, no households


def test_progress_and_cancel(tmp_path):
    import pytest
    mun = municipality(8, seed=71)
    seen = []
    build_release(mun.households, 2024, mun.hierarchy, catalogue=SMALL_CATALOGUE,
                  progress=lambda f, msg: seen.append(f))
    assert seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(InterruptedError):
        build_release(mun.households, 2024, mun.hierarchy, tmp_path / "r.gpkg",
                      catalogue=SMALL_CATALOGUE, is_cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []
