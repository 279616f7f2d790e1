"""Cell-key mode: perturbed values for every cell of every level."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .cellkey import MODULUS, PerturbationTable, record_keys
from .release_io import LEVELS
from .rules import Parameters
from .tables import InputError, TrueTable


def perturb_table(table: TrueTable, registrations: pd.DataFrame, params: Parameters,
                  salt: bytes | None) -> dict[str, np.ndarray]:
    """Shown values per level: true value plus the noise its cell key selects."""
    if "huishouden_id" not in registrations.columns:
        raise InputError("cell-key mode needs household ids (huishouden_id)")
    keys = record_keys(registrations["huishouden_id"].to_numpy(), salt or b"")
    pidx = pd.Index(table.areas.postcodes).get_indexer(
        registrations["postcode6"].astype(str).to_numpy())
    cat = table.catalogue
    n_pc = len(table.areas.postcodes)
    pc_sums = np.zeros((n_pc, len(cat.ids)), dtype=np.int64)
    codes = {}
    for group in cat.groups:
        code = np.zeros(len(registrations), dtype=np.int64)
        for j, column in enumerate(group.columns):
            present = pd.to_numeric(registrations[column], errors="coerce").fillna(0) > 0
            code |= present.to_numpy().astype(np.int64) << j
        codes[group.index] = code
    for s, stat in enumerate(cat.statistics):
        if stat.kind == "denominator":
            mask = np.ones(len(registrations), dtype=bool)
        else:
            group = cat.group_of(stat.id)
            mask = group.holds(stat.terms)[codes[group.index]]
        # float sums are exact: 2**32 * 10**6 households < 2**53
        pc_sums[:, s] = np.bincount(pidx[mask], weights=keys[mask].astype(float),
                                    minlength=n_pc).astype(np.int64)
    ptable = PerturbationTable(params.threshold, params.max_deviation, params.variance)
    shown = {}
    for lv in LEVELS:
        sums = np.zeros(table.values[lv].shape, dtype=np.int64)
        np.add.at(sums, table.areas.member[lv], pc_sums % MODULUS)
        cell_keys = (sums % MODULUS) / MODULUS
        shown[lv] = ptable.perturb(table.values[lv], cell_keys).astype(float)
    return shown
