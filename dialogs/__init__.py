"""Widgets of the Ruimtelijke Kijk panel (QGIS shell)."""
