"""The "Ruimtelijke Kijk" dock panel: sources → question → indicators → display → Genereer."""
from __future__ import annotations

from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.gui import QgsCollapsibleGroupBox, QgsDockWidget
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..indicators.catalogue import load_catalogue
from ..layers.place_search import PlaceSearch
from ..presets.model import Preset
from ..presets.store import PresetExistsError, PresetStore
from ..shell.preset_storage import ProjectAndProfilePresets
from ..shell.translation import chosen_language
from .background_box import BackgroundBox
from .display_box import DisplayBox
from .indicators_box import IndicatorsBox
from .question_box import QuestionBox
from .result_box import ResultBox
from .session import ResultSession
from .sources_box import SourcesBox

OBJECT_NAME = "RuimtelijkeKijkDock"


def plugin_data_dir() -> Path:
    """Where generated layers and caches go: the plugin's own corner of the QGIS profile."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "ruimtelijke_kijk"


class RuimtelijkeKijkDock(QgsDockWidget):
    """Panel where the user picks a question, indicators and display, then presses Genereer."""

    def __init__(self, iface, parent: QWidget | None = None) -> None:
        title = QCoreApplication.translate("RuimtelijkeKijkDock", "Ruimtelijke Kijk")
        super().__init__(title, parent)
        self.setObjectName(OBJECT_NAME)
        self.setMinimumWidth(420)  # the question text and tables need room to be read
        self.iface = iface
        self.language = chosen_language()
        self.store = PresetStore(ProjectAndProfilePresets())
        self.task = None
        self.session = ResultSession(iface, self.language)
        self.place_search = PlaceSearch(iface.mapCanvas(), self._message, self)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.intro = QLabel(self.tr(
            "Choose a policy question, tick the indicators and press Generate to get a "
            "protected postcode-6 map. Nothing about fewer than 5 households is shown."), body)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        self.sources_box = SourcesBox(body)
        self.question_box = QuestionBox(self.store, self.language, body)
        self.indicators_box = IndicatorsBox(self.language, body)
        self.display_box = DisplayBox(body)
        self.result_box = ResultBox(body)
        self.background_box = BackgroundBox(iface, self.language, body)
        sections = (
            (self.tr("1. Sources"), self.sources_box),
            (self.tr("2. Question"), self.question_box),
            (self.tr("3. Indicators"), self.indicators_box),
            (self.tr("4. Display"), self.display_box),
        )
        for title, widget in sections:
            layout.addWidget(self._section(title, widget, body))

        self.generate_button = QPushButton(self.tr("Generate"), body)
        self.generate_button.setObjectName("GenerateButton")
        self.cancel_button = QPushButton(self.tr("Cancel"), body)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(body)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        row = QHBoxLayout()
        row.addWidget(self.generate_button, 2)
        row.addWidget(self.cancel_button, 1)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        self.status = QLabel(body)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addWidget(self._section(self.tr("5. Result"), self.result_box, body))
        layout.addWidget(self._section(self.tr("Background maps (PDOK)"), self.background_box,
                                       body))
        layout.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.setWidget(scroll)

        self.sources_box.changed.connect(self._sources_changed)
        self.question_box.preset_changed.connect(self._preset_changed)
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button.clicked.connect(self.cancel)
        self.display_box.opacity_changed.connect(self.session.set_opacity)
        self.display_box.kind.currentIndexChanged.connect(self._restyle)
        self.display_box.method.currentIndexChanged.connect(self._restyle)
        self.display_box.classes.valueChanged.connect(self._restyle)
        self.display_box.ramp.colorRampChanged.connect(self._restyle)
        self.display_box.measure.currentIndexChanged.connect(self._restyle)
        self.result_box.identify_button.toggled.connect(self._identify_toggled)
        self.result_box.zoom.returnPressed.connect(self._zoom)
        self.result_box.save_preset_button.clicked.connect(self.save_preset)
        self.result_box.praatplaat_button.clicked.connect(self._praatplaat)
        self.session.identified.connect(self.result_box.details.setHtml)
        self._preset_changed(self.question_box.preset())

    def _section(self, title: str, widget: QWidget, parent: QWidget) -> QgsCollapsibleGroupBox:
        box = QgsCollapsibleGroupBox(title, parent)
        inner = QVBoxLayout(box)
        inner.addWidget(widget)
        return box

    # -- choices -------------------------------------------------------------------------

    def _sources_changed(self) -> None:
        self.question_box.set_sources(self.sources_box.sources)

    def _preset_changed(self, preset: Preset | None) -> None:
        if preset is None:
            return
        self.indicators_box.set_preset(preset)
        catalogue = load_catalogue()
        recipe = preset.recipe
        options = []
        for spec in recipe.measures:
            indicator = catalogue.indicators.get(spec.indicator)
            options.append((spec.id, getattr(indicator.label, self.language)
                            if indicator else spec.id))
        for extra in (recipe.or_combination, recipe.score):
            if extra is not None:
                options.append((extra.id, getattr(extra.label, self.language)))
        display = recipe.display
        self.display_box.set_measures(options, display.measure, display.style, display.method,
                                      display.classes)

    # -- Genereer ------------------------------------------------------------------------

    def generate(self) -> None:
        from .generate_task import GenerateTask

        preset = self.question_box.preset()
        sources = self.sources_box.sources
        if preset is None:
            return
        if not sources.cbs_postcode6:
            self._message(self.tr("Load a CBS postcode-6 file first: the map needs its areas."),
                          Qgis.MessageLevel.Warning)
            return
        self.task = GenerateTask(preset, sources, sources.years(), plugin_data_dir() / "lagen",
                                 self.indicators_box.selected(), self.indicators_box.selections(),
                                 plugin_data_dir() / "cache")
        self.task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        self.task.taskCompleted.connect(self._completed)
        self.task.taskTerminated.connect(self._terminated)
        self._busy(True)
        self.status.setText(self.tr("Working…"))
        QgsApplication.taskManager().addTask(self.task)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _busy(self, busy: bool) -> None:
        self.generate_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)

    def _completed(self) -> None:
        task, self.task = self.task, None
        self._busy(False)
        self.progress.setValue(100)
        preset = task.preset
        title = getattr(preset.title, self.language)
        question = getattr(preset.question, self.language)
        self.session.show(title, question, task.outcomes, self.display_box.measure_id(),
                          self.display_box.display())
        problems = [p for outcome in task.outcomes.values() for p in outcome.problems]
        unique = list(dict.fromkeys(p.message_nl if self.language == "nl" else p.message_en
                                    for p in problems if p.severity == "missing"))
        text = self.tr("Ready: {} postcode areas, years {}.").format(
            max(o.written for o in task.outcomes.values()),
            ", ".join(str(y) for y in sorted(task.outcomes)))
        if unique:
            text += "\n" + self.tr("Not available:") + "\n• " + "\n• ".join(unique[:8])
        self.status.setText(text)
        self.result_box.set_enabled(True)

    def _terminated(self) -> None:
        task, self.task = self.task, None
        self._busy(False)
        self.progress.setValue(0)
        if task is not None and task.error is not None:
            self.status.setText(self.tr("Failed: {}").format(task.error))
            self._message(self.tr("Generating failed: {}").format(task.error),
                          Qgis.MessageLevel.Critical)
        else:
            self.status.setText(self.tr("Cancelled: nothing was added."))

    def _restyle(self, *_args) -> None:
        self.session.restyle(self.display_box.measure_id(), self.display_box.display())

    # -- result --------------------------------------------------------------------------

    def _identify_toggled(self, on: bool) -> None:
        self.session.identify(on)

    def _zoom(self) -> None:
        """The result layer's postcodes first (postcode-6, or all areas of a postcode-4);
        anything else at the PDOK Locatieserver."""
        text = self.result_box.zoom.text()
        if text.strip() and not self.session.zoom_to(text):
            self.place_search.search(text)

    def _praatplaat(self) -> None:
        path = self.session.export_praatplaat(self)
        if path is not None:
            self._message(self.tr("Praatplaat saved: {}").format(path), Qgis.MessageLevel.Success)

    def save_preset(self) -> None:
        preset = self.question_box.preset()
        if preset is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Save as preset"), self.tr("Name"))
        if not ok or not name.strip():
            return
        new_id = "".join(c if c.isalnum() else "_" for c in name.strip().lower())
        adapted = preset.adapted(new_id, {"nl": name.strip(), "en": name.strip()},
                                 self.indicators_box.selected(),
                                 self.indicators_box.selections())
        try:
            self.store.save(adapted)
        except PresetExistsError:
            answer = QMessageBox.question(self, self.tr("Save as preset"), self.tr(
                "A preset with this name exists. Replace it?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.store.save(adapted, overwrite=True)
        except PermissionError as error:
            self._message(str(error), Qgis.MessageLevel.Warning)
            return
        self.question_box.reload(select=new_id)
        QgsProject.instance().setDirty(True)

    def _message(self, text: str, level) -> None:
        self.iface.messageBar().pushMessage(self.tr("Ruimtelijke Kijk"), text, level, 8)

    def closeEvent(self, event) -> None:  # noqa: N802 — Qt event name
        self.session.identify(False)
        super().closeEvent(event)

    def unload(self) -> None:
        """Stops a running task and the map tool before the plugin goes."""
        if self.task is not None:
            self.task.cancel()
        self.place_search.cancel()
        self.session.identify(False)
