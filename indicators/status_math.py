"""Arithmetic on (value, status) pairs: a derived value keeps the most specific reason.

Ranks order the statuses from most to least specific; combining takes the minimum, so a
privacy suppression outranks a CBS secret, which outranks "no data", and any hidden input
hides the result. Two shown inputs give ``published``, or ``perturbed`` if either was.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from .status import Status

_ORDER = (
    Status.PRIMARY_SUPPRESSED, Status.COMPLEMENT_SUPPRESSED, Status.SECONDARY_SUPPRESSED,
    Status.SUPPRESSED, Status.CBS_SECRET, Status.CBS_SECONDARY, Status.CBS_LATER_VERSION,
    Status.CBS_NO_LONGER_PUBLISHED, Status.CBS_NOT_AVAILABLE, Status.NO_DATA,
    Status.PERTURBED, Status.PUBLISHED,
)
RANK = {s.value: i for i, s in enumerate(_ORDER)}
_BY_RANK = np.array([s.value for s in _ORDER], dtype=object)
SHOWN = frozenset({Status.PUBLISHED.value, Status.PERTURBED.value})


def ranks(status: pd.Series) -> np.ndarray:
    mapped = status.map(RANK)
    if mapped.isna().any():
        bad = sorted(set(status[mapped.isna()].astype(str)))
        raise ValueError(f"unknown status values {bad}")
    return mapped.to_numpy(dtype=int)


def combine(statuses: Iterable[pd.Series]) -> pd.Series:
    """Element-wise the most specific status of the inputs (all on the same index)."""
    statuses = list(statuses)
    stacked = np.vstack([ranks(s) for s in statuses])
    return pd.Series(_BY_RANK[stacked.min(axis=0)], index=statuses[0].index, dtype=object)


def shown(status: pd.Series) -> np.ndarray:
    return status.isin(SHOWN).to_numpy()


def blank_hidden(values: pd.Series, status: pd.Series) -> pd.Series:
    """A value that is not shown is NaN, never a number (invariant 5)."""
    return values.astype(float).where(shown(status))


def percentage(num: pd.Series, num_status: pd.Series, den: pd.Series,
               den_status: pd.Series) -> tuple:
    """``(value, status)``: 100 * num / den, hidden when either side is hidden.

    A zero denominator gives ``no_data`` (there is nothing to take a share of). Perturbed
    counts can make the share pass 100 %; it is capped there.
    """
    status = combine([num_status, den_status])
    den = den.astype(float)
    empty = shown(status) & ~(den.to_numpy() > 0)
    status = status.where(~empty, Status.NO_DATA.value)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (100.0 * num.astype(float) / den).clip(lower=0.0, upper=100.0)
    return blank_hidden(value, status), status
