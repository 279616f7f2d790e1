"""The repair step's choices: what it hides around a quantity the audit pins."""
from __future__ import annotations

import numpy as np
import pandas as pd
from privacy_helpers import SMALL_CATALOGUE, hierarchy, households

from ruimtelijke_kijk.privacy.catalogue import load_catalogue
from ruimtelijke_kijk.privacy.knowledge import knowledge_from_release
from ruimtelijke_kijk.privacy.release_io import LEVELS
from ruimtelijke_kijk.privacy.repair import repair
from ruimtelijke_kijk.privacy.rules import (
    PRIMARY,
    PUBLISHED,
    SECONDARY,
    Parameters,
    primary_and_complement,
)
from ruimtelijke_kijk.privacy.tables import true_table

CAT = load_catalogue(SMALL_CATALOGUE)


def _codes(table) -> dict:
    """The primary and complement rules alone."""
    return {lv: primary_and_complement(table.values[lv], table.values[lv][:, table.den], 5,
                                       table.den) for lv in LEVELS}


def _state(sizes: dict[str, int]):
    """Postcodes of the given sizes in one postcode-4 and buurt; in each, 3 households
    with budgetbeheer and 5 with huurachterstand."""
    spec = {pc: [({"budgetbeheer": 1}, 3), ({"huurachterstand": 1}, 5), ({}, n - 8)]
            for pc, n in sizes.items()}
    table = true_table(households(spec), CAT, hierarchy({pc: ("3000", "BU1") for pc in sizes}))
    den = table.den
    codes = _codes(table)
    for lv in ("postcode4", "buurt"):
        codes[lv][:] = SECONDARY  # hidden in an earlier round
    return table, codes, den


def _repair_budgetbeheer(table, codes, area: int) -> None:
    start = {lv: c.copy() for lv, c in codes.items()}
    assert codes["postcode6"][area, table.stat_ids.index("budgetbeheer")] == PRIMARY
    assert repair(codes, table, "postcode6", area, "budgetbeheer", start, threshold=5)


def test_a_secondary_cell_in_a_postcode_of_ten_is_pinned_by_its_status():
    table, codes, den = _state({"1000AA": 10, "1000AB": 20})
    ha = table.stat_ids.index("huurachterstand")
    codes["postcode6"][0, ha] = SECONDARY
    shown = {lv: table.values[lv].astype(float) for lv in LEVELS}
    know = knowledge_from_release(codes, shown, 5, den)
    # value >= 5 and households - value >= 5, with 10 households published: exactly 5.
    assert know.lo["postcode6"][0, ha] == 5 and know.clo["postcode6"][0, ha] == 5
    assert know.lo["postcode6"][0, den] == know.hi["postcode6"][0, den] == 10


def test_repair_in_a_small_postcode_hides_its_household_count_not_another_cell():
    table, codes, den = _state({"1000AA": 10, "1000AB": 20})
    before = codes["postcode6"].copy()
    _repair_budgetbeheer(table, codes, 0)
    changed = (codes["postcode6"] != before).nonzero()
    assert list(zip(*changed)) == [(0, den)]
    assert codes["postcode6"][0, den] == SECONDARY
    # Pinned again: a larger neighbour's household count goes next (not the area's: a
    # hidden area cell beside it would tell more), and nothing more is hidden in the
    # small postcode, its statuses would tell.
    for level in ("postcode4", "buurt"):
        codes[level][:, den] = PUBLISHED
    hidden_there = (codes["postcode6"][0] != PUBLISHED).sum()
    _repair_budgetbeheer(table, codes, 0)
    assert codes["postcode6"][1, den] == SECONDARY
    assert codes["postcode4"][0, den] == codes["buurt"][0, den] == PUBLISHED
    _repair_budgetbeheer(table, codes, 0)
    assert (codes["postcode6"][0] != PUBLISHED).sum() == hidden_there


