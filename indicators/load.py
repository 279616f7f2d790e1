"""Recipe inputs from files, through the readers that own each format.

A script or the Processing algorithm names the files; municipal numbers come only from
``privacy.release_io.read_release`` (which verifies the checksum), public data from the
``sources`` readers.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional, Tuple, Union

import pandas as pd

from ..privacy.release_io import read_release
from ..sources.cbs_postcode import read_cbs_postcode
from ..sources.leefbaarometer import assign_to_postcode6, read_leefbaarometer
from ..sources.points import read_points
from ..sources.vector_io import read_vector
from ..sources.wijkbuurt import read_wijkbuurt
from .inputs import CbsTable, LeefbaarometerTable, RecipeInputs

PathLike = Union[str, Path]
PointsSpec = Union[PathLike, Tuple[PathLike, str]]


def load_inputs(*, release: Optional[PathLike] = None, cbs: Optional[PathLike] = None,
                points: Iterable[PointsSpec] = (), leefbaarometer: Optional[PathLike] = None,
                lbm_grid: Optional[PathLike] = None, wijkbuurt: Optional[PathLike] = None
                ) -> RecipeInputs:
    """Read what a recipe needs; every argument is optional.

    ``points``: files with a ``soort`` column, or ``(file, soort)`` for a file of one kind
    (e.g. ``("ov_haltes.csv", "ov_halte")``). ``leefbaarometer``: a ``lbm3_grid_<year>.csv``
    (needs ``lbm_grid``, the 100 m grid GeoPackage) or ``lbm3_buurt_<year>.csv`` (needs
    ``wijkbuurt``); it is brought to postcode-6 through the CBS postcode geometry.
    """
    inputs = RecipeInputs()
    if release is not None:
        inputs.release = read_release(release)
    if cbs is not None:
        result = read_cbs_postcode(cbs)
        inputs.cbs = CbsTable.from_result(result)
        if "geometry" in result.frame.columns:
            inputs.postcodes = result.frame.geometry
    frames, names = [], []
    for spec in points:
        path, soort = spec if isinstance(spec, tuple) else (spec, None)
        frame = read_points(path)
        if soort is not None:
            frame = frame.assign(soort=soort)
        frames.append(frame[["soort", "geometry"]] if "soort" in frame.columns else frame)
        names.append(Path(path).name)
    if frames:
        inputs.points = pd.concat(frames, ignore_index=True)
        inputs.points_file = ", ".join(names)
    if leefbaarometer is not None:
        inputs.leefbaarometer = _leefbaarometer(Path(leefbaarometer), inputs, lbm_grid, wijkbuurt)
    return inputs


def _leefbaarometer(path: Path, inputs: RecipeInputs, grid: Optional[PathLike],
                    wijkbuurt: Optional[PathLike]) -> LeefbaarometerTable:
    if inputs.postcodes is None:
        raise ValueError("the Leefbaarometer needs the CBS postcode-6 file (its geometry)")
    scores = read_leefbaarometer(path)
    if scores.key == "grid_id":
        if grid is None:
            raise ValueError(f"{path.name} is keyed on grid_id: give lbm_grid (grid100m.gpkg)")
        frame = assign_to_postcode6(inputs.postcodes, grid_scores=scores,
                                    grid=read_vector(grid))
    else:
        if wijkbuurt is None:
            raise ValueError(f"{path.name} is keyed on bu_code: give wijkbuurt (buurten)")
        frame = assign_to_postcode6(inputs.postcodes, buurt_scores=scores,
                                    buurten=read_wijkbuurt(wijkbuurt).frame)
    return LeefbaarometerTable(frame, scores.year, path.name)
