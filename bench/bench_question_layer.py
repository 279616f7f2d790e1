"""Benchmark: building a question layer, ours against a GDAL copy and a Processing chain.

At national size (about 465,000 postcode-6 areas) three ways to get a styled map of
one measure are timed, each in a fresh process with its peak memory:

- ours: measures joined to the CBS polygons inside SQLite (``write_question_layer``),
  opened in QGIS, styled with the privacy classes, drawn once;
- a plain GDAL copy of the same postcode-6 geometry (no measures, no style);
- what a GEO-specialist does by hand: measures to CSV, ``native:joinattributestable``,
  ``native:fieldcalculator`` for the percentage, a graduated renderer, drawn once.

Also the whole pipeline (``build_question``) on the demo municipality if ``demo-output``
exists. Results go to ``docs/bench/question_layer.md`` with the machine they ran on.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))

TASKS = {
"ours": r"""
from ruimtelijke_kijk.layers.question_gpkg import GeometrySource, write_question_layer
from ruimtelijke_kijk.layers.style import Display, style_measure
measures = pd.read_pickle(work / "measures.pkl")
write_question_layer(work / "ours.gpkg", "q", measures, GeometrySource(path=pc6))
mark()
layer = QgsVectorLayer(str(work / "ours.gpkg") + "|layername=q", "q", "ogr")
shown = measures["aandeel__status"] == "published"
style_measure(layer, "aandeel", Display(), measures.loc[shown, "aandeel"].tolist())
render(layer)
""",
"gdal_copy": r"""
from osgeo import gdal
gdal.UseExceptions()
gdal.VectorTranslate(str(work / "copy.gpkg"), str(pc6), options="-f GPKG -select postcode6")
mark()
""",
"processing": r"""
import processing
from processing.core.Processing import Processing
from qgis.core import QgsGraduatedSymbolRenderer, QgsClassificationQuantile, QgsStyle
Processing.initialize()
measures = pd.read_pickle(work / "measures.pkl")
csv = work / "measures.csv"
measures.reset_index().to_csv(csv, index=False)
table = QgsVectorLayer(f"file://{csv}?delimiter=,&detectTypes=yes", "m", "delimitedtext")
joined = processing.run("native:joinattributestable", {
    "INPUT": f"{pc6}|layername=postcode6", "FIELD": "postcode6", "INPUT_2": table,
    "FIELD_2": "postcode6", "METHOD": 1, "PREFIX": "", "OUTPUT": str(work / "joined.gpkg")})
calc = processing.run("native:fieldcalculator", {
    "INPUT": joined["OUTPUT"], "FIELD_NAME": "pct", "FIELD_TYPE": 0, "FIELD_LENGTH": 10,
    "FIELD_PRECISION": 1, "FORMULA": 'CASE WHEN "aandeel__status" = \'published\' '
    'THEN "aandeel" END', "OUTPUT": str(work / "calc.gpkg")})
mark()
layer = QgsVectorLayer(calc["OUTPUT"], "p", "ogr")
renderer = QgsGraduatedSymbolRenderer("pct")
renderer.setClassificationMethod(QgsClassificationQuantile())
renderer.updateClasses(layer, 5)
renderer.updateColorRamp(QgsStyle.defaultStyle().colorRamp("YlOrRd"))
layer.setRenderer(renderer)
render(layer)
""",
"pipeline_demo": r"""
from ruimtelijke_kijk.presets.library import builtin_presets
from ruimtelijke_kijk.workspace.pipeline import build_question
from ruimtelijke_kijk.workspace.source_set import scan_folder
sources = scan_folder(ROOT / "demo-output" / "gemeente")
for path in sorted((ROOT / "demo-output" / "releases").glob("*.gpkg")):
    sources.add(path)
build_question(builtin_presets()["schulden"], sources, max(sources.years()),
               work / "pipeline.gpkg", cache_dir=work / "cache")
