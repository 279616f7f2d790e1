"""The legend classes of values that are not shown, and their wording.

Each reason keeps its own words, the same in the legend, the identify panel and
the praatplaat (whose legend is the layer's renderer):

* primary suppression: the cell holds fewer than the threshold;
* complement suppression: the cell holds all but fewer than the threshold (38 of
  40 households: the *rest* is small);
* secondary suppression: the cell itself may be large, it is hidden so that
  another cell cannot be worked out from it;
* hidden without a reason: in an area whose household count is hidden or small,
  the reason would narrow the count down;
* not published by CBS, and no data.

The wording carries no number other than the public threshold.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Tuple

from qgis.core import QgsFillSymbol
from qgis.PyQt.QtCore import QCoreApplication

from ..indicators.status import Status
from . import symbols


@dataclass(frozen=True)
class StatusClass:
    """One legend class for values that are not shown."""

    key: str  # the status it stands for, or "cbs" / "no_data" for a group
    role: str  # "privacy", "cbs" or "no_data"
    statuses: Tuple[str, ...]
    symbol: Callable[[], QgsFillSymbol]


HIDDEN_CLASSES = (
    StatusClass(Status.PRIMARY_SUPPRESSED.value, "privacy", (Status.PRIMARY_SUPPRESSED.value,),
                lambda: symbols.suppressed_fill("primary")),
    StatusClass(Status.COMPLEMENT_SUPPRESSED.value, "privacy",
                (Status.COMPLEMENT_SUPPRESSED.value,),
                lambda: symbols.suppressed_fill("complement")),
    StatusClass(Status.SECONDARY_SUPPRESSED.value, "privacy",
                (Status.SECONDARY_SUPPRESSED.value,),
                lambda: symbols.suppressed_fill("secondary")),
    StatusClass(Status.SUPPRESSED.value, "privacy", (Status.SUPPRESSED.value,),
                lambda: symbols.suppressed_fill("withheld")),
    StatusClass("cbs", "cbs", tuple(s.value for s in Status if s.is_cbs_unpublished),
                symbols.cbs_unpublished_fill),
    StatusClass("no_data", "no_data", (Status.NO_DATA.value,), symbols.no_data_fill),
)


def class_label(key: str, threshold: int) -> str:
    """The legend wording of the class ``key`` (see :data:`HIDDEN_CLASSES`)."""
    if key == Status.PRIMARY_SUPPRESSED.value:
        return QCoreApplication.translate("StatusLabel", "fewer than {} — not shown") \
            .format(threshold)
    if key == Status.COMPLEMENT_SUPPRESSED.value:
        return QCoreApplication.translate("StatusLabel", "all but fewer than {} — not shown") \
            .format(threshold)
    if key == Status.SECONDARY_SUPPRESSED.value:
        return QCoreApplication.translate("StatusLabel", "protects another figure — not shown")
    if key == Status.SUPPRESSED.value:
        return QCoreApplication.translate("StatusLabel", "small area or count hidden — not shown")
    if key == "cbs":
        return QCoreApplication.translate("StatusLabel", "not published by CBS")
    return QCoreApplication.translate("StatusLabel", "no data")


def class_of(status: Optional[str]) -> StatusClass:
    """The class a status that is not shown falls in; anything unknown is "no data"."""
    for status_class in HIDDEN_CLASSES:
        if status in status_class.statuses:
            return status_class
    return HIDDEN_CLASSES[-1]


def status_label(status: Optional[str], threshold: int) -> str:
    """The wording for a value that is not shown, as its legend class says it."""
    return class_label(class_of(status).key, threshold)
