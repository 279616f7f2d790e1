"""Project conventions that keep the plugin ready for Qt6 / QGIS 4 and the core QGIS-free.

Fails (exit 1) on: PyQt5/PyQt6 imports instead of qgis.PyQt, ``exec_(``, unscoped Qt
or QGIS enum values (bare members rather than ``Qt.AlignmentFlag.AlignLeft``),
compiled resources, QGIS/Qt imports in the QGIS-free rooms, and tr() calls that the
translation tools cannot see.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QGIS_FREE_ROOMS = ("indicators", "privacy", "presets", "sources", "demo", "workspace", "analyst",
                   "services")

DIRECT_QT = re.compile(r"^\s*(from|import)\s+(PyQt5|PyQt6|PySide2|PySide6)\b", re.M)
EXEC_UNDERSCORE = re.compile(r"\.exec_\(")
QGIS_IMPORT = re.compile(r"^\s*(from|import)\s+(qgis|PyQt5|PyQt6|sip)\b", re.M)
COMPILED_RESOURCES = re.compile(
    r"qRegisterResourceData|^\s*(from\s+\S+\s+)?import\s+resources(_rc)?\b", re.M
)
# pylupdate5 finds only tr("...") with a double-quoted literal outside f-strings.
HIDDEN_TR = re.compile(r"""\btr\(\s*'|\btranslate\([^)]*,\s*'""")
# Class.Member not followed by another attribute or a call: a candidate enum value.
ENUM_USE = re.compile(
    r"\b(Qt|Q[A-Z][A-Za-z0-9]*|Qgs[A-Za-z0-9]*|Qgis)\.([A-Z][A-Za-z0-9_]*)\b(?![.(\w])"
)


def python_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.split()
    return [ROOT / f for f in listed if (ROOT / f).is_file()]


def _qt_namespace() -> dict:
    from qgis import core, gui
    from qgis.PyQt import QtCore, QtGui, QtWidgets

    names: dict = {}
    for module in (QtCore, QtGui, QtWidgets, core, gui):
        names.update(vars(module))
    return names


def _is_unscoped_enum_value(owner, member: str) -> bool:
    value = getattr(owner, member, None)
    # sip enum values are int subclasses; scoped access goes through the enum class.
    return isinstance(value, int) and type(value) not in (int, bool)


def check() -> list[str]:
    problems: list[str] = []
    namespace = _qt_namespace()
    for path in python_files():
        rel = path.relative_to(ROOT)
        text = path.read_text(encoding="utf-8")
        for line_no, line in enumerate(text.splitlines(), start=1):
            where = f"{rel}:{line_no}"
            if DIRECT_QT.match(line):
                problems.append(f"{where}: import Qt through qgis.PyQt, not directly")
            if EXEC_UNDERSCORE.search(line):
                problems.append(f"{where}: use exec(), not exec_()")
            if rel.parts[0] != "scripts" and COMPILED_RESOURCES.search(line):
                problems.append(f"{where}: compiled Qt resources; load icons by path")
            if rel.parts[0] in QGIS_FREE_ROOMS and QGIS_IMPORT.match(line):
                problems.append(f"{where}: the {rel.parts[0]}/ room must not import QGIS or Qt")
            if rel.parts[0] != "tests" and HIDDEN_TR.search(line):
                problems.append(f"{where}: tr() with a single-quoted string is never "
                                "translated (pylupdate5 skips it); use double quotes")
            for owner_name, member in ENUM_USE.findall(line):
                owner = namespace.get(owner_name)
                if owner is not None and _is_unscoped_enum_value(owner, member):
                    problems.append(f"{where}: unscoped enum {owner_name}.{member}")
        if path.name in ("resources_rc.py", "resources.py"):
            problems.append(f"{rel}: compiled resources file")
    return problems


if __name__ == "__main__":
    found = check()
    for problem in found:
        print(problem)
    print(f"conventions: {len(found)} problem(s)")
    sys.exit(1 if found else 0)
