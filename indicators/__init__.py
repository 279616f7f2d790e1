"""Indicator catalogue and measure statuses (QGIS-free)."""
