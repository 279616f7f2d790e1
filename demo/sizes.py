"""The sizes a demo municipality (or a synthetic country) can be generated at."""
from __future__ import annotations

from dataclasses import dataclass

YEARS = (2022, 2023, 2024)
# CBS fills each reference year in over several releases; the newest year is still v1.
VERSIONS = {2022: "vol", 2023: "vol", 2024: "v1"}


@dataclass(frozen=True)
class TownSpec:
    """One synthetic municipality: counts of areas at each level."""

    postcodes: int  # land postcode-6 areas, approximately
    pc4_groups: int
    wijken: int
    buurten: int  # land buurten; water buurten come on top
    households_per_postcode: float = 18.0
    lake: bool = True


@dataclass(frozen=True)
class SizeSpec:
    """A named size: one town, or many towns written one after another."""

    name: str
    towns: tuple[TownSpec, ...]


SMALL = TownSpec(postcodes=300, pc4_groups=3, wijken=3, buurten=8, lake=False)
DEMO = TownSpec(postcodes=5000, pc4_groups=20, wijken=10, buurten=40)


def _national() -> tuple[TownSpec, ...]:
    # 93 towns of varying size adding up to about 465,000 postcode-6 areas.
    sizes = [2500 + (i * 2731) % 5000 for i in range(93)]
    scale = 465_000 / sum(sizes)
    towns = []
    for n in sizes:
        n = int(round(n * scale))
        towns.append(TownSpec(postcodes=n, pc4_groups=max(4, round(n / 250)),
                              wijken=max(3, round(n / 500)), buurten=max(8, round(n / 125))))
    return tuple(towns)


def size_spec(name: str) -> SizeSpec:
    """The spec for ``small``, ``demo`` or ``national``."""
    if name == "small":
        return SizeSpec("small", (SMALL,))
    if name == "demo":
        return SizeSpec("demo", (DEMO,))
    if name == "national":
        return SizeSpec("national", _national())
    raise ValueError(f"unknown size {name!r}: choose small, demo or national")
