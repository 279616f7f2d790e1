"""Postcode-6 → postcode-4, buurt, wijk and gemeente, from postcode-6 areas lying in buurten.

Each postcode-6 area is placed by a point guaranteed inside it (not its
centroid, which can fall outside a curved area). Postcodes whose point lies in
no buurt, or in more than one, are reported. The result can be cached in a
folder the caller chooses, keyed on the input files, so a national derivation
runs once per pair of files.
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Union

import geopandas as gpd
import pandas as pd

from .postcode_geometry import read_postcode_points
from .spatial import locate_points, representative_xy
from .wijkbuurt import read_wijkbuurt

COLUMNS = ("postcode4", "buurtcode", "wijkcode", "gemeentecode")
_CACHE_VERSION = "hierarchy-2"


@dataclass
class HierarchyResult:
    """The hierarchy, indexed by ``postcode6``, and the postcodes that could not be placed."""

    frame: pd.DataFrame  # columns postcode4, buurtcode, wijkcode, gemeentecode (str or NaN)
    outside: List[str] = field(default_factory=list)  # point in no buurt
    ambiguous: List[str] = field(default_factory=list)  # point in several buurten (first kept)
    from_cache: bool = False


def derive_hierarchy(
    postcodes: Union[gpd.GeoSeries, pd.DataFrame], buurten: gpd.GeoDataFrame
) -> HierarchyResult:
    """Place postcode-6 areas in buurten.

    ``postcodes`` is indexed by postcode6: either the areas (a GeoSeries) or one
    point inside each (a DataFrame with ``x`` and ``y``, as
    ``read_postcode_points`` gives). ``buurten`` is indexed by buurtcode with
    ``wijkcode`` and ``gemeentecode`` columns, as ``read_wijkbuurt(...).frame``
    returns it. Both in EPSG:28992.
    """
    if isinstance(postcodes, gpd.GeoSeries):
        if postcodes.crs is not None and buurten.crs is not None and postcodes.crs != buurten.crs:
            buurten = buurten.to_crs(postcodes.crs)
        x, y = representative_xy(postcodes.values)
    else:
        x, y = postcodes["x"].to_numpy(float), postcodes["y"].to_numpy(float)
    found, count = locate_points(x, y, buurten.geometry.values)
    codes = pd.Index(postcodes.index.astype(str), name="postcode6")
    frame = pd.DataFrame(index=codes, columns=list(COLUMNS), dtype=object)
    frame["postcode4"] = codes.str[:4]
    hit = found >= 0
    picked = buurten.iloc[found[hit]]
    frame.loc[hit, "buurtcode"] = picked.index.astype(str).to_numpy()
    for column in ("wijkcode", "gemeentecode"):
        frame.loc[hit, column] = picked[column].astype(str).to_numpy()
    return HierarchyResult(
        frame=frame,
        outside=list(codes[~hit]),
        ambiguous=list(codes[count > 1]),
    )


def fingerprint(paths: List[Path]) -> str:
    """A key that changes whenever one of the files is changed, moved or replaced."""
    digest = hashlib.sha256(_CACHE_VERSION.encode())
    for path in paths:
        stat = path.stat()
        digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def load_hierarchy(
    postcode6_path: Union[str, Path],
    wijkbuurt_path: Union[str, Path],
    cache_dir: Optional[Union[str, Path]] = None,
    *,
    postcode6_layer: Optional[str] = None,
    wijkbuurt_layer: Optional[str] = None,
) -> HierarchyResult:
    """Derive the hierarchy from two files, or take it from ``cache_dir`` when it is there.

    The cache is a pickle named after a hash of both files' path, size and
    modification time; a damaged cache file is ignored and rebuilt.
    ``cache_dir`` must not be a folder that holds either input file: the
    user's folders are never written to.
    """
    inputs = [Path(postcode6_path), Path(wijkbuurt_path)]
    cache_file = None
    if cache_dir is not None:
        cache = Path(cache_dir).resolve()
        if any(p.resolve().parent == cache for p in inputs):
            raise ValueError("cache_dir must not be the folder of an input file")
        cache_file = cache / f"hierarchy_{fingerprint(inputs)}.pkl"
        if cache_file.is_file():
            try:
                with open(cache_file, "rb") as handle:
                    stored = pickle.load(handle)
                return HierarchyResult(stored["frame"], list(stored["outside"]),
                                       list(stored["ambiguous"]), from_cache=True)
            except Exception:  # a damaged or foreign cache is rebuilt, never trusted
                pass
    points = read_postcode_points(inputs[0], layer=postcode6_layer)
    buurten = read_wijkbuurt(inputs[1], "buurten", layer=wijkbuurt_layer).frame
    result = derive_hierarchy(points, buurten)
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = cache_file.with_suffix(".tmp")
        with open(partial, "wb") as handle:
            # Plain containers only, so the cache does not depend on the package's import name.
            pickle.dump({"frame": result.frame, "outside": result.outside,
                         "ambiguous": result.ambiguous}, handle)
        partial.replace(cache_file)
    return result

