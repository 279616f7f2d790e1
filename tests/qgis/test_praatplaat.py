"""The praatplaat: a one-page PDF/PNG with the question, map, legend, figures and ranking."""
from __future__ import annotations

import datetime
import re
import subprocess
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from qgis.core import (
    QgsLayoutItem,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QTranslator
from qgis.PyQt.QtGui import QImage
from shapely.geometry import box

from ruimtelijke_kijk.layers.question_gpkg import GeometrySource, write_question_layer
from ruimtelijke_kijk.layers.style import Display, style_measure
from ruimtelijke_kijk.layouts.content import PraatplaatContent, numbers_in
from ruimtelijke_kijk.layouts.export import PraatplaatExportError, export_layout
from ruimtelijke_kijk.layouts.layer_values import layer_measure
from ruimtelijke_kijk.layouts.praatplaat import (
    add_praatplaat_to_project,
    build_praatplaat,
    export_praatplaat,
)
from ruimtelijke_kijk.layouts.ranking import top_areas
from ruimtelijke_kijk.layouts.wording import words

WIJKEN = {"3311": ("Binnenstad", "Oude Haven"), "3312": ("Binnenstad", "Kerkbuurt"),
          "3313": ("Noord", "Molenwijk"), "3314": ("Noord", "Vogelbuurt"),
          "3315": ("Zuid", "Parkzoom"), "3316": ("Zuid", "De Weide")}
PRIVACY_NOTE = ("Gegevens over minder dan 5 huishoudens worden niet getoond. Toegepast: "
                "primaire, complementaire en secundaire onderdrukking; de release is "
                "gecontroleerd met een aanvalstoets. Release 2024: vingerafdruk 3f9a07c2e1.")


def _town(seed: int = 7) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """A few hundred postcode rectangles in a town-shaped blob with a smooth value field."""
    rng = np.random.RandomState(seed)
    rows, geoms, codes = [], [], []
    letters = [a + b for a in "ABCDEFGHJKLMNPRSTVWXZ" for b in "ABCDEFGHJKLMNPRSTVWXZ"]
    counters: dict[str, int] = {}
    for i in range(24):
        for j in range(18):
            u, v = (i - 11.5) / 12.0, (j - 8.5) / 9.0
            if u * u + v * v + 0.25 * np.sin(3 * u + 2 * v) > 1.0:
                continue
            pc4 = sorted(WIJKEN)[min(5, (i // 8) * 2 + (j >= 9))]
            counters[pc4] = counters.get(pc4, 0) + 1
            codes.append(pc4 + letters[counters[pc4]])
            x, y = 150000 + i * 120, 450000 + j * 90
            geoms.append(box(x, y, x + 118, y + 88))
            value = 6 + 22 * np.exp(-((u - 0.35) ** 2 + (v + 0.2) ** 2) / 0.18) + 6 * v
            rows.append(round(max(value + rng.normal(0, 1.2), 0.5), 1))
    values = np.array(rows, dtype=float)
    draw = rng.random_sample(len(values))
    status = np.where(draw < 0.08, "primary_suppressed",
                      np.where(draw < 0.11, "cbs_secret",
                               np.where(draw < 0.13, "no_data", "published")))
    frame = gpd.GeoDataFrame({"postcode6": codes}, geometry=geoms, crs="EPSG:28992")
    measures = pd.DataFrame(
        {"rate": pd.array(np.where(status == "published", values, np.nan), dtype="Float64"),
         "rate__status": status},
        index=codes,
    )
    measures.loc[measures.rate.isna(), "rate"] = pd.NA
    return frame, measures


def _dutch(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _names(measures: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"wijk": [WIJKEN[c[:4]][0] for c in measures.index],
                         "buurt": [WIJKEN[c[:4]][1] for c in measures.index]},
                        index=measures.index)


def _content(measures: pd.DataFrame, legend, language: str = "nl") -> PraatplaatContent:
    shown = measures[measures.rate__status == "published"].rate.astype(float)
    return PraatplaatContent(
        title="Waar is de kans op eenzaamheid het grootst?",
        subtitle="Aandeel eenpersoonshuishoudens van 75 jaar en ouder (%) · 2024",
        key_figures=[
            ("gemiddelde over gepubliceerde postcodes", f"{_dutch(shown.mean())} %"),
            ("postcodes met een gepubliceerde waarde", str(len(shown))),
            ("postcodes niet getoond (minder dan 5)",
             str(int((measures.rate__status == "primary_suppressed").sum()))),
        ],
        top_areas=top_areas(measures, "rate", _names(measures), unit="%"),
        sources=["CBS Kerncijfers postcode-6 2023 (versie 2024-1)",
                 "CBS Wijk- en buurtkaart 2024",
                 "Gemeentelijke registraties 2024, beschermde release"],
        privacy_note=PRIVACY_NOTE,
        date=datetime.date(2026, 11, 22),
        language=language,
        legend=legend,
    )


@pytest.fixture()
def town(tmp_path):
    frame, measures = _town()
    cbs = tmp_path / "cbs_pc6.gpkg"
    frame.to_file(cbs, layer="postcode6", driver="GPKG")
    out = tmp_path / "eenzaamheid.gpkg"
    names = _names(measures).rename(columns={"buurt": "buurtnaam", "wijk": "wijknaam"})
    write_question_layer(out, "eenzaamheid", measures.join(names), GeometrySource(path=cbs))
    lyr = QgsVectorLayer(f"{out}|layername=eenzaamheid", "Eenzaamheid", "ogr")
    assert lyr.isValid()
    published = measures[measures.rate__status == "published"].rate.astype(float).tolist()
    legend = style_measure(lyr, "rate", Display(classes=5), published)
    yield lyr, measures, legend
    sip.delete(lyr)


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("paper, ratio", [("A4", 297 / 210), ("A3", 420 / 297)])
def test_export_writes_a_readable_pdf_and_a_landscape_png(town, tmp_path, paper, ratio):
    lyr, measures, legend = town
    content = _content(measures, legend)
    pdf, png = tmp_path / f"plaat-{paper}.pdf", tmp_path / f"plaat-{paper}.png"
    assert export_praatplaat(QgsProject(), lyr, content, pdf, png, paper=paper,
                             png_dpi=60) == pdf
    assert pdf.read_bytes()[:5] == b"%PDF-"
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")],
                   check=True, capture_output=True)
    assert list(tmp_path.glob("page*.png"))
    image = QImage(str(png))
    assert not image.isNull()
    assert image.width() / image.height() == pytest.approx(ratio, abs=0.01)
    assert sorted(p.name for p in tmp_path.iterdir() if ".part" in p.name) == []

    text = _flat(_pdf_text(pdf))
    assert content.title in text
    for entry in legend:
        assert entry.label in text, entry.label
    assert "minder dan 5" in text or "fewer than 5" in text
    for row in content.top_areas:
        assert re.search(rf"{row.rank} {row.area} .*?{re.escape(row.value)}", text), row
    for source in content.sources:
        assert source in text
    assert _flat(PRIVACY_NOTE)[:60] in text and "3f9a07c2e1" in text
    assert "22 november 2026" in text


def test_every_printed_number_is_in_the_content_or_the_scale_bar(town, tmp_path):
    lyr, measures, legend = town
    content = _content(measures, legend)
    project = QgsProject()  # the layout refers to it: keep it alive
    layout = build_praatplaat(project, lyr, content)
    bar = layout.itemById("scalebar")
    step = bar.unitsPerSegment()
    scale_numbers = {f"{k * step:g}" for k in range(bar.numberOfSegments() + 1)}
    pdf = export_layout(layout, tmp_path / "plaat.pdf")
    printed = set(numbers_in(_pdf_text(pdf)))
    assert printed, "the PDF has text"
    assert printed - content.printed_numbers() - scale_numbers == set()


def test_legend_shows_exactly_the_renderer_rules(town):
    lyr, measures, legend = town
    project = QgsProject()
    layout = build_praatplaat(project, lyr, _content(measures, legend))
    items = [i for i in layout.items() if isinstance(i, QgsLayoutItemLegend)]
    assert len(items) == 1 and not items[0].autoUpdateModel()
    model = items[0].model()
    nodes = model.layerLegendNodes(model.rootGroup().children()[0])
    rules = lyr.renderer().rootRule().children()
    assert [n.data(0) for n in nodes] == [r.label() for r in rules] == [e.label for e in legend]
    assert [e.role for e in legend][-3:] == ["privacy", "cbs", "no_data"]


def test_a_failed_or_cancelled_export_leaves_no_file(town, tmp_path):
    lyr, measures, legend = town
    content = _content(measures, legend)
    (tmp_path / "not-a-folder").write_text("a file where a folder should be")
    with pytest.raises(PraatplaatExportError):
        export_praatplaat(QgsProject(), lyr, content, tmp_path / "not-a-folder" / "plaat.pdf")

    good = tmp_path / "plaat.pdf"
    good.write_bytes(b"%PDF- an earlier good praatplaat")
    checks = iter([False, False, True])  # cancelled after the PDF, before the PNG
    with pytest.raises(PraatplaatExportError):
        export_praatplaat(QgsProject(), lyr, content, good, tmp_path / "plaat.png",
                          png_dpi=30, is_cancelled=lambda: next(checks))
    assert good.read_bytes() == b"%PDF- an earlier good praatplaat"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".png")) == [
        "plaat.pdf"]


def test_layout_goes_into_the_project_named_after_the_question(town, tmp_path):
    lyr, measures, legend = town
    content = _content(measures, legend)
    project = QgsProject()
    project.addMapLayer(lyr.clone())
    question = project.mapLayers()[next(iter(project.mapLayers()))]
    first = add_praatplaat_to_project(project, question, content)
    second = add_praatplaat_to_project(project, question, content)
    assert (first.name(), second.name()) == (content.title, content.title + " (2)")
    add_praatplaat_to_project(project, question, content, paper="A3", replace=True)
    names = sorted(layout.name() for layout in project.layoutManager().layouts())
    assert names == [content.title, content.title + " (2)"]
    with pytest.raises(ValueError):
        add_praatplaat_to_project(project, lyr, content)
    assert project.write(str(tmp_path / "vraag.qgs"))
    project.clear()
    reopened = QgsProject()
    assert reopened.read(str(tmp_path / "vraag.qgs"))
    layout = reopened.layoutManager().layoutByName(content.title)
    assert layout is not None and layout.itemById("legend") is not None
    reopened.clear()


def test_ranking_orders_published_values_only():
    measures = pd.DataFrame(
        {"rate": pd.array([30.0, None, 12.5, 12.5, 1234.56], dtype="Float64"),
         "rate__status": ["published", "primary_suppressed", "perturbed", "published",
                          "cbs_secret"]},
        index=["1000AD", "1000AA", "1000AC", "1000AB", "1000AE"],
    )
    rows = top_areas(measures, "rate", count=10, unit="%")
    assert [(r.rank, r.area, r.value) for r in rows] == [
        ("1", "1000AD", "30,0 %"), ("2", "1000AB", "12,5 %"), ("3", "1000AC", "12,5 %")]
    lowest = top_areas(measures, "rate", highest_first=False, count=1, language="en")
    assert [(r.area, r.value) for r in lowest] == [("1000AB", "12.5")]


def test_ranking_from_the_layer_matches_the_ranking_from_the_release(town):
    lyr, measures, _legend = town
    from_layer = layer_measure(lyr, "rate")
    assert from_layer.loc[measures.rate__status != "published", "rate"].isna().all()
    assert top_areas(from_layer, "rate", from_layer, unit="%") == \
        top_areas(measures, "rate", _names(measures), unit="%")


def test_english_page_without_figures_or_ranking(town, tmp_path):
    lyr, measures, legend = town
    content = _content(measures, legend, language="en")
    content.key_figures, content.top_areas = [], []
    pdf = export_praatplaat(QgsProject(), lyr, content, tmp_path / "plain.pdf", paper="A3")
    text = _flat(_pdf_text(pdf))
    assert "LEGEND" in text and "KEY FIGURES" not in text
    assert "No areas to rank." in text and "22 November 2026" in text


def test_background_is_drawn_under_the_question_in_project_order(town):
    lyr, measures, legend = town
    project = QgsProject()
    roads = QgsVectorLayer("LineString?crs=EPSG:28992", "wegen", "memory")
    water = QgsVectorLayer("Polygon?crs=EPSG:28992", "water", "memory")
    project.addMapLayers([roads, water])  # the layer tree draws roads above water
    layout = build_praatplaat(project, lyr, _content(measures, legend),
                              background=[water, roads])
    the_map = next(i for i in layout.items() if isinstance(i, QgsLayoutItemMap))
    assert [layer.name() for layer in the_map.layers()] == ["Eenzaamheid", "wegen", "water"]
    del layout
    project.clear()


class _Dutch(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ARG002
        return {"Key figures": "Kerncijfers"}.get(source_text) if context == "Praatplaat" \
            else None


def test_words_follow_the_praatplaat_language_not_the_interface():
    dutch = _Dutch()
    QCoreApplication.installTranslator(dutch)
    try:
        assert words("nl").key_figures == "Kerncijfers"
        assert words("en").key_figures == "Key figures"
    finally:
        QCoreApplication.removeTranslator(dutch)
    assert words("en").legend == "Legend"


def _overlap(a, b) -> bool:
    inner = a.intersected(b)
    return inner.width() > 0.05 and inner.height() > 0.05


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_a_crowded_page_has_no_overlapping_blocks(town, tmp_path, paper):
    lyr, measures, legend = town
    content = _content(measures, legend)
    content.title = ("Waar wonen ouderen met een laag inkomen die geen mantelzorg krijgen en "
                     "ver van de huisarts wonen?")
    content.key_figures = [(f"kerncijfer met een wat langere uitleg nummer {i}", f"{i},5 %")
                           for i in range(1, 6)]
    content.sources = [f"Bron {i}: een bestand met een lange naam_{i}.gpkg" for i in range(7)]
    content.privacy_note = PRIVACY_NOTE * 3
    content.top_areas = [row.__class__(row.rank, row.area, "Binnenstad-Noord en Havenkwartier",
                                       row.wijk, row.value) for row in content.top_areas]
    project = QgsProject()
    layout = build_praatplaat(project, lyr, content, paper=paper)
    export_layout(layout, tmp_path / "crowded.pdf", tmp_path / "crowded.png", png_dpi=40)
    page = layout.pageCollection().page(0).sceneBoundingRect()
    items = [i for i in layout.items()
             if isinstance(i, QgsLayoutItem) and not isinstance(i, QgsLayoutItemPage)]
    blocks = [i for i in items if i.__class__.__name__ != "QgsLayoutItemLabel"
              and i.id() not in ("scalebar", "north_arrow")]
    labels = [i for i in items if i.__class__.__name__ == "QgsLayoutItemLabel"]
    assert len(blocks) >= 9 and len(labels) >= 20
    for item in items:
        assert page.contains(item.sceneBoundingRect()), (item.__class__.__name__, item.id())
    for index, a in enumerate(blocks):
        for b in blocks[index + 1:]:
            assert not _overlap(a.sceneBoundingRect(), b.sceneBoundingRect()), (a.id(), b.id())
    for index, a in enumerate(labels):
        for b in labels[index + 1:]:
            assert not _overlap(a.sceneBoundingRect(), b.sceneBoundingRect()), (a.text(),
                                                                                b.text())
        hosts = [b for b in blocks if _overlap(a.sceneBoundingRect(), b.sceneBoundingRect())]
        assert all(b.sceneBoundingRect().contains(a.sceneBoundingRect()) for b in hosts), a.text()
