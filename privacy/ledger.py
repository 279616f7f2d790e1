"""The ledger: earlier releases an attacker can combine with a new one (A6).

Releases of the *same* year (e.g. an earlier version with another catalogue or threshold)
describe the same households: their cells are added to the attacker's knowledge, so a cell
hidden now but shown then counts as known. Releases of other years describe other
household sets; no release publishes a change between years, and derived outputs (trends)
are computed only from published values, so they add no equation — they are listed in the
metadata and audited on their own when they were built.
"""
from __future__ import annotations

import numpy as np

from .catalogue import Catalogue, catalogue_from_dict
from .cellkey import PerturbationTable
from .knowledge import Knowledge, empty_knowledge, knowledge_from_release
from .release_io import LEVELS, Release
from .rules import CODE_OF_STATUS
from .tables import TrueTable


def union_catalogue(catalogue: Catalogue, releases: list[Release]) -> Catalogue:
    """The catalogue extended with statistics that only earlier releases hold."""
    extra, ids = [], set(catalogue.ids)
    for release in releases:
        for entry in release.metadata["catalogue"]["statistics"]:
            if entry["id"] not in ids:
                extra.append(entry)
                ids.add(entry["id"])
    return catalogue.extended(extra) if extra else catalogue


def same_year(releases: list[Release], year: int) -> list[Release]:
    return [r for r in releases if r.year == year]


def release_knowledge(release: Release, table: TrueTable) -> Knowledge:
    """What one release tells, aligned to the table's areas and statistics."""
    ids = table.stat_ids
    shapes = {lv: table.values[lv].shape for lv in LEVELS}
    codes = {lv: np.full(shapes[lv], -1, dtype=np.int8) for lv in LEVELS}
    shown = {lv: np.full(shapes[lv], np.nan) for lv in LEVELS}
    cells = release.cells
    for lv in LEVELS:
        part = cells[cells["area_level"] == lv]
        index = {c: i for i, c in enumerate(table.areas.codes[lv])}
        rows = part["area_code"].map(index)
        cols = part["statistic"].map({s: j for j, s in enumerate(ids)})
        ok = rows.notna() & cols.notna()
        r, c = rows[ok].astype(int).to_numpy(), cols[ok].astype(int).to_numpy()
        codes[lv][r, c] = part.loc[ok, "status"].map(CODE_OF_STATUS).to_numpy()
        shown[lv][r, c] = part.loc[ok, "value"].astype("float64").to_numpy()
    params = release.metadata["parameters"]
    ptable = None
    if params["mode"] == "cellkey":
        ptable = PerturbationTable(int(params["threshold"]), int(params["max_deviation"]),
                                   float(params["variance"])).possible_true
    den = ids.index(table.catalogue.denominator.id)
    missing = {lv: codes[lv] < 0 for lv in LEVELS}  # bound nothing; reset to "unknown" below
    rules = release.metadata["rules"]
    know = knowledge_from_release(codes, shown, int(params["threshold"]), den, ptable,
                                  rules["options"].get("complement", True))
    blank = empty_knowledge(shapes)
    for lv in LEVELS:
        m = missing[lv]
        know.lo[lv][m], know.hi[lv][m] = blank.lo[lv][m], blank.hi[lv][m]
        know.clo[lv][m], know.chi[lv][m] = blank.clo[lv][m], blank.chi[lv][m]
    return know


def catalogue_of(release: Release) -> Catalogue:
    return catalogue_from_dict(release.metadata["catalogue"])