def test_repair_in_a_larger_postcode_hides_a_cell_of_the_group():
    table, codes, den = _state({"1000AA": 12, "1000AB": 20})
    before = codes["postcode6"].copy()
    _repair_budgetbeheer(table, codes, 0)
    changed = list(zip(*(codes["postcode6"] != before).nonzero()))
    assert len(changed) == 1 and changed[0][0] == 0 and changed[0][1] != den
    assert codes["postcode6"][0, den] == PUBLISHED



def test_a_neighbours_household_count_frees_what_the_statuses_pin():
    # Ten households, a complement-suppressed OR (6) beside its primary-suppressed
    # singles (4 and 3); an insider in the AND-atom knows both singles add up to at least
    # 7: with the ten known exactly, each single has two values. Hiding the ten alone
    # does not help (the municipal total is exact and the neighbours' counts are public);
    # hiding a neighbour's count too lets the ten vary, and the release passes.
    from ruimtelijke_kijk.privacy.builder import audit_state, build_release

    rows = [({"budgetbeheer": 1, "huurachterstand": 1}, 1), ({"budgetbeheer": 1}, 3),
            ({"huurachterstand": 1}, 2), ({}, 4)]
    frame = households({"1000AA": rows})
    others = ["1000AB", "1000AC", "1000AD", "1000AE", "1000AF"]
    frame = pd.concat([frame] + [pd.DataFrame(
        [{"postcode6": pc, "huishouden_id": f"{pc}-{j}", "budgetbeheer": int(j < 8 + i),
          "huurachterstand": int(j % 3 == 0), "laag_inkomen": int(j % 4 == 1),
          "personen_75_plus": int(j % 5 == 2)} for j in range(30 + 3 * i)])
        for i, pc in enumerate(others)], ignore_index=True)
    hier = hierarchy({pc: ("3000" if k < 3 else "3001", "BU1" if k % 2 == 0 else "BU2")
                      for k, pc in enumerate(["1000AA"] + others)})
    cbs = (frame.groupby("postcode6").size() / 5).round().astype(int) * 5
    table = true_table(frame, CAT, hier)
    codes = _codes(table)
    shown = {lv: table.values[lv].astype(float) for lv in LEVELS}
    found = audit_state(table, codes, shown, Parameters(), cbs).findings
    assert ("1000AA", "budgetbeheer", "pinned") in {(f.area_code, f.name, f.problem)
                                                     for f in found}
    built = build_release(frame, 2024, hier, catalogue=SMALL_CATALOGUE, cbs_households=cbs)
    assert built.audit.passed
    counts = built.release.values("postcode6")["huishoudens__status"]
    assert counts["1000AA"] != "published" and (counts[others] != "published").any()


def _finding(area: str, problem: str = "pinned"):
    from ruimtelijke_kijk.privacy.audit import Finding

    return Finding("postcode6", area, "cell", "budgetbeheer", problem)


def test_repairs_stall_on_identical_findings_or_one_quantity_convicted_throughout():
    from ruimtelijke_kijk.privacy.builder import PINNED_ROUNDS, STALL_ROUNDS, Stall

    same = Stall()
    verdicts = [same.update([_finding("1000AA", "undecided")]) for _ in range(STALL_ROUNDS + 1)]
    assert verdicts == [False] * STALL_ROUNDS + [True]
    # Others come and go beside one convicted quantity: refused at its PINNED_ROUNDS-th.
    churn = Stall()
    verdicts = [churn.update([_finding("1000AA"), _finding(f"1000B{k}", "undecided")])
                for k in range(PINNED_ROUNDS)]
    assert verdicts == [False] * (PINNED_ROUNDS - 1) + [True]
    # A conviction that a repair lifts, even once, starts counting again.
    lifted = Stall()
    for k in range(2 * PINNED_ROUNDS - 1):  # PINNED_ROUNDS - 1 before and after
        found = [_finding(f"1000B{k}", "undecided")]
        if k != PINNED_ROUNDS - 1:
            found.append(_finding("1000AA"))
        assert not lifted.update(found)


