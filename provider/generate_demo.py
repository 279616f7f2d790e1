"""ruimtelijkekijk:generatedemo — write the synthetic demo municipality."""
from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QCoreApplication

SIZES = ("small", "demo", "national")


class GenerateDemoAlgorithm(QgsProcessingAlgorithm):
    SIZE = "SIZE"
    SEED = "SEED"
    OUTPUT = "OUTPUT"

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("GenerateDemoAlgorithm", text)

    def createInstance(self):
        return type(self)()

    def name(self) -> str:
        return "generatedemo"

    def displayName(self) -> str:
        return self.tr("Generate demo municipality")

    def group(self) -> str:
        return self.tr("Demo")

    def groupId(self) -> str:
        return "demo"

    def shortHelpString(self) -> str:
        return self.tr(
            "Writes a synthetic municipality in the real file formats: CBS postcode-6 and "
            "wijk-buurt files for three years, household registrations, facilities and "
            "Leefbaarometer scores. All data is synthetic and labelled as such. The same "
            "seed always gives the same files."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(
            QgsProcessingParameterEnum(
                self.SIZE, self.tr("Size"), options=list(SIZES), defaultValue=1
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SEED,
                self.tr("Seed"),
                type=QgsProcessingParameterNumber.Type.Integer,
                defaultValue=1,
                minValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFolderDestination(self.OUTPUT, self.tr("Output folder"))
        )

    def processAlgorithm(self, parameters, context, feedback):
        from ..demo.generator import GenerationCancelled, generate

        size = SIZES[self.parameterAsEnum(parameters, self.SIZE, context)]
        seed = self.parameterAsInt(parameters, self.SEED, context)
        out = Path(self.parameterAsString(parameters, self.OUTPUT, context))

        def progress(percent: float, message: str) -> None:
            feedback.setProgress(percent)
            feedback.setProgressText(message)

        try:
            generate(out, size=size, seed=seed, progress=progress,
                     is_cancelled=feedback.isCanceled)
        except GenerationCancelled as error:
            raise QgsProcessingException(self.tr("Cancelled: nothing was written.")) from error
        except (FileExistsError, OSError) as error:
            raise QgsProcessingException(str(error)) from error
        return {self.OUTPUT: str(out)}
