"""Every built-in preset validates; broken preset files are refused with path and field."""
from __future__ import annotations

import copy
import json

import pytest

from ruimtelijke_kijk.indicators.catalogue import load_catalogue
from ruimtelijke_kijk.presets.library import (
    builtin_files,
    builtin_presets,
    load_preset_file,
    required_catalogue_entries,
)
from ruimtelijke_kijk.presets.schema import PresetFormatError, validate_preset

POLICY = {"langer_thuiswonen", "kwetsbare_groepen", "eenzaamheid", "schulden",
          "kinderen_in_armoede", "jeugdvoorzieningen", "zorgvraag", "toegang_ondersteuning",
          "asielzoekers_statushouders", "veiligheid"}


@pytest.mark.parametrize("path", builtin_files(), ids=lambda p: p.stem)
def test_builtin_preset_file_is_valid(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert validate_preset(doc) == []
    assert doc["source_document"]["citation"]
    for row in doc["data_table"]:
        if row["selectie"].upper().startswith("NTB"):
            assert "ntb_choice" in row  # every "to be decided" records the choice made


def test_ten_policy_and_six_information_questions():
    presets = builtin_presets()
    assert {p.id for p in presets.values() if p.kind == "beleidsvraag"} == POLICY
    info = [p for p in presets.values() if p.kind == "informatievraag"]
    assert len(info) == 6
    assert all(p.builtin for p in presets.values())
    assert all(r in presets for p in info for r in p.to_dict()["related"])


def test_unavailable_sources_are_named_and_marked():
    cat = load_catalogue()
    rows = [r for p in builtin_presets().values() for r in p.to_dict()["data_table"]]
    na = [r for r in rows if r["availability"] == "not_available"]
    assert {"Politie", "Experian", "Dataland"} <= {r["bron"] for r in na}
    for r in na:
        assert r["note"]["nl"] and r["note"]["en"]
        assert all(not cat[i].available for i in r["indicators"])


def test_required_catalogue_entries_cover_every_or_combination():
    entries = required_catalogue_entries()
    ors = [e for e in entries if e["kind"] == "or"]
    assert {"huishoudens"} == {e["id"] for e in entries if e["kind"] == "denominator"}
    columns = [e["columns"] for e in ors]
    assert ["budgetbeheer", "huurachterstand", "schuldhulp_aanmelding"] in columns
    assert ["eenouderhuishouden", "kinderen_0_17&laag_inkomen"] in columns
    singles = {e["id"] for e in entries if e["kind"] == "single"}
    assert {"personen_75_plus", "eenpersoonshuishouden", "wmo_toegekend"} <= singles
    for e in ors:
        assert {c for term in e["columns"] for c in term.split("&")} <= singles


@pytest.fixture
def good():
    return builtin_presets()["eenzaamheid"].to_dict()


BROKEN = [
    (lambda d: d.pop("recipe"), "recipe: missing"),
    (lambda d: d.update(kind="vraag"), "kind: 'vraag' is not one of"),
    (lambda d: d["title"].pop("en"), "title: expected {'nl': text, 'en': text}"),
    (lambda d: d["recipe"]["measures"][1].update(indicator="bestaat_niet"),
     "recipe.measures[1].indicator: unknown indicator 'bestaat_niet'"),
    (lambda d: d["recipe"]["measures"][2].update(selection={"leeftijdsgroep": "10_20"}),
     "recipe.measures[2].selection: 'leeftijdsgroep' must be one of"),
    (lambda d: d["recipe"]["measures"][0].update(show="percent"),
     "recipe.measures[0].show: 'percent' is not one of"),
    (lambda d: d["recipe"]["measures"][1].update(id="eenpersoons"),
     "recipe.measures[1].id: duplicate measure id 'eenpersoons'"),
    (lambda d: d["recipe"]["or_combination"]["members"].append("afstand_speelvoorziening"),
     "recipe.or_combination.members[2]: 'afstand_speelvoorziening' is not a release statistic"),
    (lambda d: d["recipe"]["score"]["inputs"].append("nergens"),
     "recipe.score.inputs[7]: not a measure of this recipe: 'nergens'"),
    (lambda d: d["recipe"]["display"].update(style="heatmap"),
     "recipe.display.style: 'heatmap' is not one of"),
    (lambda d: d["data_table"][1].pop("ntb_choice"),
     "data_table[1].ntb_choice: the source says NTB"),
    (lambda d: d["data_table"][0].update(availability="not_available"),
     "data_table[0].note: say why the data is not available"),
    (lambda d: d.update(extra=1), "extra: unknown field"),
    (lambda d: d["recipe"]["measures"][0].update(indicator="politie_woninginbraken"),
     "indicator 'politie_woninginbraken' is not available"),
    (lambda d: d["recipe"]["measures"][0].update(show="count"),
     "recipe.score.inputs[0]: measure 'eenpersoons' enters a score as a count"),
    (lambda d: d["recipe"]["measures"][5].update(show="value"),
     "a release count is shown as 'count' or 'percentage'"),
]


@pytest.mark.parametrize("change, message", BROKEN, ids=[b[1][:40] for b in BROKEN])
def test_broken_preset_is_refused_with_path_and_field(good, tmp_path, change, message):
    change(good)
    path = tmp_path / "kapot.json"
    path.write_text(json.dumps(good), encoding="utf-8")
    with pytest.raises(PresetFormatError) as err:
        load_preset_file(path)
    assert str(path) in str(err.value)
    assert any(message in p for p in err.value.problems), err.value.problems


def test_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text('{"id": "x",\n  "kind": }', encoding="utf-8")
    with pytest.raises(PresetFormatError, match=r"kapot.json: .*\n  line 2, column 11"):
        load_preset_file(path)


def test_valid_document_passes_and_a_copy_is_independent(good):
    doc = copy.deepcopy(good)
    assert validate_preset(doc) == []
    doc["recipe"]["measures"].clear()
    assert builtin_presets()["eenzaamheid"].recipe.measures  # the built-in is untouched
