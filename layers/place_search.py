"""Finding an address or place at the PDOK Locatieserver and zooming the map to it.

The lookup runs in a task (``locatieserver_task``); how it went is told in one
message. Only the text the user typed is sent, and only when the local postcode
index had no match.
"""
from __future__ import annotations

from typing import Callable, Optional

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QObject

from ..services.catalogue import load_geocoder
from ..services.locatieserver import Place, best_place
from .locatieserver_task import TIMEOUT, PlaceSearchTask

RD_NEW = "EPSG:28992"


def zoom_to_place(canvas, place: Place) -> None:
    """Centres the canvas on ``place`` (given in RD New) at the scale that suits its type."""
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(RD_NEW),
                                       canvas.mapSettings().destinationCrs(),
                                       QgsProject.instance())
    # A box of about a screen at that scale first, so an empty canvas has an extent to scale.
    half = place.scale * 0.1
    box = QgsRectangle(place.x - half, place.y - half, place.x + half, place.y + half)
    canvas.setExtent(transform.transformBoundingBox(box))
    canvas.setCenter(transform.transform(QgsPointXY(place.x, place.y)))
    canvas.zoomScale(place.scale)
    canvas.refresh()


class PlaceSearch(QObject):
    """One lookup at a time; ``message(text, level)`` tells the user how it went."""

    def __init__(self, canvas, message: Callable[[str, Qgis.MessageLevel], None],
                 parent: Optional[QObject] = None, endpoint: Optional[str] = None,
                 timeout: float = TIMEOUT) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.message = message
        self.endpoint = endpoint  # None: the geocoder URL from the services list
        self.timeout = timeout
        self.task: Optional[PlaceSearchTask] = None

    def search(self, text: str) -> Optional[PlaceSearchTask]:
        text = text.strip()
        if not text:
            return None
        self.cancel()
        try:
            endpoint = self.endpoint or load_geocoder().url
        except (OSError, ValueError) as error:
            self.message(self.tr("The services list names no usable Locatieserver: {}").format(
                error), Qgis.MessageLevel.Warning)
            return None
        task = PlaceSearchTask(endpoint, text, self.timeout)
        task.taskCompleted.connect(lambda: self._finished(task, text))
        task.taskTerminated.connect(lambda: self._finished(task, text))
        self.task = task
        QgsApplication.taskManager().addTask(task)
        return task

    def cancel(self) -> None:
        task, self.task = self.task, None
        if task is not None:
            task.cancel()

    def _finished(self, task: PlaceSearchTask, text: str) -> None:
        if task is not self.task:
            return  # cancelled here, or overtaken by a newer search
        self.task = None
        place = best_place(task.places)
        if place is not None:
            self._zoom(place)
        elif task.failure:
            self.message(self._failure(task, text), Qgis.MessageLevel.Warning)
        elif not task.isCanceled():
            self.message(self.tr("'{}' was found neither in the result layer nor at the PDOK "
                                 "Locatieserver.").format(text), Qgis.MessageLevel.Info)

    def _failure(self, task: PlaceSearchTask, text: str) -> str:
        if task.failure == "timeout":
            return self.tr("The PDOK Locatieserver did not answer within {} seconds; try again "
                           "later.").format(f"{task.timeout:g}")
        if task.failure == "refused":
            return self.tr("The PDOK Locatieserver refused the search: {}").format(task.detail)
        if task.failure == "unreadable":
            return self.tr("The PDOK Locatieserver gave an answer that cannot be read: "
                           "{}").format(task.detail)
        return self.tr("'{}' is not in the result layer, and the PDOK Locatieserver cannot be "
                       "reached now (offline?): {}").format(text, task.detail)

    def _zoom(self, place: Place) -> None:
        try:
            zoom_to_place(self.canvas, place)
        except QgsCsException as error:
            self.message(self.tr("Cannot show {} in the map's coordinate system: {}").format(
                place.label, error), Qgis.MessageLevel.Warning)
            return
        self.message(self.tr("Zoomed to {} (PDOK Locatieserver).").format(place.label),
                     Qgis.MessageLevel.Info)
