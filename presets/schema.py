"""The preset format and its validator, in plain Python (no jsonschema needed).

Every problem is reported as ``<path>: <what is wrong>``, with the path in the document
(``recipe.measures[2].indicator``), so a user who edited a preset file by hand can find it.
References are checked too: indicators must exist in the catalogue, their selection must be
valid, and the OR-combination, score and display must name measures of the recipe.
"""
from __future__ import annotations

from typing import Any, List, Mapping, Optional

from ..indicators.catalogue import Catalogue, load_catalogue

SCHEMA_VERSION = 1
PRESET_KINDS = ("beleidsvraag", "informatievraag", "eigen")
AVAILABILITY = ("available", "mapped", "not_available")
SHOW = ("count", "percentage", "value")
RISK = ("higher", "lower")
STYLES = ("choropleth", "circles", "categories")
CLASS_METHODS = ("quantile", "equal_interval", "natural_breaks", "categorical")
SCORE_METHODS = ("mean_percentile_rank",)


class PresetFormatError(ValueError):
    """A preset document is malformed. ``problems`` lists each ``path: message``."""

    def __init__(self, problems: List[str], where: str = "") -> None:
        self.problems = list(problems)
        self.where = where
        head = f"{where}: " if where else ""
        super().__init__(head + "ongeldige preset / invalid preset:\n  " + "\n  ".join(problems))