def test_a_second_hidden_part_goes_first_to_a_postcode_whose_household_count_is_hidden():
    from ruimtelijke_kijk.privacy.rules import SUPPRESSED, reasons_withheld
    from ruimtelijke_kijk.privacy.secondary import hide_cheapest_sibling

    spec = {pc: [({"huurachterstand": 1}, debts), ({}, n - debts)]
            for pc, n, debts in (("1000AA", 20, 5), ("1000AB", 25, 7))}
    table = true_table(households(spec), CAT, hierarchy({pc: ("3000", "BU1") for pc in spec}))
    den, ha = table.den, table.stat_ids.index("huurachterstand")

    def second_part(den_hidden: int | None) -> int:
        codes = _codes(table)
        codes["postcode4"][0, ha] = SECONDARY
        if den_hidden is not None:
            codes["postcode6"][den_hidden, den] = SECONDARY
        assert hide_cheapest_sibling(codes, table, "postcode4", "postcode6", 0, ha, -1)
        hidden = int(np.nonzero(codes["postcode6"][:, ha] == SECONDARY)[0][0])
        shown = reasons_withheld(codes["postcode6"], table.values["postcode6"][:, den], 5, den)
        if den_hidden == hidden:  # hidden there, the release says nothing about it
            assert shown[hidden, ha] == SUPPRESSED
        return hidden

    assert second_part(None) == 0  # the smaller value
    # "Secondary" would say the 7 and its complement are at least 5: new knowledge. Where
    # the count is hidden the status shows no reason, so the larger 7 goes instead.
    assert second_part(1) == 1


def test_with_everything_beside_it_hidden_the_repair_opens_its_own_wijk_first():
    # 1000AA..AC: one postcode-4 and buurt in wijk 1, every budgetbeheer cell there
    # hidden; 1000AD: another buurt of wijk 1; 1000AE, 1000AF: wijk 2. The repair
    # hides 1000AD's cell (its own wijk), then wijk 1's total — never a cell in wijk 2
    # or the municipal total, which would move nothing near the quantity.
    sizes = {"1000AA": 20, "1000AB": 22, "1000AC": 24, "1000AD": 26, "1000AE": 28,
             "1000AF": 30}
    spec = {pc: [({"budgetbeheer": 1}, 3 + 3 * k), ({}, n - 3 - 3 * k)]
            for k, (pc, n) in enumerate(sizes.items())}
    hier = hierarchy({pc: ("1000" if k < 3 else "1001" if k < 4 else "1002",
                           "BU1" if k < 3 else "BU2" if k < 4 else "BU3")
                      for k, pc in enumerate(sizes)})
    hier["wijkcode"] = ["WK1"] * 4 + ["WK2"] * 2
    table = true_table(households(spec), CAT, hier)
    codes = _codes(table)
    s = table.stat_ids.index("budgetbeheer")
    codes["postcode6"][:3, s] = SECONDARY
    codes["postcode6"][0, s] = PRIMARY  # 3 households
    for lv in ("postcode4", "buurt"):
        codes[lv][:, s] = SECONDARY
    codes["postcode6"][:3, :] = np.where(codes["postcode6"][:3, :] == PUBLISHED, SECONDARY,
                                         codes["postcode6"][:3, :])
    codes["postcode6"][:3, table.den] = PUBLISHED  # large postcodes: their counts stay
    wijk2 = [4, 5]
    before = {lv: c.copy() for lv, c in codes.items()}
    _repair_budgetbeheer(table, codes, 0)
    assert codes["postcode6"][3, s] == SECONDARY
    _repair_budgetbeheer(table, codes, 0)
    wijk1 = list(table.areas.codes["wijk"]).index("WK1")
    assert codes["wijk"][wijk1, s] == SECONDARY
    assert (codes["postcode6"][wijk2] == before["postcode6"][wijk2]).all()
    assert (codes["gemeente"] == before["gemeente"]).all()


