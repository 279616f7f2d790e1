"""The repair step's choices: what it hides around a quantity the audit pins."""
from __future__ import annotations

import pandas as pd
from privacy_helpers import SMALL_CATALOGUE

from ruimtelijke_kijk.privacy.catalogue import load_catalogue
from ruimtelijke_kijk.privacy.knowledge import knowledge_from_release
from ruimtelijke_kijk.privacy.release_io import LEVELS
from ruimtelijke_kijk.privacy.rules import PRIMARY, PUBLISHED, SECONDARY, primary_and_complement
from ruimtelijke_kijk.privacy.secondary import repair
from ruimtelijke_kijk.privacy.tables import true_table

CAT = load_catalogue(SMALL_CATALOGUE)
COLS = ["budgetbeheer", "huurachterstand", "laag_inkomen", "personen_75_plus"]


def _state(sizes: dict[str, int]):
    """Postcodes of the given sizes in one postcode-4 and buurt; in each, 3 households
    with budgetbeheer and 5 with huurachterstand."""
    rows = []
    for pc, n in sizes.items():
        for k in range(n):
            rows.append({"postcode6": pc, "huishouden_id": f"{pc}-{k}",
                         "budgetbeheer": int(k < 3), "huurachterstand": int(3 <= k < 8),
                         "laag_inkomen": 0, "personen_75_plus": 0})
    hier = pd.DataFrame({"postcode4": "3000", "buurtcode": "BU1", "wijkcode": "WK1",
                         "gemeentecode": "GM1"}, index=pd.Index(list(sizes), name="postcode6"))
    table = true_table(pd.DataFrame(rows), CAT, hier)
    den = table.stat_ids.index("huishoudens")
    codes = {lv: primary_and_complement(table.values[lv], table.values[lv][:, den], 5, den)
             for lv in LEVELS}
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
    # Pinned again: nothing more is hidden in the small postcode, its statuses would tell.
    hidden_there = (codes["postcode6"][0] != PUBLISHED).sum()
    _repair_budgetbeheer(table, codes, 0)
    assert (codes["postcode6"][0] != PUBLISHED).sum() == hidden_there


def test_repair_in_a_larger_postcode_hides_a_cell_of_the_group():
    table, codes, den = _state({"1000AA": 12, "1000AB": 20})
    before = codes["postcode6"].copy()
    _repair_budgetbeheer(table, codes, 0)
    changed = list(zip(*(codes["postcode6"] != before).nonzero()))
    assert len(changed) == 1 and changed[0][0] == 0 and changed[0][1] != den
    assert codes["postcode6"][0, den] == PUBLISHED
