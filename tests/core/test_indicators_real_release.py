"""Every built-in preset on a generated town whose release is really built and audited.

The release comes from ``privacy.builder.build_release`` with the default catalogue and the
town's own CBS household counts, so primary, complement and secondary suppression all
occur; the checks follow each hidden count into the percentages and scores built on it.
"""
from __future__ import annotations

import pandas as pd
import pytest

from ruimtelijke_kijk.analyst.release_files import cbs_households
from ruimtelijke_kijk.demo.generator import generate
from ruimtelijke_kijk.demo.sizes import SizeSpec, TownSpec
from ruimtelijke_kijk.indicators.load import load_inputs
from ruimtelijke_kijk.indicators.recipe import run_recipe
from ruimtelijke_kijk.presets.library import builtin_preset, builtin_presets
from ruimtelijke_kijk.privacy.builder import build_release
from ruimtelijke_kijk.sources.hierarchy import load_hierarchy
from ruimtelijke_kijk.sources.registrations import read_registrations

YEAR = 2023
TOWN = SizeSpec("real-release", (TownSpec(postcodes=24, pc4_groups=2, wijken=2, buurten=4,
                                          households_per_postcode=30.0, lake=False),))


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    root = tmp_path_factory.mktemp("real-release")
    folder = root / "gemeente"
    generate(folder, size=TOWN, seed=3)
    cbs = next((folder / "cbs").glob(f"cbs_pc6_{YEAR}_*.gpkg"))
    wijkbuurt = folder / "wijkbuurt" / f"wijkenbuurten_{YEAR}.gpkg"
    hierarchy = load_hierarchy(cbs, wijkbuurt).frame
    frame = read_registrations(folder / "registraties" / f"huishoudens_{YEAR}.csv",
                               shape="microdata", year=YEAR).frame
    frame = frame[frame["postcode6"].isin(hierarchy.index)]
    target = root / f"release_{YEAR}.gpkg"
    built = build_release(frame, YEAR, hierarchy, target, cbs_households=cbs_households(cbs))
    assert built.audit.passed
    inputs = load_inputs(
        release=target, cbs=cbs,
        points=[folder / "voorzieningen" / "voorzieningen.gpkg",
                (folder / "voorzieningen" / "ov_haltes.csv", "ov_halte")],
        leefbaarometer=folder / "leefbaarometer" / "lbm3_grid_2022.csv",
        lbm_grid=folder / "leefbaarometer" / "grid100m.gpkg")
    return inputs, built


def test_the_release_has_every_kind_of_suppression(town):
    _, built = town
    statuses = set(built.release.cells["status"])
    assert {"published", "primary_suppressed", "secondary_suppressed"} <= statuses


@pytest.mark.parametrize("preset_id", list(builtin_presets()))
def test_builtin_preset_on_a_really_protected_release(town, preset_id):
    inputs, built = town
    result = run_recipe(builtin_preset(preset_id), inputs)
    wide = built.release.values("postcode6").reindex(result.frame.index)
    checked = 0
    for mid, info in result.info.items():
        value, shown = result.value(mid), result.shown(mid)
        assert value[~shown].isna().all(), f"{mid}: a hidden value is a number"
        if info.kind not in ("count", "percentage"):
            continue
        stats = [s.name for s in info.sources if s.type == "release"]
        if not stats or len(stats) != len(info.sources):
            continue
        published = pd.concat([wide[f"{s}__status"] == "published" for s in stats],
                              axis=1).all(axis=1).to_numpy()
        # Shown exactly where every release input is published: a hidden count never
        # reaches a percentage built on it.
        assert (shown == published).all(), f"{mid}: shown where an input is hidden"
        if info.kind == "count":
            assert (value[shown] == wide[stats[0]][shown].astype(float)).all(), mid
        else:
            expect = 100 * wide[stats[0]].astype(float) / wide[stats[1]].astype(float)
            assert (abs(value[shown] - expect[shown]) < 1e-6).all(), mid
        checked += 1
    preset = builtin_preset(preset_id)
    if preset.recipe.score is not None and preset.recipe.score.id in result.info:
        score = preset.recipe.score.id
        assert result.value(score)[result.shown(score)].between(0, 100).all()
    assert checked or not any(s.type == "release" for info in result.info.values()
                              for s in info.sources)
