"""Write a question layer: postcode-6 polygons with protected measures, as a GeoPackage.

Geometry never passes through Python when the postcode-6 areas come from a CBS
GeoPackage: SQLite copies the geometry blobs and the spatial index rows straight
from the CBS file, joined on the postcode. That keeps a national layer (about
465,000 areas) to seconds. Only the measures — values and statuses that came
through the privacy gate — are written from Python. The file appears only when
complete: it is written beside the target under a temporary name and renamed.
"""
from __future__ import annotations

import os
import sqlite3
import struct
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import quote

import pandas as pd
import shapely.wkb

from .gpkg_schema import add_rtree_triggers, add_srs, create_core, create_rtree

KEY = "postcode6"
GEOM = "geom"


@dataclass(frozen=True)
class GeometrySource:
    """Where the postcode-6 polygons come from.

    Either a GeoPackage layer (``path``, ``layer``, ``key``), read by SQLite, or
    an in-memory GeoSeries indexed by postcode-6 (for shapefile sources).
    """

    path: Optional[Path] = None
    layer: str = "postcode6"
    key: str = "postcode6"
    geometries: Optional[object] = None  # geopandas.GeoSeries indexed by postcode6
    epsg: int = 28992


def _readonly_uri(path: Path) -> str:
    return f"file:{quote(str(Path(path).resolve()))}?mode=ro&immutable=1"


def _column_sql(frame: pd.DataFrame, column: str) -> str:
    dtype = frame[column].dtype
    if pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
        return "INTEGER"
    if pd.api.types.is_float_dtype(dtype):
        return "REAL"
    return "TEXT"


def _python_rows(frame: pd.DataFrame):
    """Rows as plain Python values, NaN and <NA> as NULL (never 0), built column-wise."""
    columns = [list(frame.index)]
    for name in frame.columns:
        series = frame[name]
        if pd.api.types.is_float_dtype(series.dtype) or pd.api.types.is_integer_dtype(
                series.dtype):
            values = series.astype("float64").to_numpy()
            whole = pd.api.types.is_integer_dtype(series.dtype)
            listed = values.tolist()
            columns.append([None if v != v else (int(v) if whole else v) for v in listed])
        else:
            columns.append([None if v is None or v is pd.NA or (isinstance(v, float) and v != v)
                            else v for v in series.to_numpy(dtype=object).tolist()])
    return zip(*columns)


def _gpkg_blob(wkb: bytes, bounds, srs_id: int) -> bytes:
    # Header: magic, version 0, flags (little endian, envelope [minx,maxx,miny,maxy]).
    return b"GP\x00\x03" + struct.pack("<i4d", srs_id, bounds[0], bounds[2], bounds[1],
                                       bounds[3]) + wkb