class _Checker:
    def __init__(self) -> None:
        self.problems: List[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def obj(self, data: Any, path: str, required: tuple, optional: tuple = ()) -> bool:
        if not isinstance(data, dict):
            self.fail(path, "expected an object")
            return False
        for key in required:
            if key not in data:
                self.fail(f"{path}.{key}" if path else key, "missing")
        for key in data:
            if key not in required and key not in optional:
                self.fail(f"{path}.{key}" if path else key, "unknown field")
        return True

    def text(self, data: Any, path: str) -> None:
        if not isinstance(data, dict) or set(data) != {"nl", "en"}:
            self.fail(path, "expected {'nl': text, 'en': text}")
        elif not all(isinstance(v, str) and v.strip() for v in data.values()):
            self.fail(path, "nl and en must be non-empty text")

    def string(self, data: Any, path: str) -> None:
        if not isinstance(data, str) or not data.strip():
            self.fail(path, "expected non-empty text")

    def ident(self, data: Any, path: str) -> None:
        if not isinstance(data, str) or not data.isidentifier() or data != data.lower():
            self.fail(path, f"expected a snake_case identifier, got {data!r}")

    def one_of(self, data: Any, allowed: tuple, path: str) -> None:
        if data not in allowed:
            self.fail(path, f"{data!r} is not one of {', '.join(allowed)}")

    def array(self, data: Any, path: str, min_items: int = 0) -> list:
        if not isinstance(data, list):
            self.fail(path, "expected a list")
            return []
        if len(data) < min_items:
            self.fail(path, f"expected at least {min_items} item(s)")
        return data


def validate_preset(doc: Any, catalogue: Optional[Catalogue] = None) -> List[str]:
    """All problems in a preset document (empty when valid)."""
    catalogue = catalogue or load_catalogue()
    c = _Checker()
    top_required = ("schema_version", "id", "kind", "title", "question", "explanation",
                    "source_document", "data_table", "recipe", "interventions")
    if not c.obj(doc, "", top_required, ("number", "based_on", "related")):
        return c.problems
    if doc.get("schema_version") != SCHEMA_VERSION:
        c.fail("schema_version", f"expected {SCHEMA_VERSION}, got {doc.get('schema_version')!r}")
    c.ident(doc.get("id"), "id")
    c.one_of(doc.get("kind"), PRESET_KINDS, "kind")
    if "number" in doc and (not isinstance(doc["number"], int) or isinstance(doc["number"], bool)):
        c.fail("number", "expected a whole number")
    for key in ("title", "question", "explanation"):
        if key in doc:
            c.text(doc[key], key)
    if c.obj(doc.get("source_document"), "source_document", ("citation",), ("section",)):
        c.string(doc["source_document"].get("citation"), "source_document.citation")
    for i, row in enumerate(c.array(doc.get("data_table"), "data_table")):
        _check_row(c, row, f"data_table[{i}]", catalogue)
    for i, item in enumerate(c.array(doc.get("interventions"), "interventions")):
        c.text(item, f"interventions[{i}]")
    for key in ("based_on",):
        if key in doc:
            c.ident(doc[key], key)
    if "related" in doc:
        for i, rid in enumerate(c.array(doc["related"], "related")):
            c.ident(rid, f"related[{i}]")
    if "recipe" in doc:
        _check_recipe(c, doc["recipe"], catalogue)
    return c.problems


def check_preset(doc: Any, catalogue: Optional[Catalogue] = None, where: str = "") -> None:
    """Raise ``PresetFormatError`` listing every problem, or return quietly."""
    problems = validate_preset(doc, catalogue)
    if problems:
        raise PresetFormatError(problems, where)


def _check_row(c: _Checker, row: Any, path: str, catalogue: Catalogue) -> None:
    if not c.obj(row, path, ("type_data", "selectie", "bron", "availability", "indicators"),
                 ("note", "ntb_choice")):
        return
    for key in ("type_data", "bron"):
        c.string(row[key], f"{path}.{key}")
    if not isinstance(row["selectie"], str):
        c.fail(f"{path}.selectie", "expected text (may be empty)")
    c.one_of(row["availability"], AVAILABILITY, f"{path}.availability")
    ids = c.array(row["indicators"], f"{path}.indicators")
    for j, iid in enumerate(ids):
        if iid not in catalogue:
            c.fail(f"{path}.indicators[{j}]", f"unknown indicator {iid!r}")
    for key in ("note", "ntb_choice"):
        if key in row:
            c.text(row[key], f"{path}.{key}")
    if row["availability"] == "not_available" and "note" not in row:
        c.fail(f"{path}.note", "say why the data is not available")
    if row["availability"] != "not_available" and not ids:
        c.fail(f"{path}.indicators", "name the indicator(s) that answer this row")
    if row.get("selectie", "").strip().upper().startswith("NTB") and "ntb_choice" not in row:
        c.fail(f"{path}.ntb_choice", "the source says NTB (to be decided): record the choice made")


def _check_recipe(c: _Checker, recipe: Any, catalogue: Catalogue) -> None:
    if not c.obj(recipe, "recipe", ("measures", "display"), ("or_combination", "score")):
        return
    ids: dict = {}
    for i, spec in enumerate(c.array(recipe.get("measures"), "recipe.measures", 1)):
        mid = _check_measure(c, spec, f"recipe.measures[{i}]", catalogue)
        if mid is not None:
            if mid in ids:
                c.fail(f"recipe.measures[{i}].id", f"duplicate measure id {mid!r}")
            ids[mid] = spec
    derived = []
    orc = recipe.get("or_combination")
    if orc is not None and c.obj(orc, "recipe.or_combination", ("id", "label", "members"),
                                 ("denominator",)):
        c.ident(orc["id"], "recipe.or_combination.id")
        c.text(orc["label"], "recipe.or_combination.label")
        derived.append(orc["id"])
        for j, member in enumerate(c.array(orc["members"], "recipe.or_combination.members", 2)):
            path = f"recipe.or_combination.members[{j}]"
            # A list is one household characteristic "a and b" (e.g. children and low income),
            # counted by the release builder per household: never an AND of two statistics.
            term = member if isinstance(member, list) else [member]
            if isinstance(member, list) and len(member) < 2:
                c.fail(path, "a combined characteristic lists two or more measures")
            for mid in term:
                if not isinstance(mid, str) or mid not in ids:
                    c.fail(path, f"not a measure of this recipe: {mid!r}")
                elif _source_type(ids[mid], catalogue) != "release":
                    c.fail(path, f"{mid!r} is not a release statistic; only those can be "
                           "OR-combined")
    score = recipe.get("score")
    if score is not None and c.obj(score, "recipe.score", ("id", "label", "method", "inputs"),
                                   ("min_inputs",)):
        c.ident(score["id"], "recipe.score.id")
        c.text(score["label"], "recipe.score.label")
        c.one_of(score["method"], SCORE_METHODS, "recipe.score.method")
        derived.append(score["id"])
        inputs = c.array(score["inputs"], "recipe.score.inputs", 2)
        for j, mid in enumerate(inputs):
            path = f"recipe.score.inputs[{j}]"
            if mid not in ids:
                c.fail(path, f"not a measure of this recipe: {mid!r}")
            elif ids[mid].get("risk_direction") not in RISK:
                c.fail(path, f"measure {mid!r} needs a risk_direction to enter a score")
            elif (ids[mid].get("show") == "count"
                  and _source_type(ids[mid], catalogue) != "proximity"):
                # Raw counts rank big postcodes high; a score compares rates.
                c.fail(path, f"measure {mid!r} enters a score as a count: show it as percentage")
        mi = score.get("min_inputs", 2)
        if not isinstance(mi, int) or isinstance(mi, bool) or not 1 <= mi <= max(len(inputs), 1):
            c.fail("recipe.score.min_inputs", "expected a whole number from 1 to len(inputs)")
    for name in derived:
        if name in ids:
            c.fail("recipe", f"id {name!r} is used for a measure and a combination")
    _check_display(c, recipe.get("display"), set(ids) | set(derived))


def _check_measure(c: _Checker, spec: Any, path: str, catalogue: Catalogue) -> Optional[str]:
    if not c.obj(spec, path, ("id", "indicator", "show"),
                 ("selection", "fallback", "default_selected", "risk_direction", "ntb_choice")):
        return None
    c.ident(spec["id"], f"{path}.id")
    c.one_of(spec["show"], SHOW, f"{path}.show")
    if "risk_direction" in spec:
        c.one_of(spec["risk_direction"], RISK, f"{path}.risk_direction")
    if "default_selected" in spec and not isinstance(spec["default_selected"], bool):
        c.fail(f"{path}.default_selected", "expected true or false")
    if "ntb_choice" in spec:
        c.text(spec["ntb_choice"], f"{path}.ntb_choice")
    selection = spec.get("selection", {})
    if not isinstance(selection, dict):
        c.fail(f"{path}.selection", "expected an object")
        selection = {}
    for key in ("indicator", "fallback"):
        if key not in spec:
            continue
        iid = spec[key]
        if iid not in catalogue:
            c.fail(f"{path}.{key}", f"unknown indicator {iid!r}")
            continue
        ind = catalogue[iid]
        if not ind.available:
            c.fail(f"{path}.{key}", f"indicator {iid!r} is not available; list it in data_table")
        for problem in ind.check_selection(selection if key == "indicator" else {}):
            c.fail(f"{path}.selection", problem)
        if spec["show"] in ("count", "percentage") and ind.kind != "count":
            c.fail(f"{path}.show", f"{spec['show']!r} needs a count indicator; {iid!r} is "
                   f"{ind.kind}: use 'value'")
        if spec["show"] == "value" and ind.kind == "count" and ind.source_type == "release":
            c.fail(f"{path}.show", "a release count is shown as 'count' or 'percentage'")
        if spec["show"] == "percentage" and not ind.denominator:
            c.fail(f"{path}.show", f"indicator {iid!r} has no denominator for a percentage")
    return spec["id"] if isinstance(spec["id"], str) else None


def _source_type(spec: Mapping[str, Any], catalogue: Catalogue) -> Optional[str]:
    iid = spec.get("indicator")
    return catalogue[iid].source_type if iid in catalogue else None


def _check_display(c: _Checker, display: Any, names: set) -> None:
    if not c.obj(display, "recipe.display", ("measure", "style", "classification")):
        return
    if display["measure"] not in names:
        c.fail("recipe.display.measure", f"not a measure of this recipe: {display['measure']!r}")
    c.one_of(display["style"], STYLES, "recipe.display.style")
    cls = display["classification"]
    if c.obj(cls, "recipe.display.classification", ("method",), ("classes",)):
        c.one_of(cls["method"], CLASS_METHODS, "recipe.display.classification.method")
        n = cls.get("classes", 5)
        if not isinstance(n, int) or isinstance(n, bool) or not 2 <= n <= 9:
            c.fail("recipe.display.classification.classes", "expected a whole number from 2 to 9")
