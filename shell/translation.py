"""Which language the plugin speaks, and loading its Qt translation.

The source strings are English; Dutch comes from ``i18n/ruimtelijke_kijk_nl.qm``.
Dutch is the product's first language: it is used unless QGIS itself runs in
English or the user chose English in the plugin setting.
"""
from __future__ import annotations

from pathlib import Path

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

SETTING_KEY = "ruimtelijke_kijk/language"  # "auto", "nl" or "en"
I18N_DIR = Path(__file__).resolve().parents[1] / "i18n"


def chosen_language() -> str:
    """The two-letter language the plugin should speak: "nl" or "en"."""
    choice = str(QgsSettings().value(SETTING_KEY, "auto"))
    if choice in ("nl", "en"):
        return choice
    locale = str(QgsSettings().value("locale/userLocale", "") or QLocale.system().name())
    return "en" if locale.lower().startswith("en") else "nl"


def install_translator(language: str | None = None) -> QTranslator | None:
    """Install the translator for ``language`` and return it (keep it alive).

    Returns None when English is chosen: the source strings are English.
    """
    language = language or chosen_language()
    if language == "en":
        return None
    translator = QTranslator()
    qm = I18N_DIR / f"ruimtelijke_kijk_{language}.qm"
    if not translator.load(str(qm)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator: QTranslator | None) -> None:
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
