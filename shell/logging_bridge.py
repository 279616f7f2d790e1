"""One bridge from Python ``logging`` to the QGIS message log panel."""
from __future__ import annotations

import logging

from qgis.core import Qgis, QgsMessageLog

LOGGER_NAME = "ruimtelijke_kijk"
TAG = "Ruimtelijke Kijk"

_LEVELS = (
    (logging.ERROR, Qgis.MessageLevel.Critical),
    (logging.WARNING, Qgis.MessageLevel.Warning),
    (logging.NOTSET, Qgis.MessageLevel.Info),
)


class QgisLogHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        level = next(q for py, q in _LEVELS if record.levelno >= py)
        QgsMessageLog.logMessage(self.format(record), TAG, level)


def attach() -> QgisLogHandler:
    """Route the plugin's loggers to the message log; returns the handler to detach."""
    handler = QgisLogHandler()
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger = logging.getLogger(LOGGER_NAME)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


def detach(handler: QgisLogHandler) -> None:
    logging.getLogger(LOGGER_NAME).removeHandler(handler)
