"""Preset + sources + year → protected measures per postcode-6 → question layer GeoPackage.

Municipal numbers enter only as a verified release (``read_release``); CBS files,
points and Leefbaarometer scores are public. Geometry stays in the CBS
GeoPackage: representative points come from its spatial index, and the layer
writer copies polygons inside SQLite.
"""
from __future__ import annotations

import re
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, List, Mapping, Optional

import geopandas as gpd
import pandas as pd

from ..indicators.inputs import CbsTable, LeefbaarometerTable, RecipeInputs
from ..indicators.measures import Measures, Problem
from ..indicators.recipe import run_recipe
from ..layers.question_gpkg import GeometrySource, write_question_layer
from ..presets.model import Preset
from ..privacy.release_io import read_release
from ..sources.cbs_postcode import read_cbs_postcode, read_postcode_areas
from ..sources.geopackage import connect_readonly, list_layers
from ..sources.hierarchy import load_hierarchy
from ..sources.leefbaarometer import assign_to_postcode6, read_leefbaarometer
from ..sources.points import read_points
from ..sources.vector_io import read_vector
from ..sources.wijkbuurt import read_wijkbuurt
from .source_set import SourceSet

Progress = Callable[[float, str], None]
AREA_COLUMNS = ("buurtcode", "buurtnaam", "wijkcode", "wijknaam")


@dataclass
class QuestionOutcome:
    measures: Measures
    layer_path: Path
    table: str
    written: int
    problems: List[Problem] = field(default_factory=list)
    sources_used: List[str] = field(default_factory=list)
    threshold: int = 5  # the release's; 5 when only public data is shown
    release_checksums: List[str] = field(default_factory=list)
    areas: Optional[pd.DataFrame] = None  # public buurt and wijk codes and names per postcode


def table_name(preset_id: str, year: Optional[int]) -> str:
    name = re.sub(r"[^a-z0-9_]", "_", preset_id.lower())
    return f"{name}_{year}" if year else name


def postcode_points(cbs_path: Path, layer: str = "postcode6") -> Optional[pd.DataFrame]:
    """x, y per postcode-6 from the centres of its spatial-index boxes, without geometry.

    Postcode-6 areas are a block or a street side, so the box centre is a close
    stand-in for the representative point in distances to facilities.
    """
    if cbs_path.suffix.lower() != ".gpkg":
        return None
    with closing(connect_readonly(cbs_path)) as con:
        index = f"rtree_{layer}_geom"
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (index,)).fetchone():
            return None
        frame = pd.read_sql_query(
            f'SELECT t."postcode6" AS postcode6, (r.minx + r.maxx) / 2 AS x, '
            f'(r.miny + r.maxy) / 2 AS y FROM "{layer}" t JOIN "{index}" r ON r.id = t.fid',
            con,
        )
    return frame.set_index("postcode6")


def _cbs(sources: SourceSet, year: int, used: List[str]):
    cbs_year, path = sources.nearest(sources.cbs_postcode6, year)
    if path is None:
        return None, None
    result = read_cbs_postcode(path, with_geometry=False)
    used.append(f"CBS postcode-6 {cbs_year}: {Path(path).name}")
    return result, Path(path)


def _areas(sources: SourceSet, year: int, cbs_path: Optional[Path], cache_dir: Optional[Path],
           used: List[str]) -> Optional[pd.DataFrame]:
    """Buurt and wijk code and name per postcode-6 (public), for identify and rankings."""
    wb_year, wb_path = sources.nearest(sources.wijkbuurt, year)
    if wb_path is None or cbs_path is None:
        return None
    hierarchy = load_hierarchy(cbs_path, wb_path, cache_dir).frame
    buurten = read_wijkbuurt(wb_path, "buurten").frame
    wijken = read_wijkbuurt(wb_path, "wijken").frame
    used.append(f"CBS wijk- en buurtkaart {wb_year}: {Path(wb_path).name}")
    frame = hierarchy[["buurtcode", "wijkcode"]].copy()
    frame["buurtnaam"] = frame["buurtcode"].map(buurten.get("buurtnaam", pd.Series(dtype=object)))
    frame["wijknaam"] = frame["wijkcode"].map(wijken.get("wijknaam", pd.Series(dtype=object)))
    return frame[list(AREA_COLUMNS)]