def write_question_layer(
    out_path: Path,
    table: str,
    measures: pd.DataFrame,
    geometry: GeometrySource,
    description: str = "",
    srs_wkt: Optional[str] = None,
    is_cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Writes ``measures`` (indexed by postcode6) joined to postcode-6 polygons.

    Returns the number of areas written. Postcodes without a polygon are left
    out (the caller reports them); the target file is replaced only on success.
    """
    out_path = Path(out_path)
    tmp = out_path.with_name(out_path.name + ".part")
    tmp.unlink(missing_ok=True)
    frame = measures.copy()
    frame.index = frame.index.astype(str)
    frame.index.name = KEY
    try:
        with closing(sqlite3.connect(f"file:{quote(str(tmp.resolve()))}", uri=True)) as con:
            # The file is renamed into place only when complete: no journal needed.
            con.execute("PRAGMA journal_mode = OFF")
            con.execute("PRAGMA synchronous = OFF")
            written = _write(con, table, frame, geometry, description, srs_wkt, is_cancelled)
            con.commit()
        if is_cancelled():
            raise InterruptedError("cancelled")
        os.replace(tmp, out_path)
        return written
    finally:
        tmp.unlink(missing_ok=True)


def _write(con, table, frame, geometry, description, srs_wkt, is_cancelled) -> int:
    create_core(con)
    epsg = geometry.epsg
    if geometry.path is not None:
        con.execute("ATTACH DATABASE ? AS src", (_readonly_uri(geometry.path),))
        row = con.execute(
            "SELECT srs_name, definition, srs_id FROM src.gpkg_spatial_ref_sys WHERE srs_id = "
            "(SELECT srs_id FROM src.gpkg_geometry_columns WHERE table_name = ?)",
            (geometry.layer,),
        ).fetchone()
        # Copied blobs carry the source's srs_id, so the output keeps that id.
        name, wkt, epsg = row if row else ("Amersfoort / RD New", srs_wkt or "undefined", epsg)
        geom_type = con.execute(
            "SELECT geometry_type_name FROM src.gpkg_geometry_columns WHERE table_name = ?",
            (geometry.layer,),
        ).fetchone()[0]
    else:
        name, wkt, geom_type = "Amersfoort / RD New", srs_wkt or "undefined", "GEOMETRY"
    add_srs(con, epsg, name, wkt)

    columns = list(frame.columns)
    column_defs = ", ".join(f'"{c}" {_column_sql(frame, c)}' for c in columns)
    con.execute(
        f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, '
        f'"{GEOM}" {geom_type}, "{KEY}" TEXT NOT NULL UNIQUE, {column_defs})'
    )
    con.execute(
        f'CREATE TEMP TABLE m ("{KEY}" TEXT PRIMARY KEY, '
        + ", ".join(f'"{c}"' for c in columns) + ")"
    )
    placeholders = ", ".join("?" * (len(columns) + 1))
    con.executemany(f"INSERT INTO m VALUES ({placeholders})", _python_rows(frame))
    if is_cancelled():
        raise InterruptedError("cancelled")

    quoted = ", ".join(f'm."{c}"' for c in columns)
    rtree = create_rtree(con, table, GEOM)
    if geometry.path is not None:
        con.execute(
            f'INSERT INTO "{table}" (fid, "{GEOM}", "{KEY}", {", ".join(_quoted(columns))}) '
            f'SELECT s.rowid, s."geom", m."{KEY}", {quoted} FROM src."{geometry.layer}" s '
            f'JOIN m ON m."{KEY}" = s."{geometry.key}" ORDER BY s.rowid'
        )
        source_rtree = f"rtree_{geometry.layer}_geom"
        has_index = con.execute(
            "SELECT 1 FROM src.sqlite_master WHERE name = ?", (source_rtree,)
        ).fetchone()
        if has_index:
            _copy_index(con, table, rtree, source_rtree)
        else:
            _index_from_blobs(con, table, rtree)
    else:
        _insert_geoseries(con, table, columns, geometry, epsg)
        _index_from_blobs(con, table, rtree)

    extent = con.execute(f'SELECT min(minx), min(miny), max(maxx), max(maxy) FROM "{rtree}"')
    min_x, min_y, max_x, max_y = extent.fetchone()
    con.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
        "min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?)",
        (table, table, description, min_x, min_y, max_x, max_y, epsg),
    )
    con.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)",
        (table, GEOM, geom_type, epsg),
    )
    add_rtree_triggers(con, table, GEOM)
    return con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


def _quoted(columns) -> list:
    return [f'"{c}"' for c in columns]


def _copy_index(con, table: str, rtree: str, source_rtree: str) -> None:
    """The spatial index from the CBS file: whole when every area is in the layer.

    An R-tree filled row by row costs about 25 µs an area; when the layer holds every
    area of the source (a national map), its index pages are copied as they are.
    """
    written = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    indexed = con.execute(f'SELECT count(*) FROM src."{source_rtree}_rowid"').fetchone()[0]
    if written == indexed:
        for part in ("node", "rowid", "parent"):
            con.execute(f'DELETE FROM "{rtree}_{part}"')
            con.execute(f'INSERT INTO "{rtree}_{part}" SELECT * FROM src."{source_rtree}_{part}"')
        return
    con.execute(
        f'INSERT INTO "{rtree}" SELECT r.id, r.minx, r.maxx, r.miny, r.maxy '
        f'FROM src."{source_rtree}" r JOIN "{table}" t ON t.fid = r.id'
    )


def _insert_geoseries(con, table, columns, geometry: GeometrySource, epsg: int) -> None:
    series = geometry.geometries
    keys = [row[0] for row in con.execute(f'SELECT "{KEY}" FROM m')]
    series = series[series.index.isin(keys)]
    blobs = [
        _gpkg_blob(wkb, bounds, epsg)
        for wkb, bounds in zip(series.to_wkb(), series.bounds.to_numpy())
    ]
    con.execute("CREATE TEMP TABLE g (k TEXT PRIMARY KEY, blob BLOB)")
    con.executemany("INSERT INTO g VALUES (?, ?)", zip(series.index.astype(str), blobs))
    quoted = ", ".join(f'm."{c}"' for c in columns)
    con.execute(
        f'INSERT INTO "{table}" ("{GEOM}", "{KEY}", {", ".join(_quoted(columns))}) '
        f'SELECT g.blob, m."{KEY}", {quoted} FROM m JOIN g ON g.k = m."{KEY}" ORDER BY m."{KEY}"'
    )


def _index_from_blobs(con, table: str, rtree: str) -> None:
    """Fills the index from the envelopes in the blob headers (or the geometry itself)."""
    rows = con.execute(f'SELECT fid, "{GEOM}" FROM "{table}"').fetchall()
    envelopes = []
    for fid, blob in rows:
        flags = blob[3]
        if (flags >> 1) & 0b111:
            minx, maxx, miny, maxy = struct.unpack_from("<4d" if flags & 1 else ">4d", blob, 8)
        else:
            minx, miny, maxx, maxy = shapely.wkb.loads(bytes(blob[8:])).bounds
        envelopes.append((fid, minx, maxx, miny, maxy))
    con.executemany(f'INSERT INTO "{rtree}" VALUES (?, ?, ?, ?, ?)', envelopes)
