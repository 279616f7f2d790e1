"""The recipe engine on the hand-made town: measures, statuses, OR-counts, scores, problems."""
from __future__ import annotations

import numpy as np
import pytest
from test_indicators_town import CODES, catalogue, cbs_table, make_release, town

from ruimtelijke_kijk.indicators.inputs import RecipeInputs
from ruimtelijke_kijk.indicators.recipe import run_recipe
from ruimtelijke_kijk.indicators.status import Status
from ruimtelijke_kijk.presets.library import builtin_preset, builtin_presets

SHOWN = {"published", "perturbed"}
ALL_STATUS = {s.value for s in Status}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    return town(tmp_path_factory.mktemp("town"))


@pytest.mark.parametrize("preset_id", list(builtin_presets()))
def test_every_builtin_preset_runs_on_the_town(inputs, preset_id):
    preset = builtin_preset(preset_id)
    result = run_recipe(preset, inputs)
    frame = result.frame
    assert list(frame.index) == CODES and frame.index.name == "postcode6"
    selected = preset.recipe.default_selection()
    reported = {p.measure for p in result.problems}
    for mid in selected:  # every ticked measure is made, or it is said why not
        assert mid in result.info or mid in reported, mid
    for mid, info in result.info.items():
        status = result.status(mid)
        assert set(status) <= ALL_STATUS
        shown = status.isin(SHOWN)
        assert result.value(mid)[~shown].isna().all(), f"{mid}: a hidden value is a number"
        assert np.isfinite(result.value(mid)[shown]).all(), f"{mid}: a shown value is missing"
        if info.kind in ("percentage", "score"):
            assert result.value(mid)[shown].between(0, 100).all()
        if info.sensitivity == "municipal":
            assert info.release["checksum"] == inputs.release.checksum
    display = preset.recipe.display.measure
    assert display in result.info, f"the default map ({display}) is not made"
    assert result.shown(display).sum() >= len(CODES) // 2


def test_release_percentages_keep_the_more_specific_status(inputs):
    result = run_recipe(builtin_preset("eenzaamheid"), inputs)
    st = result.status
    assert st("laag_inkomen")["1234AA"] == "primary_suppressed"  # the numerator's reason
    assert st("eenpersoons")["1234AB"] == "complement_suppressed"  # the denominator's reason
    assert st("eenpersoons")["1234AC"] == "perturbed"
    assert st("eenpersoons")["1234AE"] == "published"
    wide = inputs.release.values("postcode6")
    expected = 100 * wide.loc["1234AE", "eenpersoonshuishouden"] / wide.loc["1234AE",
                                                                            "huishoudens"]
    assert result.value("eenpersoons")["1234AE"] == pytest.approx(expected)


def test_cbs_percentages_keep_cbs_reasons(inputs):
    result = run_recipe(builtin_preset("eenzaamheid"), inputs,
                        selected=["eenpersoons_cbs", "inw_45_65"])
    assert result.status("eenpersoons_cbs")["1234AE"] == "cbs_secret"  # numerator secret
    assert result.status("eenpersoons_cbs")["1234AF"] == "cbs_secret"  # denominator secret
    assert np.isnan(result.value("eenpersoons_cbs")["1234AF"])
    jeugd = run_recipe(builtin_preset("jeugdvoorzieningen"), inputs, selected=["inw_0_15"])
    assert jeugd.status("inw_0_15")["1234AH"] == "cbs_later_version"


def test_score_uses_published_inputs_only(inputs):
    preset = builtin_preset("schulden")
    municipal = ["laag_inkomen", "uitkering", "budgetbeheer", "schuldhulp", "huurachterstand"]
    result = run_recipe(preset, inputs, selected=municipal)
    score = result.value("schuldenscore")
    status = result.status("schuldenscore")
    assert np.isnan(score["1234AD"]) and status["1234AD"] in ("primary_suppressed", "no_score")
    assert np.isnan(score["1234AB"])
    assert status["1234AB"] in ("complement_suppressed", "no_score")
    # 1234AA: laag_inkomen is hidden; the score is the mean rank of the four shown inputs.
    inputs_used = ["uitkering", "budgetbeheer", "schuldhulp", "huurachterstand"]
    ranks = [result.value(m)[result.shown(m)].rank(pct=True)["1234AA"] for m in inputs_used]
    assert score["1234AA"] == pytest.approx(100 * np.mean(ranks))
    assert status["1234AA"] == "published"
    assert "mean_percentile_rank" in result.info["schuldenscore"].method
    # With two public inputs ticked too, 1234AD reaches min_inputs (2) on CBS data alone.
    both = run_recipe(preset, inputs, selected=municipal + ["inkomensklasse", "huurwoningen"])
    assert preset.recipe.score.min_inputs == 2
    assert both.status("schuldenscore")["1234AD"] == "published"
    assert both.value("schuldenscore")["1234AA"] != score["1234AA"]  # six inputs now
    assert both.info["schuldenscore"].sensitivity == "municipal"


