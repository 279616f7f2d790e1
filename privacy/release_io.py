"""The protected release on disk: a GeoPackage of attribute tables, and its reader.

A release holds, per area (postcode-6 up to gemeente) and per statistic, a value and a
status — never raw registrations, never household ids — plus metadata (rules, parameters,
catalogue, year, input fingerprint, audit result, tool version) and a checksum over all
of it. ``read_release`` is the only way the map side reads municipal numbers; it refuses
a file whose checksum does not match, so an edited release cannot pass as protected.

Format (``FORMAT_VERSION`` 1):

* ``release_values(fid, area_level, area_code, statistic, value, status)``: ``value`` is
  an integer, NULL unless ``status`` shows a value (``published``/``perturbed``).
* ``release_metadata(fid, key, value)``: ``value`` is JSON text.
* ``gpkg_spatial_ref_sys``, ``gpkg_contents`` (data_type ``attributes``) and an empty
  ``gpkg_geometry_columns``, so GDAL/QGIS open it as a GeoPackage.
* checksum: SHA-256 over the values rows in ``fid`` order and the metadata rows (without
  ``checksum``) in key order, tab-separated, one per line; stored as metadata ``checksum``.

Writing is deterministic (same cells and metadata give a byte-identical file) and atomic
(temp file in the target folder, then rename; a failed write leaves no file).
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from ..indicators.status import Status

FORMAT_VERSION = 1
LEVELS = ("postcode6", "postcode4", "buurt", "wijk", "gemeente")
VALUES_TABLE = "release_values"
METADATA_TABLE = "release_metadata"
_COLUMNS = ["area_level", "area_code", "statistic", "value", "status"]
_GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
_GPKG_USER_VERSION = 10300  # GeoPackage 1.3
_FIXED_TIMESTAMP = "2000-01-01T00:00:00.000Z"  # a clock time would break byte-identity


class ReleaseError(ValueError):
    """The file is not a release this version can read, or the cells are malformed."""


class ReleaseTamperedError(ReleaseError):
    """The release's checksum does not match its contents."""


@dataclass(frozen=True)
class Release:
    """One protected release: long cells plus metadata, as read from (or written to) disk."""

    cells: pd.DataFrame
    metadata: dict[str, Any]
    path: Path | None = None
    _wide: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def year(self) -> int:
        return int(self.metadata["year"])

    @property
    def mode(self) -> str:
        return str(self.metadata["parameters"]["mode"])

    @property
    def threshold(self) -> int:
        return int(self.metadata["parameters"]["threshold"])

    @property
    def checksum(self) -> str:
        return str(self.metadata.get("checksum", ""))

    @property
    def statistics(self) -> list[str]:
        return [entry["id"] for entry in self.metadata["catalogue"]["statistics"]]

    def values(self, level: str) -> pd.DataFrame:
        """Wide table for one area level: index area code, columns statistic ids (nullable
        Int64, NA where not shown) followed by ``<id>__status`` (status strings)."""
        if level not in LEVELS:
            raise ReleaseError(f"unknown area level {level!r}; expected one of {LEVELS}")
        if level not in self._wide:
            self._wide[level] = _wide(self.cells, level, self.statistics)
        return self._wide[level].copy()


def _wide(cells: pd.DataFrame, level: str, statistics: list[str]) -> pd.DataFrame:
    part = cells[cells["area_level"] == level]
    values = part.pivot(index="area_code", columns="statistic", values="value")
    status = part.pivot(index="area_code", columns="statistic", values="status")
    out = pd.DataFrame(index=pd.Index(sorted(part["area_code"].unique()), name="area_code"))
    for stat in statistics:
        col = values[stat] if stat in values.columns else pd.Series(dtype="float64")
        out[stat] = col.reindex(out.index).astype("Int64")
    for stat in statistics:
        col = status[stat] if stat in status.columns else pd.Series(dtype="object")
        out[f"{stat}__status"] = col.reindex(out.index).fillna(Status.NO_DATA.value)
    return out


def canonical_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """Validate cells and put them in the order written to disk (level, code, statistic
    in the given order of first appearance)."""
    missing = [c for c in _COLUMNS if c not in cells.columns]
    if missing:
        raise ReleaseError(f"cells lack columns {missing}")
    out = cells[_COLUMNS].copy()
    bad_level = set(out["area_level"]) - set(LEVELS)
    if bad_level:
        raise ReleaseError(f"unknown area levels {sorted(bad_level)}")
    known = {s.value for s in Status}
    bad_status = set(out["status"]) - known
    if bad_status:
        raise ReleaseError(f"unknown statuses {sorted(bad_status)}")
    shows = out["status"].map(lambda s: Status(s).shows_value)
    if out.loc[~shows, "value"].notna().any():
        raise ReleaseError("a value that is not shown must be NULL (never a number)")
    if out.loc[shows, "value"].isna().any():
        raise ReleaseError("a shown value must not be NULL")
    out["value"] = out["value"].astype("Int64")
    out["area_code"] = out["area_code"].astype(str)
    stat_order = {s: i for i, s in enumerate(pd.unique(out["statistic"]))}
    out["_l"] = out["area_level"].map(LEVELS.index)
    out["_s"] = out["statistic"].map(stat_order)
    out = out.sort_values(["_l", "area_code", "_s"], kind="mergesort")
    return out.drop(columns=["_l", "_s"]).reset_index(drop=True)


