"""Which kind of source a file is, from its layers, geometry type and column names (cheap)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Union

from . import points, registrations
from .aliases import POSTCODE_ALIASES, squash
from .errors import SourceError, require_file
from .file_names import level_from_name
from .tabular import read_table
from .vector_io import peek_layer

CBS_POSTCODE6 = "cbs_postcode6"
CBS_POSTCODE4 = "cbs_postcode4"
WIJKBUURT = "wijkbuurt"
REGISTRATIONS = "registrations"
POINTS = "points"
LEEFBAAROMETER = "leefbaarometer"
GRID = "grid"
UNKNOWN = "unknown"


def detect_source_kind(path: Union[str, Path]) -> str:
    """One of the kind constants of this module; ``unknown`` when the file is no known source.

    Raises ``SourceError`` only when the path is missing, a folder or empty.
    """
    p = require_file(path)
    try:
        if p.suffix.lower() in (".csv", ".txt", ".xlsx"):
            return _tabular_kind(list(read_table(p).frame.columns))
        layers, columns, geometry = peek_layer(p)
    except SourceError:
        return UNKNOWN
    return _vector_kind(p, layers, columns, geometry)


def _vector_kind(path: Path, layers: List[str], columns: List[str], geometry: str) -> str:
    if {"buurten", "wijken", "gemeenten"} & set(layers):
        return WIJKBUURT
    if "point" in geometry.lower():
        return POINTS
    if "postcode6" in layers:
        return CBS_POSTCODE6
    if "postcode4" in layers:
        return CBS_POSTCODE4
    canon = {POSTCODE_ALIASES.canonical(c) for c in columns}
    upper = {c.upper() for c in columns}
    if {"BU_CODE", "WK_CODE", "GM_CODE", "BUURTCODE", "WIJKCODE"} & upper:
        return WIJKBUURT
    level = level_from_name(path)
    if "postcode6" in canon or (level == "postcode6" and "postcode" in columns):
        return CBS_POSTCODE6
    if "postcode4" in canon or level == "postcode4":
        return CBS_POSTCODE4
    if "grid_id" in columns:
        return GRID
    return UNKNOWN


def _tabular_kind(columns: List[str]) -> str:
    squashed = {squash(c) for c in columns}
    if "kscore" in squashed and {"gridid", "bucode"} & squashed:
        return LEEFBAAROMETER
    if {squash(n) for n in registrations.POSTCODE_NAMES} & squashed:
        return REGISTRATIONS
    if {squash(n) for n in points.X_NAMES + points.LAT_NAMES} & squashed:
        return POINTS
    return UNKNOWN


