"""True counts: households per postcode-6 and atom, and every statistic at every level.

Only the release builder and the audit see these; they never leave memory. Atoms are the
per-group patterns of the catalogue's columns (see ``catalogue.Group``): a postcode's
statistics are sums of its atom counts, and areas are sums of their postcodes.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .catalogue import Catalogue
from .release_io import LEVELS

HIERARCHY_COLUMNS = {"postcode4": "postcode4", "buurt": "buurtcode", "wijk": "wijkcode",
                     "gemeente": "gemeentecode"}
# Nested chains: each level's areas are unions of the child level's areas.
CHILD_LEVELS = {"postcode4": ("postcode6",), "buurt": ("postcode6",), "wijk": ("buurt",),
                "gemeente": ("wijk", "postcode4")}


class InputError(ValueError):
    """The registrations or hierarchy cannot be used (no data is quoted in the message)."""


@dataclass
class Areas:
    """Area codes per level and, per postcode, the index of its area at that level."""

    codes: dict[str, np.ndarray]
    member: dict[str, np.ndarray]  # level -> (P,) index into codes[level]
    parent: dict[tuple[str, str], np.ndarray]  # (level, child level) -> child area's parent

    @property
    def postcodes(self) -> np.ndarray:
        return self.codes["postcode6"]


@dataclass
class TrueTable:
    """True atom counts and statistic values; ``values[level]`` is (areas, statistics)."""

    catalogue: Catalogue
    areas: Areas
    atoms: list[np.ndarray]  # per group: (P, 2**k) household counts
    values: dict[str, np.ndarray]

    @property
    def den(self) -> int:
        """Column of the denominator (the household count)."""
        return self.catalogue.ids.index(self.catalogue.denominator.id)

    @property
    def stat_ids(self) -> list[str]:
        return self.catalogue.ids

    def stat_vector(self, stat_id: str) -> np.ndarray:
        """Per atom of the statistic's group: 1 if the atom counts in the statistic."""
        stat = self.catalogue[stat_id]
        group = self.catalogue.group_of(stat_id)
        return group.holds(stat.terms).astype(np.int64)


def build_areas(hierarchy: pd.DataFrame, postcodes: list[str]) -> Areas:
    """Areas for the given postcodes; every postcode must be in the hierarchy."""
    missing = [c for c in HIERARCHY_COLUMNS.values() if c not in hierarchy.columns]
    if missing:
        raise InputError(f"hierarchy lacks columns {missing}")
    hier = hierarchy.copy()
    hier.index = hier.index.astype(str)
    absent = sorted(set(postcodes) - set(hier.index))
    if absent:
        raise InputError(f"{len(absent)} postcodes of the registrations are not in the hierarchy")
    pcs = np.array(sorted(set(postcodes) | set(hier.index)), dtype=object)
    hier = hier.loc[pcs]
    if hier["gemeentecode"].nunique() != 1:
        raise InputError("a release covers exactly one gemeente")
    codes = {"postcode6": pcs}
    member = {"postcode6": np.arange(len(pcs))}
    for level, column in HIERARCHY_COLUMNS.items():
        values = hier[column].astype(str).to_numpy()
        uniq, inverse = np.unique(values, return_inverse=True)
        codes[level] = uniq.astype(object)
        member[level] = inverse
    parent = {}
    for level, children in CHILD_LEVELS.items():
        for child in children:
            idx = np.zeros(len(codes[child]), dtype=np.int64)
            idx[member[child]] = member[level]
            parent[(level, child)] = idx
    _check_nested(member, parent)
    return Areas(codes, member, parent)


def _check_nested(member: dict[str, np.ndarray], parent: dict) -> None:
    for (level, child), idx in parent.items():
        if not np.array_equal(idx[member[child]], member[level]):
            raise InputError(f"{child} areas are not nested in {level} areas")


def true_table(households: pd.DataFrame, catalogue: Catalogue,
               hierarchy: pd.DataFrame) -> TrueTable:
    """Count households per postcode-6 and atom, and every statistic at every level."""
    needed = ["postcode6"] + catalogue.columns
    missing = [c for c in needed if c not in households.columns]
    if missing:
        raise InputError(f"registrations lack columns {missing}")
    pc = households["postcode6"].astype(str).to_numpy()
    areas = build_areas(hierarchy, sorted(set(pc)))
    lookup = pd.Index(areas.postcodes)
    pidx = lookup.get_indexer(pc)
    n_pc = len(areas.postcodes)
    atoms = []
    for group in catalogue.groups:
        code = np.zeros(len(households), dtype=np.int64)
        for j, column in enumerate(group.columns):
            present = pd.to_numeric(households[column], errors="coerce").fillna(0).to_numpy() > 0
            code |= present.astype(np.int64) << j
        width = 2 ** len(group.columns)
        flat = np.bincount(pidx * width + code, minlength=n_pc * width)
        atoms.append(flat.reshape(n_pc, width).astype(np.int64))
    return table_from_atoms(catalogue, areas, atoms, n_pc_households=np.bincount(
        pidx, minlength=n_pc).astype(np.int64))


def table_from_atoms(catalogue: Catalogue, areas: Areas, atoms: list[np.ndarray],
                     n_pc_households: np.ndarray) -> TrueTable:
    """Statistic values at every level from atom counts."""
    ids = catalogue.ids
    pc_values = np.zeros((len(areas.postcodes), len(ids)), dtype=np.int64)
    for s, stat_id in enumerate(ids):
        stat = catalogue[stat_id]
        if stat.kind == "denominator":
            pc_values[:, s] = n_pc_households
        else:
            group = catalogue.group_of(stat_id)
            pc_values[:, s] = atoms[group.index] @ group.holds(stat.terms).astype(np.int64)
    values = {}
    for level in LEVELS:
        out = np.zeros((len(areas.codes[level]), len(ids)), dtype=np.int64)
        np.add.at(out, areas.member[level], pc_values)
        values[level] = out
    return TrueTable(catalogue, areas, atoms, values)
