"""Dutch comes from the compiled translation; every string in the code has one."""
from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication

from ruimtelijke_kijk.shell import translation

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "i18n" / "ruimtelijke_kijk_nl.ts"
SHELL_DIRS = ("dialogs", "provider", "shell", "layers", "layouts")


def _messages(ts: Path) -> dict:
    tree = ET.parse(ts)
    return {
        (ctx.findtext("name"), msg.findtext("source")): msg.find("translation")
        for ctx in tree.iter("context")
        for msg in ctx.iter("message")
    }


def test_every_string_in_the_code_has_a_finished_dutch_translation(tmp_path):
    sources = [str(ROOT / "plugin.py")] + [
        str(p) for d in SHELL_DIRS for p in sorted((ROOT / d).glob("*.py"))
    ]
    fresh = tmp_path / "fresh.ts"
    subprocess.run(["pylupdate5", "-noobsolete", *sources, "-ts", str(fresh)], check=True,
                   capture_output=True)
    in_code = _messages(fresh)
    committed = _messages(TS)
    assert in_code, "pylupdate5 found no strings"
    missing = [key for key in in_code if key not in committed]
    unfinished = [key for key in in_code
                  if key in committed and (committed[key].get("type") == "unfinished"
                                           or not committed[key].text)]
    assert missing == [], "strings without a Dutch entry; run `make ts` and translate"
    assert unfinished == []


def test_dutch_is_the_first_language_and_english_is_complete(qgis_iface):
    settings = QgsSettings()
    try:
        settings.setValue(translation.SETTING_KEY, "auto")
        settings.setValue("locale/userLocale", "nl_NL")
        assert translation.chosen_language() == "nl"
        settings.setValue("locale/userLocale", "de_DE")
        assert translation.chosen_language() == "nl"
        settings.setValue("locale/userLocale", "en_GB")
        assert translation.chosen_language() == "en"
        settings.setValue(translation.SETTING_KEY, "nl")
        assert translation.chosen_language() == "nl"
    finally:
        settings.remove(translation.SETTING_KEY)
        settings.remove("locale/userLocale")

    source = "Show or hide the Ruimtelijke Kijk panel"
    translator = translation.install_translator("nl")
    try:
        assert translator is not None, "compile the translations first: make translations"
        dutch = QCoreApplication.translate("RuimtelijkeKijkPlugin", source)
        assert dutch == "Het paneel Ruimtelijke Kijk tonen of verbergen"
    finally:
        translation.remove_translator(translator)
    assert QCoreApplication.translate("RuimtelijkeKijkPlugin", source) == source
    assert translation.install_translator("en") is None
