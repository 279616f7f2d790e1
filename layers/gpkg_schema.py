"""The fixed tables of a GeoPackage and its R-tree spatial index, written with sqlite3."""
from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10200  # GeoPackage 1.2

CORE_TABLES = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL
    DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));
CREATE TABLE gpkg_extensions (
  table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
  scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian CRS'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic CRS');
"""

# The GeoPackage spec's triggers keep the index right when a user edits the layer in QGIS
# (GDAL provides the ST_* functions there).
RTREE_TRIGGERS = """
CREATE TRIGGER "rtree_{t}_{g}_insert" AFTER INSERT ON "{t}"
WHEN (new."{g}" NOT NULL AND NOT ST_IsEmpty(NEW."{g}")) BEGIN
  INSERT OR REPLACE INTO "rtree_{t}_{g}" VALUES (NEW."{pk}", ST_MinX(NEW."{g}"),
    ST_MaxX(NEW."{g}"), ST_MinY(NEW."{g}"), ST_MaxY(NEW."{g}")); END;
CREATE TRIGGER "rtree_{t}_{g}_update1" AFTER UPDATE OF "{g}" ON "{t}"
WHEN OLD."{pk}" = NEW."{pk}" AND (NEW."{g}" NOTNULL AND NOT ST_IsEmpty(NEW."{g}")) BEGIN
  INSERT OR REPLACE INTO "rtree_{t}_{g}" VALUES (NEW."{pk}", ST_MinX(NEW."{g}"),
    ST_MaxX(NEW."{g}"), ST_MinY(NEW."{g}"), ST_MaxY(NEW."{g}")); END;
CREATE TRIGGER "rtree_{t}_{g}_update2" AFTER UPDATE OF "{g}" ON "{t}"
WHEN OLD."{pk}" = NEW."{pk}" AND (NEW."{g}" ISNULL OR ST_IsEmpty(NEW."{g}")) BEGIN
  DELETE FROM "rtree_{t}_{g}" WHERE id = OLD."{pk}"; END;
CREATE TRIGGER "rtree_{t}_{g}_update3" AFTER UPDATE ON "{t}"
WHEN OLD."{pk}" != NEW."{pk}" AND (NEW."{g}" NOTNULL AND NOT ST_IsEmpty(NEW."{g}")) BEGIN
  DELETE FROM "rtree_{t}_{g}" WHERE id = OLD."{pk}";
  INSERT OR REPLACE INTO "rtree_{t}_{g}" VALUES (NEW."{pk}", ST_MinX(NEW."{g}"),
    ST_MaxX(NEW."{g}"), ST_MinY(NEW."{g}"), ST_MaxY(NEW."{g}")); END;
CREATE TRIGGER "rtree_{t}_{g}_update4" AFTER UPDATE ON "{t}"
WHEN OLD."{pk}" != NEW."{pk}" AND (NEW."{g}" ISNULL OR ST_IsEmpty(NEW."{g}")) BEGIN
  DELETE FROM "rtree_{t}_{g}" WHERE id IN (OLD."{pk}", NEW."{pk}"); END;
CREATE TRIGGER "rtree_{t}_{g}_delete" AFTER DELETE ON "{t}"
WHEN old."{g}" NOT NULL BEGIN
  DELETE FROM "rtree_{t}_{g}" WHERE id = OLD."{pk}"; END;
"""


def create_core(con: sqlite3.Connection) -> None:
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {USER_VERSION}")
    con.executescript(CORE_TABLES)


def add_srs(con: sqlite3.Connection, epsg: int, name: str, wkt: str) -> None:
    con.execute(
        "INSERT OR REPLACE INTO gpkg_spatial_ref_sys VALUES (?, ?, 'EPSG', ?, ?, NULL)",
        (name, epsg, epsg, wkt),
    )


def create_rtree(con: sqlite3.Connection, table: str, geom: str) -> str:
    """Creates the index table and its extension row; returns its name.

    Fill it, then call ``add_rtree_triggers``: the triggers need GDAL's ST_*
    functions, which plain SQLite lacks.
    """
    name = f"rtree_{table}_{geom}"
    con.execute(f'CREATE VIRTUAL TABLE "{name}" USING rtree(id, minx, maxx, miny, maxy)')
    con.execute(
        "INSERT INTO gpkg_extensions VALUES (?, ?, 'gpkg_rtree_index', "
        "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
        (table, geom),
    )
    return name


def add_rtree_triggers(con: sqlite3.Connection, table: str, geom: str, pk: str = "fid") -> None:
    con.executescript(RTREE_TRIGGERS.format(t=table, g=geom, pk=pk))
