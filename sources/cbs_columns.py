"""CBS columns to values and status: numbers, special values, income classes and plain text."""
from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterable, List, Tuple

import geopandas as gpd
import pandas as pd

from ..indicators.status import Status
from .errors import SourceError
from .income_class import decode_income_classes
from .special_values import BadValue, decode_numeric, looks_numeric

INCOME_FIELD = "mediaan_inkomen_huishouden"


def decode_columns(
    frame: gpd.GeoDataFrame,
    path: Path,
    warnings: List[str],
    keep: Iterable[str] = (),
    numeric: Iterable[str] = (),
) -> Tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """``(values, status)``: CBS numbers as float with NaN, text kept; ``keep`` columns untouched.

    Columns in ``keep`` (codes, names, years) are copied as they are and get no
    status column. Columns in ``numeric`` must hold numbers; others are numbers
    when (almost) all their values are. Raises ``SourceError`` naming column and postcode on text in
    a number column or an unknown income class.
    """
    kept = set(keep)
    must_be_numbers = set(numeric)
    data = [c for c in frame.columns if c != "geometry" and c not in kept]
    values: Dict[str, pd.Series] = {}
    status: Dict[str, pd.Series] = {}
    for column in data:
        series = frame[column]
        try:
            if column == INCOME_FIELD and not pd.api.types.is_numeric_dtype(series):
                values[column], status[column], notes = decode_income_classes(series)
                warnings.extend(notes)
            elif column in must_be_numbers or looks_numeric(series):
                values[column], status[column] = decode_numeric(series)
            else:  # text field (a name, a class): kept as it is
                values[column] = series
                status[column] = series.notna().map(
                    {True: Status.PUBLISHED.value, False: Status.CBS_NOT_AVAILABLE.value})
        except BadValue as exc:
            hits = series.astype(str).str.strip() == exc.value
            where = str(series.index[hits.to_numpy()][0]) if hits.any() else "?"
            key = frame.index.name or "rij/row"
            raise SourceError(
                path, f"onverwachte waarde bij {key} {where}: {exc}",
                f"unexpected value at {key} {where}: {exc}", column=column,
            ) from exc
    out = pd.DataFrame(values, index=frame.index)
    for column in [c for c in frame.columns if c in kept]:
        out[column] = frame[column]
    out = out[[c for c in frame.columns if c != "geometry"]]
    if "geometry" in frame.columns:
        out = gpd.GeoDataFrame(out, geometry=frame.geometry, crs=frame.crs)
    else:
        out = gpd.GeoDataFrame(out)
    return out, pd.DataFrame(status, index=frame.index)
