"""The way out of a refused release: drop the OR-combinations of the pinned groups."""
from __future__ import annotations

from ruimtelijke_kijk.analyst.release_files import catalogue_without_implicated_ors
from ruimtelijke_kijk.privacy.audit import Finding
from ruimtelijke_kijk.privacy.catalogue import load_catalogue


def test_only_the_ors_of_pinned_groups_are_dropped_and_the_rest_loads():
    cat = load_catalogue(None)
    findings = [
        Finding("postcode6", "1304BJ", "complement", "eenzaamheid_risico", "pinned"),
        Finding("postcode6", "1304BJ", "and",
                "eenzaamheid_risico[eenpersoonshuishouden+personen_75_plus]", "pinned"),
        Finding("postcode6", "1304BJ", "cell", "eenpersoonshuishouden", "pinned"),
    ]
    spec, dropped = catalogue_without_implicated_ors(cat, findings)
    group = cat.group_of("eenpersoonshuishouden").statistics
    assert set(dropped) == {s for s in group if cat[s].kind == "or"}
    assert "eenzaamheid_risico" in dropped and "schulden" not in dropped
    smaller = load_catalogue(spec)
    assert "eenpersoonshuishouden" in smaller.ids and "schulden" in smaller.ids
    assert not set(dropped) & set(smaller.ids)


def test_a_household_count_finding_drops_nothing():
    cat = load_catalogue(None)
    spec, dropped = catalogue_without_implicated_ors(
        cat, [Finding("postcode6", "1000AA", "cell", "huishoudens", "pinned")])
    assert dropped == [] and len(spec["statistics"]) == len(cat.ids)
