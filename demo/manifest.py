"""manifest.json and LEESMIJ.txt: what was generated, and that it is synthetic."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .gpkg_io import sha256

GENERATOR = "ruimtelijke_kijk.demo 1"


@dataclass
class Manifest:
    """Description of a generated folder; ``files`` maps relative paths to sha256 and size."""

    seed: int
    size: str
    years: list[int]
    versions: dict[str, str]
    gemeentecode: str
    gemeenten: list[dict]
    counts: dict[str, dict]
    leefbaarometer_years: list[int]
    synthetic: bool = True
    generator: str = GENERATOR
    crs: str = "EPSG:28992"
    files: dict[str, dict] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    @classmethod
    def read(cls, path: Path) -> Manifest:
        """Read ``manifest.json`` from a generated folder (or the file itself)."""
        path = Path(path)
        if path.is_dir():
            path = path / "manifest.json"
        return cls(**json.loads(path.read_text(encoding="utf-8")))


LEESMIJ = """\
SYNTHETISCHE GEGEVENS — GEEN ECHTE GEMEENTE
===========================================

Deze map is gemaakt door de demogenerator van Ruimtelijke Kijk (seed {seed}, grootte {size}).
Alle gebieden, postcodes, CBS-achtige cijfers, huishoudens, voorzieningen en
leefbaarheidsscores zijn kunstmatig. Ze hebben dezelfde bestandsindeling als de echte
bronnen, zodat de plug-in ermee getest en gedemonstreerd kan worden, maar ze zeggen
niets over echte mensen of plaatsen. Gebruik ze niet voor beleid.

Gemeente(n): {gemeenten}
Jaren: {years}

SYNTHETIC DATA — NOT A REAL MUNICIPALITY
=======================================

This folder was made by the Ruimtelijke Kijk demo generator (seed {seed}, size {size}).
All areas, postcodes, CBS-style statistics, households, facilities and liveability
scores are artificial. They use the same file formats as the real sources so that the
plugin can be tested and demonstrated, but they describe no real people or places.
Do not use them for policy.
"""


def finish(root: Path, manifest: Manifest) -> Manifest:
    """Write LEESMIJ.txt, hash every file and write manifest.json."""
    names = ", ".join(f"{g['gemeentenaam']} ({g['gemeentecode']})" for g in manifest.gemeenten[:5])
    if len(manifest.gemeenten) > 5:
        names += f" en {len(manifest.gemeenten) - 5} andere"
    (root / "LEESMIJ.txt").write_text(
        LEESMIJ.format(seed=manifest.seed, size=manifest.size, gemeenten=names,
                       years=", ".join(map(str, manifest.years))), encoding="utf-8")
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != "manifest.json")
    manifest.files = {p.relative_to(root).as_posix(): {"sha256": sha256(p),
                                                       "bytes": p.stat().st_size}
                      for p in files}
    (root / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
    return manifest
