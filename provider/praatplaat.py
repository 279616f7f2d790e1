"""ruimtelijkekijk:praatplaat — the one-page conversation map of a question, as PDF and PNG."""
from __future__ import annotations

import tempfile
from pathlib import Path

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProject,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..layers.question_job import export_question_praatplaat, run_question
from ..presets.library import builtin_presets, load_preset_file
from ..shell.translation import chosen_language
from ..workspace.source_set import scan_folder

PAPERS = ("A4", "A3")


class PraatplaatAlgorithm(QgsProcessingAlgorithm):
    QUESTION = "QUESTION"
    PRESET_FILE = "PRESET_FILE"
    SOURCES = "SOURCES"
    YEAR = "YEAR"
    PAPER = "PAPER"
    OUTPUT = "OUTPUT"

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("PraatplaatAlgorithm", text)

    def createInstance(self):
        return type(self)()

    def flags(self):
        # A print layout is a graphics scene: it is built on the main thread.
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def name(self) -> str:
        return "praatplaat"

    def displayName(self) -> str:
        return self.tr("Praatplaat (conversation map)")

    def group(self) -> str:
        return self.tr("Maps")

    def groupId(self) -> str:
        return "maps"

    def shortHelpString(self) -> str:
        return self.tr(
            "Exports the one-page conversation map of a question for a meeting: the question "
            "as title, the protected postcode-6 map with its legend (including the privacy "
            "classes), key figures, the ten most affected areas, sources and years, the "
            "privacy note and the date. Writes a PDF and a PNG beside it."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(QgsProcessingParameterEnum(
            self.QUESTION, self.tr("Question"), options=list(builtin_presets()),
            defaultValue=0))
        self.addParameter(QgsProcessingParameterFile(
            self.PRESET_FILE, self.tr("Preset file (instead of the question)"),
            extension="json", optional=True))
        self.addParameter(QgsProcessingParameterFile(
            self.SOURCES, self.tr("Folder with sources"),
            behavior=QgsProcessingParameterFile.Behavior.Folder))
        self.addParameter(QgsProcessingParameterNumber(
            self.YEAR, self.tr("Year (0: the newest)"),
            type=QgsProcessingParameterNumber.Type.Integer, defaultValue=0, minValue=0))
        self.addParameter(QgsProcessingParameterEnum(
            self.PAPER, self.tr("Paper"), options=list(PAPERS), defaultValue=0))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, self.tr("Praatplaat (PDF)"), fileFilter="PDF (*.pdf)"))

    def processAlgorithm(self, parameters, context, feedback):
        preset_file = self.parameterAsFile(parameters, self.PRESET_FILE, context)
        presets = builtin_presets()
        preset = load_preset_file(Path(preset_file)) if preset_file else \
            presets[list(presets)[self.parameterAsEnum(parameters, self.QUESTION, context)]]
        sources = scan_folder(Path(self.parameterAsFile(parameters, self.SOURCES, context)))
        if not sources.years():
            raise QgsProcessingException(self.tr("No release or CBS postcode-6 file found."))
        year = self.parameterAsInt(parameters, self.YEAR, context) or max(sources.years())
        paper = PAPERS[self.parameterAsEnum(parameters, self.PAPER, context)]
        out = Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        language = chosen_language()
        project = QgsProject()
        with tempfile.TemporaryDirectory(prefix="rk-praatplaat-") as work:
            try:
                job = run_question(project, preset, sources, [year], Path(work), language,
                                   is_cancelled=feedback.isCanceled)
                if job.measure is None:
                    raise QgsProcessingException(self.tr("The question has no measure to map."))
                feedback.setProgress(70)
                export_question_praatplaat(project, preset, job, out, paper, language,
                                           is_cancelled=feedback.isCanceled)
            except InterruptedError as error:
                raise QgsProcessingException(self.tr("Cancelled: nothing was written.")) \
                    from error
            finally:
                project.clear()
        return {self.OUTPUT: str(out)}
