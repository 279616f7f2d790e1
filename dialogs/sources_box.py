"""Panel section "Bronnen": what is loaded, and adding more from disk or the project."""
from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProject
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..workspace.source_set import SourceSet, scan_folder


class SourcesBox(QWidget):
    """Lists the loaded sources by kind and year; emits ``changed`` when the set changes."""

    changed = pyqtSignal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sources = SourceSet()
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([
            self.tr("Source"),
            self.tr("Years / file"),
        ])
        self.tree.setRootIsDecorated(True)
        self.add_folder_button = QPushButton(
            self.tr("Add folder…"), self)
        self.add_file_button = QPushButton(
            self.tr("Add file…"), self)
        self.from_project_button = QPushButton(
            self.tr("From project"), self)
        buttons = QHBoxLayout()
        for button in (self.add_folder_button, self.add_file_button, self.from_project_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self.add_folder_button.clicked.connect(self._pick_folder)
        self.add_file_button.clicked.connect(self._pick_file)
        self.from_project_button.clicked.connect(self.add_from_project)

    def set_sources(self, sources: SourceSet) -> None:
        self.sources = sources
        self._refresh()
        self.changed.emit()

    def add_folder(self, folder: Path) -> None:
        found = scan_folder(Path(folder))
        merged = self.sources
        merged.cbs_postcode6.update(found.cbs_postcode6)
        merged.cbs_postcode4.update(found.cbs_postcode4)
        merged.wijkbuurt.update(found.wijkbuurt)
        merged.releases.update(found.releases)
        merged.points.extend(p for p in found.points if p not in merged.points)
        for year, files in found.leefbaarometer.items():
            merged.leefbaarometer.setdefault(year, []).extend(files)
        merged.grid = found.grid or merged.grid
        merged.skipped.extend(found.skipped)
        self.set_sources(merged)

    def add_file(self, path: Path) -> None:
        self.sources.add(Path(path))
        self.set_sources(self.sources)

    def add_from_project(self) -> None:
        """Takes the files behind the project's vector layers as sources."""
        for layer in QgsProject.instance().mapLayers().values():
            path = Path(layer.source().split("|")[0])
            if path.is_file() and not self._known(path):
                self.sources.add(path)
        self.set_sources(self.sources)

    def _known(self, path: Path) -> bool:
        s = self.sources
        listed = [*s.cbs_postcode6.values(), *s.cbs_postcode4.values(), *s.wijkbuurt.values(),
                  *s.releases.values(), *s.points, s.grid, *(p for p, _ in s.skipped)]
        listed += [f for files in s.leefbaarometer.values() for f in files]
        return path in listed

    def _pick_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder with sources"))
        if folder:
            self.add_folder(Path(folder))

    def _pick_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Source file"), "",
            self.tr("Sources (*.gpkg *.shp *.csv *.xlsx *.geojson *.json)"))
        if path:
            self.add_file(Path(path))

    def _refresh(self) -> None:
        self.tree.clear()
        s = self.sources
        rows = (
            (self.tr("Protected releases"), s.releases),
            (self.tr("CBS postcode-6"), s.cbs_postcode6),
            (self.tr("CBS postcode-4"), s.cbs_postcode4),
            (self.tr("CBS wijk- en buurtkaart"), s.wijkbuurt),
            (self.tr("Leefbaarometer"), s.leefbaarometer),
        )
        for label, by_year in rows:
            years = ", ".join(str(y) for y in sorted(by_year)) or self.tr("none")
            item = QTreeWidgetItem(self.tree, [label, years])
            for year in sorted(by_year):
                files = by_year[year] if isinstance(by_year[year], list) else [by_year[year]]
                for path in files:
                    QTreeWidgetItem(item, [str(year), Path(path).name]).setToolTip(1, str(path))
        points = QTreeWidgetItem(self.tree, [self.tr("Facilities (points)"),
                                             str(len(s.points)) if s.points else self.tr("none")])
        for path in s.points:
            QTreeWidgetItem(points, ["", path.name]).setToolTip(1, str(path))
        if s.skipped:
            skipped = QTreeWidgetItem(self.tree, [self.tr("Not used"), str(len(s.skipped))])
            for path, reason in s.skipped:
                child = QTreeWidgetItem(skipped, [path.name, reason])
                child.setToolTip(1, reason)
        self.tree.resizeColumnToContents(0)
