"""Where user presets live in QGIS: in the project file and in the user profile.

Both are mappings of preset id → JSON text, the shape ``presets.store.PresetStore``
works over; validation and overwrite protection stay in that QGIS-free store.
"""
from __future__ import annotations

from typing import Iterator, MutableMapping

from qgis.core import QgsProject, QgsSettings

SCOPE = "ruimtelijke_kijk"
GROUP = "presets"


class ProjectPresets(MutableMapping):
    """Presets saved in the QGIS project (travel with the .qgz)."""

    def __init__(self, project: QgsProject | None = None) -> None:
        self.project = project or QgsProject.instance()

    def _key(self, preset_id: str) -> str:
        return f"{GROUP}/{preset_id}"

    def __getitem__(self, preset_id: str) -> str:
        text, found = self.project.readEntry(SCOPE, self._key(preset_id), "")
        if not found or not text:
            raise KeyError(preset_id)
        return text

    def __setitem__(self, preset_id: str, text: str) -> None:
        self.project.writeEntry(SCOPE, self._key(preset_id), text)

    def __delitem__(self, preset_id: str) -> None:
        if preset_id not in self:
            raise KeyError(preset_id)
        self.project.removeEntry(SCOPE, self._key(preset_id))

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.project.entryList(SCOPE, GROUP)))

    def __len__(self) -> int:
        return len(self.project.entryList(SCOPE, GROUP))

    def __contains__(self, preset_id: object) -> bool:
        return preset_id in self.project.entryList(SCOPE, GROUP)


class ProfilePresets(MutableMapping):
    """Presets saved in the user's QGIS profile (available in every project)."""

    def __init__(self, settings: QgsSettings | None = None) -> None:
        self.settings = settings or QgsSettings()

    def _key(self, preset_id: str) -> str:
        return f"{SCOPE}/{GROUP}/{preset_id}"

    def __getitem__(self, preset_id: str) -> str:
        text = self.settings.value(self._key(preset_id), "")
        if not text:
            raise KeyError(preset_id)
        return str(text)

    def __setitem__(self, preset_id: str, text: str) -> None:
        self.settings.setValue(self._key(preset_id), text)

    def __delitem__(self, preset_id: str) -> None:
        if preset_id not in self:
            raise KeyError(preset_id)
        self.settings.remove(self._key(preset_id))

    def _ids(self) -> list:
        self.settings.beginGroup(f"{SCOPE}/{GROUP}")
        try:
            return sorted(self.settings.childKeys())
        finally:
            self.settings.endGroup()

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids())

    def __len__(self) -> int:
        return len(self._ids())

    def __contains__(self, preset_id: object) -> bool:
        return preset_id in self._ids()


class ProjectAndProfilePresets(MutableMapping):
    """Saves to both the project and the profile; reads the project's version first."""

    def __init__(self, project: QgsProject | None = None,
                 settings: QgsSettings | None = None) -> None:
        self.parts = (ProjectPresets(project), ProfilePresets(settings))

    def __getitem__(self, preset_id: str) -> str:
        for part in self.parts:
            if preset_id in part:
                return part[preset_id]
        raise KeyError(preset_id)

    def __setitem__(self, preset_id: str, text: str) -> None:
        for part in self.parts:
            part[preset_id] = text

    def __delitem__(self, preset_id: str) -> None:
        if preset_id not in self:
            raise KeyError(preset_id)
        for part in self.parts:
            if preset_id in part:
                del part[preset_id]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(set().union(*(set(part) for part in self.parts))))

    def __len__(self) -> int:
        return len(set().union(*(set(part) for part in self.parts)))

    def __contains__(self, preset_id: object) -> bool:
        return any(preset_id in part for part in self.parts)
