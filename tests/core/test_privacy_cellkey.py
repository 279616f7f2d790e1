"""Cell-key mode beyond the smallest towns: perturbation pins a few small counts (a shown
0 means at most T-1, a shown T or more at least 1), and the builder hides them."""
import numpy as np
import pytest
from privacy_helpers import SMALL_CATALOGUE, municipality

from ruimtelijke_kijk.privacy.audit_release import audit_releases
from ruimtelijke_kijk.privacy.builder import BuildOptions, ReleaseRefusedError, build_release
from ruimtelijke_kijk.privacy.catalogue import load_catalogue
from ruimtelijke_kijk.privacy.knowledge import knowledge_from_release
from ruimtelijke_kijk.privacy.rules import PERTURBED, SECONDARY, Parameters

CELLKEY = Parameters(mode="cellkey", max_deviation=5, variance=3.0)
CAT = load_catalogue(SMALL_CATALOGUE)


def test_perturbed_release_that_pins_is_repaired_by_hiding_the_group(tmp_path):
    # 20 postcodes, seed 10: three postcodes' budgetbeheer, their postcode-4 and buurt
    # are pinned by the perturbed values alone.
    mun = municipality(20, seed=10)
    kwargs = dict(catalogue=SMALL_CATALOGUE, cbs_households=mun.cbs, parameters=CELLKEY,
                  salt=b"geheim")
    with pytest.raises(ReleaseRefusedError) as refused:
        build_release(mun.households, 2024, mun.hierarchy, options=BuildOptions(repair=False),
                      **kwargs)
    pinned = {(f.level, f.area_code) for f in refused.value.audit.findings
              if f.problem == "pinned" and f.name == "budgetbeheer"}
    assert len(pinned) >= 3

    res = build_release(mun.households, 2024, mun.hierarchy, tmp_path / "r.gpkg", **kwargs)
    assert res.audit.passed
    cells = res.release.cells
    hidden = cells[cells["status"] == "secondary_suppressed"]
    debt_group = {"budgetbeheer", "huurachterstand", "schulden"}
    assert set(hidden["statistic"]) <= debt_group | {"huishoudens"}
    # One step sufficed: exactly the pinned areas' debt group, nothing around them.
    assert set(zip(hidden["area_level"], hidden["area_code"])) == pinned
    assert len(hidden) == len(debt_group) * len(pinned)
    assert "bounds nothing" in res.release.metadata["rules"]["secondary"]
    assert hidden["value"].isna().all()
    shown = cells[cells["status"] == "perturbed"]["value"].astype(int)
    assert ((shown == 0) | (shown >= 5)).all()
    # An independent audit of the written file agrees.
    assert audit_releases([tmp_path / "r.gpkg"], mun.households, mun.hierarchy,
                          mun.cbs)[2024].passed


def test_secondary_status_bounds_nothing_in_a_cellkey_release():
    codes = {"postcode6": np.array([[PERTURBED, SECONDARY]], dtype=np.int8)}
    shown = {"postcode6": np.array([[20.0, np.nan]])}
    perturbed = knowledge_from_release(codes, shown, 5, 0, lambda v: (v - 5, v + 5))
    assert perturbed.lo["postcode6"][0, 1] == 0
    assert perturbed.hi["postcode6"][0, 1] == np.inf
    assert perturbed.clo["postcode6"][0, 1] == 0
    codes["postcode6"][0, 0] = 0  # published: in a suppression release the status speaks
    suppressed = knowledge_from_release(codes, shown, 5, 0)
    assert suppressed.lo["postcode6"][0, 1] == 5
    assert suppressed.clo["postcode6"][0, 1] == 5


def test_repair_steps_outwards_and_reaches_the_municipal_total_last():
    from ruimtelijke_kijk.privacy.cellkey_repair import repair_perturbed
    from ruimtelijke_kijk.privacy.tables import true_table

    mun = municipality(20, seed=10)
    table = true_table(mun.households, CAT, mun.hierarchy)
    codes = {lv: np.full(v.shape, PERTURBED, dtype=np.int8) for lv, v in table.values.items()}
    debts = [CAT.ids.index(s) for s in ("budgetbeheer", "huurachterstand", "schulden")]
    member = table.areas.member
    pc4 = 0
    buurten = set(np.unique(member["buurt"][member["postcode4"] == pc4]).tolist())

    def hidden() -> dict[str, set[int]]:
        return {lv: set(np.nonzero((c[:, debts] == SECONDARY).all(axis=1))[0].tolist())
                for lv, c in codes.items() if (c == SECONDARY).any()}

    def step() -> bool:
        start = {lv: c.copy() for lv, c in codes.items()}
        return repair_perturbed(codes, table, "postcode4", pc4, "budgetbeheer", start)

    assert step() and hidden() == {"postcode4": {pc4}}
    assert step() and hidden() == {"postcode4": {pc4}, "buurt": buurten}
    wijken = set(table.areas.parent[("wijk", "buurt")][sorted(buurten)].tolist())
    assert step() and hidden() == {"postcode4": {pc4}, "buurt": buurten, "wijk": wijken}
    assert step() and hidden() == {"postcode4": {pc4}, "buurt": buurten, "wijk": wijken,
                                   "gemeente": {0}}
    assert step()  # the household count of the postcode-4
    assert codes["postcode4"][pc4, table.den] == SECONDARY
    assert not step()  # nothing left to hide around it
    assert not (codes["postcode6"] == SECONDARY).any()


def test_a_wijk_finding_hides_its_buurten_before_the_municipal_total():
    from ruimtelijke_kijk.privacy.cellkey_repair import repair_perturbed
    from ruimtelijke_kijk.privacy.tables import true_table

    mun = municipality(40, seed=11)
    table = true_table(mun.households, CAT, mun.hierarchy)
    codes = {lv: np.full(v.shape, PERTURBED, dtype=np.int8) for lv, v in table.values.items()}
    income = [CAT.ids.index("laag_inkomen")]
    wijk = 0
    in_wijk = np.nonzero(table.areas.parent[("wijk", "buurt")] == wijk)[0]
    assert 0 < len(in_wijk) < len(table.areas.codes["buurt"])  # other wijken exist

    def hidden() -> dict[str, set[int]]:
        return {lv: set(np.nonzero(c[:, income[0]] == SECONDARY)[0].tolist())
                for lv, c in codes.items() if (c == SECONDARY).any()}

    def step() -> bool:
        start = {lv: c.copy() for lv, c in codes.items()}
        return repair_perturbed(codes, table, "wijk", wijk, "laag_inkomen", start)

    assert step() and hidden() == {"wijk": {wijk}}
    assert step() and hidden() == {"wijk": {wijk}, "buurt": set(in_wijk.tolist())}
    assert step() and hidden() == {"wijk": {wijk}, "buurt": set(in_wijk.tolist()),
                                   "gemeente": {0}}
    assert not (codes["postcode6"] == SECONDARY).any()
