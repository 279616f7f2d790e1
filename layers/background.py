"""Adding a background or reference service through QGIS's own providers, off the GUI thread.

Opening a WMS/WMTS/WFS layer asks the server for its capabilities; offline or for
a vanished service that can take long. The layer is therefore opened in a task and
only a valid layer is added; otherwise the user gets a clear message, never a hang.
"""
from __future__ import annotations

from typing import Callable, Optional

from qgis.core import (
    QgsApplication,
    QgsMapLayer,
    QgsProject,
    QgsRasterLayer,
    QgsTask,
    QgsVectorLayer,
)

from ..services.catalogue import Service


def open_service_layer(service: Service, language: str = "nl") -> QgsMapLayer:
    name = service.title(language)
    if service.provider == "WFS":
        return QgsVectorLayer(service.uri(), name, "WFS")
    return QgsRasterLayer(service.uri(), name, "wms")


class ServiceLayerTask(QgsTask):
    """Opens the layer in the background; ``layer`` is set when it is valid."""

    def __init__(self, service: Service, language: str = "nl") -> None:
        super().__init__(service.title(language), QgsTask.Flag.CanCancel)
        self.service = service
        self.language = language
        self.layer: Optional[QgsMapLayer] = None
        self.error = ""

    def run(self) -> bool:
        layer = open_service_layer(self.service, self.language)
        if not layer.isValid():
            self.error = layer.error().summary() or "invalid layer"
            return False
        layer.moveToThread(QgsApplication.instance().thread())
        self.layer = layer
        return not self.isCanceled()


def add_service(service: Service, on_done: Callable[[Optional[QgsMapLayer], str], None],
                language: str = "nl", project: Optional[QgsProject] = None) -> ServiceLayerTask:
    """Starts the task; ``on_done(layer, error)`` runs on the GUI thread afterwards.

    A valid layer is added at the bottom of the layer tree (it is a background).
    """
    task = ServiceLayerTask(service, language)
    target = project or QgsProject.instance()

    def finished() -> None:
        if task.layer is not None:
            target.addMapLayer(task.layer, False)
            target.layerTreeRoot().addLayer(task.layer)
        on_done(task.layer, task.error)

    task.taskCompleted.connect(finished)
    task.taskTerminated.connect(lambda: on_done(None, task.error or "cancelled"))
    QgsApplication.taskManager().addTask(task)
    return task
