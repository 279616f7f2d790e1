"""ruimtelijkekijk:generatedemo runs headless through qgis_process."""
from __future__ import annotations

import json


def test_generatedemo_writes_the_small_municipality(qgis_process, tmp_path):
    out = tmp_path / "gemeente"
    result = qgis_process("ruimtelijkekijk:generatedemo", SIZE=0, SEED=7, OUTPUT=out)
    assert result["results"]["OUTPUT"] == str(out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True and manifest["seed"] == 7
    assert manifest["size"] == "small"
    assert sorted(p.name for p in (out / "registraties").glob("*.csv")) == [
        f"huishoudens_{year}.csv" for year in manifest["years"]
    ]
    assert len(list((out / "cbs").glob("cbs_pc6_*.gpkg"))) == 3