def test_an_area_pinned_by_an_overlapping_buurt_gets_that_buurt_hidden():
    # Postcode-4 1000 (1000AA, 1000AB: 2 and 1 with budgetbeheer, both hidden) lies in
    # buurt BU1 beside 1000AC (8, published): BU1's published total less 1000AC gives
    # postcode-4 1000 exactly. The repair hides BU1's total — not a sibling postcode-4
    # elsewhere in the municipality, which changes nothing near it.
    counts = {"1000AA": 2, "1000AB": 1, "1000AC": 8, "1000AD": 9, "1000AE": 10}
    spec = {pc: [({"budgetbeheer": 1}, k), ({}, 20 - k)] for pc, k in counts.items()}
    hier = hierarchy({"1000AA": ("1000", "BU1"), "1000AB": ("1000", "BU1"),
                      "1000AC": ("1001", "BU1"), "1000AD": ("1002", "BU2"),
                      "1000AE": ("1002", "BU2")})
    table = true_table(households(spec), CAT, hier)
    codes = _codes(table)
    s = table.stat_ids.index("budgetbeheer")
    p4 = list(table.areas.codes["postcode4"]).index("1000")
    bu1 = list(table.areas.codes["buurt"]).index("BU1")
    assert codes["postcode4"][p4, s] == PRIMARY and codes["buurt"][bu1, s] == PUBLISHED
    before = {lv: c.copy() for lv, c in codes.items()}
    assert repair(codes, table, "postcode4", p4, "budgetbeheer", before, threshold=5)
    assert codes["buurt"][bu1, s] == SECONDARY
    others = [a for a in range(len(table.areas.codes["postcode4"])) if a != p4]
    assert (codes["postcode4"][others] == before["postcode4"][others]).all()
    assert (codes["gemeente"] == before["gemeente"]).all()


def test_an_and_cell_with_everything_beside_it_hidden_costs_its_own_household_count():
    # 1000AA: 14 households, one with both budgetbeheer and huurachterstand. Its schulden
    # group and its neighbours' cells are hidden; with its household count published the
    # statuses still bound the AND-cell (see _own_count). The count goes before anything
    # in the wijk beside it.
    spec = {"1000AA": [({"budgetbeheer": 1, "huurachterstand": 1}, 1),
                       ({"budgetbeheer": 1}, 3), ({"huurachterstand": 1}, 3), ({}, 7)]}
    spec.update({pc: [({"budgetbeheer": 1}, 6), ({"huurachterstand": 1}, 7), ({}, 12)]
                 for pc in ("1000AB", "1000AC", "1000AD")})
    hier = hierarchy({"1000AA": ("1000", "BU1"), "1000AB": ("1000", "BU1"),
                      "1000AC": ("1001", "BU2"), "1000AD": ("1001", "BU2")})
    table = true_table(households(spec), CAT, hier)
    codes = _codes(table)
    group = [table.stat_ids.index(x) for x in ("budgetbeheer", "huurachterstand", "schulden")]
    for s in group:
        codes["postcode6"][:2, s] = np.where(codes["postcode6"][:2, s] == PUBLISHED,
                                             SECONDARY, codes["postcode6"][:2, s])
        codes["postcode4"][0, s] = codes["buurt"][0, s] = SECONDARY
    before = {lv: c.copy() for lv, c in codes.items()}
    assert repair(codes, table, "postcode6", 0, "schulden[budgetbeheer+huurachterstand]",
                  before, threshold=5)
    changed = {(lv, int(a), int(s)) for lv in codes
               for a, s in zip(*(codes[lv] != before[lv]).nonzero())}
    assert changed == {("postcode6", 0, table.den)}
