"""``ruimtelijkekijk:auditrelease``: attack written releases with the raw registrations.

Releases of the same year are attacked together (the ledger); each year on its own.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

import pandas as pd

from .attacker import build_model
from .audit import AuditResult, audit_model
from .knowledge import add_public
from .ledger import catalogue_of, release_knowledge, union_catalogue
from .release_io import Release, read_release
from .tables import true_table


def audit_releases(releases: Sequence[Release | str | Path], registrations: pd.DataFrame,
                   hierarchy: pd.DataFrame, cbs_households: pd.Series | None = None,
                   progress: Callable[[float, str], None] | None = None,
                   is_cancelled: Callable[[], bool] | None = None) -> dict[int, AuditResult]:
    """Audit result per year for the given releases (checksums are verified on reading)."""
    loaded = [r if isinstance(r, Release) else read_release(r) for r in releases]
    out = {}
    for year in sorted({r.year for r in loaded}):
        group = [r for r in loaded if r.year == year]
        cat = union_catalogue(catalogue_of(group[0]), group[1:])
        regs = registrations
        if "jaar" in regs.columns:
            regs = regs[regs["jaar"].astype(int) == year]
        table = true_table(regs, cat, hierarchy)
        know = release_knowledge(group[0], table)
        for release in group[1:]:
            know = know.intersect(release_knowledge(release, table))
        den = table.stat_ids.index(cat.denominator.id)
        know = add_public(know, table.values, den, table.areas.postcodes, cbs_households)
        threshold = max(r.threshold for r in group)
        model = build_model(table, know, threshold)
        out[year] = audit_model(model, progress, is_cancelled,
                                max(int(r.metadata["parameters"].get("min_feasible_values", 3))
                                    for r in group))
    return out
