"""ruimtelijkekijk:questionlayer — a preset's protected measures as a styled postcode-6 layer."""
from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..layers.style import Display, style_measure
from ..presets.library import builtin_presets, load_preset_file
from ..workspace.pipeline import build_question, published_values
from ..workspace.source_set import scan_folder


class QuestionLayerAlgorithm(QgsProcessingAlgorithm):
    QUESTION = "QUESTION"
    PRESET_FILE = "PRESET_FILE"
    SOURCES = "SOURCES"
    YEAR = "YEAR"
    OUTPUT = "OUTPUT"

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("QuestionLayerAlgorithm", text)

    def createInstance(self):
        return type(self)()

    def name(self) -> str:
        return "questionlayer"

    def displayName(self) -> str:
        return self.tr("Question layer")

    def group(self) -> str:
        return self.tr("Maps")

    def groupId(self) -> str:
        return "maps"

    def shortHelpString(self) -> str:
        return self.tr(
            "Computes the measures of a policy or information question per postcode-6 from "
            "the sources in a folder (protected releases, CBS files, facilities, "
            "Leefbaarometer) and writes a styled GeoPackage layer. Municipal numbers come only "
            "from protected releases. A preset file (JSON) may replace the built-in question."
        )

    def initAlgorithm(self, config=None) -> None:
        self._ids = list(builtin_presets())
        self.addParameter(QgsProcessingParameterEnum(
            self.QUESTION, self.tr("Question"), options=self._ids, defaultValue=0))
        self.addParameter(QgsProcessingParameterFile(
            self.PRESET_FILE, self.tr("Preset file (instead of the question)"),
            extension="json", optional=True))
        self.addParameter(QgsProcessingParameterFile(
            self.SOURCES, self.tr("Folder with sources"),
            behavior=QgsProcessingParameterFile.Behavior.Folder))
        self.addParameter(QgsProcessingParameterNumber(
            self.YEAR, self.tr("Year (0: the newest)"),
            type=QgsProcessingParameterNumber.Type.Integer, defaultValue=0, minValue=0))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, self.tr("Question layer"), fileFilter="GeoPackage (*.gpkg)"))

    def processAlgorithm(self, parameters, context, feedback):
        preset_file = self.parameterAsFile(parameters, self.PRESET_FILE, context)
        if preset_file:
            preset = load_preset_file(Path(preset_file))
        else:
            preset = builtin_presets()[
                list(builtin_presets())[self.parameterAsEnum(parameters, self.QUESTION, context)]]
        sources = scan_folder(Path(self.parameterAsFile(parameters, self.SOURCES, context)))
        for path, reason in sources.skipped:
            feedback.pushInfo(f"{path.name}: {reason}")
        years = sources.years()
        if not years:
            raise QgsProcessingException(self.tr("No release or CBS postcode-6 file found."))
        year = self.parameterAsInt(parameters, self.YEAR, context) or max(years)
        out = Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context))

        def progress(fraction: float, message: str) -> None:
            feedback.setProgress(100.0 * fraction)
            feedback.setProgressText(message)

        try:
            outcome = build_question(preset, sources, year, out, progress=progress,
                                     is_cancelled=feedback.isCanceled)
        except InterruptedError as error:
            raise QgsProcessingException(self.tr("Cancelled: nothing was written.")) from error
        except (ValueError, OSError) as error:
            raise QgsProcessingException(str(error)) from error
        for problem in outcome.problems:
            feedback.pushWarning(problem.message)
        for line in outcome.sources_used:
            feedback.pushInfo(line)
        self._save_style(outcome, preset)
        return {self.OUTPUT: str(out)}

    def _save_style(self, outcome, preset) -> None:
        """Stores the default style in the GeoPackage, so every loader shows the legend."""
        display = preset.recipe.display
        measure = display.measure if display.measure in outcome.measures.info else next(
            iter(outcome.measures.info), None)
        if measure is None:
            return
        layer = QgsVectorLayer(f"{outcome.layer_path}|layername={outcome.table}", "q", "ogr")
        style = Display(kind=display.style if display.style in ("choropleth", "circles",
                                                                "categories") else "choropleth",
                        method=display.method, classes=display.classes)
        info = outcome.measures.info[measure]
        categories = [(k, t.nl) for k, t in info.categories.items()]
        style_measure(layer, measure, style, published_values(outcome, measure),
                      outcome.threshold, 0 if info.kind == "count" else 1, categories)
        layer.saveStyleToDatabase(outcome.table, preset.id, True, "")
        del layer