mark()
""",
}

PRELUDE = r"""
import os, sys, time
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
ROOT = Path({root!r}); work = Path({work!r}); pc6 = Path({pc6!r})
sys.path.insert(0, str(ROOT / "scripts"))
from package_path import register
register()
import pandas as pd
from qgis.core import QgsApplication, QgsVectorLayer, QgsMapSettings, QgsMapRendererSequentialJob
from qgis.PyQt.QtCore import QSize
app = QgsApplication([], False); app.initQgis()
sys.path.append("/usr/share/qgis/python/plugins")
def render(layer):
    settings = QgsMapSettings(); settings.setLayers([layer])
    settings.setOutputSize(QSize(1000, 800)); settings.setExtent(layer.extent())
    job = QgsMapRendererSequentialJob(settings); job.start(); job.waitForFinished()
marks = []
def mark():
    marks.append(time.perf_counter() - started)
started = time.perf_counter()
"""
EPILOGUE = r"""
elapsed = time.perf_counter() - started
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print("RESULT", marks[0], elapsed, peak / 1024)
"""


def run(task: str, work: Path, pc6: Path) -> dict:
    code = PRELUDE.format(root=str(ROOT), work=str(work), pc6=str(pc6)) + TASKS[task] + EPILOGUE
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("RESULT")), None)
    if line is None:
        raise RuntimeError(f"{task} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    _, build, seconds, peak = line.split()
    return {"build_s": float(build), "seconds": float(seconds), "peak_mb": float(peak)}


def national_inputs(work: Path, n: int) -> Path:
    import numpy as np
    import pandas as pd
    from bench_sources import write_national
    from osgeo import gdal

    raw, _, _ = write_national(work, n)
    pc6 = work / "cbs_pc6_2024_vol.gpkg"
    gdal.UseExceptions()
    # As CBS ships it: a GeoPackage with a spatial index.
    gdal.VectorTranslate(str(pc6), str(raw), options="-f GPKG -lco SPATIAL_INDEX=YES "
                         "-nln postcode6")
    codes = pd.read_sql_query('SELECT postcode6 FROM "postcode6"',
                              __import__("sqlite3").connect(pc6))["postcode6"]
    rng = np.random.default_rng(1)
    share = rng.gamma(2.0, 6.0, len(codes)).round(1)
    status = np.where(rng.random(len(codes)) < 0.12, "primary_suppressed", "published")
    share[status != "published"] = np.nan
    pd.DataFrame({"aandeel": share, "aandeel__status": status},
                 index=pd.Index(codes, name="postcode6")).to_pickle(work / "measures.pkl")
    return pc6


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo")
                if ln.startswith("model name")), platform.processor())
    ram = int(next(ln.split()[1] for ln in open("/proc/meminfo")
                   if ln.startswith("MemTotal"))) / 1024 / 1024
    return f"{cpu}, {os.cpu_count()} cores, {ram:.1f} GB RAM, load {os.getloadavg()[0]:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postcodes", type=int, default=465_000)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "bench" / "question_layer.md")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="rk-bench-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        pc6 = national_inputs(work, args.postcodes)
        print(f"inputs ready in {time.perf_counter() - started:.0f} s", flush=True)
        for task in ("ours", "gdal_copy", "processing"):
            result = run(task, work, pc6)
            rows.append((task, args.postcodes, result))
            print(task, json.dumps(result), flush=True)
        if (ROOT / "demo-output" / "releases").is_dir():
            result = run("pipeline_demo", work, pc6)
            rows.append(("pipeline_demo", "demo", result))
            print("pipeline_demo", json.dumps(result), flush=True)
    ours = next(r for t, _, r in rows if t == "ours")["build_s"]
    lines = ["# Benchmark: question layer", "",
             "| task | postcodes | build (s) | build + style + draw (s) | peak memory (MB) "
             "| ours builds faster by |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for task, n, result in rows:
        ratio = "" if task in ("ours", "pipeline_demo") else f"{result['build_s'] / ours:.1f}×"
        lines.append(f"| {task} | {n} | {result['build_s']:.1f} | {result['seconds']:.1f} | "
                     f"{result['peak_mb']:.0f} | {ratio} |")
    lines += ["", f"Machine: {machine()}. Each task ran in a fresh process. *Build* is the "
              "layer with "
              "its measures on disk (for the GDAL copy: the geometry alone); the last time adds "
              "opening, styling and drawing it once at full extent (1000 × 800 px).",
              "`pipeline_demo` is the whole `build_question` (readers, release, recipe, layer) "
              "for the debt question on the demo municipality.", ""]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
