"""The request to the PDOK Locatieserver's free search, run as a task.

It goes through QGIS's network manager, so the user's proxy settings apply, and
gives up after a short timeout: offline, slow or unreadable answers end the task
with a named failure, never a hang.
"""
from __future__ import annotations

from typing import List

from qgis.core import QgsBlockingNetworkRequest, QgsFeedback, QgsTask
from qgis.PyQt.QtCore import QTimer, QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest

from ..services.locatieserver import LocatieserverError, Place, parse_places, search_url

TIMEOUT = 5.0  # seconds


class PlaceSearchTask(QgsTask):
    """Asks the free search for ``text``; sets ``places`` or ``failure`` and ``detail``.

    ``failure`` is "" on success, else "offline", "timeout", "refused" (an HTTP error
    from the server) or "unreadable".
    """

    def __init__(self, endpoint: str, text: str, timeout: float = TIMEOUT) -> None:
        super().__init__("PDOK Locatieserver", QgsTask.Flag.CanCancel)
        self.url = search_url(endpoint, text)
        self.timeout = timeout
        self.places: List[Place] = []
        self.failure = ""
        self.detail = ""
        self.feedback = QgsFeedback()
        self._expired = False

    def cancel(self) -> None:
        self.feedback.cancel()
        super().cancel()

    def _expire(self) -> None:
        self._expired = True
        self.feedback.cancel()

    def run(self) -> bool:
        request = QNetworkRequest(QUrl(self.url))
        # The timer fires inside the request's own event loop in this thread and aborts it.
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._expire())
        timer.start(int(self.timeout * 1000))
        network = QgsBlockingNetworkRequest()
        code = network.get(request, True, self.feedback)
        timer.stop()
        if self._expired:
            self.failure, self.detail = "timeout", ""
            return False
        if self.isCanceled():
            return False
        if code != QgsBlockingNetworkRequest.ErrorCode.NoError:
            status = network.reply().attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
            timed_out = code == QgsBlockingNetworkRequest.ErrorCode.TimeoutError
            self.failure = "refused" if status else "timeout" if timed_out else "offline"
            self.detail = network.errorMessage()
            return False
        try:
            self.places = parse_places(bytes(network.reply().content()))
        except LocatieserverError as error:
            self.failure, self.detail = "unreadable", str(error)
            return False
        return True
