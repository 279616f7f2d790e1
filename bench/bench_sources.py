"""Benchmark of the source readers at national size: ~465,000 postcode-6 areas, ~40 fields.

Writes a synthetic national postcode-6 GeoPackage (2019+ schema, every special
value present) and a wijk-buurt GeoPackage with ~13,000 buurten into a temporary
folder, then times each reader in a fresh process, so every peak memory figure
(``VmHWM``) belongs to that reader alone. Results go to ``docs/bench/sources.md``.

    /usr/bin/python3 bench/bench_sources.py [--postcodes 465000] [--out docs/bench/sources.md]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CELL = 60.0  # metres: a postcode-6 square
BLOCK = 6  # postcode-6 squares per buurt side (36 per buurt, like the national mean of ~33)
FIELDS = (
    "aantal_inwoners", "aantal_mannen", "aantal_vrouwen", "aantal_inwoners_0_tot_15_jaar",
    "aantal_inwoners_15_tot_25_jaar", "aantal_inwoners_25_tot_45_jaar",
    "aantal_inwoners_45_tot_65_jaar", "aantal_inwoners_65_jaar_en_ouder", "aantal_geboorten",
    "percentage_geb_nederland_herkomst_nederland", "aantal_part_huishoudens",
    "aantal_eenpersoonshuishoudens", "aantal_meerpersoonshuishoudens_zonder_kind",
    "aantal_eenouderhuishoudens", "aantal_tweeouderhuishoudens", "gemiddelde_huishoudensgrootte",
    "aantal_woningen", "aantal_woningen_bouwjaar_voor_1945", "aantal_woningen_bouwjaar_45_tot_65",
    "aantal_woningen_bouwjaar_65_tot_75", "aantal_woningen_bouwjaar_75_tot_85",
    "aantal_woningen_bouwjaar_85_tot_95", "aantal_woningen_bouwjaar_95_tot_05",
    "aantal_woningen_bouwjaar_05_tot_15", "aantal_woningen_bouwjaar_15_en_later",
    "aantal_meergezins_woningen", "percentage_koopwoningen", "percentage_huurwoningen",
    "aantal_huurwoningen_in_bezit_woningcorporaties", "aantal_niet_bewoonde_woningen",
    "gemiddelde_woz_waarde_woning", "gemiddeld_gasverbruik_woning",
    "gemiddeld_elektriciteitsverbruik_woning", "aantal_personen_met_uitkering_onder_aowlft",
    "dichtstbijzijnde_huisartsenpraktijk_afstand_in_km", "huisartsenpraktijk_aantal_binnen_1_km",
    "omgevingsadressendichtheid", "stedelijkheid",
)  # fmt: skip
INCOME = ("00-20 laag", "20-40 onder midden", "40-60 midden", "60-80 boven midden",
          "80-100 hoog", "20-60 onder midden tot midden", "onclassificeerbaar", "-99997")


def _postcodes(n: int) -> list:
    letters = [a + b for a in "ABCDEFGHJKLMNPRSTVWXZ" for b in "ABCDEFGHJKLMNPRSTVWXZ"
               if a + b not in ("SA", "SD", "SS")]
    per = int(np.ceil(n / 9000))
    return [f"{1000 + i // per}{letters[i % per]}" for i in range(n)]


def _blob(ring: list) -> bytes:
    """A GeoPackage geometry blob (header with envelope, then WKB) for a one-ring polygon."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    header = b"GP" + bytes([0, 0b011]) + struct.pack("<i4d", 28992, min(xs), max(xs),
                                                     min(ys), max(ys))
    return header + struct.pack("<BIII", 1, 3, 1, len(ring)) + struct.pack(
        f"<{2 * len(ring)}d", *np.ravel(ring))


def _postcode_ring(x: float, y: float, size: float) -> list:
    """Seven vertices, a little irregular, like a real postcode-6 outline."""
    return [(x, y), (x + size / 2, y - size * 0.05), (x + size, y), (x + size, y + size),
            (x + size / 2, y + size * 1.05), (x, y + size), (x, y)]


def _square_ring(x: float, y: float, size: float) -> list:
    return [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]


