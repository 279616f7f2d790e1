"""CBS columns to values and status: numbers, special values, income classes and plain text.

Built for national files: numbers are decoded straight into one float block
and statuses into one object block, so a 465,000-row file is not copied column
by column on the way.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, List, Tuple

import geopandas as gpd
import numpy as np
import pandas as pd

from ..indicators.status import Status
from .errors import SourceError
from .income_class import decode_income_classes
from .special_values import BadValue, decode_numeric_into, looks_numeric

INCOME_FIELD = "mediaan_inkomen_huishouden"


def decode_columns(
    frame: gpd.GeoDataFrame,
    path: Path,
    warnings: List[str],
    keep: Iterable[str] = (),
    numeric: Iterable[str] = (),
    skip: Iterable[str] = (),
) -> Tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """``(values, status)``: CBS numbers as float with NaN, text kept; same index as ``frame``.

    Number columns come first (in file order), then the others. Columns in
    ``keep`` (codes, names, years) are copied as they are and get no status
    column; columns in ``skip`` are left out. Columns in ``numeric`` must hold
    numbers; others are numbers when (almost) all their values are. Raises
    ``SourceError`` naming column and row key on text in a number column or an
    unknown income class.
    """
    kept, left_out, must = set(keep), set(skip) | {"geometry"}, set(numeric)
    data = [c for c in frame.columns if c not in left_out and c not in kept]
    numbers = [c for c in data if c != INCOME_FIELD or pd.api.types.is_numeric_dtype(frame[c])]
    numbers = [c for c in numbers if c in must or looks_numeric(frame[c])]
    others = [c for c in data if c not in set(numbers)]
    n = len(frame)
    # (rows, columns) in Fortran order: pandas stores it transposed, so each column is contiguous.
    values = np.empty((n, len(numbers)), order="F")
    status = np.empty((n, len(numbers) + len(others)), dtype=object, order="F")
    for i, column in enumerate(numbers):
        _guard(frame, column, path, lambda c=column, i=i: decode_numeric_into(
            frame[c], values[:, i], status[:, i]))
    out = pd.DataFrame(values, index=frame.index, columns=numbers, copy=False)
    for j, column in enumerate(others, start=len(numbers)):
        series = frame[column]
        if column == INCOME_FIELD:
            decoded = _guard(frame, column, path, lambda s=series: decode_income_classes(s))
            out[column], states, notes = decoded
            status[:, j] = states.to_numpy()
            warnings.extend(notes)
        else:  # text (a name, a class): kept as it is
            out[column] = series
            status[:, j] = np.where(series.notna().to_numpy(), Status.PUBLISHED.value,
                                    Status.CBS_NOT_AVAILABLE.value)
    for column in [c for c in frame.columns if c in kept]:
        out[column] = frame[column]
    states = pd.DataFrame(status, index=frame.index, columns=numbers + others, copy=False)
    if "geometry" in frame.columns:
        out["geometry"] = frame.geometry.values
        return gpd.GeoDataFrame(out, geometry="geometry", crs=frame.crs), states
    return gpd.GeoDataFrame(out), states


def _guard(frame: pd.DataFrame, column: str, path: Path, decode: Callable[[], object]):
    """Run a decoder; its ``BadValue`` becomes a ``SourceError`` naming column and row key."""
    try:
        return decode()
    except BadValue as exc:
        hits = frame[column].astype(str).str.strip() == exc.value
        where = str(frame.index[hits.to_numpy()][0]) if hits.any() else "?"
        key = frame.index.name or "rij/row"
        raise SourceError(
            path, f"onverwachte waarde bij {key} {where}: {exc}",
            f"unexpected value at {key} {where}: {exc}", column=column,
        ) from exc
