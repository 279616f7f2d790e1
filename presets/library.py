"""The built-in presets: ten policy questions and six information questions, read-only."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List, Optional

from ..indicators.catalogue import Catalogue, load_catalogue
from .model import Preset
from .schema import PresetFormatError

BUILTIN_DIR = Path(__file__).with_name("builtin")
_CACHE: Optional[Dict[str, Preset]] = None


def builtin_files() -> List[Path]:
    return sorted(BUILTIN_DIR.glob("*.json"))


def load_preset_file(path: Path, builtin: bool = False,
                     catalogue: Optional[Catalogue] = None) -> Preset:
    """One preset file; ``PresetFormatError`` names the file, the path in it and the field."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PresetFormatError([f"not UTF-8 text ({exc.reason})"], str(path)) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PresetFormatError(
            [f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"], str(path)
        ) from None
    return Preset.from_dict(doc, builtin=builtin, catalogue=catalogue, where=str(path))


def builtin_presets() -> Dict[str, Preset]:
    """All built-in presets by id, in file order (policy questions first)."""
    global _CACHE
    if _CACHE is None:
        catalogue = load_catalogue()
        presets: Dict[str, Preset] = {}
        for path in builtin_files():
            preset = load_preset_file(path, builtin=True, catalogue=catalogue)
            if preset.id in presets:
                raise PresetFormatError([f"id: duplicate built-in id {preset.id!r}"], str(path))
            presets[preset.id] = preset
        _CACHE = presets
    return dict(_CACHE)


def builtin_preset(preset_id: str) -> Preset:
    try:
        return builtin_presets()[preset_id]
    except KeyError:
        raise KeyError(f"no built-in preset '{preset_id}'") from None


def required_catalogue_entries() -> List[dict]:
    """The release statistics the built-in presets need, in the catalogue's own format.

    Singles use the household column name as id; each OR-combination is listed with its
    member columns. The privacy helper's default catalogue should contain all of these.
    """
    catalogue = load_catalogue()
    singles: Dict[str, dict] = {}
    ors: Dict[tuple, dict] = {}
    for preset in builtin_presets().values():
        recipe = preset.recipe
        columns = {}
        for spec in recipe.measures:
            src = catalogue[spec.indicator].resolve(spec.selection)
            if src.type == "release":
                columns[spec.id] = src.name
                singles.setdefault(src.name, {"id": src.name, "kind": "single",
                                              "column": src.name, "denominator": "huishoudens"})
        if recipe.or_combination is not None:
            cols = tuple(sorted("&".join(sorted(columns[m] for m in term))
                                for term in recipe.or_combination.terms))
            ors.setdefault(cols, {"id": recipe.or_combination.id, "kind": "or",
                                  "columns": list(cols), "denominator": "huishoudens"})
    return (
        [{"id": "huishoudens", "kind": "denominator"}]
        + [singles[k] for k in sorted(singles) if k != "huishoudens"]
        + [ors[k] for k in sorted(ors)]
    )
