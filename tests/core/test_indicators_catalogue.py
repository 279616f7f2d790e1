"""The indicator catalogue loads, types and validates its data file."""
from __future__ import annotations

import copy
import json

import pytest

from ruimtelijke_kijk.indicators.catalogue import (
    CATALOGUE_FILE,
    CatalogueError,
    load_catalogue,
    parse_catalogue,
)


@pytest.fixture(scope="module")
def raw():
    return json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))


def test_builtin_catalogue_loads_with_every_kind_and_source():
    cat = load_catalogue()
    assert len(cat) >= 60
    assert {i.kind for i in cat} == {"count", "percentage", "score", "category", "distance"}
    assert {i.source_type for i in cat} == {
        "cbs_pc6", "release", "proximity", "leefbaarometer", "not_available"}


def test_named_cbs_fields_and_release_statistics_are_there():
    cat = load_catalogue()
    fields = {i.resolve().name for i in cat if i.source_type == "cbs_pc6" and not i.parameters}
    for name in ("aantal_eenpersoonshuishoudens", "aantal_personen_met_uitkering_onder_aowlft",
                 "percentage_huurwoningen", "mediaan_inkomen_huishouden",
                 "dichtstbijzijnde_huisartsenpraktijk_afstand_in_km"):
        assert name in fields
    age = cat["inwoners_leeftijd"].resolve({"leeftijdsgroep": "65_plus"})
    assert age.name == "aantal_inwoners_65_jaar_en_ouder" and age.denominator == "aantal_inwoners"
    assert cat["leeftijd_gemeente"].resolve().name == "personen_75_plus"  # the default choice
    limit = cat["laag_inkomen"].resolve({"inkomensgrens": "120_procent"})
    assert limit.name == "laag_inkomen" and "120 %" in limit.choice_label.nl
    soorten = {i.source["soort"] for i in cat if i.source_type == "proximity"}
    assert soorten == {"huisarts", "apotheek", "supermarkt", "ov_halte", "basisschool",
                       "speelvoorziening", "wijkteam"}


def test_municipal_indicators_only_come_from_a_release():
    for ind in load_catalogue():
        if ind.sensitivity == "municipal":
            assert ind.source_type in ("release", "not_available"), ind.id
        if ind.source_type == "release":
            assert ind.sensitivity == "municipal" and ind.denominator in (None, "huishoudens")


def test_selection_is_checked():
    cat = load_catalogue()
    near = cat["aantal_huisarts_nabij"]
    assert near.resolve({"straal_km": 0.5}).radius_km == 0.5
    assert near.resolve().radius_km == 1.0
    with pytest.raises(CatalogueError, match="straal_km"):
        near.resolve({"straal_km": 50})
    with pytest.raises(CatalogueError, match="leeftijdsgroep"):
        cat["inwoners_leeftijd"].resolve({"leeftijdsgroep": "12_18"})
    with pytest.raises(CatalogueError, match="unknown parameter"):
        cat["inwoners"].resolve({"leeftijdsgroep": "0_15"})


def test_years_known_per_indicator():
    cat = load_catalogue()
    assert cat["migratieachtergrond_niet_westers"].has_year(2022)
    assert not cat["migratieachtergrond_niet_westers"].has_year(2023)
    assert cat["herkomst_buiten_europa"].has_year(2023)
    assert cat["laag_inkomen"].has_year(2031)  # release years depend on the releases


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["indicators"][0].update(kind="ratio"), "kind: 'ratio' is not one of"),
        (lambda d: d["indicators"][0].pop("source"), "missing field 'source'"),
        (lambda d: d["indicators"].append(copy.deepcopy(d["indicators"][0])), "duplicate id"),
        (lambda d: d["indicators"][0].update(sensitivity="municipal"),
         "municipal data must come from a release"),
        (lambda d: d["indicators"][0]["source"].pop("field"), "needs 'field'"),
        (lambda d: d["indicators"][0].update(id="Bad Id"), "snake_case"),
    ],
)
def test_broken_catalogue_is_refused_naming_the_field(raw, change, message):
    doc = copy.deepcopy(raw)
    change(doc)
    with pytest.raises(CatalogueError, match=message):
        parse_catalogue(doc)
