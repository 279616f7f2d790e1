"""The grid of a praatplaat page, in millimetres, for A4 and A3 landscape.

The grid is drawn for A4 and scaled for A3 (by √2), fonts included, so both
papers look the same from reading distance.
"""
from __future__ import annotations

from dataclasses import dataclass

PAPERS = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}  # landscape, mm


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width


# A4 landscape: header, map left, side column right, footer.
_MARGIN = 10.0
_A4_BOXES = {
    "title": Box(_MARGIN, 8.0, 277.0, 11.5),
    "subtitle": Box(_MARGIN, 19.5, 277.0, 6.5),
    "rule": Box(_MARGIN, 27.5, 277.0, 0.7),
    "map": Box(_MARGIN, 32.0, 182.0, 149.5),
    "side": Box(199.0, 32.0, 88.0, 149.5),
    "footer_rule": Box(_MARGIN, 185.0, 277.0, 0.25),
    "sources": Box(_MARGIN, 187.0, 80.0, 15.5),
    "privacy": Box(96.0, 187.0, 131.0, 15.5),
    "date": Box(232.0, 187.0, 55.0, 15.5),
}
# Font sizes in points on A4.
_A4_POINTS = {
    "title": 19.0,
    "subtitle": 11.0,
    "heading": 8.5,
    "figure_value": 15.0,
    "figure_label": 7.0,
    "legend": 7.5,
    "table": 7.0,
    "footer": 6.5,
    "scalebar": 6.5,
}


@dataclass(frozen=True)
class Sheet:
    """One paper size: page size, boxes and font sizes."""

    paper: str

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValueError(f"paper must be one of {sorted(PAPERS)}, not {self.paper!r}")

    @property
    def width(self) -> float:
        return PAPERS[self.paper][0]

    @property
    def height(self) -> float:
        return PAPERS[self.paper][1]

    @property
    def scale(self) -> float:
        return self.width / PAPERS["A4"][0]

    def box(self, name: str) -> Box:
        a4 = _A4_BOXES[name]
        s = self.scale
        return Box(a4.x * s, a4.y * s, a4.width * s, a4.height * s)

    def points(self, role: str) -> float:
        return round(_A4_POINTS[role] * self.scale, 1)

    def mm(self, a4_mm: float) -> float:
        """A length drawn for A4, on this paper."""
        return a4_mm * self.scale
