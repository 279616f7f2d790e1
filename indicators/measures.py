"""The engine's result: per postcode-6 a value and a status for every measure, plus metadata.

The QGIS shell turns ``Measures.frame`` into a layer (one field per column); the metadata
feeds the legend, identify panel and praatplaat; ``problems`` is shown to the user as it is.
Problem texts name sources, files, fields and catalogue entries, never a municipal number.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional

import pandas as pd

from .catalogue import Text
from .status import Status

STATUS_SUFFIX = "__status"


@dataclass(frozen=True)
class SourceRef:
    """Where a measure's numbers came from."""

    type: str  # cbs_pc6, release, proximity, leefbaarometer
    name: str  # field, statistic id, soort
    year: Optional[int] = None
    file: Optional[str] = None


@dataclass(frozen=True)
class MeasureInfo:
    id: str
    label: Text
    kind: str  # count, percentage, score, category, distance
    unit: str
    role: str  # measure, or_count, or_percentage, score
    sensitivity: str  # public or municipal
    indicator: Optional[str] = None
    sources: tuple = ()
    release: Optional[Mapping[str, Any]] = None  # year, checksum, input fingerprint, path
    risk_direction: Optional[str] = None
    categories: Mapping[int, Text] = field(default_factory=dict)
    method: Optional[str] = None  # how a derived measure was computed


@dataclass(frozen=True)
class Problem:
    """A measure that could not be made (fully), and where its data would come from."""

    code: str  # missing_source, missing_field, missing_statistic, missing_or_combination, ...
    measure: Optional[str]
    message_nl: str
    message_en: str
    source: Optional[str] = None
    catalogue_entry: Optional[Mapping[str, Any]] = None  # what the data analyst must add
    severity: str = "missing"  # missing, warning or info

    @property
    def message(self) -> str:
        return f"{self.message_nl} / {self.message_en}"


@dataclass
class Measures:
    preset_id: str
    year: Optional[int]
    frame: pd.DataFrame  # index postcode6; <id> float and <id>__status text per measure
    info: Dict[str, MeasureInfo]
    problems: List[Problem]
    display: Mapping[str, Any] = field(default_factory=dict)

    @property
    def measure_ids(self) -> List[str]:
        return list(self.info)

    def value(self, measure_id: str) -> pd.Series:
        return self.frame[measure_id]

    def status(self, measure_id: str) -> pd.Series:
        return self.frame[measure_id + STATUS_SUFFIX]

    def shown(self, measure_id: str) -> pd.Series:
        """True where the value may be shown (published or perturbed)."""
        return self.status(measure_id).isin([Status.PUBLISHED.value, Status.PERTURBED.value])

    def missing(self) -> List[Problem]:
        return [p for p in self.problems if p.severity == "missing"]
