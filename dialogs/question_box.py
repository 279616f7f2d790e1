"""Panel section "Vraag": the policy and information questions and the user's own presets."""
from __future__ import annotations

import html

from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from ..indicators.catalogue import load_catalogue
from ..presets.model import Preset
from ..presets.store import PresetStore
from ..workspace.source_set import SourceSet
from .widgets import narrow_combo

SOURCE_NEEDS = {
    "release": "release",
    "cbs_pc6": "cbs",
    "proximity": "points",
    "leefbaarometer": "leefbaarometer",
}


class QuestionBox(QWidget):
    """Picks a preset; shows its question, explanation, data table and interventions."""

    preset_changed = pyqtSignal(object)  # Preset

    def __init__(self, store: PresetStore, language: str = "nl",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.language = language
        self.sources = SourceSet()
        self.combo = narrow_combo(self)
        self.about = QTextBrowser(self)
        self.about.setOpenExternalLinks(False)
        self.about.setMinimumHeight(160)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.about)
        self.combo.currentIndexChanged.connect(self._chosen)
        self.reload()

    def text(self, value) -> str:
        return getattr(value, self.language) if hasattr(value, "nl") else \
            value.get(self.language, value.get("nl", ""))

    def reload(self, select: str | None = None) -> None:
        current = select or self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        groups = (
            ("beleidsvraag", self.tr("Policy questions")),
            ("informatievraag", self.tr("Information questions")),
            ("eigen", self.tr("Own presets")),
        )
        for kind, heading in groups:
            ids = [i for i in self.store.ids() if self.store.get(i).kind == kind]
            if not ids:
                continue
            self.combo.addItem(f"— {heading} —", None)
            self.combo.model().item(self.combo.count() - 1).setEnabled(False)
            for preset_id in ids:
                preset = self.store.get(preset_id)
                number = preset.to_dict().get("number")
                prefix = f"{number}. " if number else ""
                self.combo.addItem(prefix + self.text(preset.question), preset_id)
        index = self.combo.findData(current) if current else -1
        self.combo.setCurrentIndex(index if index >= 0 else 1)
        self.combo.blockSignals(False)
        self._chosen()

    def set_sources(self, sources: SourceSet) -> None:
        self.sources = sources
        self._show(self.preset())

    def preset(self) -> Preset | None:
        preset_id = self.combo.currentData()
        return self.store.get(preset_id) if preset_id else None

    def _chosen(self, *_args) -> None:
        preset = self.preset()
        self._show(preset)
        if preset is not None:
            self.preset_changed.emit(preset)

    def _needs(self, preset: Preset) -> dict:
        catalogue = load_catalogue()
        needs: dict = {}
        for spec in preset.recipe.measures:
            indicator = catalogue.indicators.get(spec.indicator)
            if indicator is not None:
                kind = SOURCE_NEEDS.get(indicator.source_type)
                if kind:
                    needs.setdefault(kind, []).append(self.text(indicator.label))
        return needs

    def _show(self, preset: Preset | None) -> None:
        if preset is None:
            self.about.clear()
            return
        doc = preset.to_dict()
        e = html.escape
        parts = [f"<h3>{e(self.text(preset.question))}</h3>",
                 f"<p>{e(self.text(doc.get('explanation', {'nl': '', 'en': ''})))}</p>"]
        loaded = {
            "release": bool(self.sources.releases), "cbs": bool(self.sources.cbs_postcode6),
            "points": bool(self.sources.points),
            "leefbaarometer": bool(self.sources.leefbaarometer),
        }
        names = {"release": self.tr("Protected release (municipal)"),
                 "cbs": self.tr("CBS postcode-6"), "points": self.tr("Facilities (points)"),
                 "leefbaarometer": self.tr("Leefbaarometer")}
        needs = self.tr("Needs")
        parts.append(f"<p><b>{e(needs)}</b></p><ul>")
        for kind, labels in self._needs(preset).items():
            mark = "✔" if loaded[kind] else "✘ " + e(self.tr("missing"))
            parts.append(f"<li>{e(names[kind])}: {mark}<br/><small>"
                         f"{e(', '.join(labels))}</small></li>")
        parts.append("</ul>")
        rows = doc.get("data_table", [])
        if rows:
            heading = self.tr("Data (handbook)")
            parts.append(f"<p><b>{e(heading)}</b></p><table>")
            for row in rows:
                parts.append(f"<tr><td>{e(row.get('type_data', ''))}</td>"
                             f"<td>{e(row.get('selectie', ''))}</td>"
                             f"<td>{e(row.get('bron', ''))}</td></tr>")
            parts.append("</table>")
        interventions = doc.get("interventions", [])
        if interventions:
            heading = self.tr("Possible interventions")
            parts.append(f"<p><b>{e(heading)}</b></p><ul>")
            parts += [f"<li>{e(self.text(item))}</li>" for item in interventions]
            parts.append("</ul>")
        source = doc.get("source_document", {}).get("citation")
        if source:
            label = self.tr("Source")
            parts.append(f"<p><small>{e(label)}: {e(source)}</small></p>")
        self.about.setHtml("".join(parts))
