"""A preset as a typed, read-only object over its validated JSON document.

The document stays the source of truth (it is what is saved, exported and shown in the
dialog); the typed recipe is what the engine reads. ``to_dict`` always returns a copy, so
a built-in preset cannot be changed by whoever holds it.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Mapping, Optional, Tuple

from ..indicators.catalogue import DEFAULT_DENOMINATOR, Catalogue, Text
from .schema import check_preset


@dataclass(frozen=True)
class MeasureSpec:
    id: str
    indicator: str
    show: str  # "count", "percentage" or "value"
    selection: Mapping[str, Any] = field(default_factory=dict)
    fallback: Optional[str] = None
    risk_direction: Optional[str] = None  # "higher" or "lower" is worse
    default_selected: bool = True


@dataclass(frozen=True)
class OrSpec:
    """Households with one or more of the terms; a term of several measures is one household
    characteristic ("children and a low income") that the release counts per household."""

    id: str
    label: Text
    terms: Tuple[Tuple[str, ...], ...]
    denominator: str = DEFAULT_DENOMINATOR

    @property
    def measure_ids(self) -> Tuple[str, ...]:
        return tuple(dict.fromkeys(m for term in self.terms for m in term))


@dataclass(frozen=True)
class ScoreSpec:
    id: str
    label: Text
    method: str
    inputs: Tuple[str, ...]
    min_inputs: int = 2


@dataclass(frozen=True)
class DisplaySpec:
    measure: str
    style: str
    method: str
    classes: int


@dataclass(frozen=True)
class Recipe:
    measures: Tuple[MeasureSpec, ...]
    display: DisplaySpec
    or_combination: Optional[OrSpec] = None
    score: Optional[ScoreSpec] = None

    def measure(self, measure_id: str) -> MeasureSpec:
        for spec in self.measures:
            if spec.id == measure_id:
                return spec
        raise KeyError(f"recipe has no measure '{measure_id}'")

    def default_selection(self) -> Tuple[str, ...]:
        return tuple(s.id for s in self.measures if s.default_selected)


@dataclass(frozen=True)
class Preset:
    id: str
    kind: str
    title: Text
    question: Text
    recipe: Recipe
    builtin: bool
    _doc: Mapping[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any], builtin: bool = False,
                  catalogue: Optional[Catalogue] = None, where: str = "") -> "Preset":
        """Validate and type a preset document; ``PresetFormatError`` names path and field."""
        check_preset(doc, catalogue, where)
        doc = copy.deepcopy(dict(doc))
        return cls(
            id=doc["id"], kind=doc["kind"], title=Text(**doc["title"]),
            question=Text(**doc["question"]), recipe=_recipe(doc["recipe"]),
            builtin=builtin, _doc=doc,
        )

    def to_dict(self) -> Dict[str, Any]:
        """A deep copy of the document, safe to edit."""
        return copy.deepcopy(dict(self._doc))

    def adapted(self, new_id: str, title: Optional[Mapping[str, str]] = None,
                selected: Optional[Iterable[str]] = None,
                selections: Optional[Mapping[str, Mapping[str, Any]]] = None) -> "Preset":
        """A user preset based on this one: new id, optional title, ticked measures, parameters.

        ``selected`` sets which measures are ticked by default; ``selections`` overrides the
        parameters of a measure (e.g. ``{"ov_halte_nabij": {"straal_km": 0.3}}``).
        """
        doc = self.to_dict()
        doc["id"] = new_id
        doc["kind"] = "eigen"
        doc["based_on"] = self.id if self.kind != "eigen" else doc.get("based_on", self.id)
        if title is not None:
            doc["title"] = dict(title)
        chosen = None if selected is None else set(selected)
        for spec in doc["recipe"]["measures"]:
            if chosen is not None:
                spec["default_selected"] = spec["id"] in chosen
            if selections and spec["id"] in selections:
                spec["selection"] = {**spec.get("selection", {}), **selections[spec["id"]]}
        return Preset.from_dict(doc)


def _recipe(data: Mapping[str, Any]) -> Recipe:
    measures = tuple(
        MeasureSpec(
            id=m["id"], indicator=m["indicator"], show=m["show"],
            selection=dict(m.get("selection", {})), fallback=m.get("fallback"),
            risk_direction=m.get("risk_direction"),
            default_selected=m.get("default_selected", True),
        )
        for m in data["measures"]
    )
    orc = data.get("or_combination")
    score = data.get("score")
    disp = data["display"]
    return Recipe(
        measures=measures,
        display=DisplaySpec(disp["measure"], disp["style"], disp["classification"]["method"],
                            disp["classification"].get("classes", 5)),
        or_combination=None if orc is None else OrSpec(
            orc["id"], Text(**orc["label"]),
            tuple(tuple(m) if isinstance(m, list) else (m,) for m in orc["members"]),
            orc.get("denominator", DEFAULT_DENOMINATOR)),
        score=None if score is None else ScoreSpec(
            score["id"], Text(**score["label"]), score["method"], tuple(score["inputs"]),
            score.get("min_inputs", 2)),
    )
