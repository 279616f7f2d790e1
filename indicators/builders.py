"""One measure from one source: CBS postcode-6, a protected release, points, Leefbaarometer.

Each builder returns the values and statuses on the recipe's postcode index, or None after
recording a ``Problem`` that says which source, file, year, field or catalogue entry is
missing, so a recipe with partly missing sources still runs with what exists.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple

import numpy as np
import pandas as pd

from ..sources.income_class import INCOME_CLASSES, parse_income_class
from .catalogue import DEFAULT_DENOMINATOR, Indicator, ResolvedSource, Text
from .inputs import (
    RecipeInputs,
    denominator_id,
    find_statistic,
    release_arrays,
    release_info,
)
from .measures import Problem, SourceRef
from .proximity import FacilityIndex, count_within, nearest_km
from .status import Status
from .status_math import blank_hidden, percentage

INCOME_FIELD = "mediaan_inkomen_huishouden"
INCOME_CATEGORIES = {i + 1: Text(name, name) for i, name in enumerate(INCOME_CLASSES)}


@dataclass
class Built:
    values: pd.Series
    status: pd.Series
    sources: Tuple[SourceRef, ...]
    release: Optional[Mapping[str, Any]] = None
    categories: Mapping[int, Text] = field(default_factory=dict)


@dataclass
class Context:
    inputs: RecipeInputs
    index: pd.Index
    problems: List[Problem]
    facilities: FacilityIndex
    _positions: Dict[str, np.ndarray] = field(default_factory=dict)

    def fail(self, code: str, measure: str, nl: str, en: str, source: Optional[str] = None,
             entry: Optional[Dict[str, Any]] = None) -> None:
        self.problems.append(Problem(code, measure, nl, en, source, entry))

    def align(self, key: str, source_index: pd.Index, values: np.ndarray,
              status: Optional[np.ndarray] = None) -> Tuple[pd.Series, pd.Series]:
        """Values and statuses of one source onto the recipe's postcodes, by position.

        The positions are computed once per source (national tables are large); a postcode
        the source lacks gets NaN and ``no_data``.
        """
        pos = self._positions.get(key)
        if pos is None:
            pos = pd.Index(source_index.astype(str)).get_indexer(self.index)
            self._positions[key] = pos
        absent = pos < 0
        out = np.asarray(values)[np.maximum(pos, 0)].astype(float)
        out[absent] = np.nan
        if status is None:
            status = np.where(np.isnan(np.asarray(values, dtype=float)), Status.NO_DATA.value,
                              Status.PUBLISHED.value)
        st = np.asarray(status, dtype=object)[np.maximum(pos, 0)]
        st[absent] = Status.NO_DATA.value
        return pd.Series(out, index=self.index), pd.Series(st, index=self.index, dtype=object)


def build(ctx: Context, measure_id: str, show: str, ind: Indicator,
          src: ResolvedSource) -> Optional[Built]:
    builder = {"cbs_pc6": _cbs, "release": _release, "proximity": _proximity,
               "leefbaarometer": _leefbaarometer}[src.type]
    return builder(ctx, measure_id, show, ind, src)


def _cbs(ctx: Context, mid: str, show: str, ind: Indicator, src: ResolvedSource
         ) -> Optional[Built]:
    table = ctx.inputs.cbs
    if table is None:
        ctx.fail("missing_source", mid,
                 f"Geen CBS-postcode-6-bestand geladen; nodig voor veld '{src.name}'.",
                 f"No CBS postcode-6 file loaded; needed for field '{src.name}'.",
                 f"CBS postcode-6 (cbs_pc6_<jaar>_<versie>.gpkg), veld {src.name}")
        return None
    needed = [src.name] + ([src.denominator] if show == "percentage" else [])
    absent = [f for f in needed if f not in table.values.columns]
    if absent:
        years = "" if ind.has_year(table.year) else (
            f" CBS publiceert dit veld voor {ind.years[0]}-{ind.years[-1]}." if ind.years else "")
        ctx.fail("missing_field", mid,
                 f"Veld {absent} ontbreekt in {table.where()}.{years}",
                 f"Field {absent} is missing from {table.where()}.",
                 f"{table.where()}, veld {', '.join(absent)}")
        return None
    raw, raw_status = table.column(src.name)
    categories: Mapping[int, Text] = {}
    if src.name == INCOME_FIELD:
        raw, categories = _income_ordinal(raw), INCOME_CATEGORIES
    values, status = ctx.align("cbs", raw.index, _floats(raw), raw_status.to_numpy(object))
    refs = [SourceRef("cbs_pc6", src.name, table.year, table.file)]
    if show == "percentage":
        raw_den, raw_den_status = table.column(src.denominator)
        den, den_status = ctx.align("cbs", raw_den.index, _floats(raw_den),
                                    raw_den_status.to_numpy(object))
        values, status = percentage(values, status, den, den_status)
        refs.append(SourceRef("cbs_pc6", src.denominator, table.year, table.file))
    return Built(blank_hidden(values, status), status, tuple(refs), categories=categories)


def _release(ctx: Context, mid: str, show: str, ind: Indicator, src: ResolvedSource
             ) -> Optional[Built]:
    release = ctx.inputs.release
    den_name = src.denominator or DEFAULT_DENOMINATOR
    entry = {"id": src.name, "kind": "single", "column": src.name, "denominator": den_name}
    if release is None:
        ctx.fail("missing_source", mid,
                 f"Gemeentelijke maat: laad een beschermde release met statistiek '{src.name}'.",
                 f"Municipal measure: load a protected release with statistic '{src.name}'.",
                 "beschermde release (privacy: buildrelease)", entry)
        return None
    if src.name == DEFAULT_DENOMINATOR:
        stat = denominator_id(release)
    else:
        stat = find_statistic(release, "single", [src.name])
    if stat is None:
        ctx.fail("missing_statistic", mid,
                 f"De release van {release.year} bevat '{src.name}' niet; de data-analist moet "
                 f"deze catalogusregel toevoegen: {entry}.",
                 f"The {release.year} release lacks '{src.name}'; the data analyst must add "
                 f"this catalogue entry: {entry}.",
                 f"release {release.year}", entry)
        return None
    wide = ctx.inputs.release_wide()
    values, status = ctx.align("release", wide.index, *release_arrays(wide, stat))
    refs = [SourceRef("release", stat, release.year, release_info(release)["file"])]
    if show == "percentage":
        den = denominator_id(release)
        if den is None:
            ctx.fail("missing_statistic", mid, "De release heeft geen noemer (huishoudens).",
                     "The release has no denominator (households).", f"release {release.year}")
            return None
        den_values, den_status = ctx.align("release", wide.index, *release_arrays(wide, den))
        values, status = percentage(values, status, den_values, den_status)
        refs.append(SourceRef("release", den, release.year, refs[0].file))
    return Built(blank_hidden(values, status), status, tuple(refs), release_info(release))


def _proximity(ctx: Context, mid: str, show: str, ind: Indicator, src: ResolvedSource
               ) -> Optional[Built]:
    inputs = ctx.inputs
    where = f"{inputs.points_file or 'puntenlaag'}, soort {src.name}"
    if inputs.points is None:
        ctx.fail("missing_source", mid,
                 f"Geen puntenlaag geladen; nodig: punten met soort '{src.name}'.",
                 f"No point layer loaded; needed: points of kind '{src.name}'.", where)
        return None
    tree = ctx.facilities.tree(src.name) if src.name in ctx.facilities.kinds() else None
    if tree is None:
        ctx.fail("missing_field", mid,
                 f"De puntenlaag heeft geen punten van soort '{src.name}'.",
                 f"The point layer has no points of kind '{src.name}'.", where)
        return None
    xy = inputs.xy()
    if xy is None:
        ctx.fail("missing_source", mid,
                 "Geen postcodegeometrie geladen om afstanden te meten.",
                 "No postcode geometry loaded to measure distances.", "CBS postcode-6 (geometrie)")
        return None
    if src.measure == "distance":
        raw = nearest_km(tree, xy)
    else:
        raw = count_within(tree, xy, src.radius_km)
    values, status = ctx.align("xy", xy.index, raw[0].to_numpy(), raw[1].to_numpy())
    return Built(values, status, (SourceRef("proximity", src.name, None, inputs.points_file),))


def _leefbaarometer(ctx: Context, mid: str, show: str, ind: Indicator, src: ResolvedSource
                    ) -> Optional[Built]:
    table = ctx.inputs.leefbaarometer
    if table is None or src.name not in table.values.columns:
        what = "Geen Leefbaarometer geladen" if table is None else (
            f"Veld '{src.name}' ontbreekt in {table.file or 'de Leefbaarometer'}")
        ctx.fail("missing_source" if table is None else "missing_field", mid,
                 f"{what}; nodig: {src.name} (lbm3_grid_<jaar>.csv of lbm3_buurt_<jaar>.csv).",
                 f"Leefbaarometer '{src.name}' not loaded (lbm3_grid_<year>.csv or "
                 f"lbm3_buurt_<year>.csv).", f"Leefbaarometer, veld {src.name}")
        return None
    column = table.values[src.name]
    numbers = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    values, status = ctx.align("leefbaarometer", table.values.index, numbers)
    return Built(values, status, (SourceRef("leefbaarometer", src.name, table.year, table.file),),
                 categories=ind.categories)


def _floats(values: pd.Series) -> np.ndarray:
    return pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _income_ordinal(values: pd.Series) -> pd.Series:
    """CBS income class as its rank 1..n from low to high income (NaN when absent)."""
    if pd.api.types.is_numeric_dtype(values):
        return values.astype(float)
    order = {name: i + 1 for i, name in enumerate(INCOME_CLASSES)}
    texts = values.astype(object)
    ranks = {}
    for text in pd.unique(texts[texts.notna()]):  # few distinct classes: parse each once
        name = text if text in order else parse_income_class(str(text))[0]
        ranks[text] = float(order[name])
    return texts.map(ranks).astype(float)