def _rows_text(rows: Iterable[tuple], metadata_rows: Iterable[tuple[str, str]]) -> bytes:
    digest = hashlib.sha256()
    for level, code, stat, value, status in rows:
        text = "" if value is None else str(int(value))
        digest.update(f"{level}\t{code}\t{stat}\t{text}\t{status}\n".encode())
    digest.update(b"--metadata--\n")
    for key, value in sorted(metadata_rows):
        if key != "checksum":
            digest.update(f"{key}\t{value}\n".encode())
    return digest.hexdigest().encode()


def compute_checksum(cells: pd.DataFrame, metadata: dict[str, Any]) -> str:
    """SHA-256 over canonical cells and JSON metadata (the ``checksum`` key excluded)."""
    canon = canonical_cells(cells)
    return _rows_text(_row_tuples(canon), _metadata_rows(metadata)).decode()


def _row_tuples(canon: pd.DataFrame) -> list[tuple]:
    vals = [None if pd.isna(v) else int(v) for v in canon["value"]]
    return list(zip(canon["area_level"], canon["area_code"], canon["statistic"], vals,
                    canon["status"]))


def _metadata_rows(metadata: dict[str, Any]) -> list[tuple[str, str]]:
    return [(k, json.dumps(v, sort_keys=True, ensure_ascii=False)) for k, v in metadata.items()
            if k != "checksum"]


_SCHEMA = f"""
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
  organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
  identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL,
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,
  m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));
CREATE TABLE {VALUES_TABLE} (fid INTEGER PRIMARY KEY AUTOINCREMENT, area_level TEXT NOT NULL,
  area_code TEXT NOT NULL, statistic TEXT NOT NULL, value INTEGER, status TEXT NOT NULL);
CREATE TABLE {METADATA_TABLE} (fid INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE,
  value TEXT NOT NULL);
"""
_SRS = [
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic"),
    ("WGS 84 geodetic", 4326, "EPSG", 4326,
     'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
     'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]', "longitude/latitude"),
]


def write_release(path: str | os.PathLike, cells: pd.DataFrame, metadata: dict[str, Any]) -> str:
    """Write a release atomically and return its checksum.

    ``metadata`` must be JSON-serialisable and hold at least ``year``, ``parameters`` (with
    ``mode`` and ``threshold``) and ``catalogue``; ``format_version`` and ``checksum`` are
    added here."""
    for key in ("year", "parameters", "catalogue"):
        if key not in metadata:
            raise ReleaseError(f"metadata lacks {key!r}")
    meta = {k: v for k, v in metadata.items() if k != "checksum"}
    meta["format_version"] = FORMAT_VERSION
    canon = canonical_cells(cells)
    rows = _row_tuples(canon)
    meta_rows = _metadata_rows(meta)
    checksum = _rows_text(rows, meta_rows).decode()
    meta_rows.append(("checksum", json.dumps(checksum)))
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        os.unlink(tmp)  # sqlite must create the file itself
        _write_sqlite(tmp, rows, sorted(meta_rows))
        os.replace(tmp, target)
    except BaseException:
        for leftover in (tmp, tmp + "-journal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
        raise
    return checksum


def _write_sqlite(path: str, rows: list[tuple], meta_rows: list[tuple[str, str]]) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA page_size = 4096")
        con.execute("PRAGMA journal_mode = MEMORY")  # no -journal file beside the target
        con.execute(f"PRAGMA application_id = {_GPKG_APPLICATION_ID}")
        con.execute(f"PRAGMA user_version = {_GPKG_USER_VERSION}")
        con.execute("BEGIN")
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                con.execute(statement)
        con.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", _SRS)
        for table, ident in ((VALUES_TABLE, "Beschermde waarden / protected values"),
                             (METADATA_TABLE, "Release-metadata / release metadata")):
            con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, "
                        "description, last_change) VALUES (?, 'attributes', ?, '', ?)",
                        (table, ident, _FIXED_TIMESTAMP))
        con.executemany(f"INSERT INTO {VALUES_TABLE} (area_level, area_code, statistic, value, "
                        "status) VALUES (?,?,?,?,?)", rows)
        con.executemany(f"INSERT INTO {METADATA_TABLE} (key, value) VALUES (?,?)", meta_rows)
        con.execute("COMMIT")
    finally:
        con.close()


def read_release(path: str | os.PathLike) -> Release:
    """Read a release and verify its checksum; raise ``ReleaseTamperedError`` if it fails."""
    p = Path(path)
    if not p.is_file():
        raise ReleaseError(f"no release at {p}")
    con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
    try:
        try:
            rows = con.execute(f"SELECT area_level, area_code, statistic, value, status FROM "
                               f"{VALUES_TABLE} ORDER BY fid").fetchall()
            meta_rows = con.execute(f"SELECT key, value FROM {METADATA_TABLE}").fetchall()
        except sqlite3.DatabaseError as exc:
            raise ReleaseError(f"{p} is not a Ruimtelijke Kijk release: {exc}") from exc
    finally:
        con.close()
    meta_text = dict(meta_rows)
    stored = json.loads(meta_text.get("checksum", '""'))
    actual = _rows_text(rows, meta_rows).decode()
    if stored != actual:
        raise ReleaseTamperedError(
            f"release {p.name}: checksum mismatch — the file was changed after it was protected "
            "(controlegetal klopt niet: het bestand is na het beschermen gewijzigd)")
    metadata = {k: json.loads(v) for k, v in meta_text.items()}
    if metadata.get("format_version") != FORMAT_VERSION:
        raise ReleaseError(f"unsupported release format {metadata.get('format_version')!r}")
    cells = pd.DataFrame(rows, columns=_COLUMNS)
    cells["value"] = cells["value"].astype("Int64")
    return Release(cells=cells, metadata=metadata, path=p)
