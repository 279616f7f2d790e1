"""CBS special values: a reason why a number is not published, never a number itself."""
from __future__ import annotations

from typing import Tuple

import numpy as np
import pandas as pd

from ..indicators.status import Status

#: Codes CBS writes in place of a value, and why. Anything else at or below
#: ``NOT_PUBLISHED_BELOW`` is read as not available too.
SPECIAL_CODES = {
    -99997: Status.CBS_SECRET,
    -99995: Status.CBS_LATER_VERSION,
    -99991: Status.CBS_NO_LONGER_PUBLISHED,
    -99998: Status.CBS_SECONDARY,
    -99999: Status.CBS_NOT_AVAILABLE,
    -99999999: Status.CBS_NOT_AVAILABLE,
}
NOT_PUBLISHED_BELOW = -99990


class BadValue(ValueError):
    """A value that is neither a number, a class, nor a CBS missing marker."""

    def __init__(self, value: str, message: str) -> None:
        super().__init__(message)
        self.value = value
#: Text CBS exports (StatLine, Excel) use for secret or missing.
MISSING_TEXT = frozenset({"", ".", "x", "-"})


def decode_numeric(series: pd.Series) -> Tuple[pd.Series, pd.Series]:
    """Split a CBS column into float values and a parallel status.

    Numbers above the special range are ``published``; special codes become
    ``NaN`` with their own status; ``.``/empty/``None`` are not available.
    Text that is neither a number nor a missing marker raises ``BadValue``
    naming the first such value, so a wrong column never passes as numbers.
    """
    values = np.empty(len(series))
    status = np.empty(len(series), dtype=object)
    decode_numeric_into(series, values, status)
    return (
        pd.Series(values, index=series.index, name=series.name),
        pd.Series(status, index=series.index, name=series.name),
    )


def decode_numeric_into(series: pd.Series, values: np.ndarray, status: np.ndarray) -> None:
    """``decode_numeric`` writing into given arrays (columns of one big block: no copies)."""
    numbers, bad = to_float(series)
    if bad is not None:
        raise BadValue(bad, f"tekst in een getalkolom / text in a number column: {bad!r}")
    values[:] = numbers.to_numpy(dtype=float)
    status[:] = Status.PUBLISHED.value
    status[np.isnan(values)] = Status.CBS_NOT_AVAILABLE.value
    special = values <= NOT_PUBLISHED_BELOW
    if special.any():
        status[special] = Status.CBS_NOT_AVAILABLE.value
        for code, reason in SPECIAL_CODES.items():
            status[values == code] = reason.value
        values[special] = np.nan


def to_float(series: pd.Series) -> Tuple[pd.Series, "str | None"]:
    """Numbers as float (decimal comma accepted); ``(values, first_bad_text)``."""
    if pd.api.types.is_bool_dtype(series):
        return series.astype(float), None
    if pd.api.types.is_numeric_dtype(series):
        return series.astype(float), None
    text = series.astype("string").str.strip()
    missing = text.isna() | text.str.lower().isin(MISSING_TEXT)
    cleaned = text.where(~missing).str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(cleaned, errors="coerce")
    bad = numbers.isna() & ~missing
    first_bad = None if not bad.any() else str(text[bad].iloc[0])
    return numbers.astype(float), first_bad


def looks_numeric(series: pd.Series, share: float = 0.9) -> bool:
    """True when (almost) every present value of a column is a number or a CBS missing marker."""
    if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        return True
    text = series.dropna().astype(str).str.strip()
    text = text[~text.str.lower().isin(MISSING_TEXT)]
    if text.empty:
        return True
    parsed = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
    return parsed.notna().mean() >= share


def all_later_version(status: pd.Series) -> bool:
    """A column whose every value is "published in a later version of the file"."""
    later = Status.CBS_LATER_VERSION.value
    # Checking the first cell first keeps this cheap for the many columns that are published.
    return len(status) > 0 and status.iloc[0] == later and bool((status == later).all())
