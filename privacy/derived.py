"""Derived outputs computed from releases only (invariant 4: they add nothing).

A drawn area sums the published postcode values and gives an interval for the hidden
ones (0..T-1 each for "fewer than T", T..denominator for secondary, 0..denominator without a
reason); a change between years exists only where both years are published. Neither ever
reads registrations.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..indicators.status import Status
from .release_io import Release

_SHOWN = [Status.PUBLISHED.value, Status.PERTURBED.value]


@dataclass(frozen=True)
class AreaSum:
    published: int  # sum of the published postcode values
    hidden: int  # number of postcodes whose value is hidden
    low: int  # the total is at least this
    high: int | None  # and at most this (None: not bounded by the release alone)


def drawn_area_sum(release: Release, postcodes: list[str], statistic: str) -> AreaSum:
    """Sum over a drawn area's postcodes, from the release alone."""
    table = release.values("postcode6")
    rows = table.reindex([str(p) for p in postcodes])
    status = rows[f"{statistic}__status"].fillna(Status.NO_DATA.value)
    values = rows[statistic]
    shown = status.isin(_SHOWN)
    published = int(values[shown].sum())
    t = release.threshold
    low, high = published, published
    for st in map(Status, status[~shown]):
        if st is Status.PRIMARY_SUPPRESSED:
            high = None if high is None else high + t - 1
        else:  # at least T (secondary), or bounded by nothing the release shows
            low += t if st is Status.SECONDARY_SUPPRESSED else 0
            high = None
    return AreaSum(published, int((~shown).sum()), low, high)


def published_change(earlier: Release, later: Release, postcode: str,
                     statistic: str) -> int | None:
    """Change between two years, only where both values are shown."""
    values = []
    for release in (earlier, later):
        row = release.values("postcode6").reindex([postcode])
        if row[f"{statistic}__status"].iloc[0] not in _SHOWN:
            return None
        values.append(int(row[statistic].iloc[0]))
    return values[1] - values[0]


def values_for_export(release: Release, level: str) -> pd.DataFrame:
    """The only export path: the release's values and statuses, nothing else."""
    return release.values(level)