def test_lower_is_worse_inputs_are_reversed(inputs):
    result = run_recipe(builtin_preset("veiligheid"), inputs,
                        selected=["leefbaarometer", "overlast_onveiligheid"])
    lbm = inputs.leefbaarometer.values.astype(float)
    code = "1234AC"
    expected = 100 * np.mean([(-lbm["kscore"]).rank(pct=True)[code],
                              (-lbm["konv"]).rank(pct=True)[code]])
    assert result.value("veiligheidsscore")[code] == pytest.approx(expected)
    # 1234AM has no kscore: one input is too few (min_inputs 2), so no score.
    assert result.status("leefbaarometer")["1234AM"] == "no_data"
    assert np.isnan(result.value("veiligheidsscore")["1234AM"])
    assert result.info["leefbaarometer"].categories[1].nl == "zeer onvoldoende"


def test_or_count_comes_from_the_release(inputs):
    result = run_recipe(builtin_preset("schulden"), inputs)
    wide = inputs.release.values("postcode6")
    shown = result.shown("or_schulden")
    assert (result.value("or_schulden")[shown] == wide.loc[shown, "schulden"].astype(float)).all()
    assert result.status("or_schulden")["1234AD"] == "primary_suppressed"
    assert result.info["or_schulden"].role == "or_count"
    assert result.info["or_schulden_pct"].unit == "%"


def test_missing_or_combination_names_the_catalogue_entry(tmp_path):
    cat = catalogue()
    cat["statistics"] = [e for e in cat["statistics"] if e["id"] != "schulden"]
    cells = town(tmp_path / "a").release.cells
    cells = cells[cells["statistic"] != "schulden"]
    inputs = town(tmp_path / "b", release=make_release(tmp_path, cells, cat))
    result = run_recipe(builtin_preset("schulden"), inputs)
    assert "or_schulden" not in result.info
    problem = next(p for p in result.problems if p.code == "missing_or_combination")
    assert problem.catalogue_entry["columns"] == [
        "budgetbeheer", "huurachterstand", "schuldhulp_aanmelding"]
    assert "['budgetbeheer', 'huurachterstand', 'schuldhulp_aanmelding']" in problem.message_nl
    assert "schuldenscore" in result.info  # the score map is still possible


def test_a_narrower_selection_needs_its_own_combination(inputs):
    result = run_recipe(builtin_preset("schulden"), inputs,
                        selected=["laag_inkomen", "budgetbeheer", "schuldhulp"])
    problem = next(p for p in result.problems if p.code == "missing_or_combination")
    assert problem.catalogue_entry == {"id": "or_schulden", "kind": "or", "columns": [
        "budgetbeheer", "schuldhulp_aanmelding"], "denominator": "huishoudens"}


def test_and_term_is_matched_as_one_household_characteristic(inputs):
    result = run_recipe(builtin_preset("kinderen_in_armoede"), inputs)
    assert result.info["or_armoede"].sources[0].name == "kinderarmoede_risico"


def test_missing_sources_are_reported_and_the_rest_runs(inputs):
    no_cbs = RecipeInputs(release=inputs.release, points=inputs.points,
                          postcodes=inputs.postcodes)
    result = run_recipe(builtin_preset("kwetsbare_groepen"), no_cbs,
                        selected=["uitkering", "uitkering_cbs", "minima"])
    assert {"uitkering", "minima"} <= set(result.info)
    problem = next(p for p in result.problems if p.measure == "uitkering_cbs")
    assert problem.code == "missing_source" and "cbs_pc6_" in problem.source
    no_release = RecipeInputs(cbs=inputs.cbs, postcodes=inputs.postcodes)
    result = run_recipe(builtin_preset("kwetsbare_groepen"), no_release,
                        selected=["uitkering", "uitkering_cbs", "minima"])
    assert set(result.info) == {"uitkering_cbs"}
    entries = {p.catalogue_entry["column"] for p in result.problems if p.measure in (
        "uitkering", "minima")}
    assert entries == {"uitkering_onder_aow", "minimaregeling"}


