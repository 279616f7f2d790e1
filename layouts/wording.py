"""The praatplaat's own words (headings, column names), in the praatplaat's language.

The words follow the content's language, which is usually the QGIS language.
When the two differ, a translator for the praatplaat's context is put in front
for the moment the words are looked up.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from ..shell.translation import I18N_DIR

CONTEXT = "Praatplaat"
_DUTCH_QM = I18N_DIR / "ruimtelijke_kijk_nl.qm"
_PROBE = "Key figures"


@dataclass(frozen=True)
class Words:
    key_figures: str
    legend: str
    ranking: str
    area: str
    buurt: str
    wijk: str
    value: str
    no_ranking: str
    sources: str
    privacy: str
    made_with: str


def words(language: str) -> Words:
    """The layout's words in ``language`` ("nl" or "en")."""
    with _language(language):
        return Words(
            key_figures=QCoreApplication.translate("Praatplaat", "Key figures"),
            legend=QCoreApplication.translate("Praatplaat", "Legend"),
            ranking=QCoreApplication.translate("Praatplaat", "Ranking of areas"),
            area=QCoreApplication.translate("Praatplaat", "Area"),
            buurt=QCoreApplication.translate("Praatplaat", "Neighbourhood"),
            wijk=QCoreApplication.translate("Praatplaat", "District"),
            value=QCoreApplication.translate("Praatplaat", "Value"),
            no_ranking=QCoreApplication.translate("Praatplaat", "No areas to rank."),
            sources=QCoreApplication.translate("Praatplaat", "Sources and years"),
            privacy=QCoreApplication.translate("Praatplaat", "Privacy protection"),
            made_with=QCoreApplication.translate("Praatplaat", "Made with Ruimtelijke Kijk"),
        )


class _SourceText(QTranslator):
    """English (the source language) for the praatplaat's context only."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ARG002
        return source_text if context == CONTEXT else None

    def isEmpty(self) -> bool:  # noqa: N802 — Qt API
        return False


@contextmanager
def _language(language: str) -> Iterator[None]:
    current_is_english = QCoreApplication.translate(CONTEXT, _PROBE) == _PROBE
    translator = None
    if language == "en" and not current_is_english:
        translator = _SourceText()
    elif language == "nl" and current_is_english and _DUTCH_QM.is_file():
        translator = QTranslator()
        if not translator.load(str(_DUTCH_QM)):
            translator = None
    if translator is not None:
        QCoreApplication.installTranslator(translator)
    try:
        yield
    finally:
        if translator is not None:
            QCoreApplication.removeTranslator(translator)
