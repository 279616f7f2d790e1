"""A question from sources to a styled layer in a project and, if asked, its praatplaat.

One headless routine for the ``praatplaat`` algorithm and the demo, on the same
pipeline the panel uses.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

from qgis.core import QgsProject, QgsVectorLayer

from ..presets.model import Preset
from ..workspace.pipeline import QuestionOutcome, build_question, table_name
from ..workspace.praatplaat_content import praatplaat_content
from ..workspace.source_set import SourceSet
from .result import add_question_group
from .style import Display

KINDS = ("choropleth", "circles", "categories")


@dataclass
class QuestionJob:
    outcomes: Dict[int, QuestionOutcome]
    layers: List[QgsVectorLayer]
    legend: list
    measure: Optional[str]
    pdfs: List[Path] = field(default_factory=list)


def preset_display(preset: Preset, measure: Optional[str] = None) -> Display:
    spec = preset.recipe.display
    return Display(kind=spec.style if spec.style in KINDS else "choropleth",
                   method=spec.method, classes=spec.classes)


def run_question(project: QgsProject, preset: Preset, sources: SourceSet, years: Sequence[int],
                 layer_dir: Path, language: str = "nl", cache_dir: Optional[Path] = None,
                 is_cancelled: Callable[[], bool] = lambda: False) -> QuestionJob:
    """Builds the layers for ``years`` and adds them to ``project`` as one group."""
    outcomes: Dict[int, QuestionOutcome] = {}
    for year in sorted(years):
        out = Path(layer_dir) / f"{table_name(preset.id, year)}.gpkg"
        outcomes[year] = build_question(preset, sources, year, out, cache_dir=cache_dir,
                                        is_cancelled=is_cancelled)
    newest = outcomes[max(outcomes)]
    wanted = preset.recipe.display.measure
    measure = wanted if wanted in newest.measures.info else next(iter(newest.measures.info),
                                                                    None)
    if measure is None:
        return QuestionJob(outcomes, [], [], None)
    title = getattr(preset.title, language)
    question = getattr(preset.question, language)
    _, layers, legend = add_question_group(project, title, question, outcomes, measure,
                                           preset_display(preset))
    return QuestionJob(outcomes, layers, legend, measure)


def export_question_praatplaat(project: QgsProject, preset: Preset, job: QuestionJob,
                               out_pdf: Path, paper: str = "A4", language: str = "nl",
                               is_cancelled: Callable[[], bool] = lambda: False) -> Path:
    from ..layouts.praatplaat import export_praatplaat

    year = max(job.outcomes)
    content = praatplaat_content(job.outcomes[year], getattr(preset.question, language),
                                 job.measure, year, job.legend, language)
    pdf = export_praatplaat(project, job.layers[0], content, Path(out_pdf),
                            Path(out_pdf).with_suffix(".png"), paper=paper,
                            is_cancelled=is_cancelled)
    job.pdfs.append(pdf)
    return pdf
