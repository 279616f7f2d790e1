"""ruimtelijkekijk:generatedemo runs headless through qgis_process."""
from __future__ import annotations

import json
import re

from ruimtelijke_kijk.layers.status_classes import HIDDEN_CLASSES, class_label
from ruimtelijke_kijk.shell import translation


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


def test_questionlayer_writes_a_styled_layer(qgis_process, small_town, tmp_path):
    from qgis.core import QgsVectorLayer

    from ruimtelijke_kijk.presets.library import builtin_presets

    out = tmp_path / "langer_thuis.gpkg"
    question = list(builtin_presets()).index("informatie_langer_thuis")
    result = qgis_process("ruimtelijkekijk:questionlayer", QUESTION=question,
                          SOURCES=small_town, YEAR=2024, OUTPUT=out)
    assert result["results"]["OUTPUT"] == str(out)
    layer = QgsVectorLayer(str(out), "q", "ogr")
    assert layer.isValid() and layer.featureCount() > 250
    names = layer.fields().names()
    assert "afstand_huisarts" in names and "afstand_huisarts__status" in names
    # The default style travels inside the GeoPackage, in Dutch (the plugin speaks Dutch
    # unless QGIS runs in English), with a class for each reason a value of the styled
    # measure is hidden in this layer, and "no data" last.
    rules = layer.renderer().rootRule().children()
    measure = re.search(r'"(\w+)__status"', rules[0].filterExpression()).group(1)
    present = set(layer.uniqueValues(layer.fields().indexOf(f"{measure}__status")))
    translator = translation.install_translator("nl")
    try:
        expected = [class_label(c.key, 5) for c in HIDDEN_CLASSES
                    if c.role == "no_data" or present & set(c.statuses)]
    finally:
        translation.remove_translator(translator)
    assert expected[-1] == "geen gegevens"
    assert [r.label() for r in rules][-len(expected):] == expected


def test_praatplaat_exports_pdf_and_png(qgis_process, small_town, tmp_path):
    import subprocess

    from ruimtelijke_kijk.presets.library import builtin_presets

    out = tmp_path / "praatplaat.pdf"
    question = list(builtin_presets()).index("informatie_langer_thuis")
    qgis_process("ruimtelijkekijk:praatplaat", QUESTION=question, SOURCES=small_town,
                 YEAR=2024, PAPER=1, OUTPUT=out)
    assert out.read_bytes()[:5] == b"%PDF-"
    assert out.with_suffix(".png").is_file()
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert builtin_presets()["informatie_langer_thuis"].question.nl.split()[0] in text
    assert "minder dan 5" in text and "2024" in text


POLICY_QUESTIONS = ("langer_thuiswonen", "kwetsbare_groepen", "eenzaamheid", "schulden",
                    "kinderen_in_armoede", "jeugdvoorzieningen", "zorgvraag",
                    "toegang_ondersteuning", "asielzoekers_statushouders", "veiligheid")


def test_questionlayer_for_each_of_the_ten_policy_questions(qgis_process, small_town, tmp_path):
    from qgis.core import QgsVectorLayer

    from ruimtelijke_kijk.presets.library import builtin_presets

    ids = list(builtin_presets())
    assert set(POLICY_QUESTIONS) <= set(ids)
    for preset_id in POLICY_QUESTIONS:
        out = tmp_path / f"{preset_id}.gpkg"
        qgis_process("ruimtelijkekijk:questionlayer", QUESTION=ids.index(preset_id),
                     SOURCES=small_town, YEAR=0, OUTPUT=out)
        layer = QgsVectorLayer(str(out), preset_id, "ogr")
        assert layer.isValid() and layer.featureCount() > 250, preset_id
        statuses = [n for n in layer.fields().names() if n.endswith("__status")]
        assert statuses, preset_id
        del layer
