"""Every built-in preset on the generated ``small`` demo municipality, read from its files.

Building and auditing this town's real release takes minutes, so the release here is a
stand-in made from the demo registrations: counts per postcode, 1-4 primary-suppressed,
written with ``write_release`` and read back with ``read_release``. The engine sees only
that verified release. ``test_indicators_real_release.py`` runs every preset on a smaller
town whose release is really built and audited.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_indicators_town import catalogue

from ruimtelijke_kijk.demo.generator import generate
from ruimtelijke_kijk.indicators.load import load_inputs
from ruimtelijke_kijk.indicators.recipe import run_recipe
from ruimtelijke_kijk.indicators.status import Status
from ruimtelijke_kijk.presets.library import builtin_preset, builtin_presets
from ruimtelijke_kijk.privacy.release_io import write_release
from ruimtelijke_kijk.sources.registrations import read_registrations

YEAR = 2023
ALL_STATUS = {s.value for s in Status}


def stand_in_release_cells(registrations: pd.DataFrame, cat: dict) -> pd.DataFrame:
    codes = registrations["postcode6"].to_numpy()

    def holds(term: str) -> np.ndarray:
        return np.logical_and.reduce(
            [registrations[c].fillna(0).to_numpy(dtype=int) > 0 for c in term.split("&")])

    rows = []
    for entry in cat["statistics"]:
        if entry["kind"] == "denominator":
            flag = np.ones(len(codes), dtype=bool)
        elif entry["kind"] == "single":
            flag = holds(entry["column"])
        else:
            flag = np.logical_or.reduce([holds(t) for t in entry["columns"]])
        counts = pd.Series(flag.astype(int)).groupby(codes).sum()
        for code, n in counts.items():
            hidden = 0 < n < 5
            rows.append(("postcode6", code, entry["id"], None if hidden else int(n),
                         "primary_suppressed" if hidden else "published"))
    return pd.DataFrame(rows, columns=["area_level", "area_code", "statistic", "value", "status"])


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "small"
    generate(out, size="small", seed=5)
    return out


@pytest.fixture(scope="module")
def demo(demo_dir):
    out = demo_dir
    root = out.parent
    reg = read_registrations(out / "registraties" / f"huishoudens_{YEAR}.csv").frame
    release = root / f"release_{YEAR}.gpkg"
    cat = catalogue()
    write_release(release, stand_in_release_cells(reg, cat),
                  {"year": YEAR, "parameters": {"mode": "suppression", "threshold": 5},
                   "catalogue": cat})
    cbs = next((out / "cbs").glob(f"cbs_pc6_{YEAR}_*.gpkg"))
    return load_inputs(
        release=release, cbs=cbs,
        points=[out / "voorzieningen" / "voorzieningen.gpkg",
                (out / "voorzieningen" / "ov_haltes.csv", "ov_halte")],
        leefbaarometer=out / "leefbaarometer" / "lbm3_grid_2022.csv",
        lbm_grid=out / "leefbaarometer" / "grid100m.gpkg")


@pytest.mark.parametrize("preset_id", list(builtin_presets()))
def test_builtin_preset_on_the_small_demo(demo, preset_id):
    preset = builtin_preset(preset_id)
    result = run_recipe(preset, demo)
    n = len(result.frame)
    assert n >= 250 and result.frame.index.is_unique
    for mid, info in result.info.items():
        status = result.status(mid)
        assert set(status) <= ALL_STATUS
        shown = result.shown(mid)
        assert result.value(mid)[~shown].isna().all(), f"{mid}: a hidden value is a number"
        assert shown.any(), f"{mid}: nothing shown"
        if info.kind == "percentage":
            assert result.value(mid)[shown].between(0, 100).all()
    display = preset.recipe.display.measure
    assert display in result.info, [p.message_en for p in result.missing()]
    assert result.shown(display).mean() >= 0.3, "the default map is mostly empty"
    recipe = preset.recipe
    if recipe.score and recipe.or_combination and recipe.or_combination.id in result.info:
        # Why a score: it maps postcodes where the household count is suppressed.
        assert result.shown(recipe.score.id).sum() > result.shown(recipe.or_combination.id).sum()
    # Only statistics this release's catalogue lacks may be missing (regiotaxi, statushouder).
    for problem in result.missing():
        assert problem.code == "missing_statistic", problem.message_en
        assert problem.catalogue_entry["column"] in ("regiotaxi", "statushouder")


def test_or_count_is_at_least_each_member(demo):
    result = run_recipe(builtin_preset("schulden"), demo)
    wide = demo.release.values("postcode6")
    shown = result.shown("or_schulden")
    for single in ("budgetbeheer", "schuldhulp_aanmelding", "huurachterstand"):
        member = wide[single].reindex(result.frame.index).astype("Float64")
        both = shown & member.notna().to_numpy()
        assert (result.value("or_schulden")[both] >= member[both].astype(float)).all()


def test_suppressed_counts_propagate_into_percentages_and_scores(demo):
    result = run_recipe(builtin_preset("schulden"), demo)
    hidden = result.status("huurachterstand") == "primary_suppressed"
    assert hidden.any()
    assert result.value("huurachterstand")[hidden].isna().all()
    score_shown = result.shown("schuldenscore")
    assert score_shown[hidden].any()  # the score map still covers these postcodes
    assert result.value("schuldenscore")[score_shown].between(0, 100).all()


def test_leefbaarometer_by_buurt_and_a_missing_geometry_message(demo_dir):
    cbs = next((demo_dir / "cbs").glob(f"cbs_pc6_{YEAR}_*.gpkg"))
    inputs = load_inputs(cbs=cbs, leefbaarometer=demo_dir / "leefbaarometer" /
                         "lbm3_buurt_2022.csv",
                         wijkbuurt=demo_dir / "wijkbuurt" / f"wijkenbuurten_{YEAR}.gpkg")
    result = run_recipe(builtin_preset("veiligheid"), inputs)
    assert result.shown("leefbaarometer").mean() > 0.8
    assert result.info["leefbaarometer"].sources[0].year == 2022
    with pytest.raises(ValueError, match="lbm_grid"):
        load_inputs(cbs=cbs, leefbaarometer=demo_dir / "leefbaarometer" / "lbm3_grid_2022.csv")
