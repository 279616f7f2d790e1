"""The catalogue loader: default catalogue, validation, extension by a preset."""
from __future__ import annotations

import pytest

from ruimtelijke_kijk.privacy.catalogue import CatalogueError, load_catalogue


def test_default_catalogue_covers_the_policy_questions():
    cat = load_catalogue()
    kinds = {s.id: s.kind for s in cat.statistics}
    assert kinds["huishoudens"] == "denominator"
    for single in ["budgetbeheer", "schuldhulp_aanmelding", "huurachterstand", "laag_inkomen",
                   "uitkering_onder_aow", "minimaregeling", "wmo_toegekend", "wmo_afgewezen",
                   "mantelzorg_toelage", "jeugdhulp", "voortijdig_schoolverlater",
                   "personen_65_74", "personen_75_plus", "eenpersoonshuishouden"]:
        assert kinds[single] == "single"
    assert {k for k, v in kinds.items() if v == "or"} >= {
        "schulden", "financieel_kwetsbaar", "zorg_en_ondersteuning", "jeugd_signalen",
        "kinderarmoede_risico", "eenzaamheid_risico", "ouderen"}
    assert any(c.statistic == "schulden" for c in cat.and_cells)


@pytest.mark.parametrize("bad", [
    {"statistics": []},
    {"statistics": [{"id": "a", "kind": "single", "column": "x"}]},  # no denominator
    {"statistics": [{"id": "h", "kind": "denominator"}, {"id": "h", "kind": "denominator"}]},
    {"statistics": [{"id": "h", "kind": "denominator"},
                    {"id": "o", "kind": "or", "columns": ["x"]}]},
    {"statistics": [{"id": "h", "kind": "denominator"},
                    {"id": "s", "kind": "single", "column": "X Y"}]},
    {"statistics": [{"id": "h", "kind": "denominator"},
                    {"id": "s", "kind": "or", "columns": list("abcdefg")}]},  # group too big
])
def test_malformed_catalogues_are_refused(bad):
    with pytest.raises(CatalogueError):
        load_catalogue(bad)


def test_extension_by_id():
    cat = load_catalogue()
    more = cat.extended([{"id": "statushouders", "kind": "single", "column": "statushouder",
                          "denominator": "huishoudens"}])
    assert "statushouders" in more.ids and len(more.ids) == len(cat.ids) + 1
    with pytest.raises(CatalogueError):
        cat.extended([{"id": "schulden", "kind": "single", "column": "budgetbeheer"}])
