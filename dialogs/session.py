"""The current result in the project: its layers, restyling, identify, zoom and export."""
from __future__ import annotations

from typing import Dict, List, Optional

from qgis.core import QgsExpression, QgsFeatureRequest, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..layers.result import add_question_group, measure_statuses
from ..layers.style import Display, style_measure
from ..sources.postcodes import is_postcode4, normalise_postcodes
from ..workspace.pipeline import QuestionOutcome, published_values
from .identify_tool import IdentifyPostcodeTool, describe


class ResultSession(QObject):
    identified = pyqtSignal(str)  # HTML for the result box

    def __init__(self, iface, language: str = "nl") -> None:
        super().__init__()
        self.iface = iface
        self.language = language
        self.title = ""
        self.question = ""
        self.outcomes: Dict[int, QuestionOutcome] = {}
        self.layers: List = []
        self.legend: List = []
        self.measure: Optional[str] = None
        self.display = Display()
        self.tool: Optional[IdentifyPostcodeTool] = None
        self._ranks: dict = {}

    def show(self, title: str, question: str, outcomes: Dict[int, QuestionOutcome],
             measure: Optional[str], display: Display) -> None:
        self.identify(False)
        self.title, self.question, self.outcomes = title, question, outcomes
        self._ranks = {}
        newest = outcomes[max(outcomes)]
        self.measure = measure if measure in newest.measures.info else (
            next(iter(newest.measures.info), None))
        self.display = display
        if self.measure is None:
            self.layers = []
            return
        _, self.layers, self.legend = add_question_group(
            QgsProject.instance(), title, question, outcomes, self.measure, display)
        canvas = self.iface.mapCanvas()
        if self.layers:
            canvas.setExtent(self.layers[0].extent())
            canvas.refresh()

    def restyle(self, measure: Optional[str], display: Display) -> None:
        if not self.layers or measure is None:
            return
        if not all(measure in o.measures.info for o in self.outcomes.values()):
            return
        self.measure, self.display = measure, display
        values = [v for o in self.outcomes.values() for v in published_values(o, measure)]
        statuses = measure_statuses(self.outcomes, measure)
        for layer in self.layers:
            outcome = self.outcomes[int(layer.customProperty("ruimtelijke_kijk/year"))]
            info = outcome.measures.info[measure]
            categories = [(k, getattr(t, self.language)) for k, t in info.categories.items()]
            self.legend = style_measure(layer, measure, display, values, outcome.threshold,
                                        0 if info.kind == "count" else 1, categories, statuses)
            layer.setCustomProperty("ruimtelijke_kijk/measure", measure)
            self.iface.layerTreeView().refreshLayerSymbology(layer.id()) \
                if hasattr(self.iface, "layerTreeView") else None

    def set_opacity(self, opacity: float) -> None:
        self.display.opacity = opacity
        for layer in self.layers:
            layer.setOpacity(opacity)
            layer.triggerRepaint()

    def labels(self) -> dict:
        newest = self.outcomes[max(self.outcomes)]
        return {mid: getattr(info.label, self.language)
                for mid, info in newest.measures.info.items()}

    def identify(self, on: bool) -> None:
        canvas = self.iface.mapCanvas()
        if on and self.layers:
            self.tool = IdentifyPostcodeTool(canvas, self.layers[0])
            self.tool.identified.connect(self.describe)
            canvas.setMapTool(self.tool)
        elif self.tool is not None:
            if canvas.mapTool() is self.tool:
                canvas.unsetMapTool(self.tool)
            self.tool.identified.disconnect(self.describe)
            self.tool.deleteLater()
            self.tool = None

    def rank(self, year: int, measure: str, postcode: str) -> tuple:
        """(rank, count) among the published values of ``measure`` in ``year``, highest first."""
        key = (year, measure)
        if key not in self._ranks:
            measures = self.outcomes[year].measures
            shown = measures.value(measure)[measures.shown(measure)].dropna()
            self._ranks[key] = (shown.rank(ascending=False, method="min"), len(shown))
        ranks, count = self._ranks[key]
        return int(ranks.get(postcode, 0)), count

    def describe(self, postcode: str) -> str:
        threshold = self.outcomes[max(self.outcomes)].threshold
        text = describe(postcode, self.layers, self.labels(), threshold, self.rank)
        self.identified.emit(text)
        return text

    def zoom_to(self, text: str) -> bool:
        """Zooms to a postcode-6 of the result, or to all of a postcode-4's postcode-6 areas.

        Returns False when the result has no such postcode (the caller then asks the
        PDOK Locatieserver).
        """
        import pandas as pd

        if not self.layers:
            return False
        code = str(normalise_postcodes(pd.Series([text])).iloc[0])
        if is_postcode4(pd.Series([code])).iloc[0]:
            expression = f"\"postcode6\" LIKE {QgsExpression.quotedValue(code + '%')}"
        else:
            expression = f"\"postcode6\" = {QgsExpression.quotedValue(code)}"
        layer = self.layers[0]
        box: Optional[QgsRectangle] = None
        for feature in layer.getFeatures(QgsFeatureRequest().setFilterExpression(expression)):
            if not feature.hasGeometry():
                continue
            if box is None:
                box = feature.geometry().boundingBox()
            else:
                box.combineExtentWith(feature.geometry().boundingBox())
        if box is None:
            return False
        box.grow(150)
        canvas = self.iface.mapCanvas()
        canvas.setExtent(canvas.mapSettings().layerExtentToOutputExtent(layer, box))
        canvas.refresh()
        return True

    def export_praatplaat(self, parent=None):
        """Asks where to save, then writes the praatplaat of the newest year (PDF and PNG)."""
        from pathlib import Path

        from qgis.PyQt.QtWidgets import QFileDialog

        from ..layouts.praatplaat import add_praatplaat_to_project, export_praatplaat
        from ..workspace.praatplaat_content import praatplaat_content

        if not self.layers or self.measure is None:
            return None
        target, _ = QFileDialog.getSaveFileName(parent, self.title, f"{self.title}.pdf",
                                                "PDF (*.pdf)")
        if not target:
            return None
        year = max(self.outcomes)
        content = praatplaat_content(self.outcomes[year], self.question, self.measure, year,
                                     self.legend, self.language)
        project = QgsProject.instance()
        pdf = Path(target)
        export_praatplaat(project, self.layers[0], content, pdf, pdf.with_suffix(".png"))
        add_praatplaat_to_project(project, self.layers[0], content, replace=True)
        return pdf
