"""Make the repository importable as the package ``ruimtelijke_kijk`` from a script.

QGIS installs the plugin under the zip's folder name; a clone may be called
anything, so scripts register the root under the package name, as the tests do.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def register() -> None:
    if "ruimtelijke_kijk" in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(
        "ruimtelijke_kijk", ROOT / "__init__.py", submodule_search_locations=[str(ROOT)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["ruimtelijke_kijk"] = module
    spec.loader.exec_module(module)
