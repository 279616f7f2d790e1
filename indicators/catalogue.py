"""The indicator catalogue: every indicator a preset can use, loaded from ``catalogue.json``.

An indicator names *where* its number comes from. Municipal (sensitive) indicators can only
name a statistic of a protected release: the loader refuses anything else, so no indicator
can point the engine at raw registrations.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

KINDS = ("count", "percentage", "score", "category", "distance")
SOURCE_TYPES = ("cbs_pc6", "release", "proximity", "leefbaarometer", "not_available")
SENSITIVITIES = ("public", "municipal")
SOORTEN = (
    "huisarts", "apotheek", "supermarkt", "ov_halte", "basisschool", "speelvoorziening", "wijkteam",
)
DEFAULT_DENOMINATOR = "huishoudens"
CATALOGUE_FILE = Path(__file__).with_name("catalogue.json")


class CatalogueError(ValueError):
    """The catalogue file is malformed; the message names the indicator and field."""


@dataclass(frozen=True)
class Text:
    nl: str
    en: str

    @classmethod
    def from_dict(cls, data: Any, where: str) -> "Text":
        ok = isinstance(data, dict) and all(isinstance(data.get(k), str) for k in ("nl", "en"))
        if not ok:
            raise CatalogueError(f"{where}: expected {{'nl': text, 'en': text}}")
        return cls(data["nl"], data["en"])


@dataclass(frozen=True)
class ResolvedSource:
    """An indicator with its selection applied: exactly one field, statistic or point kind."""

    type: str
    name: str  # CBS field, release statistic, soort, or Leefbaarometer field
    denominator: Optional[str] = None
    radius_km: Optional[float] = None
    measure: str = "value"  # proximity: "distance" or "count_within"
    choice_label: Optional[Text] = None
    named_source: Optional[str] = None


@dataclass(frozen=True)
class Indicator:
    id: str
    label: Text
    explanation: Text
    kind: str
    unit: str
    source: Mapping[str, Any]
    denominator: Optional[str]
    sensitivity: str
    years: Union[Tuple[int, ...], str]
    parameters: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    categories: Mapping[int, Text] = field(default_factory=dict)

    @property
    def source_type(self) -> str:
        return self.source["type"]

    @property
    def available(self) -> bool:
        return self.source_type != "not_available"

    def has_year(self, year: Optional[int]) -> bool:
        """False only when the catalogue knows the year is missing (fixed year lists)."""
        if year is None or isinstance(self.years, str):
            return True
        return year in self.years

    def check_selection(self, selection: Mapping[str, Any]) -> List[str]:
        """Problems with a selection for this indicator (empty when valid)."""
        problems = []
        for key, value in selection.items():
            spec = self.parameters.get(key)
            if spec is None:
                problems.append(f"unknown parameter '{key}' (known: {sorted(self.parameters)})")
            elif "choices" in spec and value not in spec["choices"]:
                problems.append(f"'{key}' must be one of {sorted(spec['choices'])}, not {value!r}")
            elif "min" in spec and (
                isinstance(value, bool) or not isinstance(value, (int, float))
                or not spec["min"] <= value <= spec["max"]
            ):
                problems.append(f"'{key}' must be a number from {spec['min']} to {spec['max']}")
        return problems

    def resolve(self, selection: Optional[Mapping[str, Any]] = None) -> ResolvedSource:
        """The concrete source for a selection; parameters not given take their default."""
        selection = dict(selection or {})
        problems = self.check_selection(selection)
        if problems:
            raise CatalogueError(f"indicator '{self.id}': " + "; ".join(problems))
        src = dict(self.source)
        choice_label = None
        radius = None
        for key, spec in self.parameters.items():
            value = selection.get(key, spec["default"])
            if "choices" in spec:
                choice = spec["choices"][value]
                src.update({k: v for k, v in choice.items() if k != "label"})
                choice_label = Text.from_dict(choice["label"], f"{self.id}.{key}")
            else:
                radius = float(value)
        name = src.get("field") or src.get("statistic") or src.get("soort") or ""
        return ResolvedSource(
            type=src["type"], name=name, denominator=self.denominator, radius_km=radius,
            measure=src.get("measure", "value"), choice_label=choice_label,
            named_source=src.get("named_source"),
        )


@dataclass(frozen=True)
class Catalogue:
    indicators: Mapping[str, Indicator]

    def __getitem__(self, indicator_id: str) -> Indicator:
        try:
            return self.indicators[indicator_id]
        except KeyError:
            raise KeyError(f"unknown indicator '{indicator_id}'") from None

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self.indicators

    def __iter__(self):
        return iter(self.indicators.values())

    def __len__(self) -> int:
        return len(self.indicators)


def _parse_indicator(data: Any, pos: int) -> Indicator:
    where = f"indicators[{pos}]"
    if not isinstance(data, dict):
        raise CatalogueError(f"{where}: expected an object")
    iid = data.get("id")
    if not isinstance(iid, str) or not iid.isidentifier() or iid != iid.lower():
        raise CatalogueError(f"{where}.id: expected a snake_case identifier, got {iid!r}")
    where = f"indicator '{iid}'"
    for key in ("kind", "unit", "source", "sensitivity", "years", "label", "explanation"):
        if key not in data:
            raise CatalogueError(f"{where}: missing field '{key}'")
    _one_of(data["kind"], KINDS, f"{where}.kind")
    _one_of(data["sensitivity"], SENSITIVITIES, f"{where}.sensitivity")
    source = data["source"]
    if not isinstance(source, dict):
        raise CatalogueError(f"{where}.source: expected an object")
    _one_of(source.get("type"), SOURCE_TYPES, f"{where}.source.type")
    params = data.get("parameters") or {}
    _check_source(source, params, where)
    if data["sensitivity"] == "municipal" and source["type"] not in ("release", "not_available"):
        # Invariant 1: municipal numbers come from a protected release only.
        raise CatalogueError(
            f"{where}: municipal data must come from a release, not {source['type']}"
        )
    if source["type"] == "release" and data["sensitivity"] != "municipal":
        raise CatalogueError(f"{where}: a release statistic is municipal data")
    years = data["years"]
    if isinstance(years, list):
        if not all(isinstance(y, int) for y in years):
            raise CatalogueError(f"{where}.years: expected whole years")
        years = tuple(years)
    elif not isinstance(years, str):
        raise CatalogueError(f"{where}.years: expected a list of years or a note")
    cats = {}
    for key, text in (data.get("categories") or {}).items():
        if not str(key).isdigit():
            raise CatalogueError(f"{where}.categories: key {key!r} is not a class number")
        cats[int(key)] = Text.from_dict(text, f"{where}.categories.{key}")
    return Indicator(
        id=iid, label=Text.from_dict(data["label"], f"{where}.label"),
        explanation=Text.from_dict(data["explanation"], f"{where}.explanation"),
        kind=data["kind"], unit=str(data["unit"]), source=source,
        denominator=data.get("denominator"), sensitivity=data["sensitivity"], years=years,
        parameters=params, categories=cats,
    )


def _check_source(source: Mapping[str, Any], params: Mapping[str, Any], where: str) -> None:
    kind = source["type"]
    choice_keys = [set(c) for p in params.values() for c in (p.get("choices") or {}).values()]
    for name, spec in params.items():
        if "default" not in spec:
            raise CatalogueError(f"{where}.parameters.{name}: missing 'default'")
        if "choices" not in spec and not {"min", "max"} <= set(spec):
            raise CatalogueError(f"{where}.parameters.{name}: needs 'choices' or 'min'/'max'")
    needed = {"cbs_pc6": "field", "release": "statistic", "proximity": "soort",
              "leefbaarometer": "field", "not_available": "named_source"}[kind]
    if needed not in source and not (choice_keys and all(needed in c for c in choice_keys)):
        raise CatalogueError(f"{where}.source: type {kind} needs '{needed}'")
    if kind == "proximity":
        _one_of(source["soort"], SOORTEN, f"{where}.source.soort")
        _one_of(source.get("measure"), ("distance", "count_within"), f"{where}.source.measure")


def _one_of(value: Any, allowed: Tuple[str, ...], where: str) -> None:
    if value not in allowed:
        raise CatalogueError(f"{where}: {value!r} is not one of {', '.join(allowed)}")


def parse_catalogue(data: Mapping[str, Any]) -> Catalogue:
    """Validate and type a catalogue document; raises ``CatalogueError`` naming the field."""
    items = data.get("indicators") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise CatalogueError("catalogue: expected an object with a list 'indicators'")
    indicators: Dict[str, Indicator] = {}
    for pos, item in enumerate(items):
        ind = _parse_indicator(item, pos)
        if ind.id in indicators:
            raise CatalogueError(f"indicator '{ind.id}': duplicate id")
        indicators[ind.id] = ind
    return Catalogue(indicators)


_DEFAULT: Optional[Catalogue] = None


def load_catalogue(path: Optional[Path] = None) -> Catalogue:
    """The built-in catalogue (cached), or one from ``path``."""
    global _DEFAULT
    if path is None and _DEFAULT is not None:
        return _DEFAULT
    with open(path or CATALOGUE_FILE, encoding="utf-8") as fh:
        catalogue = parse_catalogue(json.load(fh))
    if path is None:
        _DEFAULT = catalogue
    return catalogue
