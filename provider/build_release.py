"""ruimtelijkekijk:buildrelease — the data analyst's protected release of one year."""
from __future__ import annotations

import json
from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication

MODES = ("suppression", "cellkey")


class BuildReleaseAlgorithm(QgsProcessingAlgorithm):
    REGISTRATIONS = "REGISTRATIONS"
    YEAR = "YEAR"
    CBS_POSTCODE6 = "CBS_POSTCODE6"
    WIJKBUURT = "WIJKBUURT"
    THRESHOLD = "THRESHOLD"
    MODE = "MODE"
    CATALOGUE = "CATALOGUE"
    LEDGER = "LEDGER"
    SALT = "SALT"
    OUTPUT = "OUTPUT"
    REPORT = "REPORT"

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("BuildReleaseAlgorithm", text)

    def createInstance(self):
        return type(self)()

    def name(self) -> str:
        return "buildrelease"

    def displayName(self) -> str:
        return self.tr("Build protected release")

    def group(self) -> str:
        return self.tr("Privacy")

    def groupId(self) -> str:
        return "privacy"

    def shortHelpString(self) -> str:
        return self.tr(
            "For the data analyst: turns one year of household registrations into a protected "
            "release (a GeoPackage of postcode-6 and area counts with their statuses, no raw "
            "values). Values below the threshold are suppressed, with the complement rule and "
            "secondary suppression; earlier releases form the ledger. An exact integer "
            "attacker audits the result and a release that fails is not written."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(QgsProcessingParameterFile(
            self.REGISTRATIONS, self.tr("Household registrations (CSV or XLSX)")))
        self.addParameter(QgsProcessingParameterNumber(
            self.YEAR, self.tr("Year"), type=QgsProcessingParameterNumber.Type.Integer,
            minValue=2000, maxValue=2100, defaultValue=2024))
        self.addParameter(QgsProcessingParameterFile(
            self.CBS_POSTCODE6, self.tr("CBS postcode-6 file of that year")))
        self.addParameter(QgsProcessingParameterFile(
            self.WIJKBUURT, self.tr("CBS wijk- en buurtkaart of that year")))
        self.addParameter(QgsProcessingParameterNumber(
            self.THRESHOLD, self.tr("Threshold (at least 5)"),
            type=QgsProcessingParameterNumber.Type.Integer, minValue=5, defaultValue=5))
        self.addParameter(QgsProcessingParameterEnum(
            self.MODE, self.tr("Mode"), options=[self.tr("Suppression"),
                                                 self.tr("Cell key (perturbation)")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterFile(
            self.CATALOGUE, self.tr("Statistics catalogue (JSON; default: built in)"),
            extension="json", optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.LEDGER, self.tr("Earlier releases (ledger)"), QgsProcessing.SourceType.TypeFile,
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.SALT, self.tr("Secret key for cell-key mode (never stored)"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, self.tr("Release"), fileFilter="GeoPackage (*.gpkg)"))
        self.addOutput(QgsProcessingOutputString(self.REPORT, self.tr("Audit summary")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..analyst.release_files import ReleaseJob, run_release_job
        from ..privacy.builder import ReleaseRefusedError
        from ..sources.errors import SourceError

        mode = MODES[self.parameterAsEnum(parameters, self.MODE, context)]
        salt = self.parameterAsString(parameters, self.SALT, context)
        if mode == "cellkey" and not salt:
            raise QgsProcessingException(self.tr("Cell-key mode needs a secret key."))
        catalogue = self.parameterAsFile(parameters, self.CATALOGUE, context)
        job = ReleaseJob(
            registrations=Path(self.parameterAsFile(parameters, self.REGISTRATIONS, context)),
            year=self.parameterAsInt(parameters, self.YEAR, context),
            cbs_postcode6=Path(self.parameterAsFile(parameters, self.CBS_POSTCODE6, context)),
            wijkbuurt=Path(self.parameterAsFile(parameters, self.WIJKBUURT, context)),
            output=Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context)),
            threshold=self.parameterAsInt(parameters, self.THRESHOLD, context),
            mode=mode,
            catalogue=Path(catalogue) if catalogue else None,
            # An empty optional list comes back as [""] from qgis_process.
            ledger=[Path(p) for p in self.parameterAsFileList(parameters, self.LEDGER, context)
                    if p],
            salt=salt.encode("utf-8") if salt else None,
        )

        def progress(fraction: float, message: str) -> None:
            feedback.setProgress(100.0 * fraction)
            feedback.setProgressText(message)

        try:
            result = run_release_job(job, progress, feedback.isCanceled)
        except ReleaseRefusedError as error:
            raise QgsProcessingException(str(error)) from error
        except (SourceError, ValueError) as error:
            raise QgsProcessingException(str(error)) from error
        except InterruptedError as error:
            raise QgsProcessingException(self.tr("Cancelled: nothing was written.")) from error
        for line in job.row_issues[:200]:
            feedback.pushWarning(line)
        summary = result.audit.summary()
        summary["suppression"] = result.suppression
        feedback.pushInfo(json.dumps(summary, ensure_ascii=False))
        return {self.OUTPUT: str(job.output), self.REPORT: json.dumps(summary)}