def _create_gpkg(con: sqlite3.Connection, table: str, columns: str, geometry: str) -> None:
    con.executescript(f"""
        PRAGMA application_id = 1196444487; PRAGMA user_version = 10200;
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
          organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
          definition TEXT NOT NULL, description TEXT);
        INSERT INTO gpkg_spatial_ref_sys VALUES ('Amersfoort / RD New', 28992, 'EPSG', 28992,
          'PROJCS["Amersfoort / RD New"]', NULL), ('Undefined cartesian', -1, 'NONE', -1,
          'undefined', NULL), ('Undefined geographic', 0, 'NONE', 0, 'undefined', NULL);
        CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL,
          identifier TEXT, description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE,
          min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT,
          geometry_type_name TEXT, srs_id INTEGER, z TINYINT, m TINYINT);
        CREATE TABLE IF NOT EXISTS "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT,
          geom {geometry}, {columns});
        INSERT INTO gpkg_contents VALUES ('{table}', 'features', '{table}', '',
          strftime('%Y-%m-%dT%H:%M:%fZ','now'), NULL, NULL, NULL, NULL, 28992);
        INSERT INTO gpkg_geometry_columns VALUES ('{table}', 'geom', '{geometry}', 28992, 0, 0);
    """)


def write_national(folder: Path, n: int) -> tuple:
    """``(postcode-6 GeoPackage, wijk-buurt GeoPackage, seconds)`` for ``n`` postcodes."""
    start = time.perf_counter()
    rng = np.random.default_rng(7)
    side = int(np.ceil(np.sqrt(n)))
    pc6 = folder / "cbs_pc6_2023_v1.gpkg"
    columns = ", ".join([f'"{f}" REAL' for f in FIELDS] + ['"postcode6" TEXT',
                                                            '"mediaan_inkomen_huishouden" TEXT'])
    values = rng.integers(0, 400, size=(n, len(FIELDS))).astype(float)
    values[rng.random((n, len(FIELDS))) < 0.08] = -99997  # secret
    values[:, FIELDS.index("gemiddeld_gasverbruik_woning")] = -99995  # later version
    codes = _postcodes(n)
    income = rng.choice(INCOME, size=n)
    with sqlite3.connect(pc6) as con:
        _create_gpkg(con, "postcode6", columns, "POLYGON")
        x0, y0 = 20_000.0, 310_000.0
        rows = ((_blob(_postcode_ring(x0 + (i % side) * CELL, y0 + (i // side) * CELL, CELL)),
                 *values[i].tolist(), codes[i], income[i]) for i in range(n))
        marks = ", ".join("?" * (len(FIELDS) + 3))
        names = ", ".join(["geom"] + [f'"{f}"' for f in FIELDS]
                          + ['"postcode6"', '"mediaan_inkomen_huishouden"'])
        con.executemany(f'INSERT INTO postcode6 ({names}) VALUES ({marks})', rows)
    wb = folder / "wijkenbuurten_2023.gpkg"
    blocks = int(np.ceil(side / BLOCK))
    with sqlite3.connect(wb) as con:
        _create_gpkg(con, "buurten", '"buurtcode" TEXT, "buurtnaam" TEXT, "wijkcode" TEXT, '
                     '"gemeentecode" TEXT, "water" TEXT, "jaar" INTEGER, '
                     '"indelingswijziging_wijken_en_buurten" INTEGER, "aantal_inwoners" REAL',
                     "POLYGON")
        size = CELL * BLOCK
        rows = []
        for k in range(blocks * blocks):
            gm, wk, bu = k // 400, (k // 20) % 20, k % 20
            code = f"{gm:04d}{wk:02d}{bu:02d}"
            blob = _blob(_square_ring(20_000.0 + (k % blocks) * size,
                                      310_000.0 + (k // blocks) * size, size))
            rows.append((blob, f"BU{code}", f"Buurt {k}", f"WK{code[:6]}", f"GM{code[:4]}",
                         "NEE", 2023, 1, float(rng.integers(0, 3000))))
        con.executemany("INSERT INTO buurten (geom, buurtcode, buurtnaam, wijkcode, gemeentecode,"
                        " water, jaar, indelingswijziging_wijken_en_buurten, aantal_inwoners)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return pc6, wb, time.perf_counter() - start


TASKS = {
    "read_cbs_postcode (attributes + geometry)":
        "r = read_cbs_postcode(PC6); n = len(r.frame)",
    "read_cbs_postcode (attributes only)":
        "r = read_cbs_postcode(PC6, with_geometry=False); n = len(r.frame)",
    "read_postcode_areas (key + geometry)": "n = len(read_postcode_areas(PC6))",
    "read_postcode_points (key + a point inside each area)": "n = len(read_postcode_points(PC6))",
    "load_hierarchy (no cache: read both, place every postcode)":
        "h = load_hierarchy(PC6, WB, CACHE); n = len(h.frame); assert not h.from_cache",
    "load_hierarchy (from cache)":
        "h = load_hierarchy(PC6, WB, CACHE); n = len(h.frame); assert h.from_cache",
    "geopandas.read_file via fiona (for comparison)":
        "import geopandas; n = len(geopandas.read_file(PC6, layer='postcode6'))",
}

RUNNER = """
import importlib.util, resource, sys, time, json
spec = importlib.util.spec_from_file_location('ruimtelijke_kijk', {root!r} + '/__init__.py',
                                              submodule_search_locations=[{root!r}])
module = importlib.util.module_from_spec(spec); sys.modules['ruimtelijke_kijk'] = module
spec.loader.exec_module(module)
from ruimtelijke_kijk.sources.cbs_postcode import read_cbs_postcode
from ruimtelijke_kijk.sources.postcode_geometry import read_postcode_areas, read_postcode_points
from ruimtelijke_kijk.sources.hierarchy import load_hierarchy
PC6, WB, CACHE = {pc6!r}, {wb!r}, {cache!r}
def high_water_mb():
    # VmHWM belongs to this process image; ru_maxrss would carry over the parent's peak.
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM'):
            return int(line.split()[1]) / 1024
before = high_water_mb()
start = time.perf_counter()
{code}
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "peak_mb": high_water_mb(), "base_mb": before,
                  "rows": n}}))
"""


def run_task(code: str, pc6: Path, wb: Path, cache: Path) -> dict:
    script = RUNNER.format(root=str(ROOT), pc6=str(pc6), wb=str(wb), cache=str(cache), code=code)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) for line in open("/proc/meminfo")
               if line.startswith("MemTotal"))
    import fiona
    import geopandas
    import pandas
    import shapely

    return {"cpu": cpu, "nproc": os.cpu_count(), "ram_gb": round(mem / 1024 / 1024, 1),
            "python": platform.python_version(), "pandas": pandas.__version__,
            "geopandas": geopandas.__version__, "shapely": shapely.__version__,
            "fiona": fiona.__version__, "gdal": fiona.__gdal_version__,
            "load average at the end": open("/proc/loadavg").read().split()[0]}


def report(info: dict, n: int, buurten: int, write_s: float, size_mb: float, results: dict) -> str:
    lines = [
        "# Benchmark: source readers at national size", "",
        f"Synthetic postcode-6 GeoPackage (2019+ schema): **{n:,} areas**, "
        f"{len(FIELDS) + 2} fields, 7-vertex polygons, {size_mb:.0f} MB; "
        f"wijk-buurt GeoPackage with {buurten:,} buurten. Generated in {write_s:.1f} s by "
        "`bench/bench_sources.py`; each row below ran in a fresh Python process.", "",
        "| task | seconds | peak memory, VmHWM (MB) | rows |", "| --- | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        if "error" in r:
            lines.append(f"| {name} | failed: {r['error']} | | |")
        else:
            lines.append(f"| {name} | {r['seconds']:.1f} | {r['peak_mb']:.0f} | {r['rows']:,} |")
    base = results[next(iter(results))].get("base_mb", 0)
    lines += ["", "Machine: " + ", ".join(f"{k} {v}" for k, v in info.items()), "",
              "Peak memory is the process high-water mark (`VmHWM`), including the interpreter "
              f"and imported libraries (about {base:.0f} MB before reading). The machine is "
              "shared: a load average above the core count slows every figure down alike.", "",
              "How the readers get there:", "",
              "- A GeoPackage is read with `sqlite3` (opened `immutable`, so not even a lock "
              "file is written), in chunks of 50,000 rows, instead of feature by feature "
              "through fiona.",
              "- Geometry blobs are decoded from WKB after their GeoPackage header; numbers and "
              "statuses are decoded into one float and one object block, without per-column "
              "copies.",
              "- The hierarchy never builds a polygon object per postcode: a point inside each "
              "area comes straight from the WKB through GEOS (`read_postcode_points`), then "
              "points are sorted by x and each buurt tests only the candidates in its bounding "
              "box with a prepared, vectorised GEOS call.",
              "- `read_cbs_postcode(..., with_geometry=False)` reads the statistics alone when "
              "the map geometry comes from elsewhere (for example the layer QGIS already has).",
              ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postcodes", type=int, default=465_000)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "bench" / "sources.md")
    parser.add_argument("--skip-fiona", action="store_true", help="leave out the fiona baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rk-bench-") as tmp:
        folder = Path(tmp)
        pc6, wb, write_s = write_national(folder, args.postcodes)
        with sqlite3.connect(wb) as con:
            buurten = con.execute("SELECT count(*) FROM buurten").fetchone()[0]
        cache = folder / "cache"
        results = {}
        for name, code in TASKS.items():
            if args.skip_fiona and "fiona" in name:
                continue
            results[name] = run_task(code, pc6, wb, cache)
            print(name, results[name], flush=True)
        text = report(machine(), args.postcodes, buurten, write_s, pc6.stat().st_size / 2**20,
                      results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
