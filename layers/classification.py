"""Class breaks for published values, with QGIS's own classification methods."""
from __future__ import annotations

from typing import Sequence

from qgis.core import (
    QgsClassificationEqualInterval,
    QgsClassificationJenks,
    QgsClassificationPrettyBreaks,
    QgsClassificationQuantile,
)

METHODS = {
    "quantile": QgsClassificationQuantile,
    "jenks": QgsClassificationJenks,
    "equal": QgsClassificationEqualInterval,
    "pretty": QgsClassificationPrettyBreaks,
}


def class_bounds(
    values: Sequence[float], method: str, classes: int, manual: Sequence[float] = ()
) -> list[tuple[float, float]]:
    """(lower, upper) per class over the published values only.

    ``manual`` gives the inner breaks for the "manual" method. Duplicate bounds
    (many equal values) are merged, so a class never covers an empty range twice.
    """
    published = sorted(float(v) for v in values)
    if not published:
        return []
    if method == "manual":
        edges = [published[0]] + sorted(float(b) for b in manual) + [published[-1]]
        edges = sorted(set(e for e in edges if published[0] <= e <= published[-1]))
    else:
        if method not in METHODS:
            raise ValueError(f"unknown classification method: {method}")
        ranges = METHODS[method]().classes(published, max(1, classes))
        edges = [ranges[0].lowerBound()] + [r.upperBound() for r in ranges] if ranges else []
    edges = sorted(set(edges))
    if len(edges) == 1:
        return [(edges[0], edges[0])]
    return list(zip(edges[:-1], edges[1:]))
