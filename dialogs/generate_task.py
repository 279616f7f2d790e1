"""Genereer in the background: one question layer per year, in a QgsTask.

QGIS stays responsive; the task can be cancelled. A cancelled or failed run
removes every file it wrote, so no half result is ever left behind.
"""
from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

from qgis.core import QgsTask

from ..presets.model import Preset
from ..workspace.pipeline import QuestionOutcome, build_question, table_name
from ..workspace.source_set import SourceSet


class GenerateTask(QgsTask):
    def __init__(self, preset: Preset, sources: SourceSet, years: List[int], out_dir: Path,
                 selected: List[str], selections: Mapping[str, Mapping[str, Any]],
                 cache_dir: Optional[Path] = None) -> None:
        super().__init__(preset.id, QgsTask.Flag.CanCancel)
        self.preset = preset
        self.sources = sources
        self.years = sorted(years)
        self.out_dir = Path(out_dir)
        self.selected = list(selected)
        self.selections = dict(selections)
        self.cache_dir = cache_dir
        self.outcomes: Dict[int, QuestionOutcome] = {}
        self.error: Optional[BaseException] = None
        self.written: List[Path] = []

    def run(self) -> bool:  # background thread: no widgets, no project changes here
        stamp = datetime.datetime.now().strftime("%Y%m%d_%H%M%S")
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            count = len(self.years)
            for index, year in enumerate(self.years):
                out = self.out_dir / f"{table_name(self.preset.id, year)}_{stamp}.gpkg"

                def progress(fraction: float, message: str, index=index) -> None:
                    self.setProgress(100.0 * (index + fraction) / count)

                outcome = build_question(
                    self.preset, self.sources, year, out, self.selected, self.selections,
                    cache_dir=self.cache_dir, progress=progress, is_cancelled=self.isCanceled)
                self.written.append(out)
                self.outcomes[year] = outcome
                if self.isCanceled():
                    raise InterruptedError("cancelled")
            return True
        except BaseException as error:  # noqa: BLE001 — reported in finished(), on the GUI thread
            self.error = None if isinstance(error, InterruptedError) else error
            self._remove_written()
            return False

    def _remove_written(self) -> None:
        for path in self.written:
            path.unlink(missing_ok=True)
        self.outcomes.clear()
        self.written.clear()
