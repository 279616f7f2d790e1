"""Put a question's layers in the project: one group named after the question, a layer per year.

All years share the same class bounds (taken from every year's published values)
so that colours mean the same thing across years when the user flips between them.
"""
from __future__ import annotations

import datetime
from typing import Dict, List, Set

from qgis.core import (
    QgsLayerMetadata,
    QgsLayerTreeGroup,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..indicators.status import Status
from ..workspace.pipeline import QuestionOutcome, published_values
from .style import Display, LegendEntry, style_measure

LAYER_PROPERTY = "ruimtelijke_kijk/question"  # custom property marking our layers


def privacy_note(threshold: int, checksums: List[str]) -> str:
    note = QCoreApplication.translate(
        "QuestionResult",
        "Municipal data only from protected releases: nothing about fewer than {} households "
        "is shown or can be derived (suppression, complement rule, secondary suppression, "
        "audited).").format(threshold)
    if checksums:
        note += " " + QCoreApplication.translate("QuestionResult", "Release fingerprints: {}") \
            .format(", ".join(c[:12] for c in checksums))
    return note


def _metadata(outcome: QuestionOutcome, title: str, question: str, year: int) -> QgsLayerMetadata:
    metadata = QgsLayerMetadata()
    metadata.setTitle(f"{title} {year}")
    metadata.setAbstract(question)
    metadata.setKeywords({"Ruimtelijke Kijk": [outcome.measures.preset_id, str(year)]})
    metadata.setRights([privacy_note(outcome.threshold, outcome.release_checksums)])
    history = list(outcome.sources_used)
    history.append(QCoreApplication.translate("QuestionResult", "Made on {}").format(
        datetime.date.today().isoformat()))
    metadata.setHistory(history)
    return metadata


def add_question_group(
    project: QgsProject,
    title: str,
    question: str,
    outcomes: Dict[int, QuestionOutcome],
    measure: str,
    display: Display,
) -> tuple:
    """Adds the group (replacing one of the same name) and returns (group, layers, legend)."""
    root = project.layerTreeRoot()
    old = root.findGroup(title)
    if old is not None:
        project.removeMapLayers([layer.layerId() for layer in old.findLayers()])
        root.removeChildNode(old)
    group: QgsLayerTreeGroup = root.insertGroup(0, title)
    values = [v for outcome in outcomes.values() for v in published_values(outcome, measure)]
    statuses = measure_statuses(outcomes, measure)
    categories = _categories(outcomes, measure)
    layers: List[QgsVectorLayer] = []
    legend: List[LegendEntry] = []
    newest = max(outcomes)
    for year in sorted(outcomes, reverse=True):
        outcome = outcomes[year]
        uri = f"{outcome.layer_path}|layername={outcome.table}"
        layer = QgsVectorLayer(uri, f"{title} {year}", "ogr")
        if not layer.isValid():
            raise RuntimeError(f"QGIS could not open {outcome.layer_path}")
        info = outcome.measures.info.get(measure)
        decimals = 0 if info is not None and info.kind == "count" else 1
        legend = style_measure(layer, measure, display, values, outcome.threshold, decimals,
                               categories, statuses) or legend
        layer.setMetadata(_metadata(outcome, title, question, year))
        layer.setCustomProperty(LAYER_PROPERTY, outcome.measures.preset_id)
        layer.setCustomProperty("ruimtelijke_kijk/year", year)
        layer.setCustomProperty("ruimtelijke_kijk/measure", measure)
        project.addMapLayer(layer, False)
        node = group.addLayer(layer)
        node.setItemVisibilityChecked(year == newest)
        node.setExpanded(year == newest)
        layers.append(layer)
    return group, layers, legend


def measure_statuses(outcomes: Dict[int, QuestionOutcome], measure: str) -> Set[str]:
    """The statuses ``measure`` has in any year: every year's layer lists the same classes."""
    found: Set[str] = set()
    for outcome in outcomes.values():
        if measure in outcome.measures.info:
            found.update(outcome.measures.status(measure).dropna().astype(str).unique())
    return found


def _categories(outcomes: Dict[int, QuestionOutcome], measure: str,
                language: str = "nl") -> List[tuple]:
    """(value, label) pairs of the published categories, labelled from the catalogue."""
    found = set()
    labels = {}
    for outcome in outcomes.values():
        status = outcome.measures.status(measure)
        values = outcome.measures.value(measure)[status == Status.PUBLISHED.value]
        found.update(values.dropna().unique())
        info = outcome.measures.info.get(measure)
        if info is not None:
            labels.update({k: getattr(t, language) for k, t in info.categories.items()})
    return [(v, labels.get(int(v), str(v)) if isinstance(v, (int, float)) else str(v))
            for v in sorted(found, key=lambda x: (isinstance(x, str), x))]
