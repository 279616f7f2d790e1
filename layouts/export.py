"""Writing a layout to PDF and PNG, all or nothing.

Each file is exported under a temporary name beside its target and renamed
only when every requested file succeeded, so a failed or cancelled export
leaves no half file (and never replaces a good one with a broken one).
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Callable, Optional

from qgis.core import Qgis, QgsLayoutExporter, QgsPrintLayout, QgsRenderContext
from qgis.PyQt.QtCore import QCoreApplication, QSize

PDF_DPI = 300
PNG_DPI = 150


class PraatplaatExportError(RuntimeError):
    """The praatplaat could not be written; no output file was left behind."""


def _always_text():
    """Text stays text in the PDF: selectable, searchable and sharp."""
    formats = getattr(Qgis, "TextRenderFormat", None)
    if formats is not None and hasattr(formats, "AlwaysText"):
        return formats.AlwaysText
    return QgsRenderContext.TextRenderFormat.TextFormatAlwaysText


def _pdf(exporter: QgsLayoutExporter, path: Path):
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = PDF_DPI
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = True
    settings.exportMetadata = False  # the project's author and keywords stay private
    settings.appendGeoreference = False
    settings.textRenderFormat = _always_text()
    return exporter.exportToPdf(str(path), settings)


def _png(exporter: QgsLayoutExporter, path: Path, dpi: float):
    # Rendered and saved here rather than by exportToImage, which would try to
    # write georeferencing into the PNG (GDAL cannot, and says so on stderr).
    image = exporter.renderPageToImage(0, QSize(), dpi)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    saved = not image.isNull() and image.save(str(path), "PNG")
    return QgsLayoutExporter.ExportResult.Success if saved \
        else QgsLayoutExporter.ExportResult.FileError


def _temporary(target: Path) -> Path:
    # Same folder, so the rename is atomic; a dot name, so file browsers hide it.
    return target.with_name(f".{target.stem}.{uuid.uuid4().hex[:8]}.part{target.suffix}")


def export_layout(layout: QgsPrintLayout, out_pdf: Path, out_png: Optional[Path] = None,
                  png_dpi: float = PNG_DPI,
                  is_cancelled: Callable[[], bool] = lambda: False) -> Path:
    """Writes ``out_pdf`` (and ``out_png``); returns ``out_pdf``.

    Raises :class:`PraatplaatExportError` on failure or cancellation; then no
    target was created or changed.
    """
    targets = [(Path(out_pdf), _pdf)]
    if out_png is not None:
        targets.append((Path(out_png), lambda exporter, path: _png(exporter, path, png_dpi)))
    exporter = QgsLayoutExporter(layout)
    written: list[tuple[Path, Path]] = []
    try:
        for target, export in targets:
            if is_cancelled():
                raise PraatplaatExportError(
                    QCoreApplication.translate("Praatplaat", "The export was cancelled."))
            temporary = _temporary(target)
            written.append((temporary, target))
            result = export(exporter, temporary)
            if result != QgsLayoutExporter.ExportResult.Success or not temporary.is_file():
                raise PraatplaatExportError(QCoreApplication.translate(
                    "Praatplaat", "Could not write the praatplaat to {}.").format(target))
        if is_cancelled():
            raise PraatplaatExportError(
                QCoreApplication.translate("Praatplaat", "The export was cancelled."))
        for temporary, target in written:
            os.replace(temporary, target)
        return Path(out_pdf)
    finally:
        for temporary, _target in written:
            try:
                temporary.unlink(missing_ok=True)
            except OSError:  # its folder was never there: nothing was written
                pass
