"""A measure's published attributes as read back from the question layer.

The question layer holds only what came through the protected release (values
and statuses) and public area names, so a ranking made from it prints nothing
the map does not already show.
"""
from __future__ import annotations

import pandas as pd
from qgis.core import QgsFeatureRequest, QgsVectorLayer

NAME_FIELDS = {"buurtnaam": "buurt", "wijknaam": "wijk"}


def layer_measure(layer: QgsVectorLayer, measure: str) -> pd.DataFrame:
    """``measure``, ``measure__status`` and, when present, ``buurt`` and ``wijk`` names.

    Indexed by postcode-6; a NULL value stays missing (never 0).
    """
    status = f"{measure}__status"
    present = set(layer.fields().names())
    names = [name for name in NAME_FIELDS if name in present]
    wanted = ["postcode6", measure, status, *names]
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes(wanted, layer.fields())
    rows = [[_plain(feature[name]) for name in wanted] for feature in layer.getFeatures(request)]
    frame = pd.DataFrame(rows, columns=wanted).set_index("postcode6")
    frame[measure] = pd.to_numeric(frame[measure], errors="coerce")
    return frame.rename(columns=NAME_FIELDS)


def _plain(value):
    # QGIS gives NULL as a QVariant; pandas wants None.
    return None if value is None or (hasattr(value, "isNull") and value.isNull()) else value
