"""Run inside the real QGIS desktop by ``make smoke`` (``qgis --code``).

Checks that the installed plugin loaded, opens its panel, saves a screenshot of
the QGIS window, unloads the plugin to prove nothing of it is left in the menus,
and writes the outcome to ``$RK_SMOKE_RESULT`` as JSON before quitting QGIS.
"""
import json
import os
import sys
import traceback

import qgis.utils
from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QAction

PLUGIN = "ruimtelijke_kijk"
RESULT = os.environ["RK_SMOKE_RESULT"]
SHOT = os.environ["RK_SMOKE_SCREENSHOT"]
errors: list = []


def _on_message(message, tag, level):
    if level == Qgis.MessageLevel.Critical and (PLUGIN in message or "Python" in tag):
        errors.append(f"{tag}: {message}")


QgsApplication.messageLog().messageReceived.connect(_on_message)
_previous_hook = sys.excepthook


def _hook(kind, value, tb):
    errors.append("".join(traceback.format_exception(kind, value, tb)))
    _previous_hook(kind, value, tb)


sys.excepthook = _hook


def _our_actions():
    window = qgis.utils.iface.mainWindow()
    return [a for a in window.findChildren(QAction) if a.objectName() == "RuimtelijkeKijkAction"]


def _finish(outcome):
    outcome["actions_after_unload"] = len(_our_actions())  # deleteLater has run by now
    outcome["errors"] = errors
    with open(RESULT, "w", encoding="utf-8") as out:
        json.dump(outcome, out, indent=2)
    QgsApplication.exit(0)


def step_open_panel():
    outcome = {"loaded": PLUGIN in qgis.utils.active_plugins, "qgis": Qgis.QGIS_VERSION}
    try:
        plugin = qgis.utils.plugins[PLUGIN]
        plugin.action.trigger()
        outcome["panel_visible"] = plugin.dock is not None and plugin.dock.isVisible()
        registry = QgsApplication.processingRegistry()
        outcome["provider"] = registry.providerById("ruimtelijkekijk") is not None
        outcome["algorithms"] = sorted(a.id() for a in registry.algorithms()
                                       if a.provider().id() == "ruimtelijkekijk")
    except Exception:  # noqa: BLE001 — the smoke run reports every failure
        errors.append(traceback.format_exc())
    QTimer.singleShot(2500, lambda: step_question(outcome))


def step_question(outcome):
    """Drives one question as a user would: add the demo folder, pick, press Genereer."""
    qgis.utils.iface.mainWindow().grab().save(SHOT)
    outcome["screenshot"] = SHOT
    try:
        dock = qgis.utils.plugins[PLUGIN].dock
        dock.sources_box.add_folder(os.environ["RK_SMOKE_TOWN"])
        combo = dock.question_box.combo
        combo.setCurrentIndex(combo.findData("informatie_langer_thuis"))
        dock.generate_button.click()
        outcome["generating"] = dock.task is not None
    except Exception:  # noqa: BLE001
        errors.append(traceback.format_exc())
    QTimer.singleShot(1000, lambda: wait_for_task(outcome, 0))


def wait_for_task(outcome, waited):
    dock = qgis.utils.plugins[PLUGIN].dock
    if dock.task is not None and waited < 120:
        QTimer.singleShot(500, lambda: wait_for_task(outcome, waited + 0.5))
        return
    outcome["question_layers"] = len(dock.session.layers)
    outcome["status_text"] = dock.status.text()
    QTimer.singleShot(2000, lambda: step_screenshot(outcome))


def step_screenshot(outcome):
    qgis.utils.iface.mainWindow().grab().save(os.environ["RK_SMOKE_QUESTION_SHOT"])
    try:
        qgis.utils.unloadPlugin(PLUGIN)
        registry = QgsApplication.processingRegistry()
        outcome["provider_after_unload"] = registry.providerById("ruimtelijkekijk") is not None
    except Exception:  # noqa: BLE001
        errors.append(traceback.format_exc())
    QTimer.singleShot(500, lambda: _finish(outcome))


QgsMessageLog.logMessage("smoke: plugin check starting", "Ruimtelijke Kijk")
qgis.utils.iface.mainWindow().setGeometry(0, 0, 1400, 900)
QTimer.singleShot(3000, step_open_panel)