def _leefbaarometer(sources: SourceSet, year: int, xy: Optional[pd.DataFrame],
                    wb_path: Optional[Path], used: List[str]):
    lbm_year, files = sources.nearest(sources.leefbaarometer, year)
    if not files or xy is None:
        return None
    points = gpd.GeoSeries(gpd.points_from_xy(xy["x"], xy["y"]), index=xy.index,
                           crs="EPSG:28992")
    scores = [read_leefbaarometer(f, year=lbm_year) for f in files]
    grid_scores = next((s for s in scores if s.key == "grid_id"), None)
    buurt_scores = next((s for s in scores if s.key == "bu_code"), None)
    grid = read_vector(sources.grid) if grid_scores is not None and sources.grid else None
    buurten = read_wijkbuurt(wb_path, "buurten").frame if buurt_scores and wb_path else None
    if grid is None:
        grid_scores = None
    if buurten is None:
        buurt_scores = None
    if grid_scores is None and buurt_scores is None:
        return None
    values = assign_to_postcode6(points, grid_scores=grid_scores, grid=grid,
                                 buurt_scores=buurt_scores, buurten=buurten)
    used.append(f"Leefbaarometer {lbm_year}: " + ", ".join(Path(f).name for f in files))
    return LeefbaarometerTable(values, lbm_year)


def load_inputs(sources: SourceSet, year: int, cache_dir: Optional[Path] = None,
                used: Optional[List[str]] = None) -> tuple:
    """The recipe inputs for ``year`` and the geometry source and area names for the layer."""
    used = [] if used is None else used
    release = None
    release_year, release_path = sources.nearest(sources.releases, year)
    if release_path is not None and release_year == year:
        release = read_release(release_path)  # refuses a release whose checksum fails
        used.append(f"Release {release.year}: {Path(release_path).name} "
                    f"({release.checksum[:12]})")
    cbs, cbs_path = _cbs(sources, year, used)
    xy = postcode_points(cbs_path) if cbs_path is not None else None
    if release is not None:
        universe = release.values("postcode6").index.astype(str)
        if xy is not None:
            xy = xy.reindex(universe)
    _, wb_path = sources.nearest(sources.wijkbuurt, year)
    points = None
    if sources.points:
        points = pd.concat([read_points(p) for p in sources.points], ignore_index=True)
        used.append("Voorzieningen: " + ", ".join(p.name for p in sources.points))
    inputs = RecipeInputs(
        release=release,
        cbs=CbsTable.from_result(cbs) if cbs is not None else None,
        points=points,
        leefbaarometer=_leefbaarometer(sources, year, xy, wb_path, used),
        postcode_xy=xy,
    )
    if cbs_path is not None and cbs_path.suffix.lower() == ".gpkg" \
            and "postcode6" in list_layers(cbs_path):
        geometry = GeometrySource(path=cbs_path)
    elif cbs_path is not None:
        geometry = GeometrySource(geometries=read_postcode_areas(cbs_path))
    else:
        geometry = None
    areas = _areas(sources, year, cbs_path, cache_dir, used)
    return inputs, geometry, areas


def build_question(
    preset: Preset,
    sources: SourceSet,
    year: int,
    out_path: Path,
    selected: Optional[Iterable[str]] = None,
    selections: Optional[Mapping[str, Mapping[str, Any]]] = None,
    cache_dir: Optional[Path] = None,
    progress: Optional[Progress] = None,
    is_cancelled: Callable[[], bool] = lambda: False,
) -> QuestionOutcome:
    """Runs ``preset`` for ``year`` and writes its question layer to ``out_path``."""
    report = progress or (lambda fraction, message: None)
    used: List[str] = []
    report(0.05, "bronnen lezen / reading sources")
    inputs, geometry, areas = load_inputs(sources, year, cache_dir, used)
    if geometry is None:
        raise ValueError("no CBS postcode-6 file is loaded: the map needs its polygons")
    if is_cancelled():
        raise InterruptedError("cancelled")
    report(0.45, "maten berekenen / computing measures")
    measures = run_recipe(preset, inputs, selected=selected, selections=selections)
    frame = measures.frame
    if areas is not None:
        frame = frame.join(areas, how="left")
    if is_cancelled():
        raise InterruptedError("cancelled")
    report(0.7, "laag schrijven / writing the layer")
    table = table_name(preset.id, measures.year or year)
    written = write_question_layer(out_path, table, frame, geometry,
                                   description=preset.id, is_cancelled=is_cancelled)
    report(1.0, "klaar / done")
    release = inputs.release
    return QuestionOutcome(measures, Path(out_path), table, written, list(measures.problems),
                           used, threshold=release.threshold if release else 5,
                           release_checksums=[release.checksum] if release else [],
                           areas=areas)


def published_values(outcome: QuestionOutcome, measure: str) -> List[float]:
    """The values of ``measure`` that may be shown: the input for class bounds."""
    shown = outcome.measures.shown(measure)
    return [float(v) for v in outcome.measures.value(measure)[shown].dropna()]
