"""The QGIS-free rooms import with QGIS and Qt made unimportable (make test-core)."""
from __future__ import annotations

import importlib
import os
import pkgutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROOMS = ("indicators", "privacy", "presets", "sources", "demo", "workspace", "analyst", "services")


def _modules() -> list[str]:
    names = []
    for room in ROOMS:
        names.append(f"ruimtelijke_kijk.{room}")
        for info in pkgutil.walk_packages([str(ROOT / room)], prefix=f"ruimtelijke_kijk.{room}."):
            names.append(info.name)
    return names


def test_this_run_blocks_qgis():
    if os.environ.get("RK_NO_QGIS") != "1":
        pytest.fail("run the core suite with RK_NO_QGIS=1 (make test-core)")
    with pytest.raises(ImportError):
        importlib.import_module("qgis.core")
    with pytest.raises(ImportError):
        importlib.import_module("PyQt5.QtCore")


@pytest.mark.parametrize("module", _modules())
def test_room_module_imports_without_qgis(module):
    importlib.import_module(module)
