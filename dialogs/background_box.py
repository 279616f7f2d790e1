"""Panel section "Achtergrond": PDOK and related services, added through QGIS's providers."""
from __future__ import annotations

from qgis.core import Qgis
from qgis.PyQt.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ..layers.background import add_service
from ..services.catalogue import load_services
from .widgets import narrow_combo

GROUPS = ("achtergrond", "referentie", "cbs", "leefbaarometer")


class BackgroundBox(QWidget):
    def __init__(self, iface, language: str = "nl", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.iface = iface
        self.language = language
        self.services = {s.id: s for s in load_services()}
        self.tasks: list = []
        self.combo = narrow_combo(self)
        for group in GROUPS:
            for service in (s for s in self.services.values() if s.group == group):
                self.combo.addItem(service.title(language), service.id)
        self.add_button = QPushButton(self.tr("Add"), self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.add_button)
        self.add_button.clicked.connect(self.add_current)

    def add_current(self):
        service = self.services[self.combo.currentData()]
        self.add_button.setEnabled(False)

        def done(layer, error: str) -> None:
            self.add_button.setEnabled(True)
            self.tasks = [t for t in self.tasks if t.layer is None and t.error == ""]
            if layer is None:
                self.iface.messageBar().pushMessage(
                    self.tr("Ruimtelijke Kijk"),
                    self.tr("The service '{}' cannot be reached now (offline, or moved by its "
                            "provider): {}").format(service.title(self.language), error),
                    Qgis.MessageLevel.Warning, 10)

        task = add_service(service, done, self.language)
        self.tasks.append(task)
        return task
