"""Leefbaarometer 3.0 scores, read and brought to postcode-6.

The Leefbaarometer has no postcode-6 level: a postcode-6 area takes the score of
the 100 m grid cell, or else of the buurt, that holds a point inside it; which
one it got is recorded per postcode.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Union

import geopandas as gpd
import numpy as np
import pandas as pd

from .aliases import squash
from .errors import SourceError
from .file_names import year_from_name
from .spatial import locate_points, representative_xy
from .tabular import read_table
from .values import parse_cell

CLASS_FIELDS = ("kscore", "kfys", "konv", "ksoc", "kvrz", "kwon")
SCORE_FIELDS = ("afw", "fys", "onv", "soc", "vrz", "won")
KEYS = ("grid_id", "bu_code")
CLASS_LABELS_NL = (
    "Zeer onvoldoende", "Ruim onvoldoende", "Onvoldoende", "Zwak", "Voldoende",
    "Ruim voldoende", "Goed", "Zeer goed", "Uitstekend",
)  # fmt: skip
CLASS_LABELS_EN = (
    "Very insufficient", "Highly insufficient", "Insufficient", "Weak", "Sufficient",
    "More than sufficient", "Good", "Very good", "Excellent",
)  # fmt: skip


def class_label(value: Optional[float], language: str = "nl") -> Optional[str]:
    """The label of a Leefbaarometer class 1–9 (``None`` for a missing or invalid class)."""
    if value is None or pd.isna(value) or not 1 <= value <= 9 or value != int(value):
        return None
    labels = CLASS_LABELS_NL if language == "nl" else CLASS_LABELS_EN
    return labels[int(value) - 1]


@dataclass
class LeefbaarometerScores:
    """Scores indexed by ``grid_id`` or ``bu_code``."""

    frame: pd.DataFrame
    key: str
    year: Optional[int]
    path: Path
    warnings: List[str] = field(default_factory=list)


def read_leefbaarometer(path: Union[str, Path], *, year: Optional[int] = None
                        ) -> LeefbaarometerScores:
    """Read a Leefbaarometer CSV/XLSX keyed on ``grid_id`` or ``bu_code``.

    Classes are nullable integers 1–9; a class outside 1–9 raises ``SourceError``
    with its row and column. Unknown columns are kept.
    """
    table = read_table(path)
    p = Path(path)
    raw = table.frame.rename(columns={c: squash(c) if squash(c) in CLASS_FIELDS + SCORE_FIELDS
                                      else c.strip().lower() for c in table.frame.columns})
    key = next((k for k in KEYS if k in raw.columns), None)
    if key is None:
        raise SourceError(p, "kolom 'grid_id' of 'bu_code' ontbreekt.",
                          "column 'grid_id' or 'bu_code' is missing.", row=1, column="bu_code")
    frame = pd.DataFrame(index=pd.Index(raw[key].astype(str).str.strip().to_numpy(), name=key))
    for column in [c for c in raw.columns if c != key]:
        numbers = np.array([np.nan if v is None else v
                            for v in (parse_cell(c)[0] for c in raw[column])], dtype=float)
        if column in CLASS_FIELDS:
            bad = ~np.isnan(numbers) & ((numbers < 1) | (numbers > 9) | (numbers % 1 != 0))
            if bad.any():
                raise SourceError(p, "klasse moet een geheel getal 1–9 zijn.",
                                  "class must be a whole number 1–9.",
                                  row=int(raw.index[bad][0]), column=column)
            frame[column] = pd.array(numbers, dtype="Int64")
        elif column in SCORE_FIELDS:
            frame[column] = numbers
        else:
            frame[column] = raw[column].to_numpy()
    warnings = list(table.warnings)
    if frame.index.duplicated().any():
        warnings.append(f"dubbele {key}, eerste behouden / duplicate {key}, first kept")
        frame = frame[~frame.index.duplicated()]
    year = year if year is not None else year_from_name(p)
    return LeefbaarometerScores(frame, key, year, p, warnings)


def assign_to_postcode6(
    areas: gpd.GeoSeries,
    *,
    grid_scores: Optional[LeefbaarometerScores] = None,
    grid: Optional[gpd.GeoDataFrame] = None,
    buurt_scores: Optional[LeefbaarometerScores] = None,
    buurten: Optional[gpd.GeoDataFrame] = None,
) -> pd.DataFrame:
    """Scores per postcode-6 (index of ``areas``) with ``methode``: ``grid``, ``buurt`` or ``geen``.

    ``grid`` has a ``grid_id`` column and cell polygons; ``buurten`` is indexed
    by buurtcode (as ``read_wijkbuurt`` returns it). The grid cell wins where it
    has a score; the buurt fills the rest.
    """
    if grid_scores is None and buurt_scores is None:
        raise ValueError("give grid scores with a grid, or buurt scores with buurten")
    x, y = representative_xy(areas.values)
    columns = list(dict.fromkeys(
        [c for s in (grid_scores, buurt_scores) if s is not None for c in s.frame.columns]))
    out = pd.DataFrame(index=areas.index, columns=columns, dtype=object)
    method = np.full(len(areas), "geen", dtype=object)
    for scores, layer, name in ((grid_scores, grid, "grid"), (buurt_scores, buurten, "buurt")):
        if scores is None:
            continue
        if layer is None:
            raise ValueError(f"{name} scores need the {name} geometry layer")
        keys = layer["grid_id"].astype(str) if name == "grid" else layer.index.astype(str)
        found, _ = locate_points(x, y, layer.geometry.values)
        key = np.where(found >= 0, keys.to_numpy()[np.maximum(found, 0)], None)
        has = pd.Series(key).isin(scores.frame.index).to_numpy() & (method == "geen")
        picked = scores.frame.reindex(key[has])
        out.loc[has, picked.columns] = picked.to_numpy()
        method[has] = name
    for column in columns:
        source = (grid_scores or buurt_scores).frame
        if column in source.columns:
            out[column] = out[column].astype(source[column].dtype)
    out["methode"] = method
    return out
