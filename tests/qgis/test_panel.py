"""The panel driven as a user would: sources, question, indicators, display, Genereer."""
from __future__ import annotations

import time

import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt

from ruimtelijke_kijk.dialogs.dock import RuimtelijkeKijkDock
from ruimtelijke_kijk.layers.status_classes import HIDDEN_CLASSES, class_label
from ruimtelijke_kijk.shell.preset_storage import ProfilePresets, ProjectPresets


def _wait_for(dock, timeout: float = 120.0) -> None:
    started = time.monotonic()
    while dock.task is not None and time.monotonic() - started < timeout:
        QgsApplication.processEvents()
        time.sleep(0.02)
    assert dock.task is None, "the task did not finish"


@pytest.fixture()
def panel(qgis_iface, small_town):
    QgsProject.instance().clear()
    dock = RuimtelijkeKijkDock(qgis_iface, qgis_iface.mainWindow())
    dock.sources_box.add_folder(small_town)
    yield dock
    dock.unload()
    QgsProject.instance().clear()
    dock.deleteLater()


def _choose(dock, preset_id: str) -> None:
    combo = dock.question_box.combo
    combo.setCurrentIndex(combo.findData(preset_id))


def test_sources_are_found_and_registrations_are_not_read(panel):
    sources = panel.sources_box.sources
    assert sorted(sources.cbs_postcode6) == [2022, 2023, 2024]
    assert sources.points and sources.grid is not None
    skipped = {path.name: reason for path, reason in sources.skipped}
    assert all("registrations" in skipped[name] for name in skipped if "huishoudens" in name)
    tree_text = [panel.sources_box.tree.topLevelItem(i).text(0)
                 for i in range(panel.sources_box.tree.topLevelItemCount())]
    assert tree_text[1] in ("CBS postcode-6",)


def test_generate_builds_a_group_with_a_layer_per_year(panel):
    _choose(panel, "informatie_langer_thuis")
    assert "afstand_huisarts" in panel.indicators_box.selected()
    panel.generate()
    _wait_for(panel)
    root = QgsProject.instance().layerTreeRoot()
    title = panel.question_box.preset().title.nl
    group = root.findGroup(title)
    assert group is not None
    layers = [node.layer() for node in group.findLayers()]
    assert [layer.customProperty("ruimtelijke_kijk/year") for layer in layers] == [
        2024, 2023, 2022]
    assert layers[0].featureCount() > 250
    # A class for each reason a value of the measure is hidden in any year, the same in
    # every year's legend, and "no data" last.
    measure = layers[0].customProperty("ruimtelijke_kijk/measure")
    present = {str(f[f"{measure}__status"]) for layer in layers for f in layer.getFeatures()}
    expected = [class_label(c.key, 5) for c in HIDDEN_CLASSES
                if c.role == "no_data" or present & set(c.statuses)]
    for layer in layers:
        labels = [rule.label() for rule in layer.renderer().rootRule().children()]
        assert labels[-len(expected):] == expected
        assert not set(labels[:-len(expected)]) & {class_label(c.key, 5) for c in HIDDEN_CLASSES}
    assert "Ready" in panel.status.text() or "Klaar" in panel.status.text()


def test_display_changes_restyle_and_transparency_applies(panel):
    _choose(panel, "informatie_langer_thuis")
    panel.generate()
    _wait_for(panel)
    layer = panel.session.layers[0]
    before = len(layer.renderer().rootRule().children())
    panel.display_box.classes.setValue(3)
    assert len(layer.renderer().rootRule().children()) == before - 2
    panel.display_box.opacity.setOpacity(0.4)
    assert all(abs(lyr.opacity() - 0.4) < 1e-6 for lyr in panel.session.layers)


def test_identify_shows_protected_measures_for_every_year(panel):
    _choose(panel, "informatie_langer_thuis")
    panel.generate()
    _wait_for(panel)
    layer = panel.session.layers[0]
    feature = next(layer.getFeatures())
    text = panel.session.describe(feature["postcode6"])
    assert feature["postcode6"] in text
    for year in (2022, 2023, 2024):
        assert f"<b>{year}</b>" in text
    assert panel.session.zoom_to(feature["postcode6"][:4] + " " + feature["postcode6"][4:].lower())


def test_cancel_leaves_no_layer_and_no_file(panel):
    _choose(panel, "informatie_langer_thuis")
    panel.generate()
    task = panel.task
    task.cancel()
    _wait_for(panel)
    assert QgsProject.instance().layerTreeRoot().findGroup(
        panel.question_box.preset().title.nl) is None
    assert task.written == [] and not any(p.exists() for p in task.written)


def test_save_preset_in_project_and_profile(panel, monkeypatch):
    from qgis.PyQt.QtWidgets import QInputDialog

    _choose(panel, "schulden")
    panel.indicators_box.set_checked("woz", True)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Schulden wijk Noord", True))
    panel.save_preset()
    assert "schulden_wijk_noord" in ProjectPresets()
    assert "schulden_wijk_noord" in ProfilePresets()
    saved = panel.store.get("schulden_wijk_noord")
    assert "woz" in saved.recipe.default_selection()
    assert panel.question_box.combo.currentData() == "schulden_wijk_noord"
    del panel.store.backend["schulden_wijk_noord"]
    assert "schulden_wijk_noord" not in ProfilePresets()


def test_generate_without_cbs_warns_and_computes_nothing(qgis_iface):
    dock = RuimtelijkeKijkDock(qgis_iface, qgis_iface.mainWindow())
    try:
        dock.generate()
        assert dock.task is None
        assert dock.generate_button.isEnabled()
    finally:
        dock.unload()
        dock.deleteLater()


def test_indicator_rows_are_checkable(panel):
    _choose(panel, "schulden")
    item = panel.indicators_box.tree.topLevelItem(0)
    item.setCheckState(0, Qt.CheckState.Unchecked)
    assert item.data(0, Qt.ItemDataRole.UserRole) not in panel.indicators_box.selected()


def test_identify_rank_matches_the_layer_count(panel):
    from ruimtelijke_kijk.dialogs.identify_tool import rank

    _choose(panel, "informatie_langer_thuis")
    panel.generate()
    _wait_for(panel)
    layer = panel.session.layers[0]
    year = layer.customProperty("ruimtelijke_kijk/year")
    shown = [f for f in layer.getFeatures() if f["afstand_huisarts__status"] == "published"]
    feature = shown[len(shown) // 2]
    from_memory = panel.session.rank(year, "afstand_huisarts", feature["postcode6"])
    assert from_memory == rank(layer, "afstand_huisarts", feature["afstand_huisarts"])


def test_the_panel_fits_its_dock_width(panel):
    # The longest question text must not push the panel wider than the dock: a GEO-
    # specialist keeps the panel narrow beside the map.
    longest = max(range(panel.question_box.combo.count()),
                  key=lambda i: len(panel.question_box.combo.itemText(i)))
    panel.question_box.combo.setCurrentIndex(longest)
    body = panel.widget().widget()
    assert len(panel.question_box.combo.itemText(longest)) > 50
    assert body.minimumSizeHint().width() <= panel.minimumWidth()
