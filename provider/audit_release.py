"""ruimtelijkekijk:auditrelease — attack written releases with the raw registrations."""
from __future__ import annotations

import json
import os
from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
)
from qgis.PyQt.QtCore import QCoreApplication


class AuditReleaseAlgorithm(QgsProcessingAlgorithm):
    RELEASES = "RELEASES"
    REGISTRATIONS = "REGISTRATIONS"
    CBS_POSTCODE6 = "CBS_POSTCODE6"
    WIJKBUURT = "WIJKBUURT"
    OUTPUT = "OUTPUT"
    PASSED = "PASSED"

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("AuditReleaseAlgorithm", text)

    def createInstance(self):
        return type(self)()

    def name(self) -> str:
        return "auditrelease"

    def displayName(self) -> str:
        return self.tr("Audit protected releases")

    def group(self) -> str:
        return self.tr("Privacy")

    def groupId(self) -> str:
        return "privacy"

    def shortHelpString(self) -> str:
        return self.tr(
            "For the data analyst: attacks written releases with an exact integer attacker "
            "that knows the releases of the same year, public CBS counts, the published rules "
            "and one insider, and checks them against the raw registrations. The report lists "
            "every sensitive quantity that can be pinned down; it never shows a value."
        )

    def initAlgorithm(self, config=None) -> None:
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.RELEASES, self.tr("Releases"), QgsProcessing.SourceType.TypeFile))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.REGISTRATIONS, self.tr("Household registrations"),
            QgsProcessing.SourceType.TypeFile))
        self.addParameter(QgsProcessingParameterFile(
            self.CBS_POSTCODE6, self.tr("CBS postcode-6 file")))
        self.addParameter(QgsProcessingParameterFile(
            self.WIJKBUURT, self.tr("CBS wijk- en buurtkaart")))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, self.tr("Audit report"), fileFilter="Text (*.txt)"))
        self.addOutput(QgsProcessingOutputBoolean(self.PASSED, self.tr("Passed")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..analyst.release_files import audit_release_files, audit_report
        from ..privacy.release_io import ReleaseError
        from ..sources.errors import SourceError

        out = Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        try:
            results = audit_release_files(
                [Path(p) for p in self.parameterAsFileList(parameters, self.RELEASES, context)],
                [Path(p) for p in self.parameterAsFileList(parameters, self.REGISTRATIONS,
                                                           context)],
                Path(self.parameterAsFile(parameters, self.CBS_POSTCODE6, context)),
                Path(self.parameterAsFile(parameters, self.WIJKBUURT, context)),
                progress=lambda f, m: feedback.setProgress(100.0 * f),
                is_cancelled=feedback.isCanceled)
        except (ReleaseError, SourceError, ValueError) as error:
            raise QgsProcessingException(str(error)) from error
        report = audit_report(results)
        partial = out.with_name(f".{out.name}.part")
        partial.write_text(report, encoding="utf-8")
        os.replace(partial, out)
        out.with_suffix(".json").write_text(json.dumps(
            {str(y): {"summary": r.summary(), "findings": [f.to_json() for f in r.findings]}
             for y, r in results.items()}, indent=2), encoding="utf-8")
        for line in report.splitlines():
            feedback.pushInfo(line)
        return {self.OUTPUT: str(out), self.PASSED: all(r.passed for r in results.values())}