def test_missing_cbs_field_names_file_and_year_and_uses_the_fallback(inputs):
    old = cbs_table(year=2021)
    old.values = old.values.drop(columns=["percentage_geb_buiten_nederland_herkmst_buiten_europa"])
    result = run_recipe(builtin_preset("toegang_ondersteuning"), RecipeInputs(cbs=old),
                        selected=["niet_westers", "inw_15_25"])
    problem = next(p for p in result.problems if p.measure == "niet_westers")
    assert problem.code == "missing_field"
    assert "cbs_pc6_2021_v1.gpkg (2021)" in problem.message_nl
    result = run_recipe(builtin_preset("toegang_ondersteuning"), inputs, selected=["niet_westers"])
    assert result.info["niet_westers"].indicator == "herkomst_buiten_europa"
    assert any(p.code == "fallback_used" and p.severity == "info" for p in result.problems)


def test_years_of_release_and_cbs_are_compared(inputs):
    same = run_recipe(builtin_preset("schulden"), inputs)
    assert not [p for p in same.problems if p.code == "year_mismatch"]
    older = RecipeInputs(release=inputs.release, cbs=cbs_table(year=2022))
    warning = next(p for p in run_recipe(builtin_preset("schulden"), older).problems
                   if p.code == "year_mismatch")
    assert warning.severity == "warning" and "2023" in warning.message_en


def test_unavailable_handbook_sources_are_listed_as_information(inputs):
    result = run_recipe(builtin_preset("veiligheid"), inputs)
    info = [p for p in result.problems if p.code == "not_available"]
    assert any("Politie" in p.message_nl for p in info)
    assert all(p.severity == "info" for p in info) and not result.missing()


def test_income_class_is_an_ordered_category(inputs):
    result = run_recipe(builtin_preset("schulden"), inputs, selected=["inkomensklasse"])
    cls = inputs.cbs.values["mediaan_inkomen_huishouden"]
    low = [c for c in CODES if cls[c] == "00-20 laag"]
    high = [c for c in CODES if cls[c] == "80-100 hoog"]
    value = result.value("inkomensklasse")
    assert low and high and value[low].max() < value[high].min()
    assert result.status("inkomensklasse")["1234AG"] == "cbs_secret"
    assert result.info["inkomensklasse"].categories[int(value[high[0]])].nl == "80-100 hoog"


def test_selection_overrides_and_errors(inputs):
    preset = builtin_preset("langer_thuiswonen")
    small = run_recipe(preset, inputs, selected=["ov_halte_nabij"])
    wide = run_recipe(preset, inputs, selected=["ov_halte_nabij"],
                      selections={"ov_halte_nabij": {"straal_km": 3.0}})
    assert (wide.value("ov_halte_nabij") >= small.value("ov_halte_nabij")).all()
    assert wide.value("ov_halte_nabij").sum() > small.value("ov_halte_nabij").sum()
    assert "3 km" in wide.info["ov_halte_nabij"].label.en
    with pytest.raises(ValueError, match="straal_km"):
        run_recipe(preset, inputs, selected=["ov_halte_nabij"],
                   selections={"ov_halte_nabij": {"straal_km": 0}})
    with pytest.raises(ValueError, match="no measure"):
        run_recipe(preset, inputs, selected=["bestaat_niet"])


def test_release_must_be_a_verified_release_object(inputs):
    with pytest.raises(TypeError, match="read_release"):
        RecipeInputs(release=inputs.release.values("postcode6"))


def test_engine_has_no_path_to_raw_registrations():
    import re
    from pathlib import Path

    import ruimtelijke_kijk.indicators as indicators
    import ruimtelijke_kijk.presets as presets

    imports = re.compile(r"^\s*(from|import)\s+[\w.]*registrations", re.M)
    for room in (indicators, presets):
        for path in Path(room.__file__).parent.glob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert not imports.search(text), f"{path.name} imports the registrations reader"
            assert "read_registrations" not in text, path.name
