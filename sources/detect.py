"""Which kind of source a file is, from its layers and column names only (cheap to call)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Union

from . import points, registrations
from .aliases import POSTCODE_ALIASES, squash
from .file_names import level_from_name
from .tabular import read_table
from .vector_io import list_layers, read_vector

CBS_POSTCODE6 = "cbs_postcode6"
CBS_POSTCODE4 = "cbs_postcode4"
WIJKBUURT = "wijkbuurt"
REGISTRATIONS = "registrations"
POINTS = "points"
LEEFBAAROMETER = "leefbaarometer"
GRID = "grid"
UNKNOWN = "unknown"


def detect_source_kind(path: Union[str, Path]) -> str:
    """One of the kind constants of this module; ``unknown`` when nothing fits.

    Raises ``SourceError`` only when the file cannot be opened at all.
    """
    p = Path(path)
    if p.suffix.lower() in (".csv", ".txt", ".xlsx"):
        return _tabular_kind(list(read_table(p).frame.columns))
    layers = list_layers(p)
    if {"buurten", "wijken", "gemeenten"} & set(layers):
        return WIJKBUURT
    for level in ("postcode6", "postcode4"):
        if level in layers:
            return CBS_POSTCODE6 if level == "postcode6" else CBS_POSTCODE4
    head = read_vector(p, layer=next(iter(layers)), with_geometry=False)
    columns = [str(c) for c in head.columns]
    canon = {POSTCODE_ALIASES.canonical(c) for c in columns}
    upper = {c.upper() for c in columns}
    if "BU_CODE" in upper or "buurtcode" in columns or "GM_CODE" in upper:
        return WIJKBUURT
    if "postcode6" in canon or (level_from_name(p) == "postcode6" and "postcode" in columns):
        return CBS_POSTCODE6
    if "postcode4" in canon or level_from_name(p) == "postcode4":
        return CBS_POSTCODE4
    if "grid_id" in columns:
        return GRID
    return POINTS


def _tabular_kind(columns: List[str]) -> str:
    squashed = {squash(c) for c in columns}
    if {"kscore"} & squashed and {"gridid", "bucode"} & squashed:
        return LEEFBAAROMETER
    if {squash(n) for n in registrations.POSTCODE_NAMES} & squashed:
        return REGISTRATIONS
    coordinate_names = points.X_NAMES + points.LAT_NAMES
    if {squash(n) for n in coordinate_names} & squashed:
        return POINTS
    return UNKNOWN
