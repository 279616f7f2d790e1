"""Invariant 1: municipal numbers reach the map side only through a protected release.

The map side (``workspace``, ``layers``, ``layouts``, ``dialogs``, ``services``) has no
code path that reads raw registrations: it neither imports the readers that can, nor
calls them when it meets a registrations file in a folder.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ruimtelijke_kijk.demo.generator import generate
from ruimtelijke_kijk.indicators.inputs import RecipeInputs
from ruimtelijke_kijk.presets.library import builtin_presets
from ruimtelijke_kijk.sources import registrations, tabular
from ruimtelijke_kijk.workspace.pipeline import build_question
from ruimtelijke_kijk.workspace.source_set import scan_folder

ROOT = Path(__file__).resolve().parents[2]
MAP_SIDE = ("workspace", "layers", "layouts", "dialogs", "services")
RAW_READERS = {"read_registrations", "run_release_job", "build_release", "ReleaseJob"}
RAW_MODULES = ("analyst", "privacy.builder", "sources.registrations")


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            yield (node.module or ""), [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []


@pytest.mark.parametrize("room", MAP_SIDE)
def test_map_side_does_not_import_raw_readers(room):
    for path in sorted((ROOT / room).glob("*.py")):
        for module, names in _imports(path):
            assert not any(module.endswith(raw) or f"{raw}." in module
                           for raw in RAW_MODULES), f"{path.name} imports {module}"
            assert not RAW_READERS & set(names), f"{path.name} imports {names}"


def test_a_release_is_the_only_municipal_input():
    with pytest.raises(TypeError, match="read_release"):
        RecipeInputs(release=object())


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    out = tmp_path_factory.mktemp("gate") / "gemeente"
    generate(out, size="small", seed=11)
    return out


def test_scanning_and_mapping_never_read_a_registrations_file(town, tmp_path, monkeypatch):
    registration_files = sorted((town / "registraties").glob("*.csv"))
    assert registration_files

    def refuse(path, *args, **kwargs):
        if Path(path).resolve() in {p.resolve() for p in registration_files}:
            raise AssertionError(f"the map side read {path}")
        return original_table(path, *args, **kwargs)

    original_table = tabular.read_table
    monkeypatch.setattr(tabular, "read_table", refuse)
    monkeypatch.setattr(registrations, "read_registrations",
                        lambda *a, **k: pytest.fail("read_registrations on the map side"))
    sources = scan_folder(town)
    assert {p for p, _ in sources.skipped} >= set(registration_files)
    outcome = build_question(builtin_presets()["schulden"], sources, 2024,
                             tmp_path / "schulden.gpkg")
    municipal = [m for m, info in outcome.measures.info.items()
                 if info.sensitivity == "municipal"]
    assert municipal == [], "without a release there is no municipal measure"
    assert any(p.code.startswith("missing") for p in outcome.problems)
