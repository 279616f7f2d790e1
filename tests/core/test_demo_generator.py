"""The demo generator as a whole: reproducible bytes, folder layout, labels, cancelling."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ruimtelijke_kijk.demo.generator import GenerationCancelled, generate

CONTRACT_FILES = [
    "manifest.json", "LEESMIJ.txt",
    "cbs/cbs_pc6_2022_vol.gpkg", "cbs/cbs_pc6_2023_vol.gpkg", "cbs/cbs_pc6_2024_v1.gpkg",
    "cbs/cbs_pc4_2022_vol.gpkg", "cbs/cbs_pc4_2023_vol.gpkg", "cbs/cbs_pc4_2024_v1.gpkg",
    "wijkbuurt/wijkenbuurten_2022.gpkg", "wijkbuurt/wijkenbuurten_2023.gpkg",
    "wijkbuurt/wijkenbuurten_2024.gpkg",
    "registraties/huishoudens_2022.csv", "registraties/huishoudens_2023.csv",
    "registraties/huishoudens_2024.csv",
    "voorzieningen/voorzieningen.gpkg", "voorzieningen/ov_haltes.csv",
    "leefbaarometer/grid100m.gpkg", "leefbaarometer/lbm3_grid_2022.csv",
    "leefbaarometer/lbm3_buurt_2022.csv", "leefbaarometer/lbm3_grid_2024.csv",
    "leefbaarometer/lbm3_buurt_2024.csv",
]


@pytest.fixture(scope="session")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.getbasetemp() / "demo_small_seed1"
    if not (out / "manifest.json").exists():
        generate(out, size="small", seed=1)
    return out


def _all_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_identical_bytes_and_another_seed_does_not(small, tmp_path):
    again = tmp_path / "again"
    generate(again, size="small", seed=1)
    first, second = _all_bytes(small), _all_bytes(again)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    other = tmp_path / "other"
    generate(other, size="small", seed=2)
    third = _all_bytes(other)
    changed = [name for name in first if first[name] != third.get(name)]
    # Every data file depends on the seed (LEESMIJ differs in its seed line too).
    assert set(changed) == set(first)


def test_folder_follows_the_data_contract(small):
    present = {p.relative_to(small).as_posix() for p in small.rglob("*") if p.is_file()}
    assert present == set(CONTRACT_FILES)
    manifest = json.loads((small / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True
    assert manifest["seed"] == 1 and manifest["size"] == "small"
    assert manifest["years"] == [2022, 2023, 2024]
    assert manifest["versions"] == {"2022": "vol", "2023": "vol", "2024": "v1"}
    assert manifest["gemeentecode"].startswith("GM") and len(manifest["gemeentecode"]) == 6
    assert set(manifest["files"]) == set(CONTRACT_FILES) - {"manifest.json"}
    assert all(len(f["sha256"]) == 64 for f in manifest["files"].values())


def test_everything_is_labelled_synthetic(small):
    text = (small / "LEESMIJ.txt").read_text(encoding="utf-8")
    assert "SYNTHETISCHE GEGEVENS" in text and "SYNTHETIC DATA" in text
    for gpkg in small.rglob("*.gpkg"):
        with sqlite3.connect(gpkg) as db:
            descriptions = [d for (d,) in db.execute("SELECT description FROM gpkg_contents")]
            metadata = " ".join(m for (m,) in db.execute("SELECT metadata FROM gpkg_metadata"))
        assert descriptions and all("SYNTHETIC" in d for d in descriptions), gpkg
        assert "synthetic" in metadata, gpkg


def test_progress_runs_to_100_and_cancel_leaves_nothing(tmp_path):
    seen = []
    generate(tmp_path / "ok", size="small", seed=3, progress=lambda p, m: seen.append(p))
    assert seen == sorted(seen) and seen[-1] == 100.0 and len(seen) >= 5

    calls = []

    def cancel_on_third() -> bool:
        calls.append(1)
        return len(calls) >= 3

    target = tmp_path / "cancelled"
    with pytest.raises(GenerationCancelled):
        generate(target, size="small", seed=3, is_cancelled=cancel_on_third)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok"]


def test_replaces_an_earlier_demo_but_never_a_users_folder(tmp_path):
    target = tmp_path / "out"
    generate(target, size="small", seed=4)
    generate(target, size="small", seed=5)
    assert json.loads((target / "manifest.json").read_text())["seed"] == 5
    users = tmp_path / "users"
    users.mkdir()
    (users / "kaart.qgz").write_text("mine")
    with pytest.raises(FileExistsError):
        generate(users, size="small", seed=1)
    assert [p.name for p in users.iterdir()] == ["kaart.qgz"]


def test_unknown_size_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown size"):
        generate(tmp_path / "x", size="huge")
    assert not (tmp_path / "x").exists()
