"""Test set-up shared by the QGIS-free and the QGIS suites.

The repository root is the plugin folder; QGIS installs it under the zip's
folder name. Tests import it as ``ruimtelijke_kijk`` whatever the clone folder
is called, so the package is registered here under that name.
"""
from __future__ import annotations

import importlib.abc
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class _BlockQgis(importlib.abc.MetaPathFinder):
    """Makes QGIS and Qt unimportable, to prove the QGIS-free rooms need neither."""

    BLOCKED = ("qgis", "PyQt5", "PyQt6", "sip")

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in self.BLOCKED:
            raise ImportError(f"{fullname} is blocked: this run proves the core is QGIS-free")
        return None


if os.environ.get("RK_NO_QGIS") == "1":
    sys.meta_path.insert(0, _BlockQgis())

# A hermetic QGIS profile: a developer's own settings never change results.
os.environ.setdefault("QGIS_CUSTOM_CONFIG_PATH", tempfile.mkdtemp(prefix="rk-qgis-profile-"))

if "ruimtelijke_kijk" not in sys.modules:
    _spec = importlib.util.spec_from_file_location(
        "ruimtelijke_kijk", ROOT / "__init__.py", submodule_search_locations=[str(ROOT)]
    )
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["ruimtelijke_kijk"] = _module
    _spec.loader.exec_module(_module)
