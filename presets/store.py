"""User presets: serialise to and from JSON text and files, and keep them in a key-value store.

The store works over any ``MutableMapping[str, str]`` of preset id to JSON text. Here that is
a dict or a folder; the QGIS shell supplies mappings over project custom properties and
``QgsSettings``, so the rules below (validation, no silent overwrite, built-ins read-only)
hold wherever a preset is kept.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterator, List, MutableMapping, Optional

from .library import builtin_presets, load_preset_file
from .model import Preset
from .schema import PresetFormatError


class PresetExistsError(FileExistsError):
    """A preset or file with this name exists; pass ``overwrite=True`` to replace it."""


class BuiltinPresetError(PermissionError):
    """Built-in presets are read-only; adapt one under a new id instead."""


def preset_to_json(preset: Preset) -> str:
    """Human-readable JSON text in the document's own key order."""
    return json.dumps(preset.to_dict(), ensure_ascii=False, indent=2) + "\n"


def preset_from_json(text: str, where: str = "") -> Preset:
    """A user preset from JSON text; ``PresetFormatError`` says what is wrong and where."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PresetFormatError(
            [f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"], where
        ) from None
    return Preset.from_dict(doc, builtin=False, where=where)


def export_preset(preset: Preset, path: Path, overwrite: bool = False) -> Path:
    """Write one preset to a file; never replaces an existing file unless ``overwrite``."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise PresetExistsError(f"{path}: file exists (overwrite=True replaces it)")
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(preset_to_json(preset), encoding="utf-8")
    tmp.replace(path)  # a half-written preset file is never left behind
    return path


def import_preset(path: Path) -> Preset:
    """Read a preset file as a user preset (validated)."""
    return load_preset_file(Path(path), builtin=False)


class DirectoryMapping(MutableMapping[str, str]):
    """Preset id -> JSON text, one ``<id>.json`` file per preset in a folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        if not key.isidentifier():
            raise KeyError(f"not a preset id: {key!r}")
        return self.folder / f"{key}.json"

    def __getitem__(self, key: str) -> str:
        path = self._path(key)
        if not path.exists():
            raise KeyError(key)
        return path.read_text(encoding="utf-8")

    def __setitem__(self, key: str, value: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(key)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(value, encoding="utf-8")
        tmp.replace(path)

    def __delitem__(self, key: str) -> None:
        path = self._path(key)
        if not path.exists():
            raise KeyError(key)
        path.unlink()

    def __iter__(self) -> Iterator[str]:
        if not self.folder.exists():
            return iter(())
        return iter(sorted(p.stem for p in self.folder.glob("*.json")))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class PresetStore:
    """User presets over a mapping of id -> JSON text, with the built-ins alongside, read-only."""

    def __init__(self, backend: Optional[MutableMapping[str, str]] = None,
                 builtins: Optional[Callable[[], dict]] = None) -> None:
        self.backend: MutableMapping[str, str] = {} if backend is None else backend
        self._builtins = builtins or builtin_presets

    def ids(self) -> List[str]:
        """Built-in ids first, then user ids."""
        return list(self._builtins()) + sorted(self.backend)

    def user_ids(self) -> List[str]:
        return sorted(self.backend)

    def get(self, preset_id: str) -> Preset:
        builtins = self._builtins()
        if preset_id in builtins:
            return builtins[preset_id]
        if preset_id not in self.backend:
            raise KeyError(f"no preset '{preset_id}'")
        return preset_from_json(self.backend[preset_id], where=f"preset '{preset_id}'")

    def save(self, preset: Preset, overwrite: bool = False) -> None:
        """Store a user preset. Refuses built-in ids always, existing ids unless ``overwrite``."""
        if preset.id in self._builtins():
            raise BuiltinPresetError(
                f"'{preset.id}' is a built-in preset and read-only; save it under a new id"
            )
        if preset.id in self.backend and not overwrite:
            raise PresetExistsError(f"a preset '{preset.id}' exists (overwrite=True replaces it)")
        # Re-validate: a Preset could have been built from an older catalogue.
        text = preset_to_json(preset)
        preset_from_json(text, where=f"preset '{preset.id}'")
        self.backend[preset.id] = text

    def delete(self, preset_id: str) -> None:
        if preset_id in self._builtins():
            raise BuiltinPresetError(f"'{preset_id}' is a built-in preset and cannot be deleted")
        del self.backend[preset_id]

    def import_file(self, path: Path, overwrite: bool = False) -> Preset:
        """Read, validate and store a preset file; returns the stored preset."""
        preset = import_preset(path)
        self.save(preset, overwrite=overwrite)
        return preset

    def export_file(self, preset_id: str, path: Path, overwrite: bool = False) -> Path:
        return export_preset(self.get(preset_id), path, overwrite=overwrite)
